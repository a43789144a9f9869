//! The runbook's JSON Schema (draft-07, for taplo and Even Better TOML),
//! generated from the Rust types with `schemars`, so the committed
//! `assets/runbook.schema.json` cannot drift from what the parser reads.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};

use super::Runbook;
use crate::core::duration::HumanDuration;
use crate::core::period::Period;

/// The schema as pretty JSON ending in one newline: what
/// `assets/runbook.schema.json` holds.
pub fn json_schema() -> String {
    let mut schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<Runbook>();
    schema.insert("title".into(), "firedrill runbook (schema version 1)".into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

impl JsonSchema for HumanDuration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A duration like 90s, 2m or 1h30m: hours, minutes, seconds in that order; more than zero, at most 24h.",
            "pattern": "^\\s*([0-9]+h)?([0-9]+m)?([0-9]+s)?\\s*$",
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
            "pattern": "^\\s*([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?\\s*$",
            "examples": ["90d", "1d", "1d12h"]
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_names_every_section_and_refuses_unknown_keys() {
        let v: serde_json::Value = serde_json::from_str(&super::json_schema()).expect("valid JSON");
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
}
