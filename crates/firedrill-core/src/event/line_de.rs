//! Reading one journal line into an [`Event`] without copying it first: the
//! stamp's fields (`seq`, `at`, `t_ms`, `role`) are taken as they come, in
//! any order, and every other field goes straight on to the event kind's
//! reader. A derived `#[serde(flatten)]` would copy each line into a map
//! and read the map twice. A time written as firedrill writes it
//! (`2026-11-23T14:00:00.001Z`) is read without the general RFC 3339
//! parser, which still reads any other form.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::Event;
use crate::roles::Role;

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EventVisitor)
    }
}

impl Event {
    /// Reads one journal line (a JSON object) into an event. It is
    /// compiled here, in the core, and never inlined into its caller: the
    /// hottest loop of reading a journal stays built for speed while the
    /// binary's own crate is built for size (docs/design.md, "The release
    /// binary").
    ///
    /// # Errors
    /// serde's reason when the line is not an event.
    #[inline(never)]
    pub fn from_json_line(line: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(line)
    }
}

struct EventVisitor;

impl<'de> Visitor<'de> for EventVisitor {
    type Value = Event;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a journal event")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Event, A::Error> {
        let mut rest = Rest { map, stamp: Fields::default(), done: false };
        let kind = super::kinds::read(&mut rest)?;
        // Should the kind's reader stop before the end of the line, the
        // stamp fields after it are still read.
        while !rest.done && rest.next_key_seed(std::marker::PhantomData::<de::IgnoredAny>)?.is_some() {
            rest.map.next_value::<de::IgnoredAny>()?;
        }
        let f = rest.stamp;
        Ok(Event {
            seq: f.seq.ok_or_else(|| de::Error::missing_field("seq"))?,
            at: f.at.ok_or_else(|| de::Error::missing_field("at"))?,
            t_ms: f.t_ms.ok_or_else(|| de::Error::missing_field("t_ms"))?,
            role: f.role,
            kind,
        })
    }
}

/// The stamp's fields, once read.
#[derive(Default)]
struct Fields {
    seq: Option<u64>,
    at: Option<DateTime<Utc>>,
    t_ms: Option<u64>,
    role: Option<Role>,
    /// True once `role` was read (it may be `null`).
    role_read: bool,
}

/// The line's map with the stamp's fields taken out as they pass.
struct Rest<A> {
    map: A,
    stamp: Fields,
    /// True once the map has ended.
    done: bool,
}

/// Stores `value` in `slot`, refusing a field given twice as serde does.
fn once<T, E: de::Error>(slot: &mut Option<T>, value: T, name: &'static str) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Rest<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.map.next_key::<FieldName<'de>>()? {
            match key {
                FieldName::Seq => once(&mut self.stamp.seq, self.map.next_value()?, "seq")?,
                FieldName::At => once(&mut self.stamp.at, self.map.next_value::<At>()?.0, "at")?,
                FieldName::TMs => once(&mut self.stamp.t_ms, self.map.next_value()?, "t_ms")?,
                FieldName::Role if self.stamp.role_read => return Err(de::Error::duplicate_field("role")),
                FieldName::Role => (self.stamp.role, self.stamp.role_read) = (self.map.next_value()?, true),
                FieldName::Other(Cow::Borrowed(name)) => {
                    return seed.deserialize(BorrowedStrDeserializer::new(name)).map(Some);
                }
                FieldName::Other(Cow::Owned(name)) => return seed.deserialize(StringDeserializer::new(name)).map(Some),
            }
        }
        self.done = true;
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A field name of the line: a stamp's, or one for the event kind.
enum FieldName<'de> {
    Seq,
    At,
    TMs,
    Role,
    Other(Cow<'de, str>),
}

impl<'de> Deserialize<'de> for FieldName<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl KeyVisitor {
    fn known(name: &str) -> Option<FieldName<'static>> {
        match name {
            "seq" => Some(FieldName::Seq),
            "at" => Some(FieldName::At),
            "t_ms" => Some(FieldName::TMs),
            "role" => Some(FieldName::Role),
            _ => None,
        }
    }
}

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = FieldName<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<FieldName<'de>, E> {
        Ok(Self::known(v).unwrap_or(FieldName::Other(Cow::Borrowed(v))))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldName<'de>, E> {
        Ok(Self::known(v).unwrap_or_else(|| FieldName::Other(Cow::Owned(v.to_owned()))))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<FieldName<'de>, E> {
        Ok(Self::known(&v).unwrap_or(FieldName::Other(Cow::Owned(v))))
    }
}

