//! `firedrill config --print`: the effective configuration as TOML that
//! could be saved as a config file, each value followed by where it came
//! from (a flag, the environment, a config line, or the default).

use std::fmt::Write as _;
use std::path::Path;

use super::{Chosen, Config, theme};
use crate::core::sanitize::sanitize_line;

/// A value's source, as `config --print` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag, such as `--out`.
    Flag(&'static str),
    /// An environment variable, such as `FIREDRILL_DIR`.
    Env(&'static str),
    /// A line of the config file.
    Line(usize),
    /// The built-in default, with a word on what it is.
    Default(&'static str),
}

impl Origin {
    fn show(&self) -> String {
        match self {
            Self::Flag(f) => format!("from {f}"),
            Self::Env(v) => format!("from ${v}"),
            Self::Line(l) => format!("from config line {l}"),
            Self::Default("") => "default".to_owned(),
            Self::Default(what) => format!("default: {what}"),
        }
    }
}

fn quoted(text: &str) -> String {
    crate::core::sanitize::toml_string(text)
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|i| quoted(i)).collect::<Vec<_>>().join(", "))
}

/// Renders `cfg` with the folders as resolved by the caller (`runbooks`
/// and `out`, each with its source; `out` is `None` without a home folder).
pub fn render(cfg: &Config, runbooks: (&Path, &Origin), out: Option<(&Path, &Origin)>) -> String {
    let mut s = String::new();
    match &cfg.path {
        Some((p, chosen)) => {
            let how = match chosen {
                Chosen::Flag => "chosen by --config",
                Chosen::Env => "chosen by $FIREDRILL_CONFIG",
                Chosen::Default => "the default location",
            };
            let state = if cfg.read { "read" } else { "not found, defaults used" };
            let _ = writeln!(s, "# config file: {} ({how}; {state})", sanitize_line(&p.display().to_string()));
        }
        None => s.push_str("# config file: none (no home folder found; defaults used)\n"),
    }
    let line = |s: &mut String, key: &str, value: String, src: &Origin| {
        let _ = writeln!(s, "{key} = {value}  # {}", src.show());
    };
    line(&mut s, "runbooks", quoted(&runbooks.0.display().to_string()), runbooks.1);
    match out {
        Some((p, src)) => line(&mut s, "out", quoted(&p.display().to_string()), src),
        None => s.push_str("# out: none (no home folder found): pass --out DIR\n"),
    }
    match &cfg.update_every {
        Some(u) => {
            line(&mut s, "update_every", quoted(&u.value.to_string()), &Origin::Line(u.line));
            s.push_str("# update_every applies to runbooks that set none (recorded in each journal)\n");
        }
        None => s.push_str("# update_every: not set; each runbook's own, else 30m in an incident and 10m in a drill\n"),
    }
    match &cfg.team {
        Some(t) => line(&mut s, "team", list(&t.value), &Origin::Line(t.line)),
        None => line(&mut s, "team", "[]".to_owned(), &Origin::Default("")),
    }
    s.push_str("\n[theme]\n");
    let mut theme = cfg.theme;
    for name in theme::NAMES {
        let style = theme::slot(&mut theme, name).map(|st| theme::show_style(*st)).unwrap_or_default();
        let src =
            cfg.theme_lines.iter().find(|(n, _)| n == name).map_or(Origin::Default(""), |(_, l)| Origin::Line(*l));
        line(&mut s, name, quoted(&style), &src);
    }
    for context in cfg.keymap.contexts() {
        let _ = write!(s, "\n[keys.{context}]\n");
        for action in cfg.keymap.actions(context) {
            let src = cfg.key_lines.get(&(context, action)).map_or(Origin::Default(""), |l| Origin::Line(*l));
            line(&mut s, &action.name(), list(cfg.keymap.keys_of(context, action)), &src);
        }
    }
    s
}
