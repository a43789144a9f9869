//! The release profile (docs/design.md, "The release binary"): cargo drops
//! the profile's `strip` for a package that has its own override, so the
//! binary's override says `strip` again, or the binary keeps its symbols
//! (8.35 MB where 7.5 MB was meant).

use std::path::Path;

#[test]
fn the_release_binary_is_stripped_even_with_its_own_override() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).expect("manifest");
    let manifest: toml::Table = toml::from_str(&text).expect("manifest parses");
    let release = &manifest["profile"]["release"];
    assert_eq!(release.get("strip"), Some(&toml::Value::Boolean(true)));
    if let Some(own) = release.get("package").and_then(|p| p.get("firedrill")) {
        assert_eq!(
            own.get("strip"),
            Some(&toml::Value::Boolean(true)),
            "[profile.release.package.firedrill] needs strip = true"
        );
    }
}
