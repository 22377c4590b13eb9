//! The report folder, written so that the user's files are safe: tribune
//! marks a folder it wrote with `.tribune-report` (the list of the files it
//! wrote there), replaces and removes only those, and never a file or
//! folder it did not write.
//!
//! The new report is first written whole into a hidden sibling folder
//! (`.NAME.tribune-new-PID`, marked). A folder that holds only tribune's
//! files is then swapped with it in one step (an atomic exchange of the two
//! folders where the system has one, two renames elsewhere), so a kill
//! leaves the old report or the new one. A folder that also holds the
//! user's files (or is empty, or is the working folder) stays: the report's
//! files are moved in one by one (each whole), the marker listing old and
//! new files meanwhile. A later run
//! removes the hidden folders a killed run left (they carry the marker),
//! and puts an old report back if a kill came between the two renames.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use tribune::report::OutputFile;

/// The marker file's name.
pub const MARKER: &str = tribune::ingest::REPORT_MARKER;

const MARKER_HEAD: &str = "# Written by tribune report. tribune replaces and removes only the files listed here;\n# anything else in this folder is yours and is kept.\n";

/// What the output folder is.
enum State {
    /// Missing, or an empty folder.
    Free,
    /// A folder tribune wrote (marker, or an older tribune's report): the
    /// files it wrote.
    Ours(BTreeSet<String>),
    /// A non-empty folder tribune did not write.
    Foreign,
}

/// Refuse what must be refused before any work: a path that is not a
/// folder; a folder with a different report (same inputs = same SHA-256s)
/// unless `force`; a folder of the user's unless `force`.
pub fn check(dir: &Path, shas: &[&str], force: bool) -> Result<()> {
    match state(dir)? {
        State::Free => Ok(()),
        State::Ours(_) if force || same_inputs(dir, shas) => Ok(()),
        State::Ours(_) => bail!(
            "{}: holds a different report; pass --force to replace it (files you added there are kept), or -o another folder",
            dir.display()
        ),
        State::Foreign if force => Ok(()),
        State::Foreign => bail!(
            "{}: holds files tribune did not write (no {MARKER} in it); pass --force to write the report among them (tribune never replaces or removes a file it did not write), or -o another folder",
            dir.display()
        ),
    }
}

/// Write `files` as the report in `dir` (after [`check`]).
pub fn write(dir: &Path, files: &[OutputFile]) -> Result<()> {
    let dir = real_folder(dir)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("{}: cannot create", parent.display()))?;
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    clean_stale(&parent, &base, &dir);

    let state = state(&dir)?;
    let new: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    let ours = match &state {
        State::Ours(list) => list.clone(),
        _ => BTreeSet::new(),
    };
    if !matches!(state, State::Free) {
        check_conflicts(&dir, &new, &ours)?;
    }
    if matches!(state, State::Ours(_)) && !dir.join(MARKER).is_file() {
        // An older tribune's report: mark it, so that whatever a kill
        // leaves of it is known as tribune's.
        write_marker(&dir, &ours)?;
    }

    let pid = std::process::id();
    let staging = parent.join(format!(".{base}.tribune-new-{pid}"));
    let staged = stage(&staging, files, &new);
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    // The folder itself is replaced only when it is not there yet, or
    // holds nothing but tribune's files and is not the working folder (a
    // shell inside it would be left in a deleted folder); otherwise the
    // files move in and the folder stays.
    let exists = dir.exists();
    let is_cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .is_ok_and(|cwd| cwd == dir);
    let result = match state {
        State::Free if !exists => std::fs::rename(&staging, &dir)
            .with_context(|| format!("{}: cannot write", dir.display())),
        State::Ours(_) if !is_cwd && foreign_entries(&dir, &ours)?.is_empty() => {
            swap(&staging, &dir, &parent, &base)
        }
        _ => merge(&staging, &dir, &new, &ours),
    };
    let _ = std::fs::remove_dir_all(&staging);
    result
}

