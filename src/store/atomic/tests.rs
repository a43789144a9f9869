use super::*;

#[test]
fn never_overwrites_and_keeps_pairs_together() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write_new_set(dir.path(), "s", &[("md", Source::Bytes(b"one")), ("jsonl", Source::Bytes(b"1"))])
        .expect("first");
    fs::write(dir.path().join("s-2.jsonl"), "squatter").expect("squat");
    let b = write_new_set(dir.path(), "s", &[("md", Source::Bytes(b"two")), ("jsonl", Source::Bytes(b"2"))])
        .expect("second");
    assert_eq!(a, vec![dir.path().join("s.md"), dir.path().join("s.jsonl")]);
    assert_eq!(b, vec![dir.path().join("s-3.md"), dir.path().join("s-3.jsonl")]);
    assert_eq!(fs::read_to_string(dir.path().join("s.md")).expect("read"), "one");
    assert_eq!(fs::read_to_string(dir.path().join("s-2.jsonl")).expect("read"), "squatter");
}

#[test]
fn a_file_in_place_of_the_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("out");
    fs::write(&file, "x").expect("write");
    let err = write_new_set(&file, "s", &[("md", Source::Bytes(b"x"))]).expect_err("must fail");
    assert!(err.to_string().contains("cannot use output folder"), "{err}");
}

#[test]
fn files_are_private_unless_the_folder_is_shared_with_its_group() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mode = |p: &PathBuf| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let private = write_new_set(dir.path(), "a", &[("md", Source::Bytes(b"x"))]).expect("write");
    assert_eq!(mode(&private[0]), 0o600);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o2770)).expect("setgid");
    let shared = write_new_set(dir.path(), "b", &[("md", Source::Bytes(b"x"))]).expect("write");
    assert_eq!(mode(&shared[0]), 0o640);
}
