//! `firedrill completions SHELL` and `firedrill man`: both generated from
//! the one clap definition in [`crate::cli::Cli`], so they never drift.

use std::io::Write as _;

use clap::CommandFactory as _;

use crate::cli::Cli;

/// Writes the completion script for `shell` to standard output.
///
/// # Errors
/// When standard output cannot be written.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut cmd, "firedrill", &mut out);
    out.flush()?;
    Ok(())
}

/// Writes the man page (roff) to standard output: name, synopsis,
/// description, options, the subcommands, and the version.
///
/// # Errors
/// When standard output cannot be written.
pub fn man() -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(&page()?)?;
    out.flush()?;
    Ok(())
}

/// The man page as roff bytes.
///
/// # Errors
/// Only if rendering into memory fails.
pub fn page() -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    Ok(buf)
}
