//! The kinds a long journal is mostly made of (notes, checked items,
//! status updates) read straight from the line once its `kind` is known;
//! any other kind, or a line whose `kind` is not its first field after the
//! stamp, is read by the kind's derived reader, which copies the fields
//! into a map first. Each fast reader builds its variant whole, so a field
//! added to one of these kinds cannot be missed here: it does not compile.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::EventKind;
use crate::plan::{StepKind, StepPlan};
use crate::roles::Roles;

/// Reads the event kind from the rest of the line's `map` (the stamp's
/// fields taken out).
pub(super) fn read<'de, A: MapAccess<'de>>(map: &mut A) -> Result<EventKind, A::Error> {
    let Some(Name(first)) = map.next_key::<Name<'de>>()? else {
        return Err(de::Error::missing_field("kind"));
    };
    if first != "kind" {
        return EventKind::deserialize(MapAccessDeserializer::new(Prefixed { map, key: Some(first), tag: None }));
    }
    let Name(tag) = map.next_value::<Name<'de>>()?;
    Ok(match &*tag {
        "note_added" => {
            let NoteAdded { text, happened_at } = NoteAdded::deserialize(MapAccessDeserializer::new(map))?;
            EventKind::NoteAdded { text, happened_at }
        }
        "item_toggled" => {
            let ItemToggled { step, item, id, checked, reason } =
                ItemToggled::deserialize(MapAccessDeserializer::new(map))?;
            EventKind::ItemToggled { step, item, id: id.map(|id| super::item_id::shared(&id.0)), checked, reason }
        }
        // The start carries the whole plan: read into its fields directly,
        // not copied into serde's buffer first as the derived tag would.
        "started" => {
            let Started { roles, plan } = Started::deserialize(MapAccessDeserializer::new(map))?;
            EventKind::Started { roles, plan }
        }
        "step_completed" => {
            let StepCompleted { step, left_unchecked } = StepCompleted::deserialize(MapAccessDeserializer::new(map))?;
            EventKind::StepCompleted { step, left_unchecked }
        }
        "status_posted" => {
            let StatusPosted { text, next_at } = StatusPosted::deserialize(MapAccessDeserializer::new(map))?;
            EventKind::StatusPosted { text, next_at }
        }
        _ => {
            let key = Some(Cow::Borrowed("kind"));
            EventKind::deserialize(MapAccessDeserializer::new(Prefixed { map, key, tag: Some(tag) }))?
        }
    })
}

/// [`EventKind::NoteAdded`]'s fields, as derived there.
#[derive(Deserialize)]
struct NoteAdded {
    text: String,
    #[serde(default)]
    happened_at: Option<DateTime<Utc>>,
}

/// [`EventKind::ItemToggled`]'s fields, as derived there; the id is
/// borrowed from the line where it can be, to be shared.
#[derive(Deserialize)]
struct ItemToggled<'a> {
    step: StepKind,
    item: u32,
    #[serde(default, borrow)]
    id: Option<Borrowed<'a>>,
    checked: bool,
    #[serde(default)]
    reason: Option<Box<str>>,
}

/// A string borrowed from the line unless it holds an escape: serde
/// borrows a `Cow` field marked so, but not one inside an `Option`.
#[derive(Deserialize)]
struct Borrowed<'a>(#[serde(borrow)] Cow<'a, str>);

/// [`EventKind::Started`]'s fields, as derived there.
#[derive(Deserialize)]
struct Started {
    roles: Box<Roles>,
    #[serde(default)]
    plan: Option<Vec<StepPlan>>,
}

/// [`EventKind::StepCompleted`]'s fields, as derived there.
#[derive(Deserialize)]
struct StepCompleted {
    step: StepKind,
    left_unchecked: Vec<usize>,
}

/// [`EventKind::StatusPosted`]'s fields, as derived there.
#[derive(Deserialize)]
struct StatusPosted {
    text: String,
    #[serde(default)]
    next_at: Option<DateTime<Utc>>,
}

/// The map with a field already read put back in front: its name, and
/// the `kind` tag's value when that is the field.
struct Prefixed<'a, 'de, A> {
    map: &'a mut A,
    key: Option<Cow<'de, str>>,
    tag: Option<Cow<'de, str>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Prefixed<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.key.take() {
            Some(key) => text(seed, key).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.tag.take() {
            Some(tag) => text(seed, tag),
            None => self.map.next_value_seed(seed),
        }
    }
}

