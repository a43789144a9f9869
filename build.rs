//! Compiles the default key map, `assets/keybindings.toml` (data, edited as
//! data), into a Rust table the binary reads without parsing: the TOML
//! parse took about 150 µs of every start, a tenth of the work before the
//! first frame (docs/design.md, "First frame"). `keymap::tests` proves the
//! table resolves exactly as the file parses.

use std::fmt::Write as _;
use std::path::Path;

const SOURCE: &str = "assets/keybindings.toml";

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    let text = std::fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let mut out = String::from("&[\n");
    for (context, actions) in &table {
        let actions = actions.as_table().unwrap_or_else(|| panic!("{SOURCE}: [{context}] is not a table"));
        let _ = writeln!(out, "    ({context:?}, &[");
        for (action, keys) in actions {
            let keys: Vec<&str> = keys
                .as_array()
                .and_then(|keys| keys.iter().map(toml::Value::as_str).collect())
                .unwrap_or_else(|| panic!("{SOURCE}: [{context}] {action} is not a list of key names"));
            let _ = writeln!(out, "        ({action:?}, &{keys:?}),");
        }
        out.push_str("    ]),\n");
    }
    out.push_str("]\n");
    let dir = std::env::var_os("OUT_DIR").unwrap_or_else(|| panic!("cargo sets OUT_DIR for a build script"));
    let target = Path::new(&dir).join("default_keys.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}
