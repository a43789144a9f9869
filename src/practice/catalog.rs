//! The range's releases and what sign-up does on each: the story the
//! practice runbook rehearses (a new onboarding step behind a kill switch
//! breaks sign-up; turning the switch off or rolling back fixes it).

use std::collections::BTreeMap;

/// The known-good release: the revert target.
pub const KNOWN_GOOD: &str = "prod-2026-12-01.1";
/// The bad release `practice break` deploys: sign-up fails while
/// [`KILL_SWITCH`] is on.
pub const BAD: &str = "prod-2026-12-07.1";
/// The kill switch of the bad release's new onboarding step.
pub const KILL_SWITCH: &str = "onboarding_v2";

/// One release the range can deploy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeRelease {
    /// Its release ID.
    pub id: &'static str,
    /// What it changed, in one sentence.
    pub change: &'static str,
    /// The kill switch whose `on` breaks sign-up on this release, if any.
    pub breaks_with: Option<&'static str>,
}

/// Every release, oldest first.
pub const RELEASES: &[RangeRelease] = &[
    RangeRelease { id: "prod-2026-11-24.1", change: "Faster password hashing", breaks_with: None },
    RangeRelease { id: KNOWN_GOOD, change: "Sign-up form copy update", breaks_with: None },
    RangeRelease {
        id: BAD,
        change: "New onboarding step asks for company size (behind kill switch onboarding_v2)",
        breaks_with: Some(KILL_SWITCH),
    },
];

/// Kill switches by name: `true` is on.
pub type Flags = BTreeMap<String, bool>;

/// The kill switches of a new range: `onboarding_v2` on (the launch).
pub fn default_flags() -> Flags {
    Flags::from([(KILL_SWITCH.to_owned(), true)])
}

/// The release with this ID, if the range has it.
pub fn find(id: &str) -> Option<&'static RangeRelease> {
    RELEASES.iter().find(|r| r.id == id)
}

/// The release IDs, comma-separated, for error messages.
pub fn known_ids() -> String {
    RELEASES.iter().map(|r| r.id).collect::<Vec<_>>().join(", ")
}

/// What `GET /signup` answers on `live` with `flags`: an HTTP status and a
/// one-line body.
pub fn signup(live: &str, flags: &Flags) -> (u16, String) {
    let Some(release) = find(live) else {
        return (500, format!("sign-up failed: unknown release {live} is deployed"));
    };
    match release.breaks_with {
        Some(switch) if flags.get(switch).copied().unwrap_or(false) => {
            (500, format!("sign-up failed: the onboarding step crashed (release {live}, kill switch {switch} on)"))
        }
        _ => (200, format!("signed up (release {live})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bad_release_breaks_sign_up_only_while_its_switch_is_on() {
        let mut flags = default_flags();
        assert_eq!(signup(BAD, &flags).0, 500);
        assert_eq!(signup(KNOWN_GOOD, &flags).0, 200);
        flags.insert(KILL_SWITCH.to_owned(), false);
        assert_eq!(signup(BAD, &flags).0, 200);
        assert_eq!(signup("prod-0000-00-00.0", &flags).0, 500);
    }

    #[test]
    fn releases_are_found_by_id() {
        assert_eq!(find(KNOWN_GOOD).map(|r| r.breaks_with), Some(None));
        assert!(find("nope").is_none());
        assert!(known_ids().contains(BAD));
    }
}
