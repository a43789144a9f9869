//! One line per secret kind: what goes in, what comes out.

use super::*;

const TABLE: &[(&str, &str, &str)] = &[
    ("GitHub classic", "using ghp_0123456789abcdefghijABCDEFGHIJ now", "using [redacted] now"),
    (
        "GitHub fine-grained",
        "GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRS",
        "GH=[redacted]",
    ),
    (
        "GitHub inside colour codes",
        "\u{1b}[32mghp_0123456789abcdefghijABCDEFGHIJ\u{1b}[0m",
        "\u{1b}[32m[redacted]\u{1b}[0m",
    ),
    ("AWS key id AKIA", "key AKIAABCDEFGHIJKLMNOP", "key [redacted]"),
    ("AWS key id ASIA", "id=ASIAQWERTYUIOPASDFGH", "id=[redacted]"),
    (
        "AWS secret, key = value",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "aws_secret_access_key = [redacted]",
    ),
    (
        "AWS secret, env",
        "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "export AWS_SECRET_ACCESS_KEY=[redacted]",
    ),
    ("bearer header", "Authorization: Bearer abc.def.ghi", "Authorization: [redacted]"),
    ("basic header", "authorization: Basic YWRtaW46aHVudGVyMg==", "authorization: [redacted]"),
    ("curl -H bearer", "curl -H 'X-Auth: bearer abcdefgh12345678'", "curl -H 'X-Auth: bearer [redacted]'"),
    (
        "password in a URL",
        "connecting to postgres://admin:S3cr3t!@db.internal:5432/app",
        "connecting to postgres://admin:[redacted]@db.internal:5432/app",
    ),
    (
        "JSON password",
        r#"{"user": "ana", "password": "hunter2", "ok": true}"#,
        r#"{"user": "ana", "password": [redacted], "ok": true}"#,
    ),
    ("JSON client_secret", r#"{"client_secret":"abc123"}"#, r#"{"client_secret":[redacted]}"#),
    ("YAML token", "  api_token: 0123456789abcdef", "  api_token: [redacted]"),
    ("env password", "DB_PASSWORD=hunter2 ok", "DB_PASSWORD=[redacted] ok"),
    ("PEM begin line", "-----BEGIN OPENSSH PRIVATE KEY-----", "[redacted]"),
    ("Slack bot token", "SLACK=xoxb-123456789012-abcdefghijkl", "SLACK=[redacted]"),
    ("Slack webhook", "post to https://hooks.slack.com/services/T000/B000/XXXXXXXX", "post to https://[redacted]"),
    ("Stripe secret key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "[redacted]"),
    ("JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "[redacted]"),
    ("URL token parameter", "GET /hook?token=abc123&x=1", "GET /hook?token=[redacted]&x=1"),
    ("nothing secret", "deploy ok: prod-2026-10-30.1 (5 tokens left)", "deploy ok: prod-2026-10-30.1 (5 tokens left)"),
];

#[test]
fn each_secret_kind_is_hidden() {
    let r = Redactor::built_in();
    for (kind, input, expected) in TABLE {
        assert_eq!(r.apply(input), *expected, "{kind}");
    }
}

#[test]
fn every_kind_hides_its_example_and_names_it() {
    let r = Redactor::built_in();
    for k in BUILT_IN {
        let hidden = r.apply(k.example);
        assert!(!hidden.contains(k.secret), "{}: {hidden}", k.name);
        assert!(hidden.contains(MASK), "{}: {hidden}", k.name);
        assert!(r.find_all(k.example).iter().any(|(n, _)| *n == k.name), "{} names itself", k.name);
        // Hiding twice changes nothing: every entry may redact again.
        assert_eq!(r.apply(&hidden), hidden, "{}", k.name);
        // In a sentence, in an argument, with its neighbours kept.
        let said = format!("we saw {} in the log.", k.example);
        assert!(!r.apply(&said).contains(k.secret), "{}", k.name);
        assert!(r.apply(&said).starts_with("we saw "), "{}", k.name);
        let argv = vec!["tool".to_owned(), k.example.to_owned()];
        assert!(!r.argv(&argv).concat().contains(k.secret), "{} in argv", k.name);
    }
}

#[test]
fn plain_words_ids_and_hashes_are_left_alone() {
    let r = Redactor::built_in();
    for text in [
        "deploy ok: prod-2026-10-30.1 (5 tokens left)",
        "commit 3f786850e387550fdab836ed7e6dc881de23001b is live",
        "skipped: the ledger was down; Ana named it from the deploy log",
        "GET /signup answers 200 in 41 ms",
        "https://github.com/acme/web/issues/41",
        "mysql --port 3306 -h db",
    ] {
        assert_eq!(r.apply(text), text);
    }
}

#[test]
fn argv_hides_a_pem_block_inside_one_argument_and_named_values() {
    let r = Redactor::built_in();
    let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAfake\nQ2hlY2s=\n-----END RSA PRIVATE KEY-----";
    let argv: Vec<String> = ["ssh-add", pem].map(str::to_owned).to_vec();
    let shown = r.argv(&argv).concat();
    assert!(!shown.contains("MIIEpAIBAAKCAQEAfake") && !shown.contains("Q2hlY2s="), "{shown}");
    let argv: Vec<String> = ["aws", "configure", "set", "aws_secret_access_key", "abc123"].map(str::to_owned).to_vec();
    assert_eq!(r.argv(&argv)[4], MASK);
    let argv: Vec<String> = ["/usr/bin/mysql", "-u", "root", "-pS3cret", "-h", "db"].map(str::to_owned).to_vec();
    assert_eq!(r.argv(&argv), ["/usr/bin/mysql", "-u", "root", "-p[redacted]", "-h", "db"]);
    // Not a MySQL client: `-p` is another option.
    let argv: Vec<String> = ["ssh", "-p2222", "host"].map(str::to_owned).to_vec();
    assert_eq!(r.argv(&argv), argv);
    let argv: Vec<String> = ["kubectl", "create", "secret", "generic", "x"].map(str::to_owned).to_vec();
    assert_eq!(r.argv(&argv), argv, "a bare word is not a secret's name");
}

#[test]
fn a_pem_block_is_hidden_from_begin_to_end_line_by_line() {
    let r = Redactor::built_in();
    let text =
        "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nabcdef==\n-----END RSA PRIVATE KEY-----\nafter";
    assert_eq!(r.apply(text), "before\n[redacted]\n[redacted]\n[redacted]\n[redacted]\nafter");
    let mut s = r.stream();
    let lines: Vec<String> = text.split('\n').map(|l| s.line(l)).collect();
    assert_eq!(lines.join("\n"), r.apply(text));
}

#[test]
fn argv_hides_secrets_and_the_value_after_a_secret_flag() {
    let argv: Vec<String> =
        ["mysql", "--password", "hunter2", "-h", "postgres://u:p4ss@db", "--api-key=abc"].map(str::to_owned).to_vec();
    assert_eq!(
        redact_argv(&argv),
        vec!["mysql", "--password", "[redacted]", "-h", "postgres://u:[redacted]@db", "--api-key=[redacted]"]
    );
}

#[test]
fn runbook_patterns_add_to_them_and_bad_ones_are_refused() {
    let r = Redactor::new(&[r"acct-\d{6}".to_owned()]).expect("valid");
    assert_eq!(r.apply("account acct-123456"), format!("account {MASK}"));
    assert!(Redactor::new(&["(".to_owned()]).is_err_and(|e| e.contains("not a valid regular expression")));
}

#[test]
fn a_literal_credential_in_a_runbook_is_named_with_its_place() {
    let text = "version = 1\n# token: ghp_in_a_comment_is_ok_0123456789\nhow = \"flagctl --auth ghp_0123456789abcdefghijABCDEFGHIJ\"\n";
    let why = "written here: read it from the environment instead (journals keep a redacted copy, but the file itself holds it)";
    assert_eq!(
        literal_secrets("rb.toml", text),
        vec![
            format!("rb.toml:2:3: warning: password, secret or token value {why}"),
            format!("rb.toml:3:23: warning: GitHub token {why}"),
        ]
    );
}

#[test]
fn find_names_the_kind_and_where() {
    let r = Redactor::built_in();
    assert_eq!(r.find("x = \"ghp_0123456789abcdefghijABCDEFGHIJ\""), Some(("GitHub token", 5)));
    assert_eq!(r.find("title = \"Checkout\""), None);
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;

    /// A secret of each kind, and the part of it that must never survive.
    fn secret() -> impl Strategy<Value = (String, String)> {
        prop_oneof![
            "[A-Za-z0-9]{36}".prop_map(|b| (format!("ghp_{b}"), b)),
            "[A-Za-z0-9_]{82}".prop_map(|b| (format!("github_pat_{b}"), b)),
            "[A-Z0-9]{16}".prop_map(|b| (format!("ASIA{b}"), b)),
            "[A-Za-z0-9/+]{40}".prop_map(|b| (format!("aws_secret_access_key = {b}"), b)),
            "[A-Za-z0-9]{24}".prop_map(|b| (format!("Authorization: Bearer {b}"), b)),
            "[A-Za-z0-9!*]{8,20}".prop_map(|b| (format!("postgres://admin:{b}@db:5432/app"), b)),
            "[A-Za-z0-9]{8,20}".prop_map(|b| (format!("{{\"password\": \"{b}\"}}"), b)),
            "[A-Za-z0-9-]{24}".prop_map(|b| (format!("xoxb-{b}"), b)),
            "[A-Za-z0-9]{24}".prop_map(|b| (format!("sk_live_{b}"), b)),
        ]
    }

    proptest! {
        #[test]
        fn no_secret_survives_in_text_argv_or_multi_line_output(
            (secret, body) in secret(),
            before in "[a-zA-Z0-9 ,.;_-]{0,30}",
            after in "[a-zA-Z0-9 ,.;_-]{0,30}",
        ) {
            let r = Redactor::built_in();
            let line = format!("{before} {secret} {after}");
            prop_assert!(!r.apply(&line).contains(&body), "{}", r.apply(&line));
            let argv = vec!["tool".to_owned(), before.clone(), secret.clone(), after.clone()];
            prop_assert!(!redact_argv(&argv).concat().contains(&body));
            let output = format!("{before}\n{line}\n{after}");
            prop_assert!(!r.apply(&output).contains(&body));
        }
    }
}

#[test]
fn warming_on_another_thread_while_redacting_keeps_every_pattern_in_order() {
    let warming = std::thread::spawn(warm);
    let hidden = Redactor::built_in().apply("token=abcdef123456");
    warming.join().expect("warm");
    assert_eq!(hidden, format!("token={MASK}"));
    let names: Vec<_> = Redactor::built_in().patterns().map(|(name, ..)| name).collect();
    assert_eq!(names, BUILT_IN.iter().map(|k| k.name).collect::<Vec<_>>());
    assert!((0..BUILT_IN.len()).all(|i| PATTERNS[i].get().is_some_and(Option::is_some)));
}
