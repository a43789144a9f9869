use super::*;

const RUNBOOK: &str = r##"version = 1
title = "Checkout rollback"
channel = "#inc-checkout"
redact = ["tok_[a-z0-9]+"]
[release]
live = "prod-2"
known_good = "prod-1"
ledger = "deploy dashboard > checkout"
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

#[test]
fn every_item_of_the_derived_plan_is_on_the_card() {
    let rb = Runbook::parse("rb.toml", RUNBOOK).expect("valid");
    let text = render(&rb, "rb.toml");
    for step in plan::derive(&rb, None) {
        assert!(text.contains(&heading(&step.title)), "{} missing:\n{text}", step.title);
        for it in step.items.iter().filter(|i| !matches!(i.meaning, Meaning::Trigger(_) | Meaning::Flag(_))) {
            assert!(text.contains(&inline(&it.text)), "{} missing:\n{text}", it.text);
        }
    }
    assert!(text.contains("Do not patch during the rollback: known-good first."));
    assert!(text.contains("One person may hold two roles, never all three."));
    assert!(text.contains(PRESSURE_QUESTION));
    assert!(text.contains("- checkout errors: `>= 5% for 5 min`"), "{text}");
}

#[test]
fn kill_switches_and_commands_are_exact_but_secrets_are_hidden() {
    let text = card(RUNBOOK);
    assert!(text.contains("Turn `new_checkout` off: `flagctl set new_checkout off --key [redacted]`"), "{text}");
    assert!(text.contains("- [ ] Pay with the test card: `./smoke.sh pay`"), "{text}");
    assert!(text.contains("- Probe: `./probe.sh --token [redacted]`"), "{text}");
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
    assert_eq!(headings.len(), 6, "{text}");
    // An escaped `<` cannot open HTML: only the escaped form may appear.
    let unescaped_html = text.replace("\\<script>", "").contains("<script");
    assert!(!text.contains("```") && !unescaped_html && !text.contains('\u{202e}'), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("- [x]")), "{text}");
}

#[test]
fn backup_and_migration_facts_show_when_given() {
    let text = card(&format!(
        "{RUNBOOK}[backup]\nlatest = \"nightly\"\nwindow = \"1d\"\nowner = \"dba\"\nrestore_target = \"db-restore\"\n\
         restore_time = \"20m\"\nrestored_last = \"2026-10-02\"\n[migration]\nphase = \"cleanup\"\n"
    ));
    assert!(text.contains("- Latest backup: nightly · must be under 1d old · owner dba"), "{text}");
    assert!(
        text.contains("- Restore into `db-restore` first · takes 20m · last restored 2026-10-02 (practise every 90d)"),
        "{text}"
    );
    assert!(text.contains("If the decision is restore, step 3 is **Restore data from the backup** (20m):"), "{text}");
    assert!(
        text.contains("- Migration: cleanup phase, backward compatibility not stated; cleanup is irreversible"),
        "{text}"
    );
    assert!(text.contains("a rollback will not bring it back"), "{text}");
    assert!(!card(RUNBOOK).contains("## Restore"), "no backup, no restore section");
}
