//! The runbook parser on any text: errors, never a panic (and every error
//! located inside the text).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(rb) = firedrill::core::runbook::Runbook::parse("fuzz.toml", text) {
        let _ = firedrill::core::runbook::warnings(&rb, text);
    }
    let _ = firedrill::store::runbook_file::check_redact("fuzz.toml", text);
});
