//! The kinds of secret the redactor knows, each with its published format
//! (the vendor's token format or the gitleaks rule it follows; the list
//! with sources is in `docs/secrets.md`). Order matters: a specific kind
//! is tried before a generic one that would also take part of it.

use super::MASK;

/// One kind of secret: its name (for `check` warnings), the expression,
/// the replacement (`$k` keeps the group named `k`, such as a header
/// name) and, for a shape too plain for a regular expression alone, a test
/// the whole match must pass.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// What it is, as `check` names it.
    pub name: &'static str,
    /// The regular expression (Rust `regex` syntax).
    pub pattern: &'static str,
    /// Words, folded (`gate::fold`), one of which every match contains
    /// once folded; empty when there are none. Proven from the
    /// expression's syntax by `redact/tests_gate.rs`.
    pub needs: &'static [&'static str],
    /// No match is shorter than this many bytes (0 says nothing): a
    /// shorter line is left to the others without compiling the pattern.
    /// Proven from the expression's syntax by `redact/tests_gate.rs`.
    pub shortest: usize,
    /// What replaces a match.
    pub with: &'static str,
    /// A test a match must pass to be a secret, if the pattern alone is too broad.
    pub accept: Option<fn(&str) -> bool>,
    /// A made-up secret of this kind in its context, as it might be typed
    /// or printed (for the docs and the tests).
    pub example: &'static str,
    /// The part of `example` that must never be shown or saved.
    pub secret: &'static str,
}

const fn kind(
    name: &'static str,
    pattern: &'static str,
    needs: &'static [&'static str],
    with: &'static str,
    example: &'static str,
    secret: &'static str,
) -> Kind {
    Kind { name, pattern, needs, shortest: 0, with, accept: None, example, secret }
}

/// Keeps the named group `k` and hides the rest of the match.
const KEEP: &str = "${k}[redacted]";