/// The report's folder as a real path when it exists: a symbolic link
/// followed (the link stays), `.` and `..` named (its hidden siblings then
/// sit beside it, not inside).
fn real_folder(dir: &Path) -> Result<PathBuf> {
    if std::fs::symlink_metadata(dir).is_err() {
        return Ok(dir.to_path_buf());
    }
    std::fs::canonicalize(dir).with_context(|| format!("{}: cannot read", dir.display()))
}

fn state(dir: &Path) -> Result<State> {
    let meta = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::Free),
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", dir.display())),
    };
    if !meta.is_dir() {
        bail!(
            "{}: exists and is not a folder; -o another folder",
            dir.display()
        );
    }
    if let Some(list) = read_marker(&dir.join(MARKER)) {
        return Ok(State::Ours(list));
    }
    let mut entries =
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot read", dir.display()))?;
    if entries.next().is_none() {
        return Ok(State::Free);
    }
    if let Some(list) = older_report(dir) {
        return Ok(State::Ours(list));
    }
    Ok(State::Foreign)
}

/// The files a marker lists (relative, `/`-separated, never `..`).
fn read_marker(path: &Path) -> Option<BTreeSet<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter(|l| safe_relative(l))
            .map(str::to_string)
            .collect(),
    )
}

fn safe_relative(p: &str) -> bool {
    !p.starts_with('/')
        && !p.contains('\\')
        && p.split('/').all(|c| !c.is_empty() && c != "." && c != "..")
}

fn marker_text(files: &BTreeSet<String>) -> String {
    let mut s = String::from(MARKER_HEAD);
    for f in files {
        s.push_str(f);
        s.push('\n');
    }
    s
}

/// A report an older tribune wrote (no marker): its `index.html`,
/// `report.md`, `report.json` (with `inputs` and `overview`), and the
/// `tables/*.csv` and `charts/*.svg|png` files beside them.
fn older_report(dir: &Path) -> Option<BTreeSet<String>> {
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).ok()?).ok()?;
    if !(json["inputs"].is_array() && json["overview"].is_object()) {
        return None;
    }
    let mut list: BTreeSet<String> = ["index.html", "report.md", "report.json"]
        .into_iter()
        .filter(|f| dir.join(f).is_file())
        .map(str::to_string)
        .collect();
    for (sub, exts) in [("tables", &["csv"][..]), ("charts", &["svg", "png"][..])] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let ext = name.rsplit('.').next().unwrap_or("");
            if e.file_type().is_ok_and(|t| t.is_file()) && exts.contains(&ext) {
                list.insert(format!("{sub}/{name}"));
            }
        }
    }
    Some(list)
}

/// Do the report's inputs (in `report.json`) have these SHA-256s?
fn same_inputs(dir: &Path, shas: &[&str]) -> bool {
    std::fs::read(dir.join("report.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| {
            v["inputs"].as_array().map(|a| {
                a.iter()
                    .filter_map(|i| i["sha256"].as_str().map(str::to_string))
                    .collect::<Vec<_>>()
            })
        })
        .is_some_and(|old| old == shas)
}

/// Refuse to write a path that holds something tribune did not write (a
/// file, a folder, a link), or below such a thing.
fn check_conflicts(dir: &Path, new: &BTreeSet<String>, ours: &BTreeSet<String>) -> Result<()> {
    let our_dirs = ancestors(ours);
    for f in new {
        let mut at = dir.to_path_buf();
        let parts: Vec<&str> = f.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            at.push(part);
            let last = i + 1 == parts.len();
            let Ok(meta) = std::fs::symlink_metadata(&at) else {
                break;
            };
            let fine = if last {
                meta.is_file() && ours.contains(f)
            } else {
                meta.is_dir() || our_dirs.contains(&parts[..=i].join("/"))
            };
            if !fine {
                bail!(
                    "{}: exists and tribune did not write it; the report would replace it: move it away, or -o another folder",
                    at.display()
                );
            }
        }
    }
    Ok(())
}

/// The folders (relative) that hold listed files.
fn ancestors(files: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in files {
        let mut p = f.as_str();
        while let Some(k) = p.rfind('/') {
            p = &p[..k];
            out.insert(p.to_string());
        }
    }
    out
}

