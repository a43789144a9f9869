use super::*;

thread_local! {
    /// While set, every derived step gets one more item in front: how a
    /// later build that changed the plan derives it (for replay tests).
    pub(crate) static EXTRA_ITEM: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
use crate::session::tests::RUNBOOK;

fn runbook(extra: &str) -> Runbook {
    Runbook::parse("t.toml", &format!("{RUNBOOK}{extra}")).expect("valid runbook")
}

fn meanings(step: &StepPlan) -> Vec<Meaning> {
    step.items.iter().map(|i| i.meaning).collect()
}

#[test]
fn every_derived_item_has_its_meaning() {
    let plan = derive(&runbook(""), None);
    assert_eq!(meanings(&plan[0]), vec![Meaning::Trigger(0), Meaning::NameLive]);
    assert_eq!(meanings(&plan[2]), vec![Meaning::Redeploy, Meaning::Watch(0), Meaning::Caution]);
    assert_eq!(plan[2].items[2].text, "Do not patch during the rollback: known-good first.");
    assert_eq!(meanings(&plan[3]), vec![Meaning::Flag(0)]);
    assert_eq!(meanings(&plan[4]), vec![Meaning::Check(0), Meaning::Check(1)]);
    assert_eq!(plan[2].find(Meaning::Redeploy), Some(0));
}

#[test]
fn restore_uses_the_backup_facts_and_its_restore_time() {
    let rb = runbook("[backup]\nlatest = \"nightly 02:00\"\nrestore_time = \"18h\"\nmax_data_loss = \"10m\"\n");
    let step = derive_step(&rb, StepKind::Revert, Some(Decision::Restore));
    assert_eq!((step.label, step.target.as_ms(), step.owner), ("restore", 18 * 3_600_000, Role::Driver));
    let texts: Vec<&str> = step.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Restore nightly 02:00 to a non-production target first",
            "Restore production data from nightly 02:00",
            "Confirm the data lost is within at most 10m",
            "Watch sign-up success rate",
        ]
    );
    assert!(!step.items.iter().any(|i| i.meaning == Meaning::Redeploy), "a restore redeploys nothing");
}

#[test]
fn fix_forward_ships_one_patch_and_says_not_to_stack_changes() {
    let step = derive_step(&runbook(""), StepKind::Revert, Some(Decision::FixForward));
    assert_eq!(step.label, "fix fwd");
    assert_eq!(meanings(&step), vec![Meaning::Plain, Meaning::ShipPatch, Meaning::Watch(0)]);
    assert!(step.items[0].text.contains("Do not stack changes"));
}

#[test]
fn the_probe_expects_the_release_the_decision_leads_to() {
    let rb = Runbook::parse("t.toml", &RUNBOOK.replace("watch = [", "probe = [\"./probe\"]\nwatch = ["))
        .expect("valid runbook");
    let expect = |d| derive_step(&rb, StepKind::Verify, Some(d)).items.last().and_then(|i| i.command.clone()?.expect);
    assert_eq!(expect(Decision::RollBack).as_deref(), Some("prod-2026-01-10.3"));
    assert_eq!(expect(Decision::Restore).as_deref(), Some("prod-2026-01-14.1"));
    assert_eq!(expect(Decision::FixForward), None, "the last item is a check, not the probe");
}

#[test]
fn a_step_override_that_names_a_decision_applies_under_it_only() {
    let rb = runbook(
        "[[steps]]\nkind = \"revert\"\ndecision = \"roll_back\"\ntitle = \"Redeploy\"\ntarget = \"8m\"\ndo = [\"Run the job\"]\n",
    );
    let back = derive_step(&rb, StepKind::Revert, None);
    assert_eq!((back.title.as_str(), back.target.as_ms()), ("Redeploy", 8 * 60_000));
    assert!(back.items.iter().any(|i| i.text == "Run the job"), "{:?}", back.items);
    let restore = derive_step(&rb, StepKind::Revert, Some(Decision::Restore));
    assert_eq!(restore.title, "Restore data from the backup");
}

#[test]
fn a_step_override_without_a_decision_applies_to_every_decision() {
    let rb = runbook("[[steps]]\nkind = \"revert\"\ndo = [\"Tell the data owner\"]\n");
    for d in Decision::ALL {
        let step = derive_step(&rb, StepKind::Revert, Some(d));
        assert!(step.items.iter().any(|i| i.text == "Tell the data owner"), "{d}");
    }
}

#[test]
fn a_cleanup_migration_says_the_rollback_will_not_bring_the_column_back() {
    let rb = runbook("[migration]\nphase = \"cleanup\"\nbackward_compatible = false\n");
    let texts: Vec<String> = derive(&rb, None)[2].items.iter().map(|i| i.text.clone()).collect();
    assert!(texts.iter().any(|t| t.contains("a rollback will not bring it back")), "{texts:?}");
    let contract = runbook("[migration]\nphase = \"contract\"\n");
    assert!(!derive(&contract, None)[2].items.iter().any(|i| i.text.contains("will not bring it back")));
}

#[test]
fn items_added_since_earlier_builds_come_last_so_journal_indices_keep_their_meaning() {
    let rb = runbook("[[steps]]\nkind = \"revert\"\ndo = [\"Run the job\"]\n[migration]\nphase = \"cleanup\"\n");
    let texts: Vec<String> = derive(&rb, None)[2].items.iter().map(|i| i.text.clone()).collect();
    assert_eq!(
        texts[..3],
        ["Redeploy prod-2026-01-10.3 with the normal pipeline", "Watch sign-up success rate", "Run the job"]
    );
    assert_eq!(texts[3], "Do not patch during the rollback: known-good first.");
    assert!(texts[4].contains("a rollback will not bring it back"), "{texts:?}");
}
