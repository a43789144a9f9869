//! The redacted copy of a runbook: every kind hidden in strings, command
//! lines and comments, the rest of the text as written, and each secret's
//! place for `check`.

use super::runbook::copy;
use super::*;

const RUNBOOK: &str = r#"version = 1
title = "Sign-up rollback" # paged by ops; PAGER_TOKEN=abc123def
redact = ['acct-\d{6}', 'password=\S+']
[release]
live = "a"
known_good = "b"
probe = ["curl", "-H", "Authorization: Bearer Zm9vYmFyYmF6cXV4cXV1eA", "https://x/version"]
[[triggers]]
signal = "errors from acct-123456"
[[flags]]
name = "f"
safe_command = ["flagctl", "--token", "hunter2", "off"]
[[checks]]
name = "c"
command = ['mysql', '-u', 'root', '-pS3cret', "-e", "select 1"]
"#;

#[test]
fn the_copy_hides_strings_argv_and_comments_and_parses_alike() {
    let r = Redactor::new(&[r"acct-\d{6}".to_owned(), r"password=\S+".to_owned()]).expect("patterns");
    let c = copy(RUNBOOK, &r);
    for secret in ["abc123def", "Zm9vYmFyYmF6cXV4cXV1eA", "acct-123456", "hunter2", "S3cret"] {
        assert!(!c.text.contains(secret), "{secret} in\n{}", c.text);
    }
    assert!(c.text.contains(r"redact = ['acct-\d{6}', 'password=\S+']"), "the patterns are kept:\n{}", c.text);
    assert!(c.text.contains(r#"safe_command = ["flagctl", "--token", "[redacted]", "off"]"#), "{}", c.text);
    assert!(c.text.contains("# paged by ops; PAGER_TOKEN=[redacted]"), "{}", c.text);
    assert_eq!(c.text.lines().count(), RUNBOOK.lines().count(), "the layout is kept");
    let doc: toml::Table = toml::from_str(&c.text).expect("the copy is TOML");
    let orig: toml::Table = toml::from_str(RUNBOOK).expect("TOML");
    assert_eq!(doc.keys().collect::<Vec<_>>(), orig.keys().collect::<Vec<_>>());
    let kinds: Vec<(usize, &str)> = c.spots.iter().map(|s| (s.line, s.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (2, "password, secret or token value"),
            (7, "Authorization header"),
            (9, RUNBOOK_KIND),
            (12, "password, secret or token value"),
            (15, "MySQL password option"),
        ]
    );
    assert_eq!((c.spots[0].line, c.spots[0].col), (2, 44), "the comment's secret, where it is");
}

#[test]
fn a_runbook_without_secrets_is_copied_byte_for_byte() {
    let text = include_str!("../../../../runbooks/onboarding-signup.toml");
    let c = copy(text, &Redactor::built_in());
    assert_eq!(c.text, text);
    assert!(c.spots.is_empty(), "{:?}", c.spots);
}

#[test]
fn every_kind_in_a_runbook_is_found_at_its_place_and_hidden() {
    for k in BUILT_IN {
        let text = format!("version = 1\ntitle = \"x\"\n[release]\nchange = \"saw {}\"\n", k.example.replace('"', "'"));
        let c = copy(&text, &Redactor::built_in());
        assert!(!c.text.contains(k.secret), "{}: {}", k.name, c.text);
        assert!(c.spots.iter().any(|s| s.kind == k.name && s.line == 4 && s.col >= 15), "{}: {:?}", k.name, c.spots);
    }
}

#[test]
fn the_docs_list_every_kind_in_order() {
    let doc = include_str!("../../../../docs/secrets.md");
    for (n, k) in BUILT_IN.iter().enumerate() {
        assert!(doc.contains(&format!("| {} | {} |", n + 1, k.name)), "docs/secrets.md row {} names {}", n + 1, k.name);
    }
    assert!(doc.contains(&format!("| 32 | {RUNBOOK_KIND} |")), "the runbook's own patterns are the 32nd kind");
}
