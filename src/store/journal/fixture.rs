//! A small runbook and a session header for tests that write journals (the
//! journal's own tests, the writer's and the keeper's).

use chrono::{TimeZone, Utc};

use super::sha256_hex;
use crate::core::event::{Header, Mode};

/// A runbook with one trigger and one check.
pub const RUNBOOK: &str = "version = 1\ntitle = \"T\"\n[release]\nlive = \"a\"\nknown_good = \"b\"\n[[triggers]]\nsignal = \"s\"\n[[checks]]\nname = \"c\"\n";

/// A drill's header in journal `format` for [`RUNBOOK`], started 2026-11-23 14:00 UTC.
pub fn header(format: u32) -> Header {
    Header {
        format,
        session_id: "s1".into(),
        mode: Mode::Drill,
        runbook_path: "t.toml".into(),
        runbook_text: RUNBOOK.into(),
        runbook_sha256: sha256_hex(RUNBOOK),
        runbook_redacted: false,
        started_at: Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date"),
        update_every_ms: None,
        deck: None,
        live_commands: false,
    }
}
