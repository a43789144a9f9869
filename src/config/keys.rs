//! The `[keys.CONTEXT]` overlay: each line replaces the keys of one action
//! in one context of the embedded default keymap. Refused with the reason:
//! an unknown context, action or key name, an empty list, a plain character
//! where text is typed, and a key bound twice in one context (naming both).

use std::collections::HashMap;

use super::ConfigError;
use super::file::{KeyLine, did_you_mean};
use crate::keymap::{Action, Key, KeyContext, Keymap, TEXT_CONTEXTS};

/// Where each overridden `(context, action)` was set: the config line.
pub type Overrides = HashMap<(KeyContext, Action), usize>;

/// A line that passed the checks of its own: the action and its parsed keys.
type Accepted<'a> = (&'a KeyLine, KeyContext, Action, Vec<(String, Key, &'a super::file::Located<String>)>);

/// Applies `lines` over `keymap`; returns the line of each override.
///
/// # Errors
/// Every refused line, each at `path:line:col`.
pub fn overlay(path: &str, keymap: &mut Keymap, lines: &[KeyLine]) -> Result<Overrides, Vec<ConfigError>> {
    let mut errors = Vec::new();
    let mut accepted: Vec<Accepted<'_>> = Vec::new();
    let contexts: Vec<&str> = keymap.contexts().into_iter().map(KeyContext::key).collect();
    for line in lines {
        let Some(ctx) = KeyContext::parse(&line.context.value) else {
            let (ctx, names) = (line.context.value.as_str(), &contexts);
            errors.push(ConfigError::at(
                path,
                line.context.at,
                format!(
                    "keys: unknown context `{ctx}`{} (allowed: {})",
                    did_you_mean(ctx, names),
                    names.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
                ),
            ));
            continue;
        };
        let allowed: Vec<String> = keymap.actions(ctx).into_iter().map(Action::name).collect();
        let Some(action) = Action::from_name(&line.action.value).filter(|a| keymap.actions(ctx).contains(a)) else {
            let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
            let name = &line.action.value;
            let what = if Action::from_name(name).is_some() {
                format!("`{name}` is not an action of")
            } else {
                format!("unknown action `{name}` in")
            };
            errors.push(ConfigError::at(
                path,
                line.action.at,
                format!(
                    "keys.{ctx}: {what} [{ctx}]{} (allowed: {})",
                    did_you_mean(name, &names),
                    names.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
                ),
            ));
            continue;
        };
        if line.keys.is_empty() {
            errors.push(ConfigError::at(
                path,
                line.action.at,
                format!("keys.{ctx}.{}: needs at least one key", line.action.value),
            ));
            continue;
        }
        let mut keys = Vec::new();
        for k in &line.keys {
            match Key::parse(&k.value) {
                None => errors.push(ConfigError::at(
                    path,
                    k.at,
                    format!(
                        "keys.{ctx}.{}: unknown key name `{}` (write one character, space, enter, tab, backtab, esc, up, down, left, right, backspace, pageup, pagedown, or ctrl-<char>)",
                        line.action.value, k.value
                    ),
                )),
                Some(key) if key.is_plain_char() && TEXT_CONTEXTS.contains(&ctx) => errors.push(ConfigError::at(
                    path,
                    k.at,
                    format!(
                        "keys.{ctx}.{}: `{}` is typed into the text field in [{ctx}]; use a named key or ctrl-<char>",
                        line.action.value, k.value
                    ),
                )),
                Some(key) => keys.push((k.value.clone(), key, k)),
            }
        }
        accepted.push((line, ctx, action, keys));
    }
    // Unbind every overridden action first, so swapping two keys is allowed.
    for (_, ctx, action, _) in &accepted {
        keymap.unbind(*ctx, *action);
    }
    let mut overrides = Overrides::new();
    for (line, ctx, action, keys) in accepted {
        for (name, key, at) in keys {
            match keymap.bound(ctx, key) {
                Some(other) if other != action => {
                    let there = overrides
                        .get(&(ctx, other))
                        .map_or_else(|| "the default keymap".to_owned(), |l| format!("line {l}"));
                    errors.push(ConfigError::at(
                        path,
                        at.at,
                        format!(
                            "keys.{ctx}: key `{name}` is bound twice in [{ctx}]: to `{}` here and to `{}` ({there}); give one of them another key",
                            action.name(),
                            other.name()
                        ),
                    ));
                }
                _ => keymap.bind(ctx, action, &name, key),
            }
        }
        overrides.insert((ctx, action), line.action.at.line);
    }
    if errors.is_empty() { Ok(overrides) } else { Err(errors) }
}
