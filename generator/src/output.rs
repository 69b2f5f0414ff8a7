//! Writing a generated crate to disk, and checking that disk matches.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::GeneratedCrate;
use crate::record::{self, Record};

impl Record {
    /// The record (`api.lock`) of the crate in `dir`, if there is one; an
    /// error says the file cannot be read or was not written by this
    /// generator.
    pub fn read_from(dir: &Path) -> Result<Option<Record>, String> {
        read_record(dir)
    }
}

fn read_record(dir: &Path) -> Result<Option<Record>, String> {
    let path = dir.join(record::FILE_NAME);
    match fs::read_to_string(&path) {
        Ok(text) => Record::parse(&text).map(Some).map_err(|error| {
            format!(
                "{} is not a record this generator wrote ({error}); restore it, or pass --fresh to name everything anew",
                path.display()
            )
        }),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(format!("cannot read {}: {error}", path.display())),
    }
}

/// Writes every file, creating directories, and removes `.rs` files under
/// `src/` that the generator no longer produces.
pub fn write(krate: &GeneratedCrate, dir: &Path) -> io::Result<()> {
    for file in &krate.files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        if fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            fs::write(&path, &file.contents)?;
        }
    }
    for stale in extra_sources(krate, dir)? {
        fs::remove_file(stale)?;
    }
    Ok(())
}

/// Writes the crate under `dir` (as [`write`]) and, beside it,
/// `include.rs`: its `lib.rs` made fit for `include!` from a build script
/// (see `crate::include`). Returns the entry file's path.
pub fn write_for_include(krate: &GeneratedCrate, dir: &Path) -> io::Result<PathBuf> {
    write(krate, dir)?;
    let entry = crate::include::entry_file(&krate.files, dir).map_err(io::Error::other)?;
    let path = dir.join("include.rs");
    if fs::read_to_string(&path).ok().as_deref() != Some(entry.as_str()) {
        fs::write(&path, entry)?;
    }
    Ok(path)
}

/// The paths (relative to `dir`) whose contents differ from the generated
/// ones, are missing, or should no longer exist.
pub fn stale_files(krate: &GeneratedCrate, dir: &Path) -> io::Result<Vec<String>> {
    let mut stale: Vec<String> = krate
        .files
        .iter()
        .filter(|file| {
            fs::read_to_string(dir.join(&file.path)).ok().as_deref() != Some(file.contents.as_str())
        })
        .map(|file| file.path.clone())
        .collect();
    for extra in extra_sources(krate, dir)? {
        let relative = extra.strip_prefix(dir).unwrap_or(&extra);
        stale.push(relative.to_string_lossy().replace('\\', "/"));
    }
    Ok(stale)
}

fn extra_sources(krate: &GeneratedCrate, dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut extra = Vec::new();
    let src = dir.join("src");
    if !src.is_dir() {
        return Ok(extra);
    }
    let mut pending = vec![src];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                if !krate.files.iter().any(|f| f.path == relative) {
                    extra.push(path);
                }
            }
        }
    }
    extra.sort();
    Ok(extra)
}
