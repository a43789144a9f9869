//! A terminal without bracketed paste delivers a paste as keys, all at
//! once. Inside a text prompt, a burst of plain keys with a line break
//! before its end is a paste, not a person pressing Enter and then command
//! keys: it becomes one paste, so a pasted newline never submits a note and
//! the text after it never runs `s` (skip) or `h` (handoff). Here too:
//! reading such a burst, and the other terminal events as messages.

use crossterm::event::{Event, EventStream, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use futures::StreamExt;

use crate::keymap::KeyContext;
use crate::keymap::TEXT_CONTEXTS;
use crate::tui::messages::Msg;
use crate::tui::terminal;

/// Turns a burst of key presses that arrived together into messages: one
/// [`Msg::Paste`] when `context` is a text field and the burst is plain
/// characters with an Enter before its last key; else one [`Msg::Key`]
/// each, in order, a line feed (Ctrl-J) given as Enter: that is what the
/// terminal meant, and the text field's own Ctrl-J erases the line typed.
pub fn coalesce(keys: Vec<KeyEvent>, context: KeyContext) -> Vec<Msg> {
    // A pasted LF arrives in raw mode as Ctrl-J: a line break, not a chord.
    let line_break = |k: &KeyEvent| {
        k.code == KeyCode::Enter || (k.code == KeyCode::Char('j') && k.modifiers == KeyModifiers::CONTROL)
    };
    let plain = |k: &KeyEvent| {
        line_break(k) || ((k.modifiers - KeyModifiers::SHIFT).is_empty() && matches!(k.code, KeyCode::Char(_)))
    };
    let inner_enter = keys.iter().rev().skip(1).any(line_break);
    if TEXT_CONTEXTS.contains(&context) && keys.len() > 1 && inner_enter && keys.iter().all(plain) {
        let text: String = keys
            .iter()
            .map(|k| match k.code {
                KeyCode::Char(c) if !line_break(k) => c,
                _ => '\n',
            })
            .collect();
        return vec![Msg::Paste(text)];
    }
    keys.into_iter().map(|k| Msg::Key(if line_break(&k) { KeyEvent::from(KeyCode::Enter) } else { k })).collect()
}

/// The key presses already waiting after `first`, and the first other
/// event among them. Polled with this task's own waker (never a no-op
/// one), so a key that is not ready yet still wakes the loop.
pub async fn read_burst(events: &mut EventStream, first: KeyEvent) -> (Vec<KeyEvent>, Option<Event>) {
    let mut keys = vec![first];
    while let std::task::Poll::Ready(Some(Ok(next))) =
        futures::future::poll_fn(|cx| std::task::Poll::Ready(events.poll_next_unpin(cx))).await
    {
        match next {
            Event::Key(k) if k.kind == KeyEventKind::Press => keys.push(k),
            Event::Key(_) => {}
            other => return (keys, Some(other)),
        }
    }
    (keys, None)
}

/// The message of a terminal event that is not a key press, if any.
pub fn event_msg(e: Event) -> Option<Msg> {
    match e {
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(resized(w, h)),
        _ => None,
    }
}

/// A new window size, clamped as the frame is ([`terminal::MAX`]).
pub fn resized(w: u16, h: u16) -> Msg {
    let s = terminal::clamp(ratatui::layout::Size { width: w, height: h });
    Msg::Resize(s.width, s.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<KeyEvent> {
        text.chars()
            .map(|c| match c {
                '\r' => KeyEvent::from(KeyCode::Enter),
                c => KeyEvent::from(KeyCode::Char(c)),
            })
            .collect()
    }

    #[test]
    fn a_burst_with_a_line_break_inside_a_prompt_is_one_paste() {
        let msgs = coalesce(keys("first line\rs and h"), KeyContext::Prompt);
        assert!(matches!(&msgs[..], [Msg::Paste(t)] if t == "first line\ns and h"), "{msgs:?}");
    }

    #[test]
    fn a_pasted_line_feed_arriving_as_ctrl_j_is_a_line_break() {
        let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        let burst = vec![KeyEvent::from(KeyCode::Char('X')), ctrl_j, KeyEvent::from(KeyCode::Char('Y'))];
        assert!(matches!(&coalesce(burst, KeyContext::Prompt)[..], [Msg::Paste(t)] if t == "X\nY"));
    }

    #[test]
    fn a_lone_line_feed_is_enter_never_the_fields_erase_line() {
        let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        for context in [KeyContext::Prompt, KeyContext::Editor, KeyContext::Drill] {
            let msgs = coalesce(vec![KeyEvent::from(KeyCode::Char('x')), ctrl_j], context);
            assert!(
                matches!(&msgs[..], [Msg::Key(x), Msg::Key(enter)] if x.code == KeyCode::Char('x') && *enter == KeyEvent::from(KeyCode::Enter)),
                "{context:?}: {msgs:?}"
            );
        }
    }

    #[test]
    fn typing_then_enter_and_keys_outside_a_prompt_stay_keys() {
        assert_eq!(coalesce(keys("a note\r"), KeyContext::Prompt).len(), 7, "Enter last: a submit");
        assert_eq!(coalesce(keys(" j\r"), KeyContext::Drill).len(), 3, "no text field: keys");
        let mut with_ctrl = keys("x\ry");
        with_ctrl.push(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert_eq!(coalesce(with_ctrl, KeyContext::Editor).len(), 4, "a chord is never pasted text");
    }
}
