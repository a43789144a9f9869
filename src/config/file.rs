//! Reads the text of `config.toml` into located raw settings, collecting
//! every structural mistake (unknown key, wrong type) rather than stopping
//! at the first. Pure: no file system, no environment.

use toml::de::{DeTable, DeValue};

use super::ConfigError;
use crate::core::duration::HumanDuration;
use crate::core::runbook::Location;

/// The top-level keys a config file may hold, in the order `config --print` shows them.
pub const TOP_KEYS: [&str; 6] = ["runbooks", "out", "update_every", "team", "theme", "keys"];

/// A value as written in the file, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where its key is (1-based line and column).
    pub at: Location,
}

/// One `[keys.CONTEXT] action = ["key", ...]` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLine {
    /// The keymap context (`drill`, `home`...).
    pub context: Located<String>,
    /// The action name as written.
    pub action: Located<String>,
    /// The key names, each located.
    pub keys: Vec<Located<String>>,
}

/// Everything a config file says, before the keys and styles are checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawConfig {
    /// `runbooks = "DIR"`: the home screen's folder.
    pub runbooks: Option<Located<String>>,
    /// `out = "DIR"`: where postmortems go.
    pub out: Option<Located<String>>,
    /// `update_every = "15m"`: the status update cadence when a runbook sets none.
    pub update_every: Option<Located<HumanDuration>>,
    /// `team = ["Ana", ...]`: names offered on the roles screen.
    pub team: Option<Located<Vec<String>>>,
    /// `[theme] name = "style"` lines.
    pub theme: Vec<(Located<String>, Located<String>)>,
    /// `[keys.CONTEXT]` lines.
    pub keys: Vec<KeyLine>,
}

/// Walks the TOML of a config file; `path` only labels errors. Returns
/// what could be read with every structural problem found, so the keys
/// and styles are still checked beside them.
///
/// # Errors
/// A syntax error alone (nothing after it can be read).
pub fn read(path: &str, text: &str) -> Result<(RawConfig, Vec<ConfigError>), Vec<ConfigError>> {
    let doc = DeTable::parse(text).map_err(|e| {
        let at = Location::of(text, e.span().map_or(0, |s| s.start));
        vec![ConfigError::at(path, at, e.message().trim())]
    })?;
    let mut w = Walk { path, text, errors: Vec::new(), raw: RawConfig::default() };
    for (key, value) in doc.get_ref() {
        let at = w.loc(key.span().start);
        match key.get_ref().as_ref() {
            "runbooks" => w.raw.runbooks = w.string(value, "runbooks", at),
            "out" => w.raw.out = w.string(value, "out", at),
            "update_every" => {
                w.raw.update_every =
                    w.string(value, "update_every", at).and_then(|s| match HumanDuration::parse(&s.value) {
                        Ok(d) => Some(Located { value: d, at }),
                        Err(e) => {
                            w.fail(at, format!("update_every: {e}"));
                            None
                        }
                    });
            }
            "team" => {
                w.raw.team =
                    w.strings(value, "team").map(|v| Located { value: v.into_iter().map(|s| s.value).collect(), at });
            }
            "theme" => w.theme(value),
            "keys" => w.keys(value),
            other => {
                let allowed = TOP_KEYS.map(|k| format!("`{k}`")).join(", ");
                w.fail(at, format!("unknown key `{other}`{} (allowed: {allowed})", did_you_mean(other, &TOP_KEYS)));
            }
        }
    }
    Ok((w.raw, w.errors))
}

/// `: did you mean `x`?` when a candidate is close to `word`, else nothing.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!(": did you mean `{c}`?"))
        .unwrap_or_default()
}

struct Walk<'a> {
    path: &'a str,
    text: &'a str,
    errors: Vec<ConfigError>,
    raw: RawConfig,
}

type Value<'a> = toml::Spanned<DeValue<'a>>;

impl Walk<'_> {
    fn loc(&self, offset: usize) -> Location {
        Location::of(self.text, offset)
    }

    fn fail(&mut self, at: Location, message: impl AsRef<str>) {
        self.errors.push(ConfigError::at(self.path, at, message.as_ref()));
    }

    fn string(&mut self, value: &Value<'_>, name: &str, at: Location) -> Option<Located<String>> {
        if let DeValue::String(s) = value.get_ref() {
            Some(Located { value: s.to_string(), at })
        } else {
            let where_ = self.loc(value.span().start);
            self.fail(where_, format!("{name}: expected a string in quotes"));
            None
        }
    }

    fn strings(&mut self, value: &Value<'_>, name: &str) -> Option<Vec<Located<String>>> {
        let DeValue::Array(items) = value.get_ref() else {
            let where_ = self.loc(value.span().start);
            self.fail(where_, format!("{name}: expected a list of strings such as [\"a\", \"b\"]"));
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            let at = self.loc(item.span().start);
            if let DeValue::String(s) = item.get_ref() {
                out.push(Located { value: s.to_string(), at });
            } else {
                self.fail(at, format!("{name}: expected a string in quotes"));
            }
        }
        Some(out)
    }

    fn table<'t, 'v>(&mut self, value: &'t Value<'v>, name: &str) -> Option<&'t DeTable<'v>> {
        if let DeValue::Table(t) = value.get_ref() {
            Some(t)
        } else {
            let where_ = self.loc(value.span().start);
            self.fail(where_, format!("{name}: expected a table such as [{name}]"));
            None
        }
    }

    fn theme(&mut self, value: &Value<'_>) {
        let Some(table) = self.table(value, "theme") else { return };
        for (key, style) in table {
            let at = self.loc(key.span().start);
            let name = key.get_ref().to_string();
            if let Some(s) = self.string(style, &format!("theme.{name}"), at) {
                let value_at = self.loc(style.span().start);
                self.raw.theme.push((Located { value: name, at }, Located { value: s.value, at: value_at }));
            }
        }
    }

    fn keys(&mut self, value: &Value<'_>) {
        let Some(contexts) = self.table(value, "keys") else { return };
        for (context, actions) in contexts {
            let context = Located { value: context.get_ref().to_string(), at: self.loc(context.span().start) };
            let Some(actions) = self.table(actions, &format!("keys.{}", context.value)) else { continue };
            for (action, keys) in actions {
                let at = self.loc(action.span().start);
                let action = Located { value: action.get_ref().to_string(), at };
                let name = format!("keys.{}.{}", context.value, action.value);
                if let Some(keys) = self.strings(keys, &name) {
                    self.raw.keys.push(KeyLine { context: context.clone(), action, keys });
                }
            }
        }
    }
}
