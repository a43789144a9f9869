//! Secret rotations written down as they happen (docs/domain.md, "Common ways a
//! rollback fails": "secrets rotated mid-incident and not recorded"): the
//! secret's *name* and every place the new value was applied (app, CI,
//! hosting, database), never the value. The postmortem lists them and
//! proposes one action item per place: confirm it there.

use chrono::{DateTime, Utc};

use crate::event::{Event, EventKind};
use crate::redact::Redactor;

/// A secret rotation as the journal recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    /// The event that recorded it.
    pub seq: u64,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Monotonic ms since the session started.
    pub t_ms: u64,
    /// The secret's name, e.g. `STRIPE_API_KEY`.
    pub name: String,
    /// Where the new value was applied, in the order typed.
    pub applied: Vec<String>,
}

/// Why a rotation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No name before the `;`.
    #[error("name the secret first: NAME; where it was applied")]
    NoName,
    /// No place after the `;`.
    #[error("say where it was applied after a ;: app, CI, hosting, database")]
    NoPlace,
    /// The text holds what looks like a secret's value.
    #[error("that looks like a value: write the secret's name, never its value")]
    LooksLikeValue,
}

/// Reads `NAME; place, place` as typed in the drill's prompt.
///
/// # Errors
/// [`SecretError`] when the name or the places are missing, or the text
/// holds what the built-in patterns take for a secret value.
pub fn parse(text: &str) -> Result<(String, Vec<String>), SecretError> {
    let (name, places) = text.split_once(';').unwrap_or((text, ""));
    let applied: Vec<String> =
        places.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
    let name = name.trim().to_owned();
    check(&name, &applied)?;
    Ok((name, applied))
}

/// The rule for a rotation: a name, at least one place, and no value.
///
/// # Errors
/// As [`parse`].
pub fn check(name: &str, applied: &[String]) -> Result<(), SecretError> {
    if name.trim().is_empty() {
        return Err(SecretError::NoName);
    }
    if applied.iter().all(|p| p.trim().is_empty()) {
        return Err(SecretError::NoPlace);
    }
    let redactor = Redactor::built_in();
    if name.contains('=')
        || std::iter::once(name).chain(applied.iter().map(String::as_str)).any(|t| redactor.apply(t) != t)
    {
        return Err(SecretError::LooksLikeValue);
    }
    Ok(())
}

/// Every rotation in `events`, in order.
pub fn rotations(events: &[Event]) -> Vec<Rotation> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::SecretRotated { name, applied } => {
                Some(Rotation { seq: e.seq, at: e.at, t_ms: e.t_ms, name: name.to_string(), applied: applied.to_vec() })
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rotation_is_a_name_and_its_places_never_a_value() {
        assert_eq!(
            parse(" STRIPE_API_KEY ; app, CI,hosting ,, database "),
            Ok(("STRIPE_API_KEY".to_owned(), vec!["app".into(), "CI".into(), "hosting".into(), "database".into()]))
        );
        assert_eq!(parse("STRIPE_API_KEY"), Err(SecretError::NoPlace));
        assert_eq!(parse(" ; app"), Err(SecretError::NoName));
        assert_eq!(parse("ghp_abcdefghijklmnopqrstuvwxyz0123456789; CI"), Err(SecretError::LooksLikeValue));
        assert_eq!(parse("DB_PASSWORD=hunter2; app"), Err(SecretError::LooksLikeValue));
    }
}
