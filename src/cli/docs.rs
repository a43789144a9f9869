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
    // Into memory first: the generator panics when its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "firedrill", &mut script);
    print_bytes(&script)
}

/// Writes `bytes` to standard output; a reader that went away (`| head`)
/// is not an error.
///
/// # Errors
/// Any other write error.
pub fn print_bytes(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Writes the man page (roff) to standard output: name, synopsis,
/// description, options, the subcommands, and the version.
///
/// # Errors
/// When standard output cannot be written.
pub fn man() -> anyhow::Result<()> {
    print_bytes(&page()?)
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
