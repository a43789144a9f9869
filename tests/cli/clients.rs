//! Clients firedrill did not write, run on what it generates: the
//! completion scripts loaded by bash, zsh and fish (each asked what it
//! offers after `firedrill actions export --`), every man page rendered by
//! groff and `man -l`, every `--help` ending with examples, the schema
//! `new` writes beside a runbook, and the README's set-up as CI runs it.
//! A shell or tool missing here skips its part with the reason printed.

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn firedrill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(root())
        .args(args)
        .env_remove("FIREDRILL_CONFIG")
        .output()
        .expect("run firedrill")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn tool(name: &str) -> bool {
    let found = Command::new("sh").args(["-c", &format!("command -v {name}")]).output();
    let here = found.is_ok_and(|o| o.status.success());
    if !here {
        // Straight to standard error: the test harness hides eprintln! of a passing test.
        let _ = writeln!(std::io::stderr(), "skipped: {name} is not on PATH here; install it to run this part");
    }
    here
}

/// The completion script for `shell`, written into a fresh folder as `file`.
fn script(shell: &str, file: &str) -> tempfile::TempDir {
    let o = firedrill(&["completions", shell]);
    assert_eq!(o.status.code(), Some(0), "{shell}");
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join(file), &o.stdout).expect("write the script");
    dir
}

/// What each shell offers after these words, and what it must offer
/// (first list) and must not (second list).
const CASES: &[(&str, &[&str], &[&str])] = &[
    ("firedrill actions export --", &["--format", "--dir", "--repo"], &["--json", "--open", "--out"]),
    ("firedrill actions --", &["--json", "--open"], &["--format"]),
    ("firedrill check --", &["--strict", "--json", "--injects"], &["--out"]),
    ("firedrill man --", &["--dir"], &["--json"]),
];

fn assert_offers(shell: &str, line: &str, offered: &[String], (must, never): (&[&str], &[&str])) {
    for want in must {
        assert!(offered.iter().any(|o| o == want), "{shell}: `{line}` does not offer {want}: {offered:?}");
    }
    for not in never {
        assert!(!offered.iter().any(|o| o == not), "{shell}: `{line}` offers {not}: {offered:?}");
    }
}

#[test]
fn bash_completes_each_command_with_its_own_flags() {
    if !tool("bash") {
        return;
    }
    let dir = script("bash", "firedrill.bash");
    for (line, must, never) in CASES {
        let words: Vec<&str> = line.split(' ').collect();
        let program = format!(
            "source {}/firedrill.bash\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_firedrill firedrill {} {}\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
            dir.path().display(),
            words.join(" "),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let o = Command::new("bash").args(["--norc", "--noprofile", "-c", &program]).output().expect("bash");
        assert!(o.status.success() && o.stderr.is_empty(), "bash: {}", String::from_utf8_lossy(&o.stderr));
        let offered: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
        assert_offers("bash", line, &offered, (must, never));
    }
}

#[test]
fn zsh_completes_each_command_with_its_own_flags() {
    if !tool("zsh") || !tool("timeout") {
        return;
    }
    let dir = script("zsh", "_firedrill");
    let capture = root().join("tests/fixtures/shells/capture.zsh");
    for (line, must, never) in CASES {
        let o = Command::new("timeout")
            .args(["60", "zsh", "-f"])
            .arg(&capture)
            .arg(dir.path())
            .arg(line)
            .output()
            .expect("zsh");
        assert!(o.status.success(), "zsh on `{line}`: {}", String::from_utf8_lossy(&o.stderr));
        let offered: Vec<String> =
            stdout(&o).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
        assert_offers("zsh", line, &offered, (must, never));
    }
}

#[test]
fn fish_completes_each_command_with_its_own_flags() {
    if !tool("fish") {
        return;
    }
    let dir = script("fish", "firedrill.fish");
    for (line, must, never) in CASES {
        let program = format!("source {}/firedrill.fish; complete -C '{line}'", dir.path().display());
        let o = Command::new("fish").args(["--no-config", "-c", &program]).output().expect("fish");
        assert!(o.status.success() && o.stderr.is_empty(), "fish: {}", String::from_utf8_lossy(&o.stderr));
        let offered: Vec<String> =
            stdout(&o).lines().map(|l| l.split('\t').next().unwrap_or_default().to_owned()).collect();
        assert_offers("fish", line, &offered, (must, never));
    }
}

#[test]
fn every_man_page_exists_renders_cleanly_and_ends_with_examples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = firedrill(&["man", "--dir", dir.path().to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let top = fs::read_to_string(dir.path().join("firedrill.1")).expect("firedrill.1");
    for section in ["EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO", "EXAMPLES", "FIREDRILL_DIR", "XDG_STATE_HOME"] {
        assert!(top.contains(section), "firedrill(1) has no {section}");
    }
    // Every page the top page names is written, and no other.
    let named: Vec<String> = top
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|w| w.strip_suffix("(1)"))
        .map(man_name)
        .collect();
    let mut written: Vec<String> = fs::read_dir(dir.path())
        .expect("pages")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().trim_end_matches(".1").to_owned())
        .collect();
    written.sort();
    assert!(written.len() >= 20, "{written:?}");
    for page in &named {
        assert!(written.contains(page), "firedrill(1) names {page}(1), which is not written: {written:?}");
    }
    for page in &written {
        let text = fs::read_to_string(dir.path().join(format!("{page}.1"))).expect("page");
        assert!(text.contains(".SH EXAMPLES"), "{page} has no EXAMPLES");
        assert_eq!(firedrill(&["man", page]).stdout, text.as_bytes(), "man {page} prints the same page");
    }
    let mut pages: Vec<_> = written.iter().map(|p| dir.path().join(format!("{p}.1"))).collect();
    pages.sort();
    if tool("groff") {
        for page in &pages {
            let out = Command::new("groff").args(["-man", "-Tutf8", "-ww", "-z"]).arg(page).output().expect("groff");
            assert!(out.status.success() && out.stderr.is_empty(), "{}: {}", page.display(), stdout(&out));
        }
    }
    if tool("man") {
        let out = Command::new("man").arg("-l").arg(&pages[0]).env("MANPAGER", "cat").output().expect("man");
        let shown = stdout(&out);
        assert!(out.status.success() && shown.contains("EXAMPLES"), "man -l: {shown}");
    }
}

