use super::*;

const RUNBOOK: &str = r##"version = 1
title = "Checkout rollback"
channel = "#inc-checkout"
redact = ["tok_[a-z0-9]+"]
[release]
live = "prod-2"
known_good = "prod-1"
ledger = "deploy dashboard > checkout"
watch = ["sign-ups"]
probe = ["./probe.sh", "--token", "tok_abc123"]
[[triggers]]
signal = "checkout errors"
threshold = ">= 5% for 5 min"
[[flags]]
name = "new_checkout"
how = "flagctl set new_checkout off --key tok_secret9"
[[checks]]
name = "Pay with the test card"
command = ["./smoke.sh", "pay"]
[[steps]]
kind = "verify"
do = ["Compare order counts"]
"##;

fn card(text: &str) -> String {
    render(&Runbook::parse("rb.toml", text).expect("valid"), "runbooks/rb.toml")
}

/// The card with its wrapping undone: each line's words joined by one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_step_check_switch_and_item_of_the_plan_is_on_the_card() {
    let rb = Runbook::parse("rb.toml", RUNBOOK).expect("valid");
    let text = flat(&render(&rb, "rb.toml"));
    for step in plan::derive(&rb, None) {
        let line = format!("**{}** · {} · {}", heading(&step.title), step.owner, step.target);
        assert!(text.contains(&line), "{line} missing:\n{text}");
        for it in
            step.items.iter().filter(|i| matches!(i.meaning, Meaning::Plain | Meaning::Caution | Meaning::Check(_)))
        {
            assert!(text.contains(&inline(it.text.trim_end_matches('.'))), "{} missing:\n{text}", it.text);
        }
    }
    assert!(text.contains("watch sign-ups"), "{text}");
    assert!(text.contains("Redeploy the known-good release with the normal pipeline"), "{text}");
    assert!(text.contains("roll back to the known-good `prod-1`"), "the revert target: {text}");
    assert!(text.contains("Live: `prod-2`, read from `deploy dashboard > checkout`"), "{text}");
    assert!(text.contains("Do not patch during the rollback: known-good first"));
    assert!(text.contains("one person may hold two, never all three"));
    assert!(text.contains(PRESSURE_QUESTION));
    assert!(text.contains("Act when any holds: checkout errors `>= 5% for 5 min`."), "{text}");
}

#[test]
fn the_card_fits_a_printed_page_even_for_a_long_runbook() {
    let long = format!(
        "{RUNBOOK}[[flags]]\nname = \"a_very_long_kill_switch_name\"\nhow = \"flagctl set a_very_long_kill_switch_name off --env production --reason rollback\"\n"
    );
    let text = card(&long);
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= WIDTH, "{widest} columns:\n{text}");
    assert!(text.contains("- [ ] Turn `a_very_long_kill_switch_name` off: `flagctl set"), "{text}");
}

#[test]
fn flags_say_where_they_live_who_flips_them_and_how_fast() {
    let text = flat(&card(&RUNBOOK.replace(
        "how = \"flagctl",
        "lives_in = \"LaunchDarkly\"\nwho = \"payments-oncall\"\ntakes_effect = \"30s\"\nhow = \"flagctl",
    )));
    assert!(text.contains("(lives in LaunchDarkly · payments-oncall may flip it · takes effect in 30s)"), "{text}");
    let bare = flat(&card(RUNBOOK));
    assert!(bare.contains("(not stated: where it lives, who may flip it, how fast)"), "{bare}");
}

