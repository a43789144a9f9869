use super::*;
use crate::vocab::Role;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn item(source: &str) -> ActionItem {
    ActionItem {
        text: format!("do {source}"),
        kind: ActionKind::Process,
        owner: "Ann".into(),
        role: Role::Driver,
        due: day("2026-11-30"),
        assigned: false,
        source: source.into(),
    }
}

#[test]
fn due_dates_are_relative_to_the_start_or_a_date_within_a_year() {
    let start = day("2026-11-23");
    assert_eq!(parse_due("+7d", start), Ok(day("2026-11-30")));
    assert_eq!(parse_due(" +2w ", start), Ok(day("2026-12-07")));
    assert_eq!(parse_due("+0d", start), Ok(start));
    assert_eq!(parse_due("2026-12-01", start), Ok(day("2026-12-01")));
    assert!(matches!(parse_due("next week", start), Err(ActionError::BadDue(_))));
    assert!(matches!(parse_due("+3m", start), Err(ActionError::BadDue(_))));
    assert!(matches!(parse_due("+99999999999999999999d", start), Err(ActionError::BadDue(_))));
    assert_eq!(parse_due("2026-11-22", start), Err(ActionError::DueOutOfRange(day("2026-11-22"))));
    assert!(matches!(parse_due("+400d", start), Err(ActionError::DueOutOfRange(_))));
}

#[test]
fn a_kept_item_needs_text_and_an_owner_and_a_dropped_one_nothing() {
    let start = day("2026-11-23");
    let it = item("prevention");
    assert_eq!(review(&it, true, (" ", "Ann", "+7d"), ActionKind::Detect, start), Err(ActionError::NoText));
    assert_eq!(review(&it, true, ("x", "", "+7d"), ActionKind::Detect, start), Err(ActionError::NoOwner));
    let r = review(&it, true, (" Add a probe ", " Bo ", "+1w"), ActionKind::Detect, start).expect("valid");
    assert_eq!(
        (r.text.as_deref(), r.owner.as_deref(), r.due, r.kind),
        (Some("Add a probe"), Some("Bo"), None, Some(ActionKind::Detect))
    );
    let empty_todo = ActionItem { text: String::new(), ..item("note:3") };
    let drop = review(&empty_todo, false, ("", "", "soon"), ActionKind::Process, start).expect("a drop needs nothing");
    assert!(!drop.keep && drop.check(start).is_ok());
}

#[test]
fn only_what_the_team_changed_is_recorded_so_the_rest_follows_the_proposal() {
    let start = day("2026-11-23");
    let before = item("prevention");
    let r = review(&before, false, ("do prevention", "Ann", "2026-11-30"), ActionKind::Process, start).expect("drop");
    assert_eq!((r.text.clone(), r.owner.clone(), r.due, r.kind), (None, None, None, None));
    // The prevention step was rewritten after the drop was undone: the item follows it.
    let mut reviews = vec![r];
    let undo = review(&before, true, ("do prevention", "Ann", "2026-11-30"), ActionKind::Process, start).expect("keep");
    replace(&mut reviews, undo);
    assert!(reviews.is_empty(), "a review that keeps the proposal as it is leaves none");
    let rewritten = ActionItem { text: "Add a migration guard".into(), ..before };
    let (kept, dropped) = apply(vec![rewritten.clone()], &reviews);
    assert_eq!((kept, dropped), (vec![rewritten], Vec::new()));
}

#[test]
fn reviews_keep_edit_or_drop_by_source_and_untouched_proposals_stand() {
    let start = day("2026-11-23");
    let (a, b, c) = (item("prevention"), item("note:4"), item("flag:x"));
    let edit =
        review(&a, true, ("Ship a deploy health check", "Bo", "2026-12-02"), ActionKind::Prevent, start).expect("edit");
    let drop = review(&b, false, ("do note:4", "Ann", "+7d"), ActionKind::Process, start).expect("drop");
    let stale = ActionReview { source: "note:99".into(), ..drop.clone() };
    let (kept, dropped) = apply(vec![a, b.clone(), c.clone()], &[edit, drop, stale]);
    assert_eq!(kept.len(), 2);
    assert_eq!(
        (kept[0].text.as_str(), kept[0].owner.as_str(), kept[0].assigned),
        ("Ship a deploy health check", "Bo", true)
    );
    assert_eq!(kept[0].role_shown(), None, "an owner named by the team is not the role's");
    assert_eq!(kept[0].due, day("2026-12-02"));
    assert_eq!(kept[1], c);
    assert_eq!(kept[1].role_shown(), Some(Role::Driver));
    assert_eq!(dropped, vec![b]);
}

#[test]
fn a_review_out_of_range_or_emptied_is_refused_by_check() {
    let start = day("2026-11-23");
    let base = ActionReview { source: "x".into(), keep: true, text: None, owner: None, due: None, kind: None };
    assert_eq!(ActionReview { text: Some(" ".into()), ..base.clone() }.check(start), Err(ActionError::NoText));
    assert_eq!(ActionReview { owner: Some(String::new()), ..base.clone() }.check(start), Err(ActionError::NoOwner));
    let early = day("2026-01-01");
    assert_eq!(ActionReview { due: Some(early), ..base.clone() }.check(start), Err(ActionError::DueOutOfRange(early)));
    assert_eq!(base.check(start), Ok(()));
}
