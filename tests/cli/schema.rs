//! The runbook schema in the repository: `assets/runbook.schema.json` is
//! exactly what the Rust types generate (regenerate it with
//! `UPDATE_SCHEMA=1 cargo test --test schema`), and a real JSON Schema
//! validator (the `jsonschema` crate, formats checked) gives every runbook
//! fixture the verdict `firedrill check` gives: valid or invalid.
//!
//! A file that is not TOML (a syntax error, a key written twice) has no
//! data for a schema to judge: the test asserts `check` refuses it with a
//! located error, and counts it apart.

use std::fs;
use std::path::{Path, PathBuf};

use firedrill::store::check::{Checked, check};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("assets/runbook.schema.json")).expect("schema"))
            .expect("the schema is JSON");
    jsonschema::draft7::options().should_validate_formats(true).build(&schema).expect("a valid draft-07 schema")
}

/// What the schema says of the runbook at `path`: `None` when it is not
/// TOML, else every error (empty: valid).
fn schema_errors(v: &jsonschema::Validator, path: &Path) -> Option<Vec<String>> {
    let value: toml::Value = toml::from_str(&fs::read_to_string(path).expect("runbook")).ok()?;
    let json = serde_json::to_value(value).expect("TOML as JSON");
    Some(v.iter_errors(&json).map(|e| format!("{}: {e}", e.instance_path())).collect())
}

