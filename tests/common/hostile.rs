//! Hostile input for the tests: an example of every kind of secret (the
//! 31 built in and a runbook's own pattern), one line holding them all, and
//! checks that none is in a text or a folder of files.

use std::fs;
use std::path::Path;

use firedrill::core::redact::BUILT_IN;

use super::pty::Pty;

/// The runbook's own `redact` pattern, and its example (the 32nd kind).
pub const OWN: (&str, &str) = (r"acct-\d{6}", "acct-204817");

/// Every kind's example on one line: the two that hide the rest of their
/// line (a PEM header, an `Authorization` header) come last, so each kind
/// is hidden by its own pattern.
pub fn all_kinds() -> String {
    let eats_line = ["private key", "Authorization header"];
    let mut parts: Vec<String> =
        BUILT_IN.iter().filter(|k| !eats_line.contains(&k.name)).map(|k| k.example.to_owned()).collect();
    parts.push(format!("account {} locked", OWN.1));
    parts.extend(
        eats_line.iter().rev().filter_map(|n| BUILT_IN.iter().find(|k| k.name == *n)).map(|k| k.example.to_owned()),
    );
    parts.join(" ; ")
}

/// Pastes `text` and a fresh tag into the open field (secrets are pasted
/// more than typed; a bracketed paste is one event), and once the tag is
/// on screen, `then`.
pub fn type_then(app: &Pty, text: &str, then: &[u8]) {
    static TAGS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let tag = format!("zq{}", TAGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    app.send(format!("\x1b[200~{text} {tag}\x1b[201~").as_bytes());
    app.wait_for(&tag);
    std::thread::sleep(std::time::Duration::from_millis(150));
    app.send(then);
}

/// The part of each kind that must never be shown or saved.
pub fn secrets() -> Vec<&'static str> {
    BUILT_IN.iter().map(|k| k.secret).chain([OWN.1]).collect()
}

/// A TOML basic string of `text`.
pub fn toml(text: &str) -> String {
    firedrill::core::sanitize::toml_string(text)
}

/// Every file under `dir`, recursively, as text (bytes as lossy UTF-8).
pub fn texts_under(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(read) = fs::read_dir(dir) else { return out };
    for e in read.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(texts_under(&p));
        } else if let Ok(bytes) = fs::read(&p) {
            out.push((p.display().to_string(), String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    out
}

/// True when `path` ends in `.ext`.
pub fn is(path: &str, ext: &str) -> bool {
    Path::new(path).extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Asserts no secret is in `text` (nor in it with markdown's backslashes
/// taken out), naming `place`.
pub fn assert_hidden(place: &str, text: &str) {
    let plain = text.replace('\\', "");
    for s in secrets() {
        assert!(!text.contains(s) && !plain.contains(s), "{place} shows or keeps {s:?}:\n{text}");
    }
}
