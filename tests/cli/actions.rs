//! `firedrill actions`: the list across saved sessions, closing one (and a
//! later drill's "done" closing another), CSV and JSON export (the same
//! fields, compared one by one), and GitHub export through a fake `gh`
//! first on PATH that records its argv: the label is made sure of, each
//! open item becomes one issue in `--repo`, never twice, its URL is
//! written back into the journal, `actions --json` and the postmortem, and
//! a failing `gh` marks nothing more.

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

/// A `gh` in `bin` that appends its whole argv (one line, arguments
/// joined by a tab, line breaks inside them as spaces) to `bin/calls`, makes the label silently, and answers
/// each `issue create` with a URL numbered by the calls so far, failing
/// (as gh does when logged out) from the `fail_from`-th issue on.
fn fake_gh(bin: &Path, fail_from: usize) {
    fs::create_dir_all(bin).expect("bin");
    let script = format!(
        r#"#!/bin/sh
log="{log}"
(IFS="$(printf '\t')"; printf '%s' "$*" | tr '\n' ' '; echo) >> "$log"
[ "$1" = label ] && exit 0
n=$(grep -c '^issue' "$log")
if [ "$n" -ge {fail_from} ]; then echo 'gh: not logged in' >&2; exit 4; fi
echo "https://github.com/acme/web/issues/$n"
"#,
        log = bin.join("calls").display()
    );
    fs::write(bin.join("gh"), script).expect("gh");
    fs::set_permissions(bin.join("gh"), fs::Permissions::from_mode(0o755)).expect("chmod");
}

fn calls(bin: &Path) -> Vec<Vec<String>> {
    fs::read_to_string(bin.join("calls"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
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
    assert_eq!(csv.lines().next(), Some("id,state,kind,owner,due,runbook,text,issue"));
    assert!(csv.contains(&format!("{id},closed,")), "{csv}");
    assert_eq!(csv.lines().count(), items.len() + 1);
}

#[test]
fn csv_and_json_name_and_hold_the_same_fields() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = sessions(tmp.path());
    let d = dir.to_str().expect("utf-8");
    let json = firedrill(tmp.path(), &["actions", "export", "--format", "json", "--dir", d], "/usr/bin:/bin");
    let items: Vec<serde_json::Value> = text(&json).lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    let csv = firedrill(tmp.path(), &["actions", "export", "--format", "csv", "--dir", d], "/usr/bin:/bin");
    let csv = text(&csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), items.len());
    assert!(rows.len() >= 8);
    for (row, item) in rows.iter().zip(&items) {
        for (column, cell) in header.iter().zip(row.iter()) {
            let field = item.get(column).unwrap_or_else(|| panic!("JSON has no field `{column}`: {item}"));
            let value = field
                .as_str()
                .map_or_else(|| if field.is_null() { String::new() } else { field.to_string() }, str::to_owned);
            assert_eq!(cell, value, "{column} of {}", item["id"]);
        }
        assert_eq!(item["issue"], item["exported"], "the alias holds the same URL");
    }
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md")).expect("docs/json.md");
    let keys = items.iter().flat_map(|i| i.as_object().expect("object").keys().cloned());
    for name in header.into_iter().chain(keys) {
        assert!(doc.contains(&format!("`{name}`")), "docs/json.md does not name `{name}`");
    }
}