fn check_valid(path: &Path) -> bool {
    matches!(check(path, chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"), false), Checked::Loaded { .. })
}

/// Every runbook fixture: bundled, invalid, the template and the tests'
/// (not their configs or decks, which are other files).
fn fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("folder").flatten() {
            let p = entry.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if p.is_dir() && name != "config" && name != "decks" {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "toml") {
                out.push(p);
            }
        }
    }
    let mut out = vec![root().join("assets/runbook-template.toml")];
    for dir in ["runbooks", "tests/fixtures"] {
        walk(&root().join(dir), &mut out);
    }
    out.sort();
    out
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
fn the_schema_and_check_agree_on_every_runbook_fixture() {
    let v = validator();
    let (mut agreed, mut not_toml, mut invalid) = (0, 0, 0);
    for path in fixtures() {
        let valid = check_valid(&path);
        invalid += usize::from(!valid);
        match schema_errors(&v, &path) {
            None => {
                assert!(!valid, "{}: not TOML, yet check accepts it", path.display());
                not_toml += 1;
            }
            Some(errors) => {
                assert_eq!(errors.is_empty(), valid, "{}: check valid = {valid}, schema: {errors:#?}", path.display());
                agreed += 1;
            }
        }
    }
    println!("schema vs check: {agreed} agreed, {not_toml} not TOML (check refuses them), {invalid} invalid in all");
    assert!(agreed >= 30 && not_toml == 2 && invalid >= 21, "{agreed} {not_toml} {invalid}");
}

/// One change to the bundled onboarding runbook, and whether `check`
/// accepts the result.
const CHANGES: &[(&str, &str, bool)] = &[
    ("title = \"Onboarding release broke sign-ups\"", "title = \"\"", false),
    ("title = \"Onboarding release broke sign-ups\"", "title = \"   \"", false),
    ("timebox = \"30m\"", "timebox = \"\"", false),
    ("timebox = \"30m\"", "timebox = \"0s\"", false),
    ("timebox = \"30m\"", "timebox = \"25h\"", false),
    ("timebox = \"30m\"", "timebox = \"24h1s\"", false),
    ("timebox = \"30m\"", "timebox = \"24h\"", true),
    ("timebox = \"30m\"", "timebox = \"1h90m\"", true),
    ("timebox = \"30m\"", "timebox = \" 90s \"", true),
    ("timebox = \"30m\"", "timebox = \"30 minutes\"", false),
    ("timebox = \"30m\"", "timebox = 30", false),
    ("owner = \"growth-oncall\"", "ownr = \"growth-oncall\"", false),
    ("safe = \"off\"", "safe = \"maybe\"", false),
    ("safe = \"off\"", "safe = \"on\"", true),
    ("version = 1", "version = 2", false),
    ("live = \"prod-2026-11-03.2\"", "live = \" \"", false),
    ("signal = \"sign-up failures\"", "signal = \"\"", false),
    ("name = \"onboarding_v2\"", "name = \"\"", false),
    ("name = \"Sign in with an existing test account\"", "name = \"\"", false),
    ("[\"./scripts/smoke.sh\", \"signup\"]", "[]", false),
    ("[\"./scripts/smoke.sh\", \"signup\"]", "[\" \", \"signup\"]", false),
    ("[\"./scripts/smoke.sh\", \"signup\"]", "\"./scripts/smoke.sh signup\"", false),
    ("channel = \"#inc-signup\"", "channel = \"#inc-signup\"\nnotify = []", false),
    ("channel = \"#inc-signup\"", "channel = \"#inc-signup\"\nnotify = [\"chatctl\", \"post\"]", true),
    ("channel = \"#inc-signup\"", "channel = \"#inc-signup\"\nredact = [\"token=([\"]", false),
    ("channel = \"#inc-signup\"", "channel = \"#inc-signup\"\nredact = [\"acct-[0-9]{6}\"]", true),
    ("channel = \"#inc-signup\"", "channel = \"#inc-signup\"\nupdate_every = \"3000000000h\"", false),
    ("owner = \"growth-oncall\"", "owner = \"growth-oncall\"\nprobe = []", false),
    ("owner = \"growth-oncall\"", "owner = \"growth-oncall\"\nknown_good_probe = [\"\"]", false),
];

/// Sections appended to the runbook, and whether `check` accepts them.
const APPENDED: &[(&str, bool)] = &[
    ("[backup]\nrestored_last = \"2026-10-02\"", true),
    ("[backup]\nrestored_last = \"never\"", true),
    ("[backup]\nrestored_last = \"last spring\"", false),
    ("[backup]\nrestored_last = \"2026-02-30\"", false),
    ("[backup]\nrestored_last = \"2028-02-29\"", true),
    ("[backup]\nrestored_last = \"2026-1-2\"", false),
    ("[backup]\npractice_every = \"90d\"", true),
    ("[backup]\npractice_every = \"3651d\"", false),
    ("[backup]\npractice_every = \"90 days\"", false),
    ("[backup]\nwindow = \"1d12h\"", true),
    ("[backup]\nwindow = \"1d24h\"", false),
    ("[backup]\nprobe = [\"\"]", false),
    ("[[steps]]\nkind = \"rollback\"", false),
    ("[[steps]]\nkind = \"revert\"\ntarget = \"0m\"", false),
    ("[[steps]]\nkind = \"revert\"\nowner = \"captain\"", false),
    ("[[steps]]\nkind = \"revert\"\ndo = [{ text = \"Deploy\", command = [] }]", false),
    ("[[steps]]\nkind = \"revert\"\ndo = [\"Deploy\", { text = \"Run\", command = [\"deployctl\"] }]", true),
    ("[migration]\nphase = \"contract\"", true),
    ("[migration]\nphase = \"halfway\"", false),
    ("[[injects]]\ntitle = \"\"\nat = \"1m\"", false),
    ("[[injects]]\ntitle = \"CI is down\"\nat = \"0s\"", false),
];

#[test]
fn the_schema_refuses_what_check_refuses_field_by_field() {
    let v = validator();
    let base = fs::read_to_string(root().join("runbooks/onboarding-signup.toml")).expect("runbook");
    let dir = tempfile::tempdir().expect("temp dir");
    let changed = CHANGES.iter().map(|(from, to, ok)| {
        assert!(base.contains(from), "{from}");
        (base.replacen(from, to, 1), *ok)
    });
    let appended = APPENDED.iter().map(|(section, ok)| (format!("{base}\n{section}\n"), *ok));
    for (n, (text, ok)) in changed.chain(appended).enumerate() {
        let path = dir.path().join(format!("case-{n}.toml"));
        fs::write(&path, &text).expect("write");
        assert_eq!(check_valid(&path), ok, "check on case {n}:\n{text}");
        let errors = schema_errors(&v, &path).expect("TOML");
        assert_eq!(errors.is_empty(), ok, "schema on case {n}: {errors:?}\n{text}");
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
    let errors = schema_errors(&validator(), path).unwrap_or_default();
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
