//! Emission: [`Model`] → files. One module per emitted concern, each a
//! function of the model returning tokens; formatting happens last.

mod client;
mod crate_root;
mod error;
mod groups;
mod manifest;
mod models;
mod operations;
mod retry;
mod runtime;
mod tokens;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;

use crate::format::{self, Header};
use crate::model::Model;
use crate::{GeneratedCrate, GeneratedFile, Options};

/// Time spent in emission and formatting, summed over worker threads.
#[derive(Clone, Copy, Debug, Default)]
pub struct EmitTimings {
    pub emit: Duration,
    pub format: Duration,
}

type Job<'m> = Box<dyn Fn() -> TokenStream + Sync + 'm>;

pub fn emit_crate(model: &Model, options: &Options) -> GeneratedCrate {
    emit_crate_timed(model, options).0
}

pub fn emit_crate_timed(model: &Model, options: &Options) -> (GeneratedCrate, EmitTimings) {
    let header = Header {
        command: &options.regenerate_command,
    };
    let mut jobs: Vec<(String, Job<'_>)> = vec![
        ("src/lib.rs".into(), Box::new(|| crate_root::emit(model))),
        ("src/client.rs".into(), Box::new(|| client::emit(model))),
        ("src/error.rs".into(), Box::new(error::emit)),
        ("src/models.rs".into(), Box::new(|| models::emit(model))),
        ("src/retry.rs".into(), Box::new(retry::emit)),
        ("src/runtime.rs".into(), Box::new(runtime::emit)),
    ];
    for group in &model.groups {
        jobs.push((
            format!("src/groups/{}.rs", crate::naming::unraw(&group.module)),
            Box::new(move || groups::emit(model, group)),
        ));
    }
    let (mut files, timings) = run_jobs(&jobs, &header);
    files.insert(
        0,
        GeneratedFile {
            path: "Cargo.toml".to_string(),
            contents: format::toml_file(&manifest::emit(model, options.standalone), &header),
        },
    );
    (GeneratedCrate { files }, timings)
}

/// Tokens are not `Send`, so each worker both emits and formats the files
/// it takes; files are taken in order from a shared counter (the large
/// shared `models.rs` first) and put back in job order, so the output does
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
