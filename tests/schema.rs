//! The runbook schema in the repository: `assets/runbook.schema.json` is
//! exactly what the Rust types generate (regenerate it with
//! `UPDATE_SCHEMA=1 cargo test --test schema`), and every bundled runbook,
//! the template and the test fixtures validate against it.

mod schema_check;

use std::fs;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let generated = firedrill::core::runbook::json_schema();
    let file = root().join("assets/runbook.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        fs::write(&file, &generated).expect("write the schema");
    }
    let committed = fs::read_to_string(&file).expect("assets/runbook.schema.json exists");
    assert!(
        committed == generated,
        "assets/runbook.schema.json is stale: run UPDATE_SCHEMA=1 cargo test --test schema"
    );
}

#[test]
fn every_bundled_runbook_validates_against_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("assets/runbook.schema.json")).expect("schema"))
            .expect("the schema is JSON");
    let mut files: Vec<_> = ["runbooks", "tests/fixtures", "tests/fixtures/preflight"]
        .iter()
        .flat_map(|d| fs::read_dir(root().join(d)).expect("folder").flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.push(root().join("assets/runbook-template.toml"));
    assert!(files.len() >= 10, "{files:?}");
    for path in files {
        let text = fs::read_to_string(&path).expect("runbook");
        let value: toml::Value = toml::from_str(&text).expect("TOML");
        let json = serde_json::to_value(value).expect("as JSON");
        let errors = schema_check::validate(&schema, &json);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_schema_refuses_what_the_parser_refuses() {
    let schema: serde_json::Value =
        serde_json::from_str(&firedrill::core::runbook::json_schema()).expect("the schema is JSON");
    let base = fs::read_to_string(root().join("runbooks/onboarding-signup.toml")).expect("runbook");
    for (bad, why) in [
        (base.replace("timebox = \"30m\"", "timebox = \"30 minutes\""), "pattern"),
        (base.replace("timebox = \"30m\"", "timebox = 30"), "type"),
        (base.replace("owner = \"growth-oncall\"", "ownr = \"growth-oncall\""), "additional"),
        (base.replace("safe = \"off\"", "safe = 3"), "type"),
        (base.replace("safe = \"off\"", "safe = \"maybe\""), "enum"),
        (base.replace("version = 1", "version = 2"), "maximum"),
        (format!("{base}\n[[steps]]\nkind = \"rollback\"\n"), "const"),
        (format!("{base}\n[backup]\npractice_every = \"90 days\"\n"), "pattern"),
    ] {
        let value: toml::Value = toml::from_str(&bad).expect("TOML");
        let errors = schema_check::validate(&schema, &serde_json::to_value(value).expect("JSON"));
        assert!(errors.iter().any(|e| e.contains(why)), "expected a {why} error, got {errors:?}");
    }
}

#[test]
fn the_template_with_its_commented_sections_uncommented_is_valid() {
    let text = fs::read_to_string(root().join("assets/runbook-template.toml")).expect("template");
    let uncommented: String = text
        .lines()
        .filter(|l| !l.starts_with("# firedrill"))
        .flat_map(|l| [l.strip_prefix("# ").unwrap_or(l), "\n"])
        .collect();
    assert!(uncommented.contains("[backup]\n") || uncommented.contains("[backup] "), "{uncommented}");
    let rb = firedrill::core::runbook::Runbook::parse("template.toml", &uncommented)
        .expect("the uncommented template parses");
    let backup = rb.backup.as_ref().expect("[backup] is shown");
    assert!(backup.probe.is_some() && backup.window.is_some() && backup.practice_every.is_some());
    assert!(backup.access_probe.is_some(), "backup access");
    let redeploy = rb.redeploy.as_ref().expect("[redeploy] is shown");
    assert!(
        redeploy.command.is_some()
            && redeploy.health.is_some()
            && redeploy.plan_b.is_some()
            && !redeploy.env.is_empty()
    );
    assert!(rb.roles.is_some(), "[roles] is shown");
    assert!(rb.migration.as_ref().is_some_and(|m| !m.phases.is_empty()), "the change plan is shown");
    assert!(rb.release.config.is_some() && rb.checks()[0].signal.is_some());
    let flag = rb.flags[0].get_ref();
    assert!(flag.lives_in.is_some() && flag.who.is_some() && flag.takes_effect.is_some());
}

/// What the parser and the schema say of one file: (check accepts, the
/// schema accepts, the schema's errors).
fn both(path: &Path) -> (bool, bool, Vec<String>) {
    let text = fs::read_to_string(path).expect("fixture");
    let checked = firedrill::core::runbook::Runbook::parse("rb.toml", &text).is_ok();
    let schema: serde_json::Value =
        serde_json::from_str(&firedrill::core::runbook::json_schema()).expect("the schema is JSON");
    let value: toml::Value = toml::from_str(&text).expect("TOML");
    let errors = schema_check::validate(&schema, &serde_json::to_value(value).expect("JSON"));
    (checked, errors.is_empty(), errors)
}

#[test]
fn check_and_the_schema_agree_on_the_change_plan_redeploy_and_roles_fixtures() {
    let valid = root().join("tests/fixtures/plan-and-redeploy.toml");
    let (checked, schema, errors) = both(&valid);
    assert!(checked && schema, "both accept every new field: check {checked}, schema {errors:?}");
    for name in ["env-value", "bad-signal"] {
        let (checked, schema, errors) = both(&root().join(format!("runbooks/invalid/{name}.toml")));
        assert!(!checked && !schema, "{name}: check {checked}, schema {schema}: {errors:?}");
    }
    // Variants of the valid fixture that both refuse, one field each.
    let text = fs::read_to_string(&valid).expect("fixture");
    let tmp = tempfile::tempdir().expect("tmp");
    for (from, to) in [
        ("takes_effect = \"1m\"", "takes_effect = \"fast\""),
        ("runtime = \"JVM 21\"", "runtime = \"JVM 21\"\nversion_file = \".java-version\""),
        ("driver = [\"Ana\", \"Ben\"]", "driver = \"Ana\""),
        ("phase = \"expand\"", "phase = \"sideways\""),
        ("wait = \"1d\"", "wait = \"one day\""),
        ("\"sat-sun\"", "\"the weekend\""),
        ("known_good_config = \"orders-config v41\"", "known_good_config = 41"),
    ] {
        assert!(text.contains(from), "{from}");
        let path = tmp.path().join("variant.toml");
        fs::write(&path, text.replacen(from, to, 1)).expect("variant");
        let (checked, schema, errors) = both(&path);
        assert!(!checked && !schema, "{to}: check {checked}, schema {schema}: {errors:?}");
    }
    // The one rule JSON Schema cannot say is the order of the phases: check
    // refuses it alone; the window that does not read, both refuse.
    let (checked, schema, _) = both(&root().join("runbooks/invalid/phase-order.toml"));
    assert!(!checked && !schema);
    let order_only = fs::read_to_string(root().join("runbooks/invalid/phase-order.toml"))
        .expect("fixture")
        .replace("risky_hours = [\"friday afternoon\"]\n", "");
    let path = tmp.path().join("order.toml");
    fs::write(&path, order_only).expect("order only");
    let (checked, schema, _) = both(&path);
    assert_eq!((checked, schema), (false, true), "phase-order is check's alone");
}