#[test]
fn github_export_makes_the_label_files_each_open_item_once_and_writes_the_url_back() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = sessions(tmp.path());
    let d = dir.to_str().expect("utf-8");
    let bin = tmp.path().join("bin");
    let path_env = format!("{}:/usr/bin:/bin", bin.display());
    let open = text(&firedrill(tmp.path(), &["actions", d, "--open"], "/usr/bin:/bin")).lines().count();
    let export = ["actions", "export", "--format", "github", "--repo", "acme/web", "--dir", d];

    // Without gh: a clear message, the command that would run, nothing marked.
    let missing = firedrill(tmp.path(), &export, "/nonexistent");
    let said = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(missing.status.code(), Some(1));
    assert!(said.contains("gh is not installed") && said.contains("\"gh\" \"label\" \"create\""), "{said}");

    // gh fails from its third issue: two issues are made and recorded, no more.
    fake_gh(&bin, 3);
    let first = firedrill(tmp.path(), &export, &path_env);
    assert_eq!(first.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&first.stderr).contains("gh: not logged in"));
    let made = calls(&bin);
    assert_eq!(&made[0][..5], ["label", "create", "firedrill", "--force", "--color"], "the label first: {made:?}");
    assert!(made.iter().all(|c| c.ends_with(&["--repo".to_owned(), "acme/web".to_owned()])), "{made:?}");
    let issues: Vec<&Vec<String>> = made.iter().filter(|c| c[0] == "issue").collect();
    assert_eq!(issues.len(), 3, "two made, the third refused: {made:?}");
    assert!(issues.iter().all(|c| c.windows(2).any(|w| w == ["--label", "firedrill"])), "{issues:?}");
    let listed = text(&firedrill(tmp.path(), &["actions", d, "--json"], "/usr/bin:/bin"));
    let items: Vec<serde_json::Value> = listed.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    let urls: Vec<&str> = items.iter().filter_map(|i| i["issue"].as_str()).collect();
    assert_eq!(urls, ["https://github.com/acme/web/issues/1", "https://github.com/acme/web/issues/2"], "{listed}");

    // Written back: the journal holds each URL, and its postmortem's action items show it.
    let item = items.iter().find(|i| i["issue"] == urls[0]).expect("the first issue");
    let session = item["session_id"].as_str().expect("session");
    let journal = fs::read_dir(&dir)
        .expect("drills")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "jsonl") && fs::read_to_string(p).is_ok_and(|t| t.contains(session))
        })
        .expect("its journal");
    let events = fs::read_to_string(&journal).expect("journal");
    assert!(events.lines().any(|l| l.contains("action_exported") && l.contains(urls[0])), "{events}");
    let postmortem = fs::read_to_string(journal.with_extension("md")).expect("postmortem");
    let table = postmortem.split("## Action items").nth(1).expect("the action items");
    assert!(table.contains("| Action | Kind | Owner | Due | Issue |"), "{table}");
    assert!(table.contains(&format!("<{}>", urls[0])), "{table}");
    // CI runs markdownlint over it, as over every postmortem the tests write.
    let lint = Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems");
    fs::create_dir_all(&lint).expect("lint dir");
    fs::write(lint.join("actions-exported.md"), &postmortem).expect("keep for lint");

    // Logged in again: the rest are filed, the first two never twice.
    fs::remove_file(bin.join("calls")).expect("reset log");
    fake_gh(&bin, usize::MAX);
    let second = firedrill(tmp.path(), &export, &path_env);
    assert_eq!(second.status.code(), Some(0), "{}", String::from_utf8_lossy(&second.stderr));
    let issues = calls(&bin).into_iter().filter(|c| c[0] == "issue").count();
    assert_eq!(issues, open - 2, "each remaining open item once");
    fs::remove_file(bin.join("calls")).expect("reset log");
    let third = firedrill(tmp.path(), &export, &path_env);
    assert!(text(&third).contains("0 issues created"));
    assert!(calls(&bin).is_empty(), "nothing to file: gh is not even asked");
}

