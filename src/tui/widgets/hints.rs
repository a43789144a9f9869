//! The bottom line: the main keys of the context, from the keymap, chosen
//! by priority for the width. `?` and the way back out of an overlay come
//! first, then the keys needed to finish (check, done, the kill-switch
//! ledger, confirm, save, quit); the rest join while they fit, and the line
//! keeps the keymap's order.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::tui::context::Ctx;

/// Lower is shown first when the line is short; `None` is never on the
/// line (movement and second-of-a-pair keys are in the help overlay).
pub fn rank(action: Action) -> Option<u8> {
    Some(match action {
        // Help, and the way out of an overlay (the ledger at 40 columns
        // lost its esc to its three actions).
        Action::Help | Action::Back => 0,
        // A note is how the record learns what keys cannot say: its key
        // stays on the line at 40 columns, where quit (also ctrl-c) goes.
        Action::ToggleItem
        | Action::CompleteStep
        | Action::AddNote
        | Action::Flags
        | Action::Submit
        | Action::Save
        | Action::Select
        | Action::Yes
        | Action::No
        | Action::Finish
        | Action::Keep
        | Action::Retry
        | Action::StartDrill
        | Action::StartIncident
        | Action::TurnOff
        | Action::Restore
        | Action::Waive
        | Action::Quit
        | Action::Cancel => 1,
        Action::SkipStep
        | Action::StatusUpdate
        | Action::Decide
        | Action::Run
        | Action::Review
        | Action::Trends
        | Action::Search
        | Action::OtherFolder => 2,
        Action::Pause
        | Action::RunAll
        | Action::Severity
        | Action::Handoff
        | Action::Undo
        | Action::Inject
        | Action::FilterMode
        | Action::FilterRunbook
        | Action::Card
        | Action::NextField => 3,
        Action::ScrollDown | Action::PageDown => 4,
        // The proposal pane names its own key, only when there is one; a
        // secret rotation is rare enough for the help overlay alone.
        Action::ApplyProposal
        | Action::RotateSecret
        | Action::Up
        | Action::Down
        | Action::Left
        | Action::Right
        | Action::PrevField
        | Action::First
        | Action::Second
        | Action::Third
        | Action::ScrollUp
        | Action::PageUp => return None,
    })
}

/// The `(key, action, label)` entries of `context` that fit in `width`
/// columns, chosen by [`rank`] and returned in the keymap's order; when a
/// key needed to finish would not fit, every label is cut to one word
/// ([`Action::tight_label_in`]) first.
pub fn choose(ctx: &Ctx<'_>, context: KeyContext, width: u16) -> Vec<(String, Action, &'static str)> {
    let full = fitting(ctx, context, width, Action::label_in);
    let needed = |shown: &[(String, Action, &str)]| shown.iter().filter(|(_, a, _)| rank(*a) <= Some(1)).count();
    let tight = fitting(ctx, context, width, Action::tight_label_in);
    if needed(&tight) > needed(&full) { tight } else { full }
}

/// The entries of `context` that fit in `width` columns with labels from `label`.
fn fitting(
    ctx: &Ctx<'_>,
    context: KeyContext,
    width: u16,
    label: fn(Action, KeyContext) -> &'static str,
) -> Vec<(String, Action, &'static str)> {
    let entries: Vec<(String, Action, u8)> = ctx
        .keymap
        .entries(context)
        .into_iter()
        .filter_map(|(keys, a)| {
            let first = keys.split('/').find(|k| !k.is_empty()).unwrap_or("/").to_owned();
            rank(a).map(|r| (first, a, r))
        })
        .collect();
    let cost = |(keys, a, _): &(String, Action, u8)| keys.chars().count() + 1 + label(*a, context).chars().count() + 2;
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| (entries[i].2, i));
    let mut room = usize::from(width).saturating_sub(1);
    let mut keep = vec![false; entries.len()];
    for i in order {
        let c = cost(&entries[i]);
        // The last entry needs no trailing gap.
        if c <= room + 2 {
            room = room.saturating_sub(c);
            keep[i] = true;
        }
    }
    entries.into_iter().zip(keep).filter(|(_, k)| *k).map(|((keys, a, _), _)| (keys, a, label(a, context))).collect()
}

