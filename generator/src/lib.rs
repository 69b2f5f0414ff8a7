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
pub mod summary;

use std::time::{Duration, Instant};

use diagnostics::Diagnostics;

/// What to generate and how the output names its regenerating command.
#[derive(Clone, Debug)]
pub struct Options {
    pub lower: lower::LowerOptions,
    /// Shown in every file header: the command that regenerates the file.
    pub regenerate_command: String,
    /// Emit an empty `[workspace]` table so the crate builds on its own
    /// even when written inside another workspace's directory.
    pub standalone: bool,
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
    pub timings: Timings,
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
pub fn generate(spec_text: &str, options: &Options) -> Result<Generation, Diagnostics> {
    let started = Instant::now();
    let parse::Parsed { spec, warnings } = parse::parse_spec(spec_text)?;
    let parsed = Instant::now();
    let (model, lowered) = lower::lower(&spec, &options.lower);
    // Parse repairs first, then lowering's; each problem once.
    let diagnostics = Diagnostics::unique(warnings.into_iter().chain(lowered));
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let lowered = Instant::now();
    let (krate, emit_timings) = emit::emit_crate_timed(&model, options);
    let timings = Timings {
        parse: parsed - started,
        lower: lowered - parsed,
        emit: emit_timings.emit,
        format: emit_timings.format,
        emit_and_format: lowered.elapsed(),
    };
    Ok(Generation {
        krate,
        summary: summary::Summary::new(&model, &diagnostics),
        warnings: diagnostics,
        timings,
    })
}
