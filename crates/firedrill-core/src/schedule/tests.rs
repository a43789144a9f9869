use super::*;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).expect("date")
}

#[test]
fn first_tuesday_monthly_reads_writes_and_comes_back() {
    let rule = Rule::parse("month", "first Tuesday 10:00").expect("reads");
    assert_eq!(rule.rrule(), "FREQ=MONTHLY;BYDAY=1TU");
    assert_eq!(rule.to_string(), "the first Tuesday of every month at 10:00");
    assert_eq!(Rule::from_rrule("FREQ=MONTHLY;BYDAY=1TU", rule.time), Ok(rule));
    // December 2026 starts on a Tuesday; after its drill, January's first Tuesday is the 5th.
    assert_eq!(rule.next_after(at(2026, 11, 23, 9, 0)), at(2026, 12, 1, 10, 0));
    assert_eq!(rule.next_after(at(2026, 12, 1, 10, 0)), at(2027, 1, 5, 10, 0), "strictly after");
    assert_eq!(
        rule.next_n(at(2026, 11, 23, 9, 0), 3),
        [at(2026, 12, 1, 10, 0), at(2027, 1, 5, 10, 0), at(2027, 2, 2, 10, 0)]
    );
}

#[test]
fn last_fridays_and_weekly_rules() {
    let last = Rule::parse("month", "last Friday 14:30").expect("reads");
    assert_eq!(last.rrule(), "FREQ=MONTHLY;BYDAY=-1FR");
    assert_eq!(last.next_after(at(2026, 11, 1, 0, 0)), at(2026, 11, 27, 14, 30));
    assert_eq!(Rule::from_rrule(&last.rrule(), last.time), Ok(last));
    let weekly = Rule::parse("week", "Wednesday 09:15").expect("reads");
    assert_eq!(weekly.rrule(), "FREQ=WEEKLY;BYDAY=WE");
    assert_eq!(weekly.next_after(at(2026, 11, 25, 9, 15)), at(2026, 12, 2, 9, 15));
    assert_eq!(Rule::from_rrule(&weekly.rrule(), weekly.time), Ok(weekly));
}

#[test]
fn what_does_not_read_says_how_to_write_it() {
    assert!(matches!(Rule::parse("fortnight", "Tuesday 10:00"), Err(ScheduleError::Every(_))));
    for bad in ["Tuesday 10:00", "fifth Tuesday 10:00", "first Tuesday", "first Tuesday 25:00", "first Blursday 10:00"]
    {
        assert!(matches!(Rule::parse("month", bad), Err(ScheduleError::At(_))), "{bad}");
    }
    assert!(matches!(Rule::parse("week", "first Tuesday 10:00"), Err(ScheduleError::At(_))));
    for bad in ["FREQ=DAILY", "FREQ=MONTHLY;BYDAY=5TU", "FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=WEEKLY;BYDAY=1TU"] {
        assert!(Rule::from_rrule(bad, NaiveTime::MIN).is_err(), "{bad}");
    }
}

#[test]
fn the_entry_names_the_runbook_the_roles_in_turn_and_the_length() {
    let rule = Rule::parse("month", "first Tuesday 10:00").expect("reads");
    let roles = vec![Roles::new("Cy", "Ana", "Ben"), Roles::new("Ana", "Ben", "Cy")];
    let s = Scheduled::new("Sign-ups", "runbooks/signup.toml", rule, at(2026, 11, 23, 9, 0), roles);
    assert_eq!(s.summary, "Rollback drill: Sign-ups");
    assert_eq!(s.start, at(2026, 12, 1, 10, 0));
    assert_eq!(
        s.description(),
        "Rehearse the rollback of runbooks/signup.toml (the first Tuesday of every month at 10:00): firedrill drill runbooks/signup.toml\n\
         Next roles by rotation: driver Cy, communicator Ana, verifier Ben\nThen the drivers in turn: Ana\n20 minutes: a monthly drill aims under 20."
    );
    let field = roles_field(&s.roles[0]);
    assert_eq!(roles_from(&field), Some(s.roles[0].clone()));
    assert_eq!(roles_from("driver=Ana;communicator=Ana;verifier=Ana"), None, "never all three");
}
