//! The journal reader on any bytes: a journal, skipped lines or an error,
//! never a panic; what it reads replays and renders without a panic too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(loaded) = firedrill::store::journal::parse(text)
        && let Ok((runbook, session)) = loaded.session()
    {
        let input = firedrill::core::postmortem::Input {
            header: &loaded.header,
            runbook: &runbook,
            session: &session,
            history: &[],
        };
        let _ = firedrill::core::postmortem::render(&input);
    }
});
