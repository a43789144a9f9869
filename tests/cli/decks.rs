//! Decks of inject cards on the command line: `new --deck` writes three
//! real cards that pass `check --injects` against the runbook template, a
//! broken deck is refused at `path:line:col` by `check` and by `drill`
//! before the terminal is touched.

use std::fs;
use std::process::{Command, Output};

use firedrill::core::runbook::{Deck, Runbook};

fn firedrill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn new_deck_writes_three_cards_that_pass_check_with_the_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (rb, deck) = (dir.path().join("svc.toml"), dir.path().join("deck.toml"));
    let (r, d) = (rb.to_str().expect("utf-8"), deck.to_str().expect("utf-8"));
    let o = firedrill(&["new", r, "--deck", d]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains(&format!("firedrill check {r} --injects {d}")), "{}", text(&o.stdout));
    let o = firedrill(&["check", r, "--injects", d]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains(&format!("{d}: ok (3 inject cards for {r})")), "{}", text(&o.stdout));

    let written =
        Deck::parse(d, &fs::read_to_string(&deck).expect("deck"), &runbook(firedrill::store::runbook_file::TEMPLATE))
            .expect("the written deck is valid");
    let cards: Vec<(&str, bool, bool)> =
        written.injects.iter().map(|c| (c.title(), c.stuck_flag.is_some(), c.fail_check.is_some())).collect();
    assert_eq!(
        cards,
        vec![
            ("The flag service is unreachable", true, false),
            ("CI is down: use plan B", false, false),
            ("The known-good build fails its health check", false, true),
        ]
    );
    assert!(written.injects.iter().all(|c| !c.text.is_empty() && (c.at.is_some() || c.on.is_some())));

    fs::write(&deck, "mine").expect("by hand");
    assert_eq!(firedrill(&["new", "--deck", d]).status.code(), Some(1), "never overwrites");
    assert_eq!(fs::read_to_string(&deck).expect("read"), "mine");
}

#[test]
fn the_commented_probe_card_is_valid_once_the_runbook_has_a_probe() {
    let deck = firedrill::cli::files::DECK_TEMPLATE;
    let commented = &deck[deck.find("# [[injects]]").expect("a commented card")..];
    let card: String = commented.lines().map(|l| l.trim_start_matches("# ").to_owned() + "\n").collect();
    let with_probe =
        firedrill::store::runbook_file::TEMPLATE.replace("[release]\n", "[release]\nprobe = [\"./release.sh\"]\n");
    let deck = Deck::parse("deck.toml", &format!("{deck}{card}"), &runbook(&with_probe)).expect("valid");
    assert_eq!(
        deck.injects.last().and_then(|c| c.probe_reports.as_ref()).map(|r| r.get_ref().as_str()),
        Some("prod-2026-01-14.1")
    );
    let errors = Deck::parse(
        "deck.toml",
        &format!("{}{card}", firedrill::cli::files::DECK_TEMPLATE),
        &runbook(firedrill::store::runbook_file::TEMPLATE),
    );
    assert!(errors.is_err(), "without a probe the card is refused");
}

#[test]
fn a_broken_deck_is_refused_with_its_location_by_check_and_by_drill() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deck = dir.path().join("deck.toml");
    fs::write(&deck, "[[injects]]\ntitle = \"Flag service down\"\nstuck_flag = \"no_such_flag\"\n").expect("deck");
    let d = deck.to_str().expect("utf-8");
    let expected = format!("{d}:3:14: injects[1].stuck_flag: no kill switch named \"no_such_flag\" in the runbook");
    let o = firedrill(&["check", "runbooks/onboarding-signup.toml", "--injects", d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).starts_with(&expected), "{}", text(&o.stderr));
    let roles = ["--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"];
    let o = firedrill(&[&["drill", "runbooks/onboarding-signup.toml", "--injects", d][..], &roles].concat());
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).starts_with(&expected), "{}", text(&o.stderr));
    assert!(o.stdout.is_empty(), "nothing drawn");
}

fn runbook(text: &str) -> Runbook {
    Runbook::parse("svc.toml", text).expect("runbook")
}

#[test]
fn check_warns_on_a_secret_in_a_deck_with_its_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (rb, deck) = (dir.path().join("svc.toml"), dir.path().join("deck.toml"));
    let (r, d) = (rb.to_str().expect("utf-8"), deck.to_str().expect("utf-8"));
    assert_eq!(firedrill(&["new", r, "--deck", d]).status.code(), Some(0));
    let written = fs::read_to_string(&deck).expect("deck");
    let secret = "ghp_FAKE0123456789abcdefghijklmnopqrstuv";
    fs::write(&deck, format!("# token {secret}\n{written}")).expect("a secret in a comment");
    let o = firedrill(&["check", r, "--injects", d]);
    let out = text(&o.stdout);
    assert!(out.contains(&format!("{d}:1:9: warning: GitHub token written here")), "{out}");
    assert!(out.contains(&format!("{d}: ok (3 inject cards for {r}, 1 warning)")), "{out}");
    assert_eq!(firedrill(&["check", r, "--injects", d, "--strict"]).status.code(), Some(1), "--strict fails on it");
}
