//! The minimum to redeploy from scratch (docs/domain.md, "The card": "The minimum to
//! redeploy from scratch"): the runtime and how its version is set, the
//! environment variable *names* (never values), external services, the
//! one deploy command, where to check health, and Plan B. The card prints
//! it; `check` refuses a value written where a name belongs.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// The `[redeploy]` facts.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Redeploy {
    /// The runtime and its version, e.g. `"Node 20.11"`.
    pub runtime: Option<String>,
    /// How the runtime version is set, e.g. `".nvmrc"` or `"Dockerfile FROM"`.
    pub runtime_set_by: Option<String>,
    /// Required environment variable names (never their values).
    #[serde(default)]
    #[schemars(with = "Vec<String>", inner(pattern(r"^[A-Za-z_][A-Za-z0-9_]*$")))]
    pub env: Vec<Spanned<String>>,
    /// External services the app needs (database, queue, auth, storage).
    #[serde(default)]
    pub services: Vec<String>,
    /// The one deploy command, as an argv.
    #[schemars(with = "Option<Vec<String>>")]
    pub command: Option<Spanned<Vec<String>>>,
    /// Where people check that the new release is healthy (a dashboard, a
    /// URL): text for the printed card. Not `[release] health`, the argv
    /// firedrill runs itself.
    pub health: Option<String>,
    /// Plan B when CI or the host dashboard is down (a manual deploy from
    /// a known artifact, a second admin account).
    pub plan_b: Option<String>,
}

impl Redeploy {
    /// The environment variable names, in order.
    pub fn env_names(&self) -> Vec<&str> {
        self.env.iter().map(|e| e.get_ref().as_str()).collect()
    }
}

/// True for a name that could be an environment variable name: letters,
/// digits and `_`, not starting with a digit. Anything else (an `=`, a
/// space, a quote) is likely a value pasted where a name belongs.
pub fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
