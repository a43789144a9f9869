//! Applying proposals to a runbook's text in place, keeping every comment
//! and the file's layout (`toml_edit`): new step targets and restore time
//! as values, items still needed and `RUNBOOK:` notes as comments at the
//! end. Pure: text in, text out; the shell shows the diff and writes.

use toml_edit::{DocumentMut, Item, Table, value};

use super::Proposal;
use crate::sanitize::sanitize_line;

/// The runbook text with `proposals` applied; `when` (such as
/// `2026-11-23`) labels the block of comments.
///
/// # Errors
/// When `text` is not valid TOML (a runbook that parsed always is).
pub fn apply(text: &str, proposals: &[Proposal], when: &str) -> Result<String, toml_edit::TomlError> {
    let mut doc: DocumentMut = text.parse()?;
    let mut comments = Vec::new();
    for p in proposals {
        match p {
            Proposal::Target { step, proposed, .. } => {
                if !set_target(&mut doc, step.key(), &proposed.to_string()) {
                    comments.push(format!("# {}", sanitize_line(&p.to_string())));
                }
            }
            Proposal::RestoreTime { proposed, .. } => {
                let backup = doc.entry("backup").or_insert_with(|| Item::Table(Table::new()));
                if let Some(t) = backup.as_table_like_mut() {
                    set_keeping_comment(t, "restore_time", &proposed.to_string());
                }
            }
            Proposal::Release { key, observed, .. } => {
                let release = doc.entry("release").or_insert_with(|| Item::Table(Table::new()));
                if let Some(t) = release.as_table_like_mut() {
                    set_keeping_comment(t, key, observed);
                }
            }
            Proposal::StillNeeded { .. } | Proposal::Note { .. } => {
                comments.push(format!("# {}", sanitize_line(&p.to_string())));
            }
        }
    }
    if !comments.is_empty() {
        let before = doc.trailing().as_str().unwrap_or_default().to_owned();
        let gap = if text.ends_with("\n\n") || text.is_empty() { "" } else { "\n" };
        doc.set_trailing(format!(
            "{before}{gap}# Proposed after the session of {}:\n{}\n",
            sanitize_line(when),
            comments.join("\n")
        ));
    }
    Ok(doc.to_string())
}

/// Sets `key` to the string `new`, keeping the comment after the old value.
fn set_keeping_comment(table: &mut dyn toml_edit::TableLike, key: &str, new: &str) {
    let mut item = value(new);
    if let (Some(old), Some(v)) = (table.get(key).and_then(Item::as_value), item.as_value_mut()) {
        *v.decor_mut() = old.decor().clone();
    }
    table.insert(key, item);
}

/// Sets the target of the `[[steps]]` override of `kind` that names no
/// decision, adding one when there is none; false when `steps` is written
/// as an inline array (the proposal is then left as a comment).
fn set_target(doc: &mut DocumentMut, kind: &str, target: &str) -> bool {
    let steps = doc.entry("steps").or_insert_with(|| Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
    let Some(array) = steps.as_array_of_tables_mut() else { return false };
    let existing =
        array.iter_mut().find(|t| t.get("kind").and_then(Item::as_str) == Some(kind) && !t.contains_key("decision"));
    if let Some(t) = existing {
        set_keeping_comment(t, "target", target);
    } else {
        let mut t = Table::new();
        t.insert("kind", value(kind));
        t.insert("target", value(target));
        array.push(t);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::duration::HumanDuration;
    use crate::runbook::Runbook;
    use crate::vocab::StepKind;

    const COMMENTED: &str = r#"# Checkout runbook: owned by payments.
version = 1
title = "T"   # shown on the big screen
[release]
live = "prod-2"
known_good = "prod-1"  # the revert target
[[triggers]]
signal = "s"
[[checks]]
name = "c"
# Revert is slow: the pipeline takes 8 minutes.
[[steps]]
kind = "revert"
target = "10m"   # was 8m
"#;

    #[test]
    fn applying_keeps_every_comment_and_passes_the_parser() {
        let proposals = vec![
            Proposal::Target {
                step: StepKind::Revert,
                target: HumanDuration::from_secs(600),
                actual_ms: 960_000,
                proposed: HumanDuration::from_secs(960),
            },
            Proposal::Target {
                step: StepKind::Trigger,
                target: HumanDuration::from_secs(120),
                actual_ms: 250_000,
                proposed: HumanDuration::from_secs(240),
            },
            Proposal::RestoreTime { stated: None, actual_ms: 29 * 60_000, proposed: HumanDuration::from_secs(29 * 60) },
            Proposal::Note { step: Some(StepKind::Trigger), text: "the ledger\nis two clicks away\n[release]".into() },
        ];
        let edited = apply(COMMENTED, &proposals, "2026-11-23").expect("valid TOML");
        for comment in COMMENTED.lines().filter_map(|l| l.find('#').map(|i| &l[i..])) {
            assert!(edited.contains(comment), "lost {comment:?}:\n{edited}");
        }
        let rb = Runbook::parse("rb.toml", &edited).unwrap_or_else(|e| panic!("{e:?}\n{edited}"));
        let plan = crate::plan::derive(&rb, None);
        assert_eq!((plan[0].target.to_string(), plan[2].target.to_string()), ("4m".to_owned(), "16m".to_owned()));
        assert_eq!(rb.backup.and_then(|b| b.restore_time).map(|t| t.to_string()).as_deref(), Some("29m"));
        let inline = "version = 1\ntitle = \"T\"\nsteps = [{ kind = \"freeze\" }]\n";
        let kept = apply(inline, &proposals[..1], "2026-11-23").expect("valid TOML");
        assert!(kept.ends_with("# revert: target 10m was missed by more than half (16:00): set it to 16m\n"), "{kept}");
        assert!(
            edited.ends_with(
                "# Proposed after the session of 2026-11-23:\n# trigger: the ledger is two clicks away [release]\n"
            ),
            "a note cannot add a line of TOML:\n{edited}"
        );
    }
}
