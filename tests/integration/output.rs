//! `-o FILE` as users point it: through a symbolic link (the target is
//! written, the link stays), at a FIFO or a device (written directly,
//! never replaced by a plain file), at a full device (an error naming it).

use std::time::Duration;

use predicates::prelude::*;

use crate::util::{StdoutOk, sample_path, tribune};

fn speakers_csv() -> Vec<u8> {
    tribune()
        .args(["speakers", "--format", "csv"])
        .arg(sample_path())
        .stdout_ok()
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_writes_its_target() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::create_dir(d.join("data")).expect("folder");
    let real = d.join("data/speakers.csv");
    std::fs::write(&real, "old\n").expect("write");
    let link = d.join("latest.csv");
    std::os::unix::fs::symlink("data/speakers.csv", &link).expect("link");
    tribune()
        .arg("speakers")
        .arg(sample_path())
        .arg("-o")
        .arg(&link)
        .assert()
        .success();
    let meta = std::fs::symlink_metadata(&link).expect("link is there");
    assert!(meta.file_type().is_symlink(), "the link stays a link");
    assert_eq!(std::fs::read(&real).expect("target"), speakers_csv());
    // No temporary file is left in either folder.
    for folder in [d.to_path_buf(), d.join("data")] {
        let stray = std::fs::read_dir(&folder)
            .expect("lists")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert_eq!(stray, 0, "{}", folder.display());
    }
}

#[cfg(target_os = "linux")]
#[test]
fn output_to_devices_writes_them_directly() {
    // `-o /dev/stdout` writes standard output.
    let out = tribune()
        .args(["speakers", "--format", "csv"])
        .arg(sample_path())
        .args(["-o", "/dev/stdout"])
        .stdout_ok();
    assert_eq!(out, speakers_csv());
    // A full device is an error naming it, and exit 1.
    if std::path::Path::new("/dev/full").exists() {
        tribune()
            .args(["speakers", "--format", "csv"])
            .arg(sample_path())
            .args(["-o", "/dev/full"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "tribune: error: /dev/full: cannot write",
            ))
            .stderr(predicate::str::contains("No space left on device"));
    }
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_streamed_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("out.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo");
    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || std::fs::read(fifo)
    });
    tribune()
        .arg("speakers")
        .arg(sample_path())
        .arg("-o")
        .arg(&fifo)
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
    let got = reader.join().expect("joins").expect("reads");
    assert_eq!(got, speakers_csv());
    let meta = std::fs::symlink_metadata(&fifo).expect("still there");
    assert!(meta.file_type().is_fifo(), "still a FIFO");
}
