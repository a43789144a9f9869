//! `firedrill actions`: the list across saved sessions, closing one (and a
//! later drill's "done" closing another), CSV and JSON export, and GitHub
//! export through a fake `gh` that records its arguments: each open item
//! becomes one issue, never twice, and a failing `gh` marks nothing.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn firedrill(dir: &Path, args: &[&str], path_env: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .args(args)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("PATH", path_env)
        .env_remove("FIREDRILL_DIR")
        .output()
        .expect("run firedrill")
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A copy of the bundled saved sessions in `tmp/drills`.
fn sessions(tmp: &Path) -> std::path::PathBuf {
    let dir = tmp.join("drills");
    fs::create_dir_all(&dir).expect("dir");
    for e in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("drills")).expect("drills").flatten() {
        fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
    }
    dir
}

fn fake_gh(bin: &Path, fail_from_call: usize) {
    fs::create_dir_all(bin).expect("bin");
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$3\" >> \"{log}\"\nn=$(wc -l < \"{log}\")\nif [ \"$n\" -ge {fail_from_call} ]; then echo 'gh: not logged in' >&2; exit 4; fi\necho \"https://github.com/acme/web/issues/$n\"\n",
        log = bin.join("titles").display()
    );
    fs::write(bin.join("gh"), script).expect("gh");
    fs::set_permissions(bin.join("gh"), fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn items_are_listed_closed_and_exported_as_csv_and_json() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = sessions(tmp.path());
    let d = dir.to_str().expect("utf-8");
    let json = firedrill(tmp.path(), &["actions", d, "--json"], "/usr/bin:/bin");
    assert_eq!(json.status.code(), Some(0));
    let items: Vec<serde_json::Value> = text(&json).lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert!(items.len() >= 8, "{items:?}");
    let later_done = items.iter().find(|v| v["text"] == "Add a health check to the deploy job").expect("a promise");
    assert_eq!(later_done["state"], "closed", "a later drill answered done: {later_done}");
    assert!(items.iter().all(|v| v["owner"].is_string() && v["due"].is_string() && v["kind"].is_string()));

    let open: Vec<&serde_json::Value> = items.iter().filter(|v| v["state"] == "open").collect();
    let id = open[0]["id"].as_str().expect("id");
    let closed =
        firedrill(tmp.path(), &["actions", "close", id, "--dir", d, "--note", "done by hand"], "/usr/bin:/bin");
    assert_eq!(closed.status.code(), Some(0), "{}", String::from_utf8_lossy(&closed.stderr));
    let again = firedrill(tmp.path(), &["actions", "close", id, "--dir", d], "/usr/bin:/bin");
    assert_eq!(again.status.code(), Some(1), "closed once");
    let still_open = text(&firedrill(tmp.path(), &["actions", d, "--open"], "/usr/bin:/bin"));
    assert!(!still_open.contains(id), "{still_open}");
    assert_eq!(still_open.lines().count(), open.len() - 1);

    let csv = text(&firedrill(tmp.path(), &["actions", "export", "--format", "csv", "--dir", d], "/usr/bin:/bin"));
    assert_eq!(csv.lines().next(), Some("id,state,kind,owner,due,runbook,action,issue"));
    assert!(csv.contains(&format!("{id},closed,")), "{csv}");
    assert_eq!(csv.lines().count(), items.len() + 1);
}

#[test]
fn github_export_files_each_open_item_once_and_a_failure_marks_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = sessions(tmp.path());
    let d = dir.to_str().expect("utf-8");
    let bin = tmp.path().join("bin");
    let path_env = format!("{}:/usr/bin:/bin", bin.display());
    let open = text(&firedrill(tmp.path(), &["actions", d, "--open"], "/usr/bin:/bin")).lines().count();

    // Without gh: a clear message, the command that would run, nothing marked.
    let missing = firedrill(tmp.path(), &["actions", "export", "--format", "github", "--dir", d], "/nonexistent");
    let said = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(missing.status.code(), Some(1));
    assert!(said.contains("gh is not installed") && said.contains("\"gh\" \"issue\" \"create\""), "{said}");

    // gh fails from its third call: two issues are made and recorded, no more.
    fake_gh(&bin, 3);
    let first = firedrill(tmp.path(), &["actions", "export", "--format", "github", "--dir", d], &path_env);
    assert_eq!(first.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&first.stderr).contains("gh: not logged in"));
    let listed = text(&firedrill(tmp.path(), &["actions", d, "--json"], "/usr/bin:/bin"));
    assert_eq!(listed.matches("https://github.com/acme/web/issues/").count(), 2, "{listed}");

    // Logged in again: the rest are filed, the first two never twice.
    fs::remove_file(bin.join("titles")).expect("reset log");
    fake_gh(&bin, usize::MAX);
    let second = firedrill(tmp.path(), &["actions", "export", "--format", "github", "--dir", d], &path_env);
    assert_eq!(second.status.code(), Some(0), "{}", String::from_utf8_lossy(&second.stderr));
    let titles = fs::read_to_string(bin.join("titles")).expect("titles");
    assert_eq!(titles.lines().count(), open - 2, "each remaining open item once:\n{titles}");
    let third = firedrill(tmp.path(), &["actions", "export", "--format", "github", "--dir", d], &path_env);
    assert!(text(&third).contains("0 issues created"));
}