#[test]
fn redeploy_facts_name_env_vars_never_values_and_roles_decided_in_advance() {
    let text = flat(&card(&format!(
        "{RUNBOOK}[redeploy]\nruntime = \"Node 20\"\nruntime_set_by = \".nvmrc\"\nenv = [\"DATABASE_URL\"]\n\
         services = [\"Postgres\"]\ncommand = [\"./deploy.sh\", \"--token\", \"tok_zzz1\"]\n\
         health = \"https://status.example.com\"\nplan_b = \"deploy by hand\"\n\
         [roles]\ndriver = [\"Ana\", \"Ben\"]\nverifier = [\"Cy\"]\n"
    )));
    for want in [
        "- Runtime: Node 20, set by `.nvmrc`",
        "- Env names (values never here): `DATABASE_URL`",
        "- Services: Postgres",
        "- Deploy: `./deploy.sh --token [redacted]`",
        "- Health: `https://status.example.com`",
        "- Plan B: deploy by hand",
        "Decided in advance: the driver (Ana or Ben) executes the steps · the communicator posts",
        "the verifier (Cy) checks",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    assert!(!text.contains("tok_zzz1"));
    assert!(flat(&card(RUNBOOK)).contains("Not in the runbook: add `[redeploy]`"));
}

#[test]
fn uncovered_signals_and_config_kept_apart_are_said() {
    let tagged = RUNBOOK.replace(
        "command = [\"./smoke.sh\", \"pay\"]",
        "command = [\"./smoke.sh\", \"pay\"]\nsignal = \"third_party\"",
    );
    let text = flat(&card(&tagged));
    assert!(text.contains("Pay with the test card: `./smoke.sh pay` · third_party"), "{text}");
    assert!(text.contains("No check covers these signals: errors, latency, signups, jobs, db_writes"), "{text}");
    let kept = flat(&card(&RUNBOOK.replace("ledger =", "config = \"cfg-9\"\nledger =")));
    assert!(kept.contains("Config: `cfg-9` stays; a code rollback must not change it."), "{kept}");
    let tied = flat(&card(&RUNBOOK.replace("ledger =", "config = \"cfg-9\"\nknown_good_config = \"cfg-7\"\nledger =")));
    assert!(tied.contains("rolling back to `prod-1` also brings config `cfg-7` back (now `cfg-9`)"), "{tied}");
}

#[test]
fn kill_switches_and_commands_are_exact_but_secrets_are_hidden() {
    let text = flat(&card(RUNBOOK));
    assert!(text.contains("- [ ] Turn `new_checkout` off: `flagctl set new_checkout off --key [redacted]`"), "{text}");
    assert!(text.contains("- [ ] Pay with the test card: `./smoke.sh pay`"), "{text}");
    assert!(text.contains(": `./probe.sh --token [redacted]`"), "{text}");
    assert!(!text.contains("tok_abc123") && !text.contains("tok_secret9"), "{text}");
}

#[test]
fn typed_text_cannot_forge_structure() {
    let hostile = RUNBOOK
        .replace("title = \"Checkout rollback\"", "title = \"x\\n# Forged\\n```\"")
        .replace("signal = \"checkout errors\"", "signal = \"| a | b |\\n- [x] done\"")
        .replace("name = \"Pay with the test card\"", "name = \"<script>\\u202e\"");
    let text = card(&hostile);
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headings.len(), 4, "{text}");
    // An escaped `<` cannot open HTML: only the escaped form may appear.
    let unescaped_html = text.replace("\\<script>", "").contains("<script");
    assert!(!text.contains("```") && !unescaped_html && !text.contains('\u{202e}'), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("- [x]")), "{text}");
}

#[test]
fn backup_and_migration_facts_show_when_given() {
    let text = flat(&card(&format!(
        "{RUNBOOK}[backup]\nlatest = \"nightly\"\nwindow = \"1d\"\nowner = \"dba\"\nrestore_target = \"db-restore\"\n\
         restore_time = \"20m\"\nrestored_last = \"2026-10-02\"\n[migration]\nphase = \"cleanup\"\n"
    )));
    assert!(text.contains("- Latest backup: nightly · must be under 1d old · owner dba"), "{text}");
    assert!(
        text.contains("- Restore into `db-restore` first · takes 20m · last restored 2026-10-02 (practise every 90d)"),
        "{text}"
    );
    assert!(text.contains("Step 3 if the decision is restore: **Restore data from the backup** (20m):"), "{text}");
    assert!(
        text.contains("- Migration: cleanup phase, backward compatibility not stated; cleanup is irreversible"),
        "{text}"
    );
    assert!(text.contains("a rollback will not bring it back"), "{text}");
    assert!(!card(RUNBOOK).contains("## Restore"), "no backup, no restore section");
}
