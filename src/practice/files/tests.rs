use chrono::TimeZone;

use super::*;

fn at(min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 10, min, 0).single().expect("valid time")
}

#[test]
fn a_new_range_serves_the_known_good_release_with_its_switch_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let range = Range::create(&tmp.path().join("range"), at(0)).expect("created");
    assert_eq!(range.live().expect("live").release, catalog::KNOWN_GOOD);
    assert_eq!(range.flags().expect("flags"), catalog::default_flags());
    // Opening it again keeps its state.
    range.deploy(catalog::BAD, "break", at(5)).expect("deploy");
    let again = Range::create(range.dir(), at(6)).expect("opened");
    assert_eq!(again.live().expect("live").release, catalog::BAD);
}

#[test]
fn the_ledger_keeps_every_deploy_one_line_each() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let range = Range::create(tmp.path(), at(0)).expect("created in an empty folder");
    assert_eq!(range.deploy(catalog::BAD, "break", at(5)).expect("deploy"), catalog::KNOWN_GOOD);
    assert_eq!(range.deploy(catalog::KNOWN_GOOD, "deploy", at(9)).expect("deploy"), catalog::BAD);
    let text = fs::read_to_string(range.path(LEDGER)).expect("ledger");
    assert!(text.contains("\n2026-12-07T10:05:00.000Z prod-2026-12-07.1 break\n"), "{text}");
    let deploys = range.deploys().expect("deploys");
    assert_eq!(deploys.len(), 3);
    assert_eq!(deploys[2], Deploy { at: at(9), release: catalog::KNOWN_GOOD.to_owned(), by: "deploy".to_owned() });
}

#[test]
fn unknown_releases_and_switches_are_refused_and_change_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let range = Range::create(tmp.path(), at(0)).expect("created");
    let before = fs::read(range.path(LEDGER)).expect("ledger");
    let err = range.deploy("prod-9", "deploy", at(1)).expect_err("unknown release");
    assert!(err.to_string().contains("it has prod-2026-11-24.1, prod-2026-12-01.1"), "{err}");
    assert_eq!(fs::read(range.path(LEDGER)).expect("ledger"), before);
    let err = range.set_flag("nope", false).expect_err("unknown switch");
    assert_eq!(err.to_string(), "no kill switch nope in the practice range (it has onboarding_v2)");
    assert!(range.set_flag(catalog::KILL_SWITCH, false).expect("set"));
    assert_eq!(range.flags().expect("flags").get(catalog::KILL_SWITCH), Some(&false));
}

#[test]
fn a_folder_that_is_not_the_ranges_own_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::write(tmp.path().join("notes.txt"), "mine").expect("write");
    let err = Range::create(tmp.path(), at(0)).expect_err("foreign folder");
    assert!(err.to_string().contains("is not empty and is not a practice range"), "{err}");
    assert!(!tmp.path().join(MARKER).exists());
    let err = Range::open(tmp.path()).expect_err("not a range");
    assert!(err.to_string().contains("is not a practice range folder"), "{err}");
    let err = Range::open(&tmp.path().join("missing")).expect_err("no folder");
    assert!(err.to_string().contains("start one with `firedrill practice start`"), "{err}");
}

#[test]
fn a_damaged_ledger_names_its_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let range = Range::create(tmp.path(), at(0)).expect("created");
    fs::write(range.path(LEDGER), "# header\nyesterday prod-1 deploy\n").expect("write");
    let err = range.live().expect_err("bad time");
    assert!(format!("{err:#}").contains("deploys.log:2: bad time"), "{err:#}");
}

#[test]
fn the_record_is_removed_only_by_its_own_service() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let range = Range::create(tmp.path(), at(0)).expect("created");
    let record = RangeRecord { pid: 42, port: 8080, since: at(1) };
    range.write_record(&record).expect("record");
    range.remove_record(41);
    assert_eq!(range.record(), Some(record));
    range.remove_record(42);
    assert_eq!(range.record(), None);
}
