//! Writing an output file safely (`-o FILE`): a regular file (or a new
//! one) is replaced whole or not at all, through a temporary file and a
//! rename in its real folder: through a symbolic link, the link's target is
//! replaced and the link stays a link. A device, a FIFO or a descriptor
//! (`/dev/stdout`, `/dev/fd/N`) is written to directly, never replaced by a
//! plain file; a write error there (`/dev/full`) is an error naming it.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Where `-o PATH` writes.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A regular file (or none yet) at this real path: temp + rename.
    File(PathBuf),
    /// A device, FIFO, socket or descriptor: opened and written.
    Stream,
}

/// Write `parts`, one after another, to `path` (see the module doc).
pub fn write_file<B: AsRef<[u8]>>(path: &Path, parts: &[B]) -> Result<()> {
    write_file_with(path, |file| {
        write_all_vectored(file, parts).with_context(|| format!("{}: cannot write", path.display()))
    })
}

/// Write to `path` what `fill` writes into the file it is given (see the
/// module doc): a temporary sibling of a regular file, renamed over it if
/// `fill` succeeds and removed if anything fails; a device, FIFO or
/// descriptor itself.
pub fn write_file_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<()> {
    match target(path)? {
        Target::File(real) => write_atomic(path, &real, fill),
        Target::Stream => {
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(path)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            fill(&mut f)?;
            f.flush()
                .with_context(|| format!("{}: cannot write", path.display()))
        }
    }
}

/// Follow the symbolic links of `path`'s last component to what it names.
fn target(path: &Path) -> Result<Target> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        // `/dev/stdout` → `/proc/self/fd/1` → a pipe: a descriptor, not a
        // file to replace (nor a path to follow: `pipe:[…]`).
        if p.starts_with("/proc") || p.starts_with("/dev/fd") {
            return Ok(Target::Stream);
        }
        let meta = match std::fs::symlink_metadata(&p) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::File(p)),
            Err(e) => {
                return Err(e).with_context(|| format!("{}: cannot write", path.display()));
            }
        };
        let t = meta.file_type();
        if t.is_symlink() {
            let to = std::fs::read_link(&p)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            p = match p.parent() {
                Some(dir) if to.is_relative() => dir.join(to),
                _ => to,
            };
        } else if t.is_file() {
            return Ok(Target::File(p));
        } else if t.is_dir() {
            bail!("{}: is a folder; -o takes a file name", path.display());
        } else {
            return Ok(Target::Stream);
        }
    }
    bail!("{}: too many levels of symbolic links", path.display())
}

/// Write a file through a temporary sibling of `real` and a rename, so a
/// failure never leaves a half-written file. An existing file keeps its
/// permissions. Errors name `shown`, the path the user gave.
fn write_atomic(
    shown: &Path,
    real: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<()> {
    let dir = match real.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile_in(&dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    if let Ok(meta) = std::fs::metadata(real) {
        let _ = tmp.1.set_permissions(meta.permissions());
    }
    fill(&mut tmp.1)?;
    tmp.1
        .sync_all()
        .with_context(|| format!("{}: cannot write", shown.display()))?;
    std::fs::rename(&tmp.0, real).with_context(|| format!("{}: cannot write", shown.display()))?;
    tmp.0 = PathBuf::new();
    Ok(())
}

/// Write `parts` one after another with as few calls as the system allows
/// (up to 1,024 parts a call, each written from where it lies: no copy
/// into a buffer first).
pub fn write_all_vectored<B: AsRef<[u8]>>(
    out: &mut impl Write,
    parts: &[B],
) -> std::io::Result<()> {
    const MOST: usize = 1024;
    let mut slices: Vec<std::io::IoSlice<'_>> = parts
        .iter()
        .map(|p| p.as_ref())
        .filter(|p| !p.is_empty())
        .map(std::io::IoSlice::new)
        .collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        let n = match out.write_vectored(&rest[..rest.len().min(MOST)]) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        std::io::IoSlice::advance_slices(&mut rest, n);
    }
    Ok(())
}

/// A temporary file that removes itself unless its path was cleared.
struct TempFile(PathBuf, std::fs::File);

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

fn tempfile_in(dir: &Path) -> std::io::Result<TempFile> {
    let pid = std::process::id();
    for n in 0..1000u32 {
        let p = dir.join(format!(".tribune-{pid}-{n}.tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
        {
            Ok(f) => return Ok(TempFile(p, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free temporary file name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that takes at most 7 bytes a call, from one slice, and is
    /// interrupted every third call.
    #[derive(Default)]
    struct Stingy {
        got: Vec<u8>,
        calls: usize,
    }

    impl Write for Stingy {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(3) {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(7);
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn vectored_writes_give_the_parts_in_order() {
        let parts: Vec<Vec<u8>> = (0..3000)
            .map(|i| {
                let len = i % 13;
                (0..len).map(|j| (i * 31 + j) as u8).collect()
            })
            .collect();
        let mut out = Stingy::default();
        write_all_vectored(&mut out, &parts).expect("writes");
        assert_eq!(out.got, parts.concat());
        // Into a file, with more than 1,024 parts a call could take.
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.csv");
        write_file(&path, &parts).expect("writes");
        assert_eq!(std::fs::read(&path).expect("reads"), parts.concat());
        write_file(&path, &[b"", b""]).expect("writes nothing");
        assert!(std::fs::read(&path).expect("reads").is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn targets_follow_links_and_keep_devices() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::create_dir(d.join("real")).expect("folder");
        std::os::unix::fs::symlink("real/out.csv", d.join("link.csv")).expect("link");
        std::os::unix::fs::symlink("link.csv", d.join("link2.csv")).expect("link");
        // A dangling link names the file to create, in the link's folder.
        assert_eq!(
            target(&d.join("link2.csv")).expect("target"),
            Target::File(d.join("real/out.csv"))
        );
        assert_eq!(
            target(Path::new("/dev/null")).expect("target"),
            Target::Stream
        );
        assert_eq!(
            target(Path::new("/dev/stdout")).expect("target"),
            Target::Stream
        );
        assert!(target(d).is_err(), "a folder is no output file");
        std::os::unix::fs::symlink("loop", d.join("loop")).expect("link");
        let e = target(&d.join("loop")).expect_err("a loop");
        assert!(e.to_string().contains("too many levels"), "{e}");
    }
}
