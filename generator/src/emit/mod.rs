//! Emission: [`Model`] → files, in two steps that follow the pipeline.
//! [`sources`] writes every source file from the model and the deprecated
//! aliases and methods regeneration decided (one module per spec-dependent
//! file, each a function of the model returning tokens; formatting happens last; the
//! spec-independent files are copied from the runtime crate into
//! `src/runtime/`, `runtime.rs`, never turned into tokens). [`assemble`]
//! then puts the manifest and `api.lock`, written from the [`Release`]
//! chosen over those sources, in front of them.

mod auth;
mod constructors;
mod crate_root;
mod errors;
mod forms;
mod manifest;
mod models;
mod operations;
mod paging;
mod resources;
pub mod runtime;
mod tokens;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;

use crate::format::{self, Header};
use crate::model::{DeprecatedAlias, DeprecatedMethod, Model};
use crate::record;
use crate::regeneration::Release;
use crate::{GeneratedCrate, GeneratedFile, Options};

/// Time spent in emission and formatting, summed over worker threads.
#[derive(Clone, Copy, Debug, Default)]
pub struct EmitTimings {
    pub emit: Duration,
    pub format: Duration,
}

type Job<'m> = Box<dyn Fn() -> TokenStream + Sync + 'm>;

/// Every source file of the crate (all but `Cargo.toml` and `api.lock`):
/// what the version and the record's code digest are taken over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sources {
    pub files: Vec<GeneratedFile>,
}

/// The sources of the crate for `model`, old type names kept as
/// `deprecated_aliases` and old method names as `deprecated_methods`.
pub fn sources(
    model: &Model,
    deprecated_aliases: &[DeprecatedAlias],
    deprecated_methods: &[DeprecatedMethod],
    options: &Options,
) -> (Sources, EmitTimings) {
    let header = Header {
        command: &options.regenerate_command,
    };
    // The spec-dependent files, in the order they are listed.
    let mut jobs: Vec<(String, Job<'_>)> = vec![
        ("src/lib.rs".into(), Box::new(|| crate_root::emit(model))),
        ("src/auth.rs".into(), Box::new(|| auth::emit(model))),
        (
            "src/models/mod.rs".into(),
            Box::new(|| models::emit(model, deprecated_aliases)),
        ),
    ];
    if !model.handles.is_empty() {
        jobs.push((
            "src/resources.rs".into(),
            Box::new(|| resources::emit(model)),
        ));
    }
    for group in &model.groups {
        let file = &group.module;
        if models::has_items(model, &group.module) {
            jobs.push((
                format!("src/models/{file}.rs"),
                Box::new(move || models::emit_group(model, group)),
            ));
        }
        jobs.push((
            format!("src/operations/{file}.rs"),
            Box::new(move || operations::emit(model, group, deprecated_methods)),
        ));
    }
    let (mut files, timings) = run_jobs(&jobs, &header);
    files.extend(runtime::copied(model).map(|file| GeneratedFile {
        path: runtime::generated_path(file),
        contents: format::copied_file(file.text, &runtime::source_path(file), &header),
    }));
    (Sources { files }, timings)
}

/// The whole crate: `Cargo.toml` (naming the release's version) and
/// `api.lock` (its record), then the sources.
pub fn assemble(
    model: &Model,
    release: &Release,
    sources: Sources,
    options: &Options,
) -> GeneratedCrate {
    let header = Header {
        command: &options.regenerate_command,
    };
    let manifest = manifest::emit(model, &release.version, options.standalone);
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".to_string(),
            contents: format::toml_file(&manifest, &header),
        },
        GeneratedFile {
            path: record::FILE_NAME.to_string(),
            contents: release.record.to_text(),
        },
    ];
    files.extend(sources.files);
    GeneratedCrate { files }
}

/// Tokens are not `Send`, so each worker both emits and formats the files
/// it takes; files are taken in order from a shared counter (the large
/// shared `models/mod.rs` early) and put back in job order, so the output does
/// not depend on scheduling.
fn run_jobs(jobs: &[(String, Job<'_>)], header: &Header<'_>) -> (Vec<GeneratedFile>, EmitTimings) {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<String>>> = Mutex::new(vec![None; jobs.len()]);
    let totals = Mutex::new(EmitTimings::default());
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(jobs.len())
        .max(1);
    let work = || {
        let mut local = EmitTimings::default();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some((_, job)) = jobs.get(index) else {
                break;
            };
            let started = Instant::now();
            let tokens = job();
            let emitted = Instant::now();
            let text = format::rust_file(tokens, header);
            local.emit += emitted - started;
            local.format += emitted.elapsed();
            lock(&results)[index] = Some(text);
        }
        let mut totals = lock(&totals);
        totals.emit += local.emit;
        totals.format += local.format;
    };
    std::thread::scope(|scope| {
        for _ in 1..workers {
            scope.spawn(work);
        }
        work();
    });
    let files = jobs
        .iter()
        .zip(lock(&results).drain(..))
        .map(|((path, _), contents)| GeneratedFile {
            path: path.clone(),
            contents: contents
                .unwrap_or_else(|| panic!("generator bug: no worker produced {path}")),
        })
        .collect();
    let timings = *lock(&totals);
    (files, timings)
}

/// A worker that panicked has already failed the run; the data it guarded
/// is still whole, so later locks go on.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