/// A `gh` in `bin` that keeps each issue's body (`issue-N.body`), prints
/// its URL with a token in it (as a credential helper's URL may), answers
/// `issue list --search "MARKER" in:body` from the bodies kept, and, when
/// `bin/crash` exists, kills its caller (SIGKILL) right after filing: a
/// crash between gh and the journal.
fn remembering_gh(bin: &Path) {
    fs::create_dir_all(bin).expect("bin");
    let script = format!(
        r#"#!/bin/sh
dir="{dir}"
(IFS="$(printf '\t')"; printf '%s' "$*" | tr '\n' ' '; echo) >> "$dir/calls"
[ "$1" = label ] && exit 0
if [ "$1 $2" = "issue create" ]; then
  n=$(ls "$dir" | grep -c '^issue-'); n=$((n+1))
  while [ $# -gt 0 ]; do [ "$1" = --body ] && printf '%s\n' "$2" > "$dir/issue-$n.body"; shift; done
  echo "https://x-access-token:{token}@github.com/acme/web/issues/$n"
  if [ -f "$dir/crash" ]; then rm "$dir/crash"; kill -9 $PPID; sleep 1; fi
  exit 0
fi
if [ "$1 $2" = "issue list" ]; then
  while [ $# -gt 0 ]; do [ "$1" = --search ] && q="$2"; shift; done
  marker=$(printf '%s' "$q" | sed 's/^"\(.*\)" in:body$/\1/')
  printf '['; sep=''
  for f in "$dir"/issue-*.body; do
    [ -f "$f" ] && grep -qF "$marker" "$f" || continue
    n=$(basename "$f" .body | sed 's/issue-//')
    printf '%s{{"url":"https://github.com/acme/web/issues/%s","body":"%s"}}' "$sep" "$n" "$marker"; sep=','
  done
  echo ']'
fi
"#,
        dir = bin.display(),
        token = TOKEN
    );
    fs::write(bin.join("gh"), script).expect("gh");
    fs::set_permissions(bin.join("gh"), fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// A made-up GitHub token, as gh's URL might carry it.
const TOKEN: &str = "ghp_FAKE0123456789abcdefghijklmnopqrstuv";

#[test]
fn an_issue_filed_just_before_a_crash_is_found_by_its_marker_never_filed_twice_and_no_token_is_kept() {
    use std::os::unix::process::ExitStatusExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = sessions(tmp.path());
    let d = dir.to_str().expect("utf-8");
    let bin = tmp.path().join("bin");
    let path_env = format!("{}:/usr/bin:/bin", bin.display());
    let open = text(&firedrill(tmp.path(), &["actions", d, "--open"], "/usr/bin:/bin")).lines().count();
    let export = ["actions", "export", "--format", "github", "--dir", d];
    remembering_gh(&bin);
    fs::write(bin.join("crash"), "").expect("crash on the first issue");
    let crashed = firedrill(tmp.path(), &export, &path_env);
    assert_eq!(crashed.status.signal(), Some(9), "killed right after gh filed the first issue");
    let listed = text(&firedrill(tmp.path(), &["actions", d, "--json"], "/usr/bin:/bin"));
    assert!(!listed.contains("issues/1"), "the crash came before the journal knew: {listed}");

    let second = firedrill(tmp.path(), &export, &path_env);
    assert_eq!(second.status.code(), Some(0), "{}", String::from_utf8_lossy(&second.stderr));
    let made = calls(&bin);
    let searched: Vec<&Vec<String>> = made.iter().filter(|c| c[0] == "issue" && c[1] == "list").collect();
    assert_eq!(searched.len(), 1, "the one intent left is looked up: {made:?}");
    let created = made.iter().filter(|c| c[0] == "issue" && c[1] == "create").count();
    assert_eq!(created, open, "each open item filed once over both runs, the first never again: {made:?}");
    let listed = text(&firedrill(tmp.path(), &["actions", d, "--json"], "/usr/bin:/bin"));
    let items: Vec<serde_json::Value> = listed.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    let mut urls: Vec<&str> = items.iter().filter_map(|i| i["issue"].as_str()).collect();
    urls.sort_unstable();
    urls.dedup();
    assert_eq!(urls.len(), open, "each item has its own issue: {urls:?}");
    assert!(urls.contains(&"https://github.com/acme/web/issues/1"), "the first, found by its marker: {urls:?}");
    // The URL gh printed carried a token: no file keeps it, no line showed it.
    for e in fs::read_dir(&dir).expect("drills").flatten() {
        let kept = fs::read_to_string(e.path()).unwrap_or_default();
        assert!(!kept.contains(TOKEN) && !kept.contains("x-access-token"), "{} keeps the token", e.path().display());
    }
    assert!(!text(&second).contains(TOKEN) && !String::from_utf8_lossy(&second.stderr).contains(TOKEN));
}