/// Entries of `dir` that tribune did not write (relative paths).
fn foreign_entries(dir: &Path, ours: &BTreeSet<String>) -> Result<Vec<String>> {
    let our_dirs = ancestors(ours);
    let mut out = Vec::new();
    let mut stack = vec![String::new()];
    while let Some(rel) = stack.pop() {
        let here = if rel.is_empty() {
            dir.to_path_buf()
        } else {
            dir.join(&rel)
        };
        let entries =
            std::fs::read_dir(&here).with_context(|| format!("{}: cannot read", here.display()))?;
        for e in entries {
            let e = e.with_context(|| format!("{}: cannot read", here.display()))?;
            let name = e.file_name().to_string_lossy().into_owned();
            let path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if rel.is_empty() && name == MARKER {
                continue;
            }
            let t = e
                .file_type()
                .with_context(|| format!("{path}: cannot read"))?;
            if t.is_dir() && our_dirs.contains(&path) {
                stack.push(path);
            } else if !(t.is_file() && ours.contains(&path)) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Write every file and the marker into `staging` (new, marked first).
fn stage(staging: &Path, files: &[OutputFile], new: &BTreeSet<String>) -> Result<()> {
    if staging.exists() {
        std::fs::remove_dir_all(staging)
            .with_context(|| format!("{}: cannot remove", staging.display()))?;
    }
    std::fs::create_dir(staging)
        .with_context(|| format!("{}: cannot create", staging.display()))?;
    std::fs::write(staging.join(MARKER), marker_text(new))
        .with_context(|| format!("{}: cannot write", staging.display()))?;
    for f in files {
        if !safe_relative(&f.path) {
            bail!("{}: not a safe file name for a report", f.path);
        }
        let path = staging.join(&f.path);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)
                .with_context(|| format!("{}: cannot create", p.display()))?;
        }
        std::fs::write(&path, &f.bytes)
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(())
}

/// Exchange the staged report and the old one, then remove the old.
fn swap(staging: &Path, dir: &Path, parent: &Path, base: &str) -> Result<()> {
    if exchange(staging, dir) {
        // `staging` now holds the old report.
        return Ok(());
    }
    let old = parent.join(format!(".{base}.tribune-old-{}", std::process::id()));
    std::fs::rename(dir, &old).with_context(|| format!("{}: cannot replace", dir.display()))?;
    if let Err(e) = std::fs::rename(staging, dir) {
        let _ = std::fs::rename(&old, dir);
        return Err(e).with_context(|| format!("{}: cannot write", dir.display()));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Swap two folders in one step, where the system can.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Move the staged files into a folder that also holds the user's, each
/// whole; then remove the old report's files that the new one does not
/// have. The marker lists old and new files meanwhile.
fn merge(
    staging: &Path,
    dir: &Path,
    new: &BTreeSet<String>,
    ours: &BTreeSet<String>,
) -> Result<()> {
    let both: BTreeSet<String> = ours.union(new).cloned().collect();
    write_marker(dir, &both)?;
    for f in new {
        let to = dir.join(f);
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p)
                .with_context(|| format!("{}: cannot create", p.display()))?;
        }
        std::fs::rename(staging.join(f), &to)
            .with_context(|| format!("{}: cannot write", to.display()))?;
    }
    for f in ours.difference(new) {
        let path = dir.join(f);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            let _ = std::fs::remove_file(&path);
        }
    }
    // Folders of the old report left empty (never one that holds anything).
    let mut dirs: Vec<String> = ancestors(ours)
        .difference(&ancestors(new))
        .cloned()
        .collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.len()));
    for d in dirs {
        let _ = std::fs::remove_dir(dir.join(d));
    }
    write_marker(dir, new)
}

