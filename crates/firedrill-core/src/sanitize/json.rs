//! The JSON sink: `serde_json` escapes only what JSON requires (C0 controls,
//! quotes, backslashes), so a C1 control, a bidi override or a tag
//! character would reach whoever reads the document raw. Every JSON
//! firedrill writes (journals, drafts, `--json` output, exports) goes
//! through [`to_string`] or [`to_string_pretty`], which also write those
//! characters as `\uXXXX` escapes; readers get back the same strings.

use std::fmt::Write as _;
use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// A formatter that writes every hostile character as a `\uXXXX` escape
/// (a surrogate pair above U+FFFF) and leaves the layout to `F`.
#[derive(Debug, Default)]
pub struct Escaping<F>(F);

/// `value` as compact JSON with hostile characters escaped.
///
/// # Errors
/// What `serde_json` gives for a value it cannot serialize (a map with
/// non-string keys).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, Escaping(CompactFormatter))
}

/// `value` as indented JSON with hostile characters escaped.
///
/// # Errors
/// As [`to_string`].
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, Escaping(PrettyFormatter::new()))
}

fn write<T: Serialize + ?Sized, F: Formatter>(value: &T, f: Escaping<F>) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(128);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, f))?;
    // The formatter writes only what serde_json and `escape_with` give: UTF-8.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $name<W: ?Sized + io::Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> io::Result<()> {
                self.0.$name(writer $(, $arg)*)
            }
        )*
    };
}

impl<F: Formatter> Formatter for Escaping<F> {
    delegate! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        if !fragment.chars().any(super::is_hostile) {
            return writer.write_all(fragment.as_bytes());
        }
        let escaped = super::escape_with(fragment, |out, c| {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        });
        writer.write_all(escaped.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_are_escaped_and_read_back_alike() {
        let text = "a\u{9b}2J b\u{202e}c d\u{e0041}e f\u{7f} 👩\u{200d}💻 \u{1b}]0;x\u{7}";
        let json = to_string(&vec![text]).expect("json");
        assert_eq!(
            json, r#"["a\u009b2J b\u202ec d\udb40\udc41e f\u007f 👩‍💻 \u001b]0;x\u0007"]"#,
            "C1, bidi, tag and DEL escaped; a joiner inside an emoji kept"
        );
        assert_eq!(serde_json::from_str::<Vec<String>>(&json).expect("reads"), vec![text]);
        let pretty = to_string_pretty(&serde_json::json!({ "k\u{202e}": [1, "x"] })).expect("json");
        assert_eq!(pretty, "{\n  \"k\\u202e\": [\n    1,\n    \"x\"\n  ]\n}");
    }
}
