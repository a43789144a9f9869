//! A small JSON Schema (draft-07) validator for the keywords `schemars`
//! writes in the runbook schema, so the test can check runbooks against
//! the committed file without a large validator crate. A keyword it does
//! not know is reported as an error, never skipped silently.

use serde_json::Value;

/// Keywords that describe and never constrain.
const ANNOTATIONS: &[&str] = &["$schema", "title", "description", "default", "examples", "format", "definitions"];

/// Every way `value` breaks `schema` (the root, holding `definitions`).
pub fn validate(schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, value, "", &mut errors);
    errors
}

fn type_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn check(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let Some(rules) = schema.as_object() else { return };
    for (key, rule) in rules {
        let mut fail = |why: String| errors.push(format!("{at}: {key}: {why}"));
        match key.as_str() {
            k if ANNOTATIONS.contains(&k) => {}
            "type" => {
                let found = type_of(value);
                let ok = |t: &Value| t == found || (t == "number" && found == "integer");
                let allowed = rule.as_array().map_or_else(|| ok(rule), |ts| ts.iter().any(ok));
                if !allowed {
                    fail(format!("type {found} is not {rule}"));
                }
            }
            "$ref" => {
                let name = rule.as_str().and_then(|r| r.strip_prefix("#/definitions/")).unwrap_or_default();
                match root["definitions"].get(name) {
                    Some(target) => check(root, target, value, at, errors),
                    None => fail(format!("unresolved {rule}")),
                }
            }
            "properties" => {
                if let (Some(props), Some(obj)) = (rule.as_object(), value.as_object()) {
                    for (name, v) in obj {
                        if let Some(p) = props.get(name) {
                            check(root, p, v, &format!("{at}.{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let (Some(obj), Some(props)) = (value.as_object(), schema["properties"].as_object()) {
                    for name in obj.keys().filter(|n| !props.contains_key(*n)) {
                        if rule == false {
                            fail(format!("additional property {name} is not allowed"));
                        }
                    }
                }
            }
            "required" => {
                if let (Some(names), Some(obj)) = (rule.as_array(), value.as_object()) {
                    for n in names.iter().filter_map(Value::as_str).filter(|n| !obj.contains_key(*n)) {
                        fail(format!("{n} is required"));
                    }
                }
            }
            "items" => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    check(root, rule, item, &format!("{at}[{i}]"), errors);
                }
            }
            "minItems" => {
                if value.as_array().is_some_and(|a| (a.len() as u64) < rule.as_u64().unwrap_or(0)) {
                    fail("too few items".to_owned());
                }
            }
            "minimum" | "maximum" => {
                if let (Some(v), Some(limit)) = (value.as_f64(), rule.as_f64())
                    && ((key == "minimum" && v < limit) || (key == "maximum" && v > limit))
                {
                    fail(format!("{v} is past {limit}"));
                }
            }
            "const" => {
                if value != rule {
                    fail(format!("{value} is not {rule}"));
                }
            }
            "enum" => {
                if !rule.as_array().is_some_and(|a| a.contains(value)) {
                    fail(format!("{value} is not one of {rule}"));
                }
            }
            "pattern" => {
                let re = regex::Regex::new(rule.as_str().unwrap_or_default()).expect("the schema's pattern compiles");
                if value.as_str().is_some_and(|s| !re.is_match(s)) {
                    fail(format!("{value} does not match {rule}"));
                }
            }
            "allOf" | "anyOf" | "oneOf" => {
                if let Some(why) = combine(root, key, rule, value, at) {
                    fail(why);
                }
            }
            other => fail(format!("unknown schema keyword {other}")),
        }
    }
}

/// `allOf` (every one), `anyOf` (at least one), `oneOf` (exactly one):
/// why `value` fails the combination, or `None`.
fn combine(root: &Value, key: &str, rule: &Value, value: &Value, at: &str) -> Option<String> {
    let subs = rule.as_array().cloned().unwrap_or_default();
    let results: Vec<Vec<String>> = subs
        .iter()
        .map(|s| {
            let mut e = Vec::new();
            check(root, s, value, at, &mut e);
            e
        })
        .collect();
    let passed = results.iter().filter(|e| e.is_empty()).count();
    let ok = match key {
        "allOf" => passed == subs.len(),
        "anyOf" => passed >= 1,
        _ => passed == 1,
    };
    (!ok).then(|| format!("{passed} of {} matched: {:?}", subs.len(), results.concat()))
}