/// Replace the marker whole (temporary file + rename).
fn write_marker(dir: &Path, files: &BTreeSet<String>) -> Result<()> {
    let tmp = dir.join(format!("{MARKER}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, marker_text(files))
        .and_then(|()| std::fs::rename(&tmp, dir.join(MARKER)))
        .with_context(|| format!("{}: cannot write", dir.join(MARKER).display()))
}

/// Remove what a killed run left: hidden sibling folders it made (named
/// for this report, holding a marker, of a process no longer running),
/// putting an old report back if the folder itself is missing; a marker's
/// temporary file in the folder.
fn clean_stale(parent: &Path, base: &str, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let new_prefix = format!(".{base}.tribune-new-");
    let old_prefix = format!(".{base}.tribune-old-");
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let (pid, old) = if let Some(p) = name.strip_prefix(&new_prefix) {
            (p, false)
        } else if let Some(p) = name.strip_prefix(&old_prefix) {
            (p, true)
        } else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let path = e.path();
        if running(pid) || !path.join(MARKER).is_file() {
            continue;
        }
        if old && !dir.exists() && std::fs::rename(&path, dir).is_ok() {
            continue;
        }
        let _ = std::fs::remove_dir_all(&path);
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        let prefix = format!("{MARKER}.tmp-");
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name
                .strip_prefix(&prefix)
                .and_then(|p| p.parse::<u32>().ok())
                && !running(pid)
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Is process `pid` running (another tribune writing the same report)?
/// This process counts as not running: its own leftovers are stale.
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("lists").flatten() {
                let p = e.path();
                let rel = p.strip_prefix(dir).expect("inside").display().to_string();
                if p.is_dir() {
                    out.push(format!("{rel}/"));
                    stack.push(p);
                } else {
                    out.push(rel);
                }
            }
        }
        out.sort();
        out
    }

    /// The one-step swap exchanges two folders' contents (where the file
    /// system has it; elsewhere the two renames stand in).
    #[test]
    fn exchange_swaps_two_folders() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        for (d, f) in [(&a, "from-a"), (&b, "from-b")] {
            std::fs::create_dir(d).expect("folder");
            std::fs::write(d.join(f), "").expect("write");
        }
        if !exchange(&a, &b) {
            eprintln!("no atomic exchange here: two renames stand in");
            return;
        }
        assert!(a.join("from-b").exists() && b.join("from-a").exists());
    }

    #[test]
    fn conflicts_and_marker_safety() {
        assert!(safe_relative("charts/a.svg"));
        for bad in ["/etc/passwd", "../x", "a/../b", "a//b", "", "a\\b"] {
            assert!(!safe_relative(bad), "{bad}");
        }
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("r");
        std::fs::create_dir_all(dir.join("charts")).expect("folder");
        std::fs::write(dir.join("index.html"), "mine").expect("write");
        let new: BTreeSet<String> = ["index.html".to_string()].into();
        let e = check_conflicts(&dir, &new, &BTreeSet::new()).expect_err("conflict");
        assert!(e.to_string().ends_with("index.html: exists and tribune did not write it; the report would replace it: move it away, or -o another folder"), "{e}");
        assert!(check_conflicts(&dir, &new, &new).is_ok());
        // A file where the report needs a folder.
        std::fs::write(dir.join("tables"), "mine").expect("write");
        let new: BTreeSet<String> = ["tables/a.csv".to_string()].into();
        assert!(check_conflicts(&dir, &new, &BTreeSet::new()).is_err());
    }

    /// A kill between the two renames of the fallback swap leaves the
    /// folder missing: the next run puts the old report back before its
    /// own work.
    #[test]
    fn a_missing_folder_gets_its_old_report_back() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let parent = tmp.path();
        let dir = parent.join("r");
        let old = parent.join(".r.tribune-old-4000000000");
        std::fs::create_dir(&old).expect("folder");
        std::fs::write(old.join(MARKER), marker_text(&["index.html".into()].into())).expect("w");
        std::fs::write(old.join("index.html"), "old").expect("write");
        let new = parent.join(".r.tribune-new-4000000000");
        std::fs::create_dir(&new).expect("folder");
        std::fs::write(new.join(MARKER), "").expect("write");
        clean_stale(parent, "r", &dir);
        assert_eq!(listing(parent), ["r/", "r/.tribune-report", "r/index.html"]);
        write(
            &dir,
            &[file("index.html", "new"), file("tables/a.csv", "a")],
        )
        .expect("writes");
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).expect("r"),
            "new"
        );
        assert_eq!(
            listing(parent),
            [
                "r/",
                "r/.tribune-report",
                "r/index.html",
                "r/tables/",
                "r/tables/a.csv"
            ]
        );
    }
}