/// Draws `key label  key label ...` for `context` into the one-line `area`.
pub fn render_hints(ctx: &Ctx<'_>, context: KeyContext, area: Rect, buf: &mut Buffer) {
    render_hints_but(ctx, context, &[], area, buf);
}

/// [`render_hints`] without the keys of `idle`: actions the screen has
/// nothing to do for now (another folder once the save is written).
pub fn render_hints_but(ctx: &Ctx<'_>, context: KeyContext, idle: &[Action], area: Rect, buf: &mut Buffer) {
    let mut spans: Vec<Span<'_>> = vec![Span::raw(" ")];
    for (keys, _, label) in choose(ctx, context, area.width).into_iter().filter(|(_, a, _)| !idle.contains(a)) {
        spans.push(Span::styled(keys, ctx.theme.key));
        spans.push(Span::styled(format!(" {label}  "), ctx.theme.dim));
    }
    Line::from(spans).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Keymap;
    use crate::theme::THEME;
    use crate::tui::context::Now;

    fn shown(width: u16) -> Vec<Action> {
        shown_in(KeyContext::Drill, width).into_iter().map(|(a, _)| a).collect()
    }

    fn shown_in(context: KeyContext, width: u16) -> Vec<(Action, &'static str)> {
        let keymap = Keymap::default_keys();
        let ctx = Ctx { theme: &THEME, keymap: &keymap, now: Now { wall: chrono::DateTime::UNIX_EPOCH, mono_ms: 0 } };
        choose(&ctx, context, width).into_iter().map(|(_, a, l)| (a, l)).collect()
    }

    #[test]
    fn the_ledger_keeps_all_its_actions_at_40_columns_by_cutting_labels() {
        let at40 = shown_in(KeyContext::Flags, 40);
        for a in [Action::TurnOff, Action::Restore, Action::Waive, Action::Back] {
            assert!(at40.iter().any(|(b, _)| *b == a), "{a:?} missing at 40: {at40:?}");
        }
        assert!(at40.contains(&(Action::Waive, "leave")), "{at40:?}");
        // With room, the labels stay whole.
        assert!(shown_in(KeyContext::Flags, 80).contains(&(Action::Waive, "leave safe")));
    }

    #[test]
    fn the_quit_menu_keeps_finish_and_keep_at_40_columns() {
        let at40 = shown_in(KeyContext::QuitMenu, 40);
        for a in [Action::Finish, Action::Keep, Action::Back] {
            assert!(at40.iter().any(|(b, _)| *b == a), "{a:?} missing at 40: {at40:?}");
        }
        assert!(shown_in(KeyContext::QuitMenu, 80).contains(&(Action::Keep, "keep for resume")));
    }

    #[test]
    fn the_keys_to_finish_and_help_survive_any_width() {
        for width in [40, 60, 80, 120] {
            let s = shown(width);
            for a in [Action::ToggleItem, Action::CompleteStep, Action::Help] {
                assert!(s.contains(&a), "{a:?} missing at {width}: {s:?}");
            }
        }
        let at40 = shown(40);
        assert!(!at40.contains(&Action::SkipStep) || at40.contains(&Action::CompleteStep));
        // The note key too: a person at a small terminal must see how to add one.
        assert!(at40.contains(&Action::AddNote), "{at40:?}");
        assert!(shown_in(KeyContext::Incident, 40).iter().any(|(a, _)| *a == Action::AddNote));
    }

    #[test]
    fn at_80_columns_the_ledger_and_quit_are_shown_and_order_is_kept() {
        let s = shown(80);
        for a in [Action::Flags, Action::Quit, Action::SkipStep, Action::AddNote] {
            assert!(s.contains(&a), "{a:?} missing: {s:?}");
        }
        let mut sorted = s.clone();
        sorted.sort_by_key(|a| *a as u8);
        assert_eq!(s, sorted, "the line keeps the keymap's order");
        assert!(shown(200).contains(&Action::ScrollDown));
    }
}
