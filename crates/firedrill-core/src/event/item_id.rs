//! One allocation per distinct item id: a long journal checks the same few
//! items hundreds of thousands of times, and each checked item's event
//! names its item by id. Read from a journal, equal ids share one `Arc`
//! per reading thread (a batch of lines is parsed by threads of its own,
//! so each holds the ids of its batch), not one each event: 12 MiB of a
//! 1M-event resume's peak (docs/design.md, "The events").

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

/// Distinct ids a reading thread keeps before it starts afresh: far more
/// than a runbook has items, and a hostile journal cannot grow it.
const MOST: usize = 1024;

/// The longest id kept for sharing, in bytes: a runbook's ids are short,
/// and a hostile journal's long ones are not kept past their events.
const LONGEST: usize = 64;

thread_local! {
    static SEEN: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
}

/// `id` as a shared string: the one this thread already made for an equal
/// id, else a new one it keeps for the next (when no longer than [`LONGEST`]).
pub(super) fn shared(id: &str) -> Arc<str> {
    if id.len() > LONGEST {
        return Arc::from(id);
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(known) = seen.get(id) {
            return Arc::clone(known);
        }
        if seen.len() >= MOST {
            seen.clear();
        }
        let new: Arc<str> = Arc::from(id);
        seen.insert(Arc::clone(&new));
        new
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_ids_share_one_allocation_and_different_ones_do_not() {
        let a = shared("verify-0");
        let b = shared(&String::from("verify-0"));
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(&*a, "verify-0");
        assert!(!Arc::ptr_eq(&a, &shared("verify-1")));
    }

    #[test]
    fn a_journal_s_checked_items_share_their_id() {
        let line = |seq: u32| {
            format!(
                r#"{{"seq":{seq},"at":"2026-11-23T14:00:00Z","t_ms":{seq},"kind":"item_toggled","step":"trigger","item":0,"id":"trigger-0","checked":true}}"#
            )
        };
        let id = |seq| match crate::event::Event::from_json_line(&line(seq)).expect("line").kind {
            crate::event::EventKind::ItemToggled { id, .. } => id.expect("an id"),
            other => panic!("read as {other:?}"),
        };
        let (a, b) = (id(2), id(3));
        assert_eq!(&*a, "trigger-0");
        assert!(Arc::ptr_eq(&a, &b), "one string for both events");
    }

    #[test]
    fn a_long_id_is_not_kept() {
        let long = "x".repeat(LONGEST + 1);
        let a = shared(&long);
        assert_eq!(*a, *long);
        assert!(!Arc::ptr_eq(&a, &shared(&long)));
        SEEN.with_borrow(|seen| assert!(seen.iter().all(|k| k.len() <= LONGEST)));
    }

    #[test]
    fn the_set_starts_afresh_when_full_and_ids_stay_right() {
        let ids: Vec<Arc<str>> = (0..MOST + 5).map(|i| shared(&format!("item-{i}"))).collect();
        SEEN.with_borrow(|seen| assert!(seen.len() <= MOST, "bounded: {}", seen.len()));
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(&**id, format!("item-{i}"));
        }
    }
}
