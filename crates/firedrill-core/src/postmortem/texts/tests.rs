use super::*;
use crate::event::{Header, JOURNAL_FORMAT, Stamp};
use crate::postmortem::{Input, full_timeline, render};
use crate::roles::Roles;
use crate::runbook::Runbook;
use crate::session::{Command, Session};
use crate::vocab::Mode;

/// The session tests' runbook with one inject card.
fn runbook() -> Runbook {
    let text = format!(
        "{}\n[[injects]]\ntitle = \"CI is down\"\ntext = \"Use plan B\"\nat = \"30s\"\n",
        crate::session::tests::RUNBOOK
    );
    Runbook::parse("t.toml", &text).expect("runbook")
}

/// The postmortem tests' header over `rb_text`.
fn header(rb_text: &str) -> Header {
    Header { session_id: "texts".into(), runbook_text: rb_text.into(), ..crate::postmortem::tests::header() }
}

/// A drill of `notes` notes, 10 ms apart: some written after the fact
/// (sorting before the start), some marked `TODO:` or `RUNBOOK:`, status
/// updates between them, and, when `card_at` is given, the inject card
/// shown at that millisecond right after a note written in it.
fn drill(rb: &Runbook, head: &Header, notes: u64, card_at: Option<u64>) -> Session {
    let mut s = Session::new(Mode::Drill, rb);
    let stamp = |t_ms: u64| Stamp { at: head.started_at + chrono::Duration::milliseconds(t_ms.cast_signed()), t_ms };
    s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), stamp(0)).expect("start");
    for n in 1..=notes {
        let t = 10 * n;
        let text = match n % 97 {
            7 => format!("@13:{:02} noticed {n} before the start", 10 + n % 40),
            11 => format!("  TODO: follow up {n}"),
            13 => format!("RUNBOOK: add a step for {n}"),
            _ => format!("note {n}: sign-ups still failing"),
        };
        s.apply(Command::AddNote(text), stamp(t)).expect("note");
        if card_at == Some(t) {
            s.apply(Command::FireInject(0), stamp(t)).expect("card");
        }
        if n % 50 == 0 {
            s.apply(Command::PostStatus(format!("Update {n}. Next update at 15:30 UTC")), stamp(t + 1))
                .expect("update");
        }
    }
    s
}

/// What the report writes of `s`: the postmortem, the full timeline and
/// the runbook proposal.
fn written(rb: &Runbook, head: &Header, s: &Session) -> (String, Option<String>, String) {
    let input = Input { header: head, runbook: rb, session: s, history: &[] };
    let proposal = format!("{:?}", crate::proposal::propose(rb, s, None, s.record_end_ms()));
    (render(&input), full_timeline(&input), proposal)
}

/// The events of `s` taken through [`NoteTexts`], replayed.
fn thinned(rb: &Runbook, s: &Session) -> (Session, usize) {
    let mut texts = NoteTexts::default();
    let mut events = Vec::new();
    for e in s.events.clone() {
        texts.push(&mut events, e);
    }
    (Session::new(Mode::Drill, rb).replay_onto(JOURNAL_FORMAT, events), texts.emptied())
}

#[test]
fn a_postmortem_reads_no_text_the_reader_let_go() {
    let rb = runbook();
    let head = header(&format!("{}\n", crate::session::tests::RUNBOOK));
    for (notes, card_at) in [(6_000, None), (6_000, Some(40_000)), (1_500, None)] {
        let full = drill(&rb, &head, notes, card_at);
        let (thin, emptied) = thinned(&rb, &full);
        let blank = thin.notes().filter(|n| n.text.is_empty()).count();
        assert_eq!(blank, emptied, "every text emptied is counted");
        match (notes, card_at) {
            // Past the cap, all but the first and last halves and the marked notes.
            (6_000, None) => assert!(emptied > 3_500, "{emptied}"),
            // Every note from the card's millisecond on is listed under it.
            (6_000, Some(_)) => assert!((1_500..3_000).contains(&emptied), "{emptied}"),
            _ => assert_eq!(emptied, 0, "under the cap every note is shown"),
        }
        assert_eq!(written(&rb, &head, &thin), written(&rb, &head, &full), "{notes} notes, card at {card_at:?}");
    }
}
