//! The examples that end each command's `--help` (clap's `after_help`) and
//! make the EXAMPLES section of its man page: two or three real command
//! lines, each with what it does. The runbooks, decks and folders named
//! are this repository's own.

/// The heading the man pages look for to render these as EXAMPLES.
pub const HEADING: &str = "Examples:";

/// `firedrill` with no command.
pub const TOP: &str = "Examples:
  firedrill                            # the home screen on ./runbooks
  firedrill drill runbooks/onboarding-signup.toml
  firedrill check runbooks/*.toml      # what CI runs before a release";

/// `firedrill drill`.
pub const DRILL: &str = "Examples:
  firedrill drill runbooks/onboarding-signup.toml       # name the roles on screen
  firedrill drill runbooks/onboarding-signup.toml --driver Ana --communicator Ben --verifier Chen
  firedrill drill runbooks/onboarding-signup.toml --injects tests/fixtures/decks/onboarding.toml";

/// `firedrill incident`.
pub const INCIDENT: &str = "Examples:
  firedrill incident runbooks/onboarding-signup.toml    # the decision chooser opens first
  firedrill incident runbooks/restore-backup.toml --driver Ana --communicator Ana --verifier Ana";

/// `firedrill resume`.
pub const RESUME: &str = "Examples:
  firedrill resume                     # pick one of the unfinished sessions
  firedrill resume ~/.local/state/firedrill/sessions/ID.jsonl";

/// `firedrill review`.
pub const REVIEW: &str = "Examples:
  firedrill review drills              # the list; enter opens one, t shows trends
  firedrill review drills --json       # one JSON object a line, for dashboards";

/// `firedrill check`.
pub const CHECK: &str = "Examples:
  firedrill check runbooks/*.toml
  firedrill check --json --strict runbooks/onboarding-signup.toml
  cat runbooks/onboarding-signup.toml | firedrill check -     # errors read <stdin>:line:col";

/// `firedrill card`.
pub const CARD: &str = "Examples:
  firedrill card runbooks/onboarding-signup.toml
  firedrill card runbooks/onboarding-signup.toml --out onboarding-card.md";

/// `firedrill preflight`.
pub const PREFLIGHT: &str = "Examples:
  firedrill preflight runbooks/onboarding-signup.toml
  firedrill preflight --json --no-record runbooks/*.toml   # one line a question, each naming its file
  firedrill preflight --trust --strict runbooks/onboarding-signup.toml   # in CI: unknowns fail";

/// `firedrill propose`.
pub const PROPOSE: &str = "Examples:
  firedrill propose drills/2026-11-23T0341Z-onboarding-signup.jsonl
  firedrill propose drills/2026-11-23T0341Z-onboarding-signup.jsonl --apply   # edits the runbook";

/// `firedrill apply-proposal`.
pub const APPLY_PROPOSAL: &str = "Examples:
  firedrill apply-proposal drills/2026-11-23T0341Z-onboarding-signup.runbook.diff
  firedrill apply-proposal drills/2026-11-23T0341Z-onboarding-signup.runbook.diff --yes";

/// `firedrill new`.
pub const NEW: &str = "Examples:
  firedrill new runbooks/my-service.toml    # also writes runbook.schema.json beside it
  firedrill new --deck deck.toml            # three inject cards, commented";

/// `firedrill follow`.
pub const FOLLOW: &str = "Examples:
  firedrill follow                     # pick one of the sessions running here
  ssh host firedrill follow ~/.local/state/firedrill/sessions/ID.jsonl";

/// `firedrill report`.
pub const REPORT: &str = "Examples:
  firedrill report drills/2026-11-23T0341Z-onboarding-signup.jsonl --out /tmp/postmortems
  firedrill report ~/.local/state/firedrill/sessions/ID.jsonl   # an interim postmortem";

/// `firedrill config`.
pub const CONFIG: &str = "Examples:
  firedrill config                     # where the config file is
  firedrill config --print             # every value and where it came from";

/// `firedrill actions`.
pub const ACTIONS: &str = "Examples:
  firedrill actions drills --open
  firedrill actions drills --json
  firedrill actions export --format csv --dir drills";

/// `firedrill actions close`.
pub const ACTIONS_CLOSE: &str = "Examples:
  firedrill actions close 'SESSION-ID#1' --dir drills   # the ID from firedrill actions
  firedrill actions close 'SESSION-ID#2' --dir drills --note 'done in PR 412'";

/// `firedrill actions export`.
pub const ACTIONS_EXPORT: &str = "Examples:
  firedrill actions export --format json --dir drills
  firedrill actions export --format github --repo acme/checkout --dir drills";

/// `firedrill completions`.
pub const COMPLETIONS: &str = "Examples:
  firedrill completions bash > ~/.local/share/bash-completion/completions/firedrill
  firedrill completions zsh > ~/.zfunc/_firedrill       # with fpath+=(~/.zfunc) before compinit
  firedrill completions fish > ~/.config/fish/completions/firedrill.fish";

/// `firedrill man`.
pub const MAN: &str = "Examples:
  firedrill man | man -l -             # read firedrill(1) now
  firedrill man drill | man -l -       # firedrill-drill(1)
  firedrill man --dir ~/.local/share/man/man1   # every page; then: man firedrill-drill";

/// `firedrill schema`.
pub const SCHEMA: &str = "Examples:
  firedrill schema > runbooks/runbook.schema.json   # what #:schema ./runbook.schema.json names
  firedrill schema | python3 -m json.tool           # draft-07 JSON, for any validator";

/// `firedrill practice`.
pub const PRACTICE: &str = "Examples:
  firedrill practice start && firedrill practice break   # a real service, broken by its last deploy
  firedrill drill runbooks/practice.toml --live-commands  # roll it back for real
  firedrill practice stop";

/// `firedrill ship`.
pub const SHIP: &str = "Examples:
  firedrill ship runbooks/schema-contract.toml --phase contract --env staging
  firedrill ship runbooks/schema-contract.toml --phase contract --env production --release prod-2026-11-10.1";

/// `firedrill schedule`.
pub const SCHEDULE: &str = "Examples:
  firedrill schedule runbooks/onboarding-signup.toml              # monthly, first Tuesday 10:00
  firedrill schedule runbooks/onboarding-signup.toml --at \"last Friday 14:30\" --ics drills.ics";
