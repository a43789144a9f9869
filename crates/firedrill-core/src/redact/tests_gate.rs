//! Proof of each built-in kind's `needs`: from the syntax of its
//! expression (as `regex` itself parses it), the folded strings one of
//! which every match contains, and that each holds one of the kind's
//! words. A word the expression does not force fails here, so a gate can
//! never let a secret through unredacted.

use std::collections::BTreeSet;

use regex_syntax::hir::{Class, Hir, HirKind};

use super::BUILT_IN;
use super::gate::{fold, fold_char, may_match};

/// Most strings one piece of an expression may stand for before it is
/// treated as "anything".
const CAP: usize = 4096;

/// Most characters a class may hold and still count as a choice of strings.
const CLASS_CAP: usize = 16;

type Strings = BTreeSet<String>;

/// Every string `hir` matches, folded, when they are few; `None` otherwise.
fn exact(hir: &Hir) -> Option<Strings> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(Strings::from([String::new()])),
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0).ok().map(|s| Strings::from([fold(s)])),
        HirKind::Class(Class::Unicode(class)) => {
            let mut chars = Strings::new();
            for range in class.iter() {
                for c in range.start()..=range.end() {
                    chars.insert(fold_char(c).to_string());
                    if chars.len() > CLASS_CAP {
                        return None;
                    }
                }
            }
            Some(chars)
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Capture(capture) => exact(&capture.sub),
        HirKind::Repetition(rep) => {
            let max = rep.max?;
            let one = exact(&rep.sub)?;
            let mut all = Strings::new();
            let mut power = Strings::from([String::new()]);
            for n in 0..=max {
                if n >= rep.min {
                    all.extend(power.iter().cloned());
                }
                power = product(&power, &one)?;
            }
            (all.len() <= CAP).then_some(all)
        }
        HirKind::Concat(parts) => {
            parts.iter().try_fold(Strings::from([String::new()]), |acc, p| product(&acc, &exact(p)?))
        }
        HirKind::Alternation(branches) => {
            let all =
                branches.iter().map(exact).collect::<Option<Vec<_>>>()?.into_iter().flatten().collect::<Strings>();
            (all.len() <= CAP).then_some(all)
        }
    }
}

/// Each of `a` followed by each of `b`, unless there would be too many.
fn product(a: &Strings, b: &Strings) -> Option<Strings> {
    (a.len() * b.len() <= CAP).then(|| a.iter().flat_map(|x| b.iter().map(move |y| format!("{x}{y}"))).collect())
}

/// True when every match of `hir`, folded, holds one of `needs`: the
/// whole of it has few strings each holding one, or a branch-wise or
/// part-wise piece of it forces one.
fn forces(hir: &Hir, needs: &[&str]) -> bool {
    let holds = |strings: &Strings| strings.iter().all(|s| may_match(needs, s));
    if exact(hir).is_some_and(|all| holds(&all)) {
        return true;
    }
    match hir.kind() {
        HirKind::Capture(capture) => forces(&capture.sub, needs),
        HirKind::Repetition(rep) => rep.min >= 1 && forces(&rep.sub, needs),
        HirKind::Alternation(branches) => branches.iter().all(|b| forces(b, needs)),
        HirKind::Concat(parts) => {
            // Any part that forces a word forces it for the whole; so does
            // a run of parts that each have few strings, joined.
            let mut run: Option<Strings> = None;
            for part in parts {
                if forces(part, needs) {
                    return true;
                }
                run = match (exact(part), run.take()) {
                    (Some(e), Some(r)) => match product(&r, &e) {
                        Some(joined) => Some(joined),
                        None if holds(&r) => return true,
                        None => Some(e),
                    },
                    (Some(e), None) => Some(e),
                    (None, Some(r)) if holds(&r) => return true,
                    (None, _) => None,
                };
            }
            run.is_some_and(|r| holds(&r))
        }
        _ => false,
    }
}

#[test]
fn every_kinds_words_and_shortest_match_follow_from_its_expression() {
    for kind in &BUILT_IN {
        assert!(kind.needs.iter().all(|n| fold(n) == *n && !n.is_empty()), "{}: words not folded", kind.name);
        let hir = regex_syntax::parse(kind.pattern).expect("parses");
        assert!(
            hir.properties().minimum_len().is_none_or(|least| least >= kind.shortest),
            "{}: a match may be shorter than {} bytes",
            kind.name,
            kind.shortest
        );
        assert!(
            kind.needs.is_empty() || forces(&hir, kind.needs),
            "{}: a match may hold none of {:?}",
            kind.name,
            kind.needs
        );
    }
}

#[test]
fn the_proof_takes_only_words_every_match_holds() {
    let forced = |p: &str, needs: &[&str]| forces(&regex_syntax::parse(p).expect("parses"), needs);
    assert!(forced(r"(?i)ab[_-]?c", &["ab-c", "ab_c", "abc"]));
    assert!(!forced(r"(?i)ab[_-]?c", &["abc"]));
    assert!(forced(r"\bx(?:y|z)w", &["xy", "xz"]));
    assert!(!forced(r"x*|y", &["y"]));
    assert!(!forced(r"[A-Za-z]+\d*", &["a"]));
    assert!(forced(r"pre[0-9]{40}post", &["post"]));
    // A case-insensitive `k` also takes KELVIN SIGN, which folds to `k`.
    assert!(forced(r"(?i)key", &["key"]));
    assert!(!forced(r"(?i)key", &["kex"]));
}

#[test]
fn a_plain_title_asks_no_pattern() {
    let title = "Onboarding: a release broke sign-ups";
    let asked: Vec<_> = BUILT_IN.iter().filter(|k| k.could_match(title, &mut None)).map(|k| k.name).collect();
    assert!(asked.is_empty(), "{asked:?}");
    let long = "Onboarding: a release broke sign-ups, and the checkout too";
    let asked: Vec<_> = BUILT_IN.iter().filter(|k| k.could_match(long, &mut None)).map(|k| k.name).collect();
    assert_eq!(asked, ["AWS secret access key (bare)"]);
}

proptest::proptest! {
    /// Asking the gate changes what is compiled, never what is hidden:
    /// lines pieced from the kinds' examples, their words and noise
    /// redact the same with the gate asked for every pattern or for none.
    #[test]
    fn the_gate_never_changes_a_redaction(pieces in proptest::collection::vec((0..BUILT_IN.len(), 0..4u8, "[ -~éſ\u{212A}]{0,6}"), 1..5)) {
        let line: String = pieces
            .iter()
            .map(|(k, how, noise)| {
                let kind = &BUILT_IN[*k];
                match how {
                    0 => format!("{noise}{}", kind.example),
                    1 => format!("{}{noise}", kind.needs.first().copied().unwrap_or("x")),
                    2 => kind.example.to_uppercase(),
                    _ => noise.clone(),
                }
            })
            .collect();
        let redactor = super::Redactor::built_in();
        proptest::prop_assert_eq!(redactor.line_gated(&line, |_| true), redactor.line_gated(&line, |_| false));
    }
}
