//! The arguments of `firedrill practice` (clap): one subcommand per
//! action on the range, each taking the range's folder.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

/// The range's folder, for every subcommand.
#[derive(Debug, Clone, Default, Args)]
pub struct DirArg {
    /// The range's folder.
    #[arg(
        long,
        value_name = "DIR",
        env = "FIREDRILL_PRACTICE_DIR",
        value_hint = clap::ValueHint::DirPath,
        help = "The range's folder [default: $FIREDRILL_PRACTICE_DIR, else practice in the data folder]"
    )]
    pub dir: Option<PathBuf>,
}

/// A kill switch's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    /// The switch is on (the new code path runs).
    On,
    /// The switch is off (the old behaviour).
    Off,
}

/// What `firedrill practice` does.
#[derive(Debug, Subcommand)]
pub enum PracticeOp {
    /// Start the range's service in the background, on 127.0.0.1 only.
    #[command(after_help = "Examples:\n  firedrill practice start
  firedrill practice start --port 8099 --dir /tmp/range")]
    Start {
        /// The port (default: a free one).
        #[arg(long, value_name = "N")]
        port: Option<u16>,
        /// The range's folder.
        #[command(flatten)]
        dir: DirArg,
        /// Seconds without a request before the service stops (default: an hour).
        #[arg(long, hide = true, value_name = "SECONDS")]
        idle_secs: Option<u64>,
    },
    /// Stop the range's service.
    #[command(after_help = "Examples:\n  firedrill practice stop
  firedrill practice stop --dir /tmp/range")]
    Stop {
        /// The range's folder.
        #[command(flatten)]
        dir: DirArg,
    },
    /// Show the service, the live release, the kill switches and the last deploys (exit 1 when stopped).
    #[command(after_help = "Examples:\n  firedrill practice status
  firedrill practice status || firedrill practice start")]
    Status {
        /// The range's folder.
        #[command(flatten)]
        dir: DirArg,
    },
    /// Deploy a release (one line in the deploy ledger).
    #[command(after_help = "Examples:\n  firedrill practice deploy prod-2026-12-01.1   # the known-good release
  firedrill practice deploy prod-2026-12-07.1   # the bad one")]
    Deploy {
        /// The release ID, e.g. prod-2026-12-01.1 (the known-good one).
        release: String,
        /// The range's folder.
        #[command(flatten)]
        dir: DirArg,
    },
    /// Turn a kill switch on or off; without a state, print it (on or off).
    #[command(after_help = "Examples:\n  firedrill practice flag onboarding_v2 off
  firedrill practice flag onboarding_v2        # prints on or off")]
    Flag {
        /// The kill switch, e.g. `onboarding_v2`.
        name: String,
        /// on or off.
        #[arg(value_enum)]
        state: Option<Switch>,
        /// The range's folder.
        #[command(flatten)]
        dir: DirArg,
    },
    /// Print the release the service serves (exit 1 when it is down).
    #[command(after_help = "Examples:\n  firedrill practice live
  firedrill practice live | cut -d' ' -f1")]
    Live {
        /// The range's folder.
        #[command(flatten)]
        dir: DirArg,
    },
    /// Exit 0 only when GET /signup answers 200.
    #[command(after_help = "Examples:\n  firedrill practice health
  firedrill practice health && echo users are fine")]
    Health {
        /// The range's folder.
        #[command(flatten)]
        dir: DirArg,
    },
    /// Deploy the bad release with its kill switch on: the incident's trigger.
    #[command(after_help = "Examples:\n  firedrill practice break
  firedrill practice break && firedrill incident runbooks/practice.toml")]
    Break {
        /// The range's folder.
        #[command(flatten)]
        dir: DirArg,
    },
    /// Run the service in the foreground (what `start` runs in the background).
    #[command(hide = true)]
    Serve {
        // The defaults are written as text: a typed default (`default_value_t`)
        // is formatted when the command line is read, by every start.
        /// The port (0: a free one).
        #[arg(long, default_value = "0")]
        port: u16,
        /// The range's folder.
        #[command(flatten)]
        dir: DirArg,
        /// Seconds without a request before the service stops.
        #[arg(long, value_name = "SECONDS", default_value = "3600")]
        idle_secs: u64,
    },
}