/// A UTC time read as chrono reads it, fast when written as firedrill writes it.
struct At(DateTime<Utc>);

impl<'de> Deserialize<'de> for At {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(AtVisitor)
    }
}

struct AtVisitor;

impl Visitor<'_> for AtVisitor {
    type Value = At;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 date and time")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<At, E> {
        match written(v) {
            Some(at) => Ok(At(at)),
            None => v.parse::<DateTime<FixedOffset>>().map(|t| At(t.with_timezone(&Utc))).map_err(E::custom),
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z`, the form firedrill writes, read
/// directly; `None` for any other form (or an impossible date), which the
/// general parser then reads or refuses.
pub(super) fn written(v: &str) -> Option<DateTime<Utc>> {
    let b = v.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        b.get(from..from + len)?.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let seps = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if b.len() < 20 || b.last() != Some(&b'Z') || seps.iter().any(|(i, c)| b.get(*i) != Some(c)) {
        return None;
    }
    let (sec, tail) = (num(17, 2)?, &b[19..b.len() - 1]);
    let nanos = match tail {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            let n = num(20, digits.len())?;
            n * 10u32.pow(u32::try_from(9 - digits.len()).ok()?)
        }
        _ => return None,
    };
    if sec > 59 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0, 4)?).ok()?, num(5, 2)?, num(8, 2)?)?;
    Some(date.and_hms_nano_opt(num(11, 2)?, num(14, 2)?, sec, nanos)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::EventKind;

    #[test]
    fn a_written_time_reads_as_chrono_reads_it() {
        for v in [
            "2026-11-23T14:00:00Z",
            "2026-11-23T14:00:00.001Z",
            "2026-11-23T14:00:00.5Z",
            "2026-11-23T23:59:59.123456789Z",
            "1970-01-01T00:00:00.000Z",
            "2028-02-29T12:30:45.999Z",
        ] {
            let chrono = v.parse::<DateTime<FixedOffset>>().expect("chrono").with_timezone(&Utc);
            assert_eq!(written(v), Some(chrono), "{v}");
        }
    }

    #[test]
    fn other_forms_are_left_to_the_general_parser() {
        for v in [
            "2026-11-23T14:00:00+00:00",
            "2026-11-23 14:00:00Z",
            "2026-11-23T14:00:60Z",
            "2027-02-29T14:00:00Z",
            "2026-11-23T14:00:00.Z",
            "2026-11-23T14:00:00.1234567890Z",
            "2026-1a-23T14:00:00Z",
            "",
        ] {
            assert_eq!(written(v), None, "{v}");
        }
    }

    #[test]
    fn stamp_fields_read_in_any_order_and_twice_is_refused() {
        let line =
            r#"{"kind":"note_added","text":"hi","t_ms":5,"role":"driver","at":"2026-11-23T14:00:00+01:00","seq":2}"#;
        let e: Event = serde_json::from_str(line).expect("event");
        assert_eq!((e.seq, e.t_ms, e.role), (2, 5, Some(Role::Driver)));
        assert_eq!(e.at.to_rfc3339(), "2026-11-23T13:00:00+00:00");
        assert!(matches!(e.kind, EventKind::NoteAdded { ref text, .. } if text == "hi"));
        let twice = r#"{"seq":1,"seq":2,"at":"2026-11-23T14:00:00Z","t_ms":0,"kind":"paused"}"#;
        assert!(serde_json::from_str::<Event>(twice).is_err());
        let written = serde_json::to_string(&e).expect("write");
        assert_eq!(serde_json::from_str::<Event>(&written).expect("reread"), e);
        let missing = r#"{"at":"2026-11-23T14:00:00Z","t_ms":0,"kind":"paused"}"#;
        let err = serde_json::from_str::<Event>(missing).expect_err("no seq").to_string();
        assert!(err.contains("missing field `seq`"), "{err}");
    }
}
