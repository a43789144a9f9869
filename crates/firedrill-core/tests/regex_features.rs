//! The binary links `regex` with only its `unicode-perl` and `unicode-case`
//! tables (Cargo.toml: Unicode `\w \d \s \b` and `(?i)`, no `\p{..}`
//! property tables). Tests link every table, as other crates ask for them
//! here, so a built-in pattern needing one would pass the tests and then be
//! dropped at run time (`redact::built_in` skips what fails to compile):
//! this reads each pattern's syntax and refuses any Unicode property class.

use firedrill_core::redact::BUILT_IN;
use regex_syntax::ast::{self, Ast, ClassSetItem, Visitor};

/// Counts the `\p{..}` / `\P{..}` classes in a pattern, bare or in brackets.
#[derive(Default)]
struct Properties(Vec<String>);

impl Visitor for Properties {
    type Output = Vec<String>;
    type Err = ();

    fn finish(self) -> Result<Vec<String>, ()> {
        Ok(self.0)
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
        if let Ast::ClassUnicode(c) = ast {
            self.0.push(format!("{:?}", c.kind));
        }
        Ok(())
    }

    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
        if let ClassSetItem::Unicode(c) = item {
            self.0.push(format!("{:?}", c.kind));
        }
        Ok(())
    }
}

fn properties(pattern: &str) -> Vec<String> {
    let parsed = ast::parse::Parser::new().parse(pattern).expect("the pattern parses");
    ast::visit(&parsed, Properties::default()).expect("visit")
}

#[test]
fn no_built_in_pattern_needs_a_unicode_property_table() {
    for kind in BUILT_IN {
        assert_eq!(properties(kind.pattern), Vec::<String>::new(), "{}: {}", kind.name, kind.pattern);
    }
}

#[test]
fn the_check_finds_a_property_class_bare_and_in_brackets() {
    assert_eq!(properties(r"\p{Greek}x").len(), 1);
    assert_eq!(properties(r"[a-z\pL]").len(), 1);
    assert!(properties(r"(?i)\bbearer\s+\w\d").is_empty());
}
