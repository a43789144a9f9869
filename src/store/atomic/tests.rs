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