/// A name in a page as roff writes it (`firedrill\-drill`) as a file stem.
fn man_name(word: &str) -> String {
    word.replace("\\-", "-").trim_start_matches("\\fB").trim_start_matches("\\fR").to_owned()
}

#[test]
fn every_help_ends_with_two_or_three_examples() {
    let mut commands: Vec<Vec<&str>> = vec![vec![]];
    let top = stdout(&firedrill(&["--help"]));
    let names: Vec<&str> = top
        .split("Commands:")
        .nth(1)
        .unwrap_or_default()
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .collect();
    assert!(names.len() >= 17, "{names:?}");
    commands.extend(names.iter().map(|n| vec![*n]));
    commands.extend([vec!["actions", "close"], vec!["actions", "export"]]);
    for words in commands {
        let mut args = words.clone();
        args.push("--help");
        let help = stdout(&firedrill(&args));
        let tail = help.trim_end().rsplit("Examples:\n").next().unwrap_or_default();
        let examples: Vec<&str> = tail.lines().collect();
        assert!(help.contains("\nExamples:\n"), "{words:?}: {help}");
        assert!((2..=3).contains(&examples.len()), "{words:?}: {examples:?}");
        for e in examples {
            let line = e.trim_start();
            assert!(["firedrill", "cat ", "ssh "].iter().any(|p| line.starts_with(p)), "{words:?}: {e}");
        }
    }
}

#[test]
fn new_writes_the_schema_its_first_line_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rb = dir.path().join("svc.toml");
    let o = firedrill(&["new", rb.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0));
    let text = fs::read_to_string(&rb).expect("runbook");
    let directive = text.lines().next().and_then(|l| l.strip_prefix("#:schema ")).expect("a #:schema line");
    let schema = fs::read_to_string(dir.path().join(directive)).expect("the named schema is beside it");
    assert_eq!(schema, stdout(&firedrill(&["schema"])), "the schema firedrill prints");
    assert_eq!(schema, fs::read_to_string(root().join("assets/runbook.schema.json")).expect("committed"));
    // A second runbook beside it leaves the schema alone; another schema is named, not replaced.
    fs::write(dir.path().join(directive), "{}").expect("an old schema");
    let again = firedrill(&["new", dir.path().join("two.toml").to_str().expect("utf-8")]);
    assert!(stdout(&again).contains("firedrill schema >"), "{}", stdout(&again));
    assert_eq!(fs::read_to_string(dir.path().join(directive)).expect("kept"), "{}");
}

#[test]
fn the_readme_sets_up_with_two_commands_and_ci_runs_its_test_command() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README");
    let setup = readme.split("## Set up").nth(1).expect("a set-up section");
    let block = setup.split("```sh\n").nth(1).and_then(|b| b.split("```").next()).expect("its commands");
    let commands: Vec<&str> = block.lines().map(|l| l.split('#').next().unwrap_or_default().trim()).collect();
    assert_eq!(commands, ["cargo run --release", "cargo test"], "{block}");
    let ci = fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    assert!(ci.lines().any(|l| l.trim_start().starts_with("cargo test ") || l.trim() == "cargo test"), "{ci}");
    let manifest = fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    assert!(manifest.contains("default-run = \"firedrill\""), "cargo run starts firedrill");
}
