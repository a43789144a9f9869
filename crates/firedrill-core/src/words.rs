//! Counted nouns in plain English: "1 item", "3 items", never "item(s)".
//! Every noun firedrill counts takes a plain -s, so one rule is the whole
//! of it (a crate for English plurals would be more than this needs).

/// `n` and `noun`, plural unless `n` is 1: `count(1, "step")` is "1 step",
/// `count(0, "step")` and `count(2, "step")` are "0 steps" and "2 steps".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// The verb "is" or "are" to follow `count(n, ..)`.
pub fn is_are(n: usize) -> &'static str {
    if n == 1 { "is" } else { "are" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "item"), "1 item");
        assert_eq!(count(0, "item"), "0 items");
        assert_eq!(count(3, "warning"), "3 warnings");
        assert_eq!(format!("{} {} not done", count(1, "step"), is_are(1)), "1 step is not done");
        assert_eq!(format!("{} {} not done", count(2, "step"), is_are(2)), "2 steps are not done");
    }
}
