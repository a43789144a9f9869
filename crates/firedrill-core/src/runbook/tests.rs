use super::*;

const VALID: &str = r#"version = 1
title = "T"
[release]
live = "a"
known_good = "b"
[[triggers]]
signal = "s"
[[checks]]
name = "c"
"#;

fn errors(text: &str) -> Vec<String> {
    Runbook::parse("rb.toml", text).err().unwrap_or_default().iter().map(ToString::to_string).collect()
}

#[test]
fn a_minimal_runbook_parses_with_defaults() {
    let rb = Runbook::parse("rb.toml", VALID).expect("valid");
    assert_eq!(rb.timebox.0.as_secs(), 30 * 60);
    assert_eq!(rb.known_good(), "b");
    assert_eq!(warnings(&rb, VALID), vec![Warning::NoKillSwitch, Warning::NoHealthCheck]);
}

#[test]
fn misspelled_keys_get_a_did_you_mean_with_their_location() {
    let text = VALID.replace("known_good", "knowngood");
    let e = errors(&text);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("rb.toml:5:1: release.knowngood: unknown key `knowngood`: did you mean `known_good`?"),
        "{e:?}"
    );
}

#[test]
fn wrong_types_name_the_field_in_plain_words() {
    let e = errors(&VALID.replace("version = 1", "version = \"1\""));
    assert_eq!(e, vec!["rb.toml:1:11: version: must be a whole number, not string \"1\""]);
    let e = errors(&format!("{VALID}[[flags]]\nname = \"f\"\nsafe = \"maybe\"\n"));
    assert!(e[0].contains("flags[1].safe: is \"maybe\"; the safe state is \"off\" or \"on\""), "{e:?}");
}

#[test]
fn a_missing_top_level_field_names_no_other_field() {
    let e = errors(&VALID.replace("version = 1\n", ""));
    assert_eq!(e, vec!["rb.toml:1:1: the required key `version` is missing"]);
}

#[test]
fn durations_must_be_positive_and_bounded() {
    let e = errors(&VALID.replace("title = \"T\"", "title = \"T\"\ntimebox = \"0m\""));
    assert!(e[0].contains("timebox: duration \"0m\" is zero; it must be more than zero"), "{e:?}");
    let e = errors(&VALID.replace("title = \"T\"", "title = \"T\"\ntimebox = \"99h\""));
    assert!(e[0].contains("timebox: duration \"99h\" is longer than 24h, the most firedrill accepts"), "{e:?}");
}

#[test]
fn every_rule_broken_is_reported_not_just_the_first() {
    let text =
        VALID.replace("signal = \"s\"", "signal = \" \"").replace("name = \"c\"", "name = \"\"\ncommand = [\"\"]");
    let e = errors(&text);
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e.iter().any(|m| m.contains("triggers[1].signal")));
    assert!(e.iter().any(|m| m.contains("checks[1].name")));
    assert!(e.iter().any(|m| m.contains("checks[1].command: must start with the program to run")));
}

#[test]
fn backup_dates_are_dates_or_never() {
    let with = |v: &str| format!("{VALID}[backup]\nrestored_last = \"{v}\"\n");
    assert!(errors(&with("yesterday"))[0].contains("backup.restored_last: is \"yesterday\""));
    assert!(errors(&with("2026-10-02")).is_empty());
    let rb = Runbook::parse("rb.toml", &with("never")).expect("never is allowed");
    assert!(warnings(&rb, &with("never")).contains(&Warning::BackupNeverRestored));
}

#[test]
fn warnings_catch_practice_gaps() {
    let text = VALID
        .replace("known_good = \"b\"", "known_good = \"a\"")
        .replace("title = \"T\"", "title = \"T\"\ntimebox = \"10m\"");
    let text = format!("{text}[migration]\nphase = \"contract\"\nbackward_compatible = false\n");
    let rb = Runbook::parse("rb.toml", &text).expect("valid");
    let w = warnings(&rb, &text);
    assert!(w.contains(&Warning::KnownGoodIsLive));
    assert!(w.contains(&Warning::MigrationNotBackwardCompatible));
    assert!(w.contains(&Warning::TargetsOverTimebox { targets_secs: 25 * 60, timebox_secs: 10 * 60 }));
}

#[test]
fn step_overrides_apply_on_top_of_derived_steps() {
    let text = format!(
        "{VALID}[[steps]]\nkind = \"revert\"\ntitle = \"Redeploy\"\ntarget = \"8m\"\nowner = \"verifier\"\ndo = [\"Run the job\"]\n"
    );
    let rb = Runbook::parse("rb.toml", &text).expect("valid");
    let plan = crate::plan::derive(&rb, None);
    let revert = &plan[2];
    assert_eq!(
        (revert.title.as_str(), revert.target.0.as_secs(), revert.owner),
        ("Redeploy", 480, crate::vocab::Role::Verifier)
    );
    let texts: Vec<&str> = revert.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Redeploy b with the normal pipeline",
            "Run the job",
            "Do not patch during the rollback: known-good first."
        ]
    );
    let twice = format!("{text}[[steps]]\nkind = \"revert\"\n");
    assert!(errors(&twice)[0].contains("step `revert` is overridden twice"));
}

#[test]
fn every_mistake_in_a_file_is_reported_each_once() {
    let text = VALID.replace("title = \"T\"", "title = \"T\"\ntimebox = 30\ntitel = \"x\"")
        + "[[steps]]\nkind = \"rollback\"\n";
    let e = errors(&text);
    assert_eq!(
        e,
        vec![
            "rb.toml:3:11: timebox: must be a string in quotes, not integer `30`".to_owned(),
            "rb.toml:4:1: titel: unknown key `titel`: did you mean `title`? (allowed: `version`, `title`, `service`, `owner`, `channel`, `severity`, `timebox`, `update_every`, `notify`, `redact`, `release`, `triggers`, `flags`, `checks`, `backup`, `migration`, `steps`, `injects`, `redeploy`, `roles`)".to_owned(),
            "rb.toml:13:8: steps[1].kind: `rollback` is not one of the allowed values (allowed: `trigger`, `freeze`, `revert`, `disable_flags`, `verify`)".to_owned(),
        ]
    );
}

#[test]
fn a_misspelled_required_key_is_one_finding_not_two() {
    let e = errors(&VALID.replace("known_good", "knowngood"));
    assert_eq!(e.len(), 1, "{e:?}");
    let codes: Vec<&str> = Runbook::parse("rb.toml", &VALID.replace("known_good", "knowngood"))
        .err()
        .unwrap_or_default()
        .iter()
        .map(|e| e.code)
        .collect();
    assert_eq!(codes, vec!["unknown-key"]);
}

#[test]
fn a_runbook_inject_effect_must_name_one_of_its_checks() {
    let e = errors(&format!("{VALID}[[injects]]\ntitle = \"Sandbox down\"\nfail_check = \"Pay\"\n"));
    assert_eq!(
        e,
        vec!["rb.toml:12:14: injects[1].fail_check: no check named \"Pay\" in the runbook (its checks: \"c\")"]
    );
    assert!(errors(&format!("{VALID}[[injects]]\ntitle = \"Sandbox down\"\nfail_check = \"c\"\n")).is_empty());
}
