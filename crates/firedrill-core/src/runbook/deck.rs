//! A deck: inject cards kept in their own file (`--injects FILE`), so the
//! team does not read them in the runbook beforehand. Same `[[injects]]`
//! as a runbook's, an optional `name`, errors at `path:line:col` like a
//! runbook's. The journal keeps the deck's text, so a session with a deck
//! replays from the journal alone.

use schemars::JsonSchema;
use serde::Deserialize;

use super::inject::{Inject, check};
use super::{Runbook, RunbookError, locate};

/// A parsed deck of inject cards, checked against the runbook it is used with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    /// The deck's name, e.g. "Checkout surprises": drills with the same
    /// deck are compared with each other. The file stem when absent.
    pub name: Option<String>,
    /// The cards, in the order `i` fires them.
    #[serde(default)]
    pub injects: Vec<Inject>,
}

impl Deck {
    /// Parses deck `text` (read from `path`, which labels errors and names
    /// the deck when it sets no `name`) and checks its effects against `rb`.
    ///
    /// # Errors
    /// Every [`RunbookError`] found: TOML syntax, unknown keys (with a "did
    /// you mean"), wrong types, a deck without cards, an empty title, and an
    /// effect naming a check, kill switch or probe the runbook lacks.
    pub fn parse(path: &str, text: &str, rb: &Runbook) -> Result<Self, Vec<RunbookError>> {
        let deck: Self = toml::from_str(text).map_err(|e| vec![locate::from_toml(path, text, &e)])?;
        let mut errors = Vec::new();
        if deck.injects.is_empty() {
            errors.push(
                RunbookError::at(path, text, 0, Some("injects"), "a deck needs at least one [[injects]] card")
                    .with_code("required"),
            );
        }
        errors.extend(check(&deck.injects, rb, path, text));
        if errors.is_empty() { Ok(deck) } else { Err(errors) }
    }

    /// The deck's key for comparing drills: its `name`, else the file stem of `path`.
    pub fn key(&self, path: &str) -> String {
        match self.name.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => name.to_owned(),
            _ => super::runbook_key(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUNBOOK: &str = r#"
version = 1
title = "Checkout"
[release]
live = "prod-2"
known_good = "prod-1"
[[triggers]]
signal = "errors"
[[flags]]
name = "new_checkout"
[[checks]]
name = "Pay"
"#;

    fn rb() -> Runbook {
        Runbook::parse("rb.toml", RUNBOOK).expect("runbook")
    }

    fn errors(text: &str) -> Vec<String> {
        Deck::parse("deck.toml", text, &rb()).err().unwrap_or_default().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_deck_holds_cards_with_effects_on_the_runbooks_names() {
        let text = "name = \"Checkout surprises\"\n[[injects]]\ntitle = \"Flag service down\"\nat = \"3s\"\nstuck_flag = \"new_checkout\"\n[[injects]]\ntitle = \"Sandbox down\"\non = \"verify\"\nfail_check = \"Pay\"\n";
        let deck = Deck::parse("decks/q4.toml", text, &rb()).expect("valid deck");
        assert_eq!(deck.injects.len(), 2);
        assert_eq!(deck.key("decks/q4.toml"), "Checkout surprises");
        let unnamed = Deck { name: None, ..deck };
        assert_eq!(unnamed.key("decks/q4.toml"), "q4", "the file stem");
    }

    #[test]
    fn deck_errors_are_located_and_name_the_field() {
        assert_eq!(
            errors("[[injects]]\ntitle = \"x\"\natt = \"3s\"\n"),
            vec![
                "deck.toml:3:1: injects[1].att: unknown key `att`: did you mean `at`? (allowed: `title`, `text`, `at`, `on`, `fail_check`, `stuck_flag`, `probe_reports`)"
            ]
        );
        assert_eq!(
            errors(
                "[[injects]]\ntitle = \"x\"\nstuck_flag = \"old_checkout\"\nfail_check = \"Refund\"\nprobe_reports = \"prod-9\"\n"
            ),
            vec![
                "deck.toml:3:14: injects[1].stuck_flag: no kill switch named \"old_checkout\" in the runbook (its flags: \"new_checkout\")",
                "deck.toml:4:14: injects[1].fail_check: no check named \"Refund\" in the runbook (its checks: \"Pay\")",
                "deck.toml:5:17: injects[1].probe_reports: the runbook has no release.probe: there is no probe to report a wrong release",
            ]
        );
        assert_eq!(
            errors("name = \"empty\"\n"),
            vec!["deck.toml:1:1: injects: a deck needs at least one [[injects]] card"]
        );
        assert_eq!(errors("[[injects]\n").len(), 1, "a syntax error, located");
    }
}
