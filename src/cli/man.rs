//! `firedrill man [COMMAND] [--dir DIR]`: the man pages, generated from the
//! one clap definition in [`crate::cli::Cli`] with `clap_mangen`: firedrill(1)
//! and one page per command (firedrill-drill(1), firedrill-actions-export(1)),
//! each ending with the examples its `--help` shows. firedrill(1) adds EXIT
//! STATUS, ENVIRONMENT, FILES and SEE ALSO, so every page it names exists.

use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory as _;
use roff::{Roff, bold, roman};

use crate::cli::{Cli, examples};
use crate::core::sanitize::sanitize_line;

/// One man page: its file name (`firedrill-drill.1`) and its roff text.
pub struct Page {
    /// The file name, section 1.
    pub file: String,
    /// The page, in roff.
    pub roff: Vec<u8>,
}

/// Every page: firedrill(1) first, then each command's, depth first.
///
/// # Errors
/// Only if rendering into memory fails.
pub fn pages() -> std::io::Result<Vec<Page>> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut out = Vec::new();
    collect(&root, true, &mut out)?;
    Ok(out)
}

fn collect(cmd: &clap::Command, top: bool, out: &mut Vec<Page>) -> std::io::Result<()> {
    let source = format!("firedrill {}", env!("CARGO_PKG_VERSION"));
    let man = clap_mangen::Man::new(cmd.clone()).source(source).manual("firedrill manual");
    out.push(Page { file: man.get_filename(), roff: render(&man, cmd, top)? });
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, false, out)?;
    }
    Ok(())
}

fn render(man: &clap_mangen::Man, cmd: &clap::Command, top: bool) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut buf)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut buf)?;
    }
    let mut roff = Roff::new();
    if let Some(help) = cmd.get_after_help() {
        examples_section(&mut roff, &help.to_string());
    }
    if top {
        exit_status(&mut roff);
        environment(&mut roff);
        files(&mut roff);
        see_also(&mut roff, cmd);
    }
    roff.to_writer(&mut buf)?;
    if cmd.get_version().is_some() {
        man.render_version_section(&mut buf)?;
    }
    Ok(once_preamble(&buf))
}

/// `page` with the two-line preamble each rendered part starts with (it
/// defines the apostrophe string) kept at the top only.
fn once_preamble(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let mut seen = std::collections::HashSet::new();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if !preamble || seen.insert(line.to_owned()) {
            out.push_str(line);
        }
    }
    out.into_bytes()
}

/// The examples of `--help` as an EXAMPLES section, one line each.
fn examples_section(roff: &mut Roff, help: &str) {
    let body = help.strip_prefix(examples::HEADING).unwrap_or(help);
    roff.control("SH", ["EXAMPLES"]);
    roff.control("nf", []);
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
}

/// A section of `.TP` paragraphs: each term in bold, then its text.
fn tagged(roff: &mut Roff, title: &str, entries: &[(&str, &str)]) {
    roff.control("SH", [title]);
    for (term, text) in entries {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*text)]);
    }
}

fn exit_status(roff: &mut Roff) {
    tagged(
        roff,
        "EXIT STATUS",
        &[
            ("0", "Success."),
            (
                "1",
                "An invalid runbook, deck or config; a failed check; a preflight question failed; or a session whose journal lost events.",
            ),
            ("2", "Usage: a wrong argument, or standard input or output not a terminal where a screen is needed."),
            ("3", "preflight only: no question failed, but some are unknown (--strict makes that 1)."),
            ("128+N", "Ended by signal N; the journal is on disk and firedrill resume continues."),
        ],
    );
}

fn environment(roff: &mut Roff) {
    tagged(
        roff,
        "ENVIRONMENT",
        &[
            ("FIREDRILL_DIR", "The output folder for postmortems, after --out and before the config's out."),
            ("FIREDRILL_CONFIG", "The config file, after --config."),
            ("FIREDRILL_LOG", "The log level: off, error, warn, info (the default) or debug."),
            ("NO_COLOR", "When set and not empty, no colour; every colour has a symbol beside it anyway."),
            (
                "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME",
                "On Linux and other Unix systems, the base folders of the config, the postmortems and the running sessions (else ~/.config, ~/.local/share, ~/.local/state). macOS uses ~/Library/Application Support for all three.",
            ),
        ],
    );
}

fn files(roff: &mut Roff) {
    let (config, data, state) = if cfg!(target_os = "macos") {
        let base = "~/Library/Application Support/firedrill";
        (base, base, base)
    } else {
        ("~/.config/firedrill", "~/.local/share/firedrill", "~/.local/state/firedrill")
    };
    let config_file = format!("{config}/config.toml");
    let sessions = format!("{state}/sessions/");
    let logs = format!("{state}/logs/");
    let drills = format!("{data}/drills/");
    tagged(
        roff,
        "FILES",
        &[
            (&config_file, "The optional config (firedrill config --print shows it with each value's source)."),
            (&sessions, "Running sessions: a journal (JSON Lines) each, with its lock and heartbeat files."),
            (&logs, "One log file a day, the last 7 kept."),
            (&drills, "The default output folder: each postmortem (.md) beside its journal (.jsonl)."),
            (
                "runbooks/",
                "The home screen's runbooks, from the current folder unless the config or --runbooks names another.",
            ),
        ],
    );
    roff.control("PP", []);
    roff.text([roman("The folders shown are this system's defaults (XDG on Linux, Application Support on macOS).")]);
}

fn see_also(roff: &mut Roff, cmd: &clap::Command) {
    fn names(cmd: &clap::Command, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            out.push(format!("{}(1)", sub.get_display_name().unwrap_or_else(|| sub.get_name())));
            names(sub, out);
        }
    }
    let mut all = Vec::new();
    names(cmd, &mut all);
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(all.join(", "))]);
}

/// Prints firedrill(1), or the page of `page` (`drill`, `actions-export`,
/// or the full `firedrill-drill`); or, with `dir`, writes every page there.
///
/// # Errors
/// Standard output or a page file cannot be written.
pub fn run(page: Option<&str>, dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let pages = pages()?;
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)?;
        for p in &pages {
            let path = dir.join(&p.file);
            crate::store::atomic::replace_readable(&path, &p.roff)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", sanitize_line(&path.display().to_string())))?;
        }
        crate::tell!("wrote {} man pages to {}", pages.len(), sanitize_line(&dir.display().to_string()));
        return Ok(ExitCode::SUCCESS);
    }
    let wanted = page.map_or_else(
        || "firedrill.1".to_owned(),
        |p| {
            let p = p.trim().replace(' ', "-");
            let p = p.strip_suffix(".1").unwrap_or(&p).to_owned();
            if p.starts_with("firedrill") { format!("{p}.1") } else { format!("firedrill-{p}.1") }
        },
    );
    let Some(found) = pages.iter().find(|p| p.file == wanted) else {
        let known: Vec<&str> = pages.iter().skip(1).filter_map(|p| p.file.strip_prefix("firedrill-")).collect();
        crate::say!(
            "firedrill: no man page {}: the commands are {}",
            sanitize_line(&wanted),
            known.iter().map(|k| k.trim_end_matches(".1")).collect::<Vec<_>>().join(", ")
        );
        return Ok(ExitCode::from(2));
    };
    crate::cli::docs::print_bytes(&found.roff)?;
    Ok(ExitCode::SUCCESS)
}
