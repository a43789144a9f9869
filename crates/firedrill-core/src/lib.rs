//! The pure heart of firedrill: runbook model and validation, role rules, the
//! session state machine as a fold over events, timing and KPIs, postmortem
//! rendering, text sanitizing and secret redaction.
//!
//! May use std, serde, toml and `toml_edit` (editing a runbook keeping its
//! comments), chrono types, thiserror, regex (the secret patterns) and
//! schemars (the runbook's JSON Schema, derived from its types). Never a terminal, the file system or a clock: time arrives as
//! data ([`event::Stamp`]).

pub mod actions;
pub mod card;
pub mod changeplan;
pub mod command;
pub mod duration;
pub mod event;
pub mod evidence;
pub mod incident;
pub mod leaving;
pub mod ledger;
pub mod markdown;
pub mod outcome;
pub mod pauses;
pub mod period;
pub mod plan;
pub mod postmortem;
pub mod preflight;
pub mod proposal;
pub mod readiness;
pub mod redact;
pub mod restore;
pub mod review;
pub mod roles;
pub mod runbook;
pub mod sanitize;
pub mod schedule;
pub mod secrets;
pub mod session;
pub mod switch;
pub mod timing;
pub mod vocab;
pub mod words;
