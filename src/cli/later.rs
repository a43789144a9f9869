//! A command's arguments built only when that command is the one given:
//! clap builds every command's arguments before it reads the first word,
//! which cost each start about 300 µs for twenty commands where one is
//! used (docs/design.md, "First frame"). `Command::defer` runs the builder
//! when clap needs that command: to parse it, for its help, or when the
//! whole tree is built for completions and man pages.

use clap::{ArgMatches, Args, Command, FromArgMatches};

/// The arguments `T` of one command, added to it only when it is built.
#[derive(Debug)]
pub struct Later<T>(pub T);

impl<T: Args> Args for Later<T> {
    fn augment_args(cmd: Command) -> Command {
        cmd.defer(|cmd| keep_words(cmd, T::augment_args))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        cmd.defer(|cmd| keep_words(cmd, T::augment_args_for_update))
    }

    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

/// `add` applied to `cmd`, keeping the command's own about texts, unset
/// ones included: the arguments struct's doc comment would replace them,
/// since a deferred builder runs after the command's other settings.
fn keep_words(cmd: Command, add: fn(Command) -> Command) -> Command {
    let about = cmd.get_about().cloned();
    let long = cmd.get_long_about().cloned();
    let cmd = add(cmd);
    let cmd = match about {
        Some(about) => cmd.about(about),
        None => cmd.about(None::<&'static str>),
    };
    match long {
        Some(long) => cmd.long_about(long),
        None => cmd.long_about(None::<&'static str>),
    }
}

impl<T: FromArgMatches> FromArgMatches for Later<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Self)
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Self)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    use crate::cli::Cli;

    fn has_long(cmd: &clap::Command, long: &str) -> bool {
        cmd.get_arguments().any(|a| a.get_long() == Some(long))
    }

    /// A command's arguments are added when it is built, not before; its
    /// about text is the command's, not its arguments struct's doc comment.
    #[test]
    fn arguments_come_when_the_command_is_built_and_keep_its_words() {
        let root = Cli::command();
        let drill = root.find_subcommand("drill").expect("drill");
        assert!(!has_long(drill, "live-commands"), "built before it was needed");
        let mut root = root;
        root.build();
        let drill = root.find_subcommand("drill").expect("drill");
        assert!(has_long(drill, "live-commands") && has_long(drill, "driver"));
        assert_eq!(
            drill.get_about().map(ToString::to_string).as_deref(),
            Some("Rehearse a rollback: time-box, targets, pause allowed")
        );
        let preflight = root.find_subcommand("preflight").expect("preflight");
        assert!(preflight.get_long_about().is_some_and(|l| l.to_string().contains("Exit 0 when all pass")));
    }
}
