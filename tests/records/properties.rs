//! Properties over arbitrary input: parsers never panic, the sanitizer
//! leaves no control or bidi character, and typed text cannot change the
//! shape of a postmortem.

use crate::common;

use chrono::{TimeZone, Utc};
use firedrill::core::event::{Debrief, Header, JOURNAL_FORMAT, Mode, PressureAnswer, Stamp};
use firedrill::core::postmortem::{Input, render};
use firedrill::core::roles::Roles;
use firedrill::core::runbook::Runbook;
use firedrill::core::sanitize::{is_hostile, sanitize};
use firedrill::core::session::{Command, Session};
use firedrill::store::journal;
use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag};

const VALID: &str = include_str!("../../runbooks/schema-contract.toml");

/// Text that is likely to hurt: markup, controls, bidi, newlines and plain words.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("# ".to_owned()),
        Just("|".to_owned()),
        Just("```".to_owned()),
        Just("<script>".to_owned()),
        Just("\n".to_owned()),
        Just("\r".to_owned()),
        Just("\t".to_owned()),
        Just("\u{1b}[2J".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("- ".to_owned()),
        Just("1. ".to_owned()),
        Just("    ".to_owned()),
        Just("[x](y)".to_owned()),
        Just("*_~".to_owned()),
        "[a-z ]{0,8}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

fn structure(md: &str) -> (usize, usize, usize) {
    let (mut headings, mut tables, mut code) = (0, 0, 0);
    for event in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::CodeBlock(_)) | Event::Html(_) | Event::InlineHtml(_) => code += 1,
            _ => {}
        }
    }
    (headings, tables, code)
}

fn postmortem(note: &str, debrief: &str) -> String {
    let rb = Runbook::parse("r.toml", VALID).expect("valid runbook");
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date");
    let header = Header {
        format: JOURNAL_FORMAT,
        session_id: "p".into(),
        mode: Mode::Drill,
        runbook_path: "r.toml".into(),
        runbook_text: VALID.into(),
        runbook_sha256: "0".repeat(64),
        runbook_redacted: false,
        started_at: at,
        update_every_ms: None,
        deck: None,
        live_commands: false,
    };
    let mut s = Session::new(Mode::Drill, &rb);
    let mut t = 0;
    let mut step = |s: &mut Session, c: Command| {
        t += 1_000;
        let _ = s.apply(c, Stamp { at, t_ms: t });
    };
    step(&mut s, Command::Start(Roles::new(note, "B", "C")));
    step(&mut s, Command::AddNote(note.into()));
    step(&mut s, Command::PostStatus(note.into()));
    step(&mut s, Command::SkipStep(note.into()));
    for _ in 0..4 {
        step(&mut s, Command::CompleteStep { leave_unchecked: true, leave_flags_off: false });
    }
    step(
        &mut s,
        Command::Debrief(Box::new(Debrief {
            slowed_us_down: debrief.into(),
            prevention: note.into(),
            pressure: PressureAnswer::No,
            pressure_why: debrief.into(),
            ..Default::default()
        })),
    );
    step(&mut s, Command::Finish);
    render(&Input { header: &header, runbook: &rb, session: &s, history: &[] })
}

proptest! {
    #[test]
    fn the_runbook_parser_never_panics(text in "\\PC*") {
        let _ = Runbook::parse("r.toml", &text);
    }

    #[test]
    fn a_damaged_runbook_never_panics(at in 0usize..VALID.len(), cut in 0usize..40, insert in hostile_text()) {
        let mut text = VALID.to_owned();
        let start = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let end = (start..=(start + cut).min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(start);
        text.replace_range(start..end, &insert);
        let _ = Runbook::parse("r.toml", &text);
    }

    #[test]
    fn the_journal_reader_never_panics(text in "\\PC*", cut in 0usize..4000) {
        let _ = journal::parse(&text);
        let real = common::sample_journal();
        let end = (0..=cut.min(real.len())).rev().find(|i| real.is_char_boundary(*i)).unwrap_or(0);
        let _ = journal::parse(&real[..end]).map(|l| l.session());
    }

    #[test]
    fn sanitized_text_holds_no_control_or_bidi_character(text in any::<String>()) {
        let clean = sanitize(&text);
        prop_assert!(!clean.chars().any(is_hostile), "{:?}", clean);
    }

    #[test]
    fn typed_text_cannot_change_the_postmortem_shape(note in hostile_text(), debrief in hostile_text()) {
        let clean = structure(&postmortem("plain", "plain"));
        prop_assert!(clean.0 >= 15 && clean.1 >= 3, "the reference has its headings and tables: {:?}", clean);
        let md = postmortem(&note, &debrief);
        prop_assert_eq!(structure(&md), clean, "{}", md);
        prop_assert!(!md.chars().any(is_hostile));
    }
}
