//! An OpenAPI 3.0 → Rust client generator.
//!
//! The pipeline runs in one direction: [`parse`] (text → `openapiv3`),
//! [`lower`] (→ the plain-data [`model`], names decided, problems collected),
//! [`emit`] (model → tokens, one module per concern) and [`format`](mod@format)
//! (tokens → text with the `@generated` header).

pub mod diagnostics;
pub mod emit;
pub mod format;
pub mod lower;
pub mod model;
pub mod naming;
pub mod output;
pub mod parse;
pub mod pointer;
pub mod record;
pub mod regeneration;
pub mod report;
pub mod samples;
pub mod summary;

use std::time::{Duration, Instant};

use diagnostics::Diagnostics;

/// What to generate and how the output names its regenerating command.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub lower: lower::LowerOptions,
    /// Shown in every file header: the command that regenerates the file.
    pub regenerate_command: String,
    /// Emit an empty `[workspace]` table so the crate builds on its own
    /// even when written inside another workspace's directory.
    pub standalone: bool,
    /// The record (`api.lock`) of the crate being regenerated: its names
    /// are kept, changes against it are reported and the version follows.
    pub previous: Option<record::Record>,
    /// The crate version to write, instead of the one the report implies.
    pub pinned_version: Option<String>,
    /// Also write [`Generation::union_check`].
    pub union_check: bool,
}

/// A generated crate: relative paths and their contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedCrate {
    pub files: Vec<GeneratedFile>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// The result of a run that produced code: the crate and the warnings.
#[derive(Clone, Debug)]
pub struct Generation {
    pub krate: GeneratedCrate,
    pub warnings: Diagnostics,
    pub summary: summary::Summary,
    /// The record written to the crate's `api.lock`.
    pub record: record::Record,
    /// What changed since [`Options::previous`], when there was one.
    pub report: Option<report::Report>,
    pub timings: Timings,
    /// With [`Options::union_check`]: a test for the crate that decodes an
    /// instance of every union variant (see [`samples`]).
    pub union_check: Option<String>,
}

/// Where generation time went. Emission and formatting run on several
/// threads, so `emit` and `format` are summed over threads and
/// `emit_and_format` is their wall time.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub parse: Duration,
    pub lower: Duration,
    pub emit: Duration,
    pub format: Duration,
    pub emit_and_format: Duration,
}

/// Spec text → crate files. Errors carry every problem found.
///
/// One direction: parse → lower (the model) → compare with the earlier
/// record (deprecated aliases) → emit the sources → release (the version,
/// from the report and the sources' digest) → assemble the manifest and
/// `api.lock` in front of the sources. No step changes what an earlier one
/// produced.
pub fn generate(spec_text: &str, options: &Options) -> Result<Generation, Diagnostics> {
    let started = Instant::now();
    let (model, diagnostics, parsed) = lower_spec(spec_text, options)?;
    let lowered = Instant::now();
    let changes = regeneration::compare(
        &model,
        options.previous.as_ref(),
        &options.regenerate_command,
    );
    let (sources, emit_timings) = emit::sources(&model, &changes.deprecated_aliases, options);
    let release = regeneration::release(
        changes,
        options.previous.as_ref(),
        options.pinned_version.as_deref(),
        &sources.files,
    );
    let krate = emit::assemble(&model, &release, sources, options);
    let timings = Timings {
        parse: parsed - started,
        lower: lowered - parsed,
        emit: emit_timings.emit,
        format: emit_timings.format,
        emit_and_format: lowered.elapsed(),
    };
    let union_check = options.union_check.then(|| samples::union_check(&model));
    let regeneration::Release { record, report, .. } = release;
    Ok(Generation {
        union_check,
        krate,
        summary: summary::Summary::new(&model, &diagnostics),
        warnings: diagnostics,
        record,
        report,
        timings,
    })
}

/// Parses and lowers, keeping the earlier record's names; also returns
/// when parsing ended. A spec with errors is `Err`.
fn lower_spec(
    spec_text: &str,
    options: &Options,
) -> Result<(model::Model, Diagnostics, Instant), Diagnostics> {
    let parse::Parsed { spec, warnings } = parse::parse_spec(spec_text)?;
    let parsed = Instant::now();
    let mut lower_options = options.lower.clone();
    if let Some(previous) = &options.previous {
        lower_options.names = previous.name_lock();
    }
    let (model, lowered) = lower::lower(&spec, &lower_options);
    // Parse repairs first, then lowering's; each problem once.
    let diagnostics = Diagnostics::unique(warnings.into_iter().chain(lowered));
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok((model, diagnostics, parsed))
}

/// What changed for a user of the crate between two versions of a spec,
/// the later lowered as a regeneration over the earlier would be (keeping
/// its names). Stops at the records: no code is emitted, so the version in
/// the report moves with the API only.
pub fn diff(old_spec: &str, new_spec: &str) -> Result<report::Report, Diagnostics> {
    let (before, _, _) = lower_spec(old_spec, &Options::default())?;
    let before = regeneration::release_of_records(regeneration::compare(&before, None, ""), None);
    let options = Options {
        previous: Some(before.record),
        ..Options::default()
    };
    let (after, _, _) = lower_spec(new_spec, &options)?;
    let previous = options.previous.as_ref();
    let changes = regeneration::compare(&after, previous, "");
    let release = regeneration::release_of_records(changes, previous);
    Ok(release
        .report
        .unwrap_or_else(|| unreachable!("a comparison with an earlier record reports")))
}
