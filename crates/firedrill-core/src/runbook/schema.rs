//! The runbook's JSON Schema (draft-07, for taplo, Even Better TOML and
//! any JSON Schema validator), generated from the Rust types with
//! `schemars`, so the committed `assets/runbook.schema.json` cannot drift
//! from what the parser reads. The rules `check` enforces beyond types are
//! carried too: non-blank names (`pattern`), required lists (`minItems`),
//! durations, periods and dates (generated patterns, see [`patterns`]), and
//! commands: every list of strings is an argv whose first item names a
//! program, except the lists in [`NOT_ARGV`], so a new command field is
//! constrained without touching this file.
//!
//! Left to `check`, as no JSON Schema can say them: a field naming another
//! (an inject card's check or kill switch), one override per step and
//! decision, the sum of a duration mixing units (`23h120m`), and the
//! dialect of a `redact` expression (the schema asks for a regular
//! expression; `check` compiles it as Rust's `regex` does).

mod patterns;

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use serde_json::{Map, Value};

pub(super) use patterns::{NON_BLANK, ONE_WORD, date_or_never};

use super::Runbook;
use crate::duration::HumanDuration;
use crate::period::Period;

/// The lists of strings in a runbook that are not commands: `redact`
/// (regular expressions) and `release.watch` (metrics to watch). Every
/// other list of strings is an argv.
pub const NOT_ARGV: &[&str] =
    &["redact", "watch", "env", "services", "environments", "risky_hours", "driver", "communicator", "verifier"];

/// The schema as pretty JSON ending in one newline: what
/// `assets/runbook.schema.json` holds.
pub fn json_schema() -> String {
    let mut schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<Runbook>();
    schema.insert("title".into(), "firedrill runbook (schema version 1)".into());
    if let Some(root) = schema.as_object_mut() {
        constrain_commands(root);
    }
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Makes every list-of-strings property of `node` and of its definitions
/// (but [`NOT_ARGV`]) an argv: at least one item, the first naming a program.
fn constrain_commands(node: &mut Map<String, Value>) {
    if let Some(Value::Object(props)) = node.get_mut("properties") {
        for (name, prop) in props.iter_mut() {
            if NOT_ARGV.contains(&name.as_str()) {
                continue;
            }
            if let Value::Object(prop) = prop
                && prop.get("items") == Some(&serde_json::json!({ "type": "string" }))
            {
                prop.insert("minItems".into(), 1.into());
                let program = serde_json::json!({
                    "type": "string",
                    "pattern": NON_BLANK,
                    "description": "The program to run (not blank), then its arguments."
                });
                prop.insert("items".into(), Value::Array(vec![program]));
                prop.insert("additionalItems".into(), serde_json::json!({ "type": "string" }));
            }
        }
    }
    if let Some(Value::Object(defs)) = node.get_mut("definitions") {
        for def in defs.values_mut() {
            if let Value::Object(def) = def {
                constrain_commands(def);
            }
        }
    }
}

impl JsonSchema for HumanDuration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A duration like 90s, 2m or 1h30m: hours, minutes, seconds in that order; more than zero, at most 24h.",
            "pattern": patterns::duration(),
            "examples": ["30m", "90s", "1h30m"]
        })
    }
}

impl JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A duration in days, then hours, minutes, seconds under a day: 90d, 7d, 12h, 1d12h; more than zero, at most 3650d.",
            "pattern": patterns::period(),
            "examples": ["90d", "1d", "1d12h"]
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    fn schema() -> Value {
        serde_json::from_str(&super::json_schema()).expect("valid JSON")
    }

    #[test]
    fn the_schema_names_every_section_and_refuses_unknown_keys() {
        let v = schema();
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(v["additionalProperties"], false);
        let required = v["required"].as_array().expect("required keys");
        for key in ["version", "title", "release", "triggers", "checks"] {
            assert!(required.iter().any(|r| r == key), "{key} not required");
        }
        assert_eq!(v["properties"]["timebox"]["default"], "30m");
        assert!(v["definitions"]["Backup"]["properties"]["practice_every"].is_object());
        assert_eq!(v["definitions"]["Backup"]["additionalProperties"], false);
    }

    #[test]
    fn every_list_of_strings_is_a_command_but_redact_and_watch() {
        let v = schema();
        let check = &v["definitions"]["Check"]["properties"]["command"];
        assert_eq!(check["minItems"], 1);
        assert_eq!(check["items"][0]["pattern"], super::NON_BLANK);
        for argv in [&v["properties"]["notify"], &v["definitions"]["Release"]["properties"]["probe"]] {
            assert_eq!(argv["minItems"], 1, "{argv}");
        }
        assert_eq!(v["properties"]["redact"]["items"]["type"], "string");
        assert!(v["properties"]["redact"].get("minItems").is_none());
        assert!(v["definitions"]["Release"]["properties"]["watch"].get("minItems").is_none());
    }

    #[test]
    fn descriptions_stand_alone() {
        let text = super::json_schema();
        // Any file name (`.md`) or issue: the schema points at nothing outside.
        for outside in [".md", "issue "] {
            assert!(!text.contains(outside), "the schema cites {outside}");
        }
    }
}