/// Hands `s` to `seed` as a string, borrowed when it was.
fn text<'de, S: DeserializeSeed<'de>, E: de::Error>(seed: S, s: Cow<'de, str>) -> Result<S::Value, E> {
    match s {
        Cow::Borrowed(b) => seed.deserialize(BorrowedStrDeserializer::new(b)),
        Cow::Owned(o) => seed.deserialize(StringDeserializer::new(o)),
    }
}

/// A field name or the tag: a string, borrowed from the line when it can be.
struct Name<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(NameVisitor)
    }
}

struct NameVisitor;

impl<'de> Visitor<'de> for NameVisitor {
    type Value = Name<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Name<'de>, E> {
        Ok(Name(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Name<'de>, E> {
        Ok(Name(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Name<'de>, E> {
        Ok(Name(Cow::Owned(v)))
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::super::Event;
    use super::{Borrowed, ItemToggled};

    /// Each line read by the fast readers and by the derived one (the
    /// kind's fields moved before `kind`, so the derived one reads it).
    #[test]
    fn the_fast_kinds_read_as_the_derived_reader_reads_them() {
        let kinds = [
            r#"{"kind":"note_added","text":"a \"quoted\" note","happened_at":"2026-11-23T13:58:00Z","extra":[1]}"#,
            r#"{"kind":"note_added","text":"plain"}"#,
            r#"{"kind":"item_toggled","step":"freeze","item":1,"id":"freeze-1","checked":true}"#,
            r#"{"kind":"item_toggled","step":"verify","item":0,"checked":false,"reason":"flaky"}"#,
            r#"{"kind":"status_posted","text":"Next update at 15:30 UTC","next_at":"2026-11-23T15:30:00Z"}"#,
            r#"{"kind":"started","roles":{"driver":"Ana","communicator":"Ben","verifier":"Cy"},"plan":[{"kind":"trigger","label":"trigger","title":"Trigger: confirm the signal","target":"2m","owner":"driver","items":[{"id":"trigger-0","text":"Confirm trigger","meaning":{"trigger":0},"command":null}]}]}"#,
            r#"{"kind":"started","roles":{"driver":"Ana","communicator":"Ben","verifier":"Cy","solo":false}}"#,
            r#"{"kind":"step_completed","step":"verify","left_unchecked":[1,3]}"#,
            r#"{"kind":"step_completed","step":"freeze","left_unchecked":[]}"#,
            r#"{"kind":"paused"}"#,
        ];
        let stamp = r#""seq":3,"at":"2026-11-23T14:00:00.250Z","t_ms":250"#;
        for kind in kinds {
            let fields = kind.strip_prefix('{').and_then(|k| k.strip_suffix('}')).expect("an object");
            let fast = format!(r#"{{{stamp},"role":"driver",{fields}}}"#);
            let (tag, rest) = fields.split_once(',').unwrap_or((fields, ""));
            let sep = if rest.is_empty() { "" } else { "," };
            let derived = format!(r#"{{{stamp},{rest}{sep}"role":"driver",{tag}}}"#);
            let a: Event = serde_json::from_str(&fast).expect("fast");
            let b: Event = serde_json::from_str(&derived).expect("derived");
            assert_eq!(a, b, "{kind}");
            assert_eq!(serde_json::from_str::<Event>(&serde_json::to_string(&a).expect("write")).expect("reread"), a);
        }
        let bad = [
            r#""kind":"item_toggled","step":"freeze","item":1"#,
            r#""kind":"note_added","text":1"#,
            r#""kind":"started","plan":[]"#,
            r#""kind":"step_completed","step":"verify""#,
            "",
        ];
        for bad in bad {
            let sep = if bad.is_empty() { "" } else { "," };
            let line = format!("{{{stamp}{sep}{bad}}}");
            assert!(serde_json::from_str::<Event>(&line).is_err(), "{line}");
        }
    }

    #[test]
    fn a_checked_item_s_id_is_read_in_place_unless_escaped() {
        let plain: ItemToggled<'_> =
            serde_json::from_str(r#"{"step":"trigger","item":0,"id":"trigger-0","checked":true}"#).expect("plain");
        assert!(matches!(plain.id, Some(Borrowed(Cow::Borrowed("trigger-0")))));
        let escaped: ItemToggled<'_> =
            serde_json::from_str(r#"{"step":"trigger","item":0,"id":"a\"b","checked":true}"#).expect("escaped");
        assert!(matches!(escaped.id, Some(Borrowed(Cow::Owned(ref id))) if id == "a\"b"));
    }
}
