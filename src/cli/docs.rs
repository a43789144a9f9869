//! `firedrill completions SHELL` and `firedrill schema`: the completion
//! scripts are generated from the one clap definition in
//! [`crate::cli::Cli`], the schema from the runbook's Rust types, so
//! neither drifts. The man pages are `cli::man`.

use std::io::Write as _;

use clap::CommandFactory as _;

use crate::cli::Cli;

/// The command completions are generated from: the clap definition, with
/// one change for zsh, whose `_arguments` takes the word after `actions`
/// as the optional folder before it can be a subcommand (so `actions
/// export --<TAB>` offered the list's flags): zsh completes the
/// subcommands there, and the list's folder is typed (`close` and
/// `export` take theirs as `--dir`, which completes).
fn for_completion(shell: clap_complete::Shell) -> clap::Command {
    let cmd = Cli::command();
    if shell != clap_complete::Shell::Zsh {
        return cmd;
    }
    // Hiding the folder is not enough: zsh's script counts every positional.
    cmd.mut_subcommand("actions", |a| {
        let without = clap::Command::new("actions")
            .about(a.get_about().cloned().unwrap_or_default())
            .args(a.get_arguments().filter(|arg| arg.get_id() != "dir").cloned())
            .subcommands(a.get_subcommands().cloned());
        without.args_conflicts_with_subcommands(true)
    })
}

/// Writes the completion script for `shell` to standard output.
///
/// # Errors
/// When standard output cannot be written.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut cmd = for_completion(shell);
    // Into memory first: the generator panics when its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "firedrill", &mut script);
    print_bytes(&script)
}

/// Writes `bytes` to standard output; a reader that went away (`| head`)
/// is not an error.
///
/// # Errors
/// Any other write error.
pub fn print_bytes(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Writes the runbook's JSON Schema (what `assets/runbook.schema.json`
/// holds, and what `firedrill new` writes beside a new runbook).
///
/// # Errors
/// When standard output cannot be written.
pub fn schema() -> anyhow::Result<()> {
    print_bytes(crate::cli::files::SCHEMA.as_bytes())
}
