//! The redactor lives in core (`core::redact`), so the session, the
//! postmortem and every screen hide the same secrets; exec uses it here on
//! command output and on what the `notify` program prints.

pub use crate::core::redact::*;