/// The built-in kinds, tried in this order; the runbook's own `redact`
/// patterns come after them (the 32nd kind in the docs).
pub const BUILT_IN: [Kind; 31] = [
    kind(
        "private key",
        r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----.*",
        &["-----begin "],
        MASK,
        "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEFAKEKEYBODY",
        "b3BlbnNzaC1rZXktdjEFAKEKEYBODY",
    ),
    kind(
        "Authorization header",
        r"(?i)(?P<k>\b(?:proxy-)?authorization\s*[:=]\s*)\S.*",
        &["authorization"],
        KEEP,
        "Authorization: Token 9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
    ),
    kind(
        "bearer token",
        r"(?i)(?P<k>\bbearer\s+)[A-Za-z0-9._~+/=-]{8,}",
        &["bearer"],
        KEEP,
        "X-Auth: Bearer Zm9vYmFyYmF6cXV4cXV1eA",
        "Zm9vYmFyYmF6cXV4cXV1eA",
    ),
    kind(
        "basic credentials",
        r"(?i)(?P<k>\bbasic\s+)[A-Za-z0-9+/]{8,}={0,2}",
        &["basic"],
        KEEP,
        "Basic YWRtaW46aHVudGVyMjAyNg==",
        "YWRtaW46aHVudGVyMjAyNg",
    ),
    kind(
        "password in a URL",
        r"(?P<k>[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:)[^\s@/]+@",
        &["://"],
        "${k}[redacted]@",
        "postgres://admin:Tr0ub4dorFake3@db.internal:5432/app",
        "Tr0ub4dorFake3",
    ),
    kind(
        "GitHub token",
        r"gh[pousr]_[A-Za-z0-9]{20,}",
        &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
        MASK,
        "ghp_FAKE0123456789abcdefghijklmnopqrstuv",
        "ghp_FAKE0123456789abcdefghijklmnopqrstuv",
    ),
    kind(
        "GitHub fine-grained token",
        r"github_pat_[A-Za-z0-9_]{20,}",
        &["github_pat_"],
        MASK,
        "github_pat_11FAKE0000abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ",
        "github_pat_11FAKE0000abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ",
    ),
    kind(
        "GitLab token",
        r"\bgl(?:pat|dt|rt|ptt|soat|cbt|ft|imt|oas|wt|agent)-[A-Za-z0-9_.-]{20,}",
        &["gl"],
        MASK,
        "glpat-FAKEabcdefghij0123456789",
        "glpat-FAKEabcdefghij0123456789",
    ),
    kind(
        "AWS access key id",
        r"(?:AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|AIPA|ABIA|ACCA)[0-9A-Z]{16}",
        &["akia", "asia", "aroa", "aida", "agpa", "anpa", "anva", "aipa", "abia", "acca"],
        MASK,
        "AKIAIOSFODNN7EXAMPLE",
        "AKIAIOSFODNN7EXAMPLE",
    ),
    kind(
        "AWS secret access key",
        r#"(?i)(?P<k>aws_?secret_?(?:access_?)?key["']?\s*[:=]?\s*["']?)[A-Za-z0-9/+=]{20,}"#,
        &["aws"],
        KEEP,
        "aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    ),
    kind(
        "Slack token",
        r"xox[abposre]-[A-Za-z0-9-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{10,}",
        &["xox", "xapp-"],
        MASK,
        "xoxb-1234567890-0987654321-FAKEfakeFAKEfake",
        "xoxb-1234567890-0987654321-FAKEfakeFAKEfake",
    ),
    kind(
        "Slack webhook",
        r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+",
        &["hooks.slack.com/"],
        MASK,
        "https://hooks.slack.com/services/T0FAKE000/B0FAKE000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "T0FAKE000/B0FAKE000/XXXXXXXXXXXXXXXXXXXXXXXX",
    ),
    kind(
        "Stripe key",
        r"(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,}",
        &["_live_", "_test_", "_prod_"],
        MASK,
        "sk_live_FAKE4eC39HqLyjWDarjtT1zdp7dc",
        "sk_live_FAKE4eC39HqLyjWDarjtT1zdp7dc",
    ),
    kind(
        "Stripe webhook secret",
        r"whsec_[A-Za-z0-9]{10,}",
        &["whsec_"],
        MASK,
        "whsec_FAKEabcdef0123456789abcdef",
        "whsec_FAKEabcdef0123456789abcdef",
    ),
    kind(
        "JSON web token",
        r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}",
        &["eyj"],
        MASK,
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.c2lnbmF0dXJlZmFrZQ",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.c2lnbmF0dXJlZmFrZQ",
    ),
    kind(
        "Google API key",
        r"AIza[0-9A-Za-z_-]{35}",
        &["aiza"],
        MASK,
        "AIzaSyFAKE-0123456789abcdefghijklmnopqr",
        "AIzaSyFAKE-0123456789abcdefghijklmnopqr",
    ),
    kind(
        "OpenAI key",
        r"\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
        &["sk-"],
        MASK,
        "sk-proj-FAKEabcdefghijklmnopqrstuvwxyz0123456789",
        "sk-proj-FAKEabcdefghijklmnopqrstuvwxyz0123456789",
    ),
    kind(
        "Anthropic key",
        r"\bsk-ant-[a-z]+[0-9]{2}-[A-Za-z0-9_-]{20,}",
        &["sk-ant-"],
        MASK,
        "sk-ant-api03-FAKEabcdefghijklmnopqrstuvwxyz0123456789",
        "sk-ant-api03-FAKEabcdefghijklmnopqrstuvwxyz0123456789",
    ),
    kind(
        "npm token",
        r"\bnpm_[A-Za-z0-9]{36}",
        &["npm_"],
        MASK,
        "npm_FAKEabcdefghijklmnopqrstuvwxyz012345",
        "npm_FAKEabcdefghijklmnopqrstuvwxyz012345",
    ),
    kind(
        "PyPI token",
        r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{20,}",
        &["pypi-"],
        MASK,
        "pypi-AgEIcHlwaS5vcmcFAKEabcdefghijklmnopqrstuvwxyz0123456789",
        "pypi-AgEIcHlwaS5vcmcFAKEabcdefghijklmnopqrstuvwxyz0123456789",
    ),
    kind(
        "SendGrid key",
        r"\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}",
        &["sg."],
        MASK,
        "SG.FAKEabcdefghijklmnopq.FAKEabcdefghijklmnopqrstuvwxyz0123456789ABC",
        "SG.FAKEabcdefghijklmnopq.FAKEabcdefghijklmnopqrstuvwxyz0123456789ABC",
    ),
    kind(
        "Azure storage key",
        r"(?i)(?P<k>\b(?:AccountKey|SharedAccessKey|SharedAccessSignature)\s*=\s*)[A-Za-z0-9+/%=&:-]{16,}",
        &["accountkey", "sharedaccess"],
        KEEP,
        "AccountName=fake;AccountKey=FAKEbase64FAKEbase64FAKEbase64FAKEbase64+/8w==;EndpointSuffix=core.windows.net",
        "FAKEbase64FAKEbase64FAKEbase64FAKEbase64+/8w==",
    ),
    kind(
        "MySQL password option",
        r#"(?P<k>\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mariadb|mariadb-dump)\b[^\n]*?[\s"',\[]["']?-p)[^\s"',\]\[][^\s"',\]]*"#,
        &["mysql", "mariadb"],
        KEEP,
        "mysql -u root -pFakeS3cretPw app",
        "FakeS3cretPw",
    ),
    kind(
        "Twilio API key",
        r"\bSK[0-9a-fA-F]{32}\b",
        &["sk"],
        MASK,
        "SK0123456789abcdef0123456789abcdef",
        "SK0123456789abcdef0123456789abcdef",
    ),
    kind(
        "Hugging Face token",
        r"\bhf_[A-Za-z]{34}\b",
        &["hf_"],
        MASK,
        "hf_FAKEabcdefghijklmnopqrstuvwxyzABCD",
        "hf_FAKEabcdefghijklmnopqrstuvwxyzABCD",
    ),
    kind(
        "DigitalOcean token",
        r"\bdo[por]_v1_[a-f0-9]{64}\b",
        &["_v1_"],
        MASK,
        "dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    ),
    kind(
        "Shopify token",
        r"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b",
        &["shp"],
        MASK,
        "shpat_0123456789abcdef0123456789abcdef",
        "shpat_0123456789abcdef0123456789abcdef",
    ),
    kind(
        "Vault token",
        r"\bhv[sbr]\.[A-Za-z0-9_-]{24,}",
        &["hvs.", "hvb.", "hvr."],
        MASK,
        "hvs.FAKEabcdefghijklmnopqrstuvwxyz",
        "hvs.FAKEabcdefghijklmnopqrstuvwxyz",
    ),
    kind(
        "URL token parameter",
        r"(?i)(?P<k>[?&](?:access_token|token|key|sig|signature|password|secret|api_key)=)[^&\s]+",
        &["token=", "key=", "sig=", "signature=", "password=", "secret="],
        KEEP,
        "https://hooks.example.com/notify?token=FakeTok3nValue99&x=1",
        "FakeTok3nValue99",
    ),
    kind(
        "password, secret or token value",
        r#"(?i)(?P<k>[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]*["']?\s*(?:=|:)\s*)(?:"[^"]*"|'[^']*'|[^\s,;}\]\[&"'][^\s,;}\]&]*)"#,
        &[
            "password",
            "passwd",
            "pwd",
            "secret",
            "token",
            "apikey",
            "api_key",
            "api-key",
            "accesskey",
            "access_key",
            "access-key",
            "privatekey",
            "private_key",
            "private-key",
            "credential",
        ],
        KEEP,
        "DB_PASSWORD=Hunter2Fake!",
        "Hunter2Fake!",
    ),
    Kind {
        name: "AWS secret access key (bare)",
        example: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        // A run of the base64 alphabet; `bare_aws_secret` keeps those of
        // exactly 40 characters mixing cases and digits.
        pattern: r"[A-Za-z0-9/+=]{40,}",
        needs: &[],
        shortest: 40,
        with: MASK,
        accept: Some(bare_aws_secret),
    },
];

/// True for a whole run of the base64 alphabet shaped like an AWS secret
/// access key: exactly 40 characters of `A-Za-z0-9/+` holding an upper
/// case letter, a lower case letter and a digit (a git hash is lower case
/// hex; a longer base64 blob is another thing).
fn bare_aws_secret(run: &str) -> bool {
    run.len() == 40
        && !run.contains('=')
        && run.bytes().any(|b| b.is_ascii_uppercase())
        && run.bytes().any(|b| b.is_ascii_lowercase())
        && run.bytes().any(|b| b.is_ascii_digit())
}

/// Words that make a flag's next argument a secret (`--password X`).
pub const SECRET_FLAGS: [&str; 8] = ["password", "passwd", "secret", "token", "api-key", "apikey", "api_key", "key"];

/// Words that make a bare name's next argument a secret when the name is
/// compound (`aws configure set aws_secret_access_key X`).
pub const SECRET_NAMES: [&str; 7] = ["password", "passwd", "secret", "token", "apikey", "api_key", "access_key"];

/// Programs whose `-pVALUE` option is a password (`MySQL` and `MariaDB` clients).
pub const PASSWORD_P: [&str; 7] =
    ["mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlcheck", "mariadb", "mariadb-dump"];
