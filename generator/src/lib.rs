//! An OpenAPI 3.0 and 3.1 → Rust client generator: a spec in, a client
//! crate out (models, one method per operation, and the runtime it needs),
//! deterministic to the byte.
//!
//! [`Generator`] is the entry point for build scripts and tools (the
//! `generator` CLI is a thin layer over it); [`generate`] and [`diff`] are
//! the same as functions. What a run produces is a [`Generation`]: the
//! crate's files, the warnings, the crate's [`record::Record`] (its
//! `api.lock`) and, when regenerating over an earlier crate, the
//! [`report::Report`] of what changed.
//!
//! Inside, the pipeline runs one way (see ARCHITECTURE.md): parse → lower
//! (the plain-data model, every name decided) → compare with the earlier
//! record → emit the sources → choose the version → write the manifest
//! and `api.lock`.
#![deny(missing_docs)]

mod diagnostics;
mod emit;
mod format;
mod include;
mod lower;
mod model;
mod naming;
mod output;
mod parse;
mod pointer;
pub mod record;
mod regeneration;
pub mod report;
mod samples;
mod summary;

use std::time::{Duration, Instant};

pub use diagnostics::{
    Diagnostic, Diagnostics, Fallback, Item, Kind, Location, Reason, Repair, Severity,
};
pub use pointer::JsonPointer;
pub use summary::{Summary, UnionCounts};

/// Not part of the API: what the workspace's own tests check the
/// generator against (the runtime files it copies, the method names an
/// operation may not take). May change at any time.
#[doc(hidden)]
pub mod internal {
    pub use crate::emit::runtime;
    pub use crate::lower::{AUTH_METHODS, CLIENT_METHODS};
}

/// What to generate and how the output names its regenerating command.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Cargo package name (`my-api`); derived from the spec's
    /// `info.title` when absent.
    pub package_name: Option<String>,
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
    /// How many breaking versions a deprecated alias (an old type or method
    /// name) outlives before it goes, at the breaking version after them
    /// (0: at the next one). `None` keeps the setting recorded in
    /// [`Options::previous`], else [`record::DEFAULT_ALIAS_LIFETIME`]; the
    /// setting is recorded in `api.lock`.
    pub alias_lifetime: Option<u32>,
    /// Drop every deprecated alias carried from an earlier version now
    /// (each reported as removed, which is breaking). Aliases of names
    /// changed by this very regeneration are still made.
    pub prune_aliases: bool,
    /// Which API groups to generate (each group is a module and a cargo
    /// feature of the crate), each named by its cargo feature
    /// (`zone-settings`) or module (`zone_settings`):
    ///
    /// - `None`: the groups the earlier record ([`Options::previous`])
    ///   selected, or every group when it selected none (or there is no
    ///   record), so a plain regeneration keeps the selection;
    /// - `Some(names)`: exactly these groups; a name no group has is an
    ///   error that lists the groups there are;
    /// - `Some(vec![])`: every group, whatever the record selected.
    ///
    /// Operations of other groups are left out, with every type only they
    /// reach; names are those of the crate of all groups. The selection is
    /// recorded in `api.lock` ([`record::Record::groups`]).
    pub groups: Option<Vec<String>>,
    /// How methods are named: `None` keeps the earlier record's style
    /// (operationId names for a crate recorded without one), and a new
    /// crate gets resource names. Switching a crate of operationId names
    /// to resource names keeps each old method as a `#[deprecated]`
    /// forwarder for the alias lifetime. Recorded in `api.lock`.
    pub naming: Option<record::NamingStyle>,
    /// The user's settings for resource names, read from the file beside
    /// the spec (`<spec stem>.resource-names.yaml`) and applied on every
    /// regeneration.
    pub resource_names: ResourceNames,
}

/// The user's settings for resource names (`openapi.resource-names.yaml`
/// beside the workspace's spec):
///
/// ```yaml
/// scopes: [accounts, zones]       # /accounts/{id}/... → client.account(id)...
/// renames:
///   access: zero_trust.access     # access.apps.list → zero_trust.access.apps.list
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceNames {
    /// First path segments (`accounts`) whose `/{variable}` is bound by a
    /// scope accessor (`client.account(id)`), besides those the rule finds
    /// (a plural segment with three resources or more under its variable).
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Renames of resource chains, as dotted snake_case names: a chain that
    /// starts with a key starts with its value instead, the longest key
    /// winning; applied on top of the names an earlier crate kept.
    #[serde(default)]
    pub renames: std::collections::BTreeMap<String, String>,
}

impl ResourceNames {
    /// Where the settings of `spec` are kept: beside it, named after it
    /// (`spec/openapi.yaml` → `spec/openapi.resource-names.yaml`).
    pub fn beside(spec: &std::path::Path) -> std::path::PathBuf {
        let stem = spec
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        spec.with_file_name(format!("{stem}.resource-names.yaml"))
    }

    /// Reads the settings from YAML; an empty file is none. The error
    /// says where the text is wrong (line and column).
    pub fn parse(text: &str) -> Result<Self, String> {
        let names: Option<Self> = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        Ok(names.unwrap_or_default())
    }

    /// The settings kept beside `spec`, or none when there is no such
    /// file; an unreadable or malformed one is an error naming it.
    pub fn read_beside(spec: &std::path::Path) -> Result<Self, String> {
        Self::read(&Self::beside(spec), false)
    }

    /// The settings in `path`; a missing file is none unless `required`.
    pub fn read(path: &std::path::Path, required: bool) -> Result<Self, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }
}

impl Options {
    /// The naming style this run generates with (see [`Options::naming`]).
    pub fn naming_style(&self) -> record::NamingStyle {
        match (self.naming, &self.previous) {
            (Some(style), _) => style,
            (None, Some(previous)) => previous.naming,
            (None, None) => record::NamingStyle::Resource,
        }
    }

    /// The groups this run generates as [`Options::groups`] decides them
    /// (given, else the earlier record's), by cargo feature (a module name
    /// given stands for its feature), sorted, each once; empty for every
    /// group. Names are not checked against the spec here. The CLI writes
    /// this selection into the regenerating command, so a plain
    /// regeneration, which keeps the selection, writes the same headers.
    pub fn group_selection(&self) -> Vec<String> {
        let names = match (&self.groups, &self.previous) {
            (Some(names), _) => names.clone(),
            (None, Some(previous)) => previous.groups.clone(),
            (None, None) => Vec::new(),
        };
        let features: std::collections::BTreeSet<String> = names
            .iter()
            .map(|name| naming::group_feature(name))
            .collect();
        features.into_iter().collect()
    }
}

/// A generated crate: relative paths and their contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedCrate {
    /// `Cargo.toml`, `api.lock`, then every source file, in a fixed order.
    pub files: Vec<GeneratedFile>,
}

/// One file of a generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the crate's folder, `/`-separated (`src/models/mod.rs`).
    pub path: String,
    /// The whole text, header included.
    pub contents: String,
}

impl GeneratedCrate {
    /// The contents of the file at `path` (`src/lib.rs`), if the crate
    /// has one.
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
    }

    /// Writes every file under `dir` (creating folders) and removes `.rs`
    /// files under `src/` that the generator no longer produces.
    pub fn write_to(&self, dir: &std::path::Path) -> std::io::Result<()> {
        output::write(self, dir)
    }

    /// Writes the crate under `dir` for a build script, plus `include.rs`:
    /// the crate's `lib.rs` made fit for `include!` (modules found by
    /// absolute path, no crate-level attributes). Returns its path; see
    /// [`Generator`] for the whole recipe.
    pub fn write_for_include(&self, dir: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
        output::write_for_include(self, dir)
    }

    /// The files under `dir` that differ from this crate, are missing, or
    /// should no longer exist (paths relative to `dir`).
    pub fn stale_files(&self, dir: &std::path::Path) -> std::io::Result<Vec<String>> {
        output::stale_files(self, dir)
    }
}

/// Generates a client crate from a spec: the entry point for build scripts
/// and tools (the CLI is a thin layer over it).
///
/// From a build script, the crate is written under `OUT_DIR` and included
/// by the crate the build script belongs to, whose `src/lib.rs` is one line,
/// `include!(concat!(env!("OUT_DIR"), "/api/include.rs"));`, and whose
/// `Cargo.toml` lists the generated crate's dependencies and features (the
/// ones `Cargo.toml` of a crate generated by the CLI has):
///
/// ```no_run
/// // build.rs
/// let spec = std::fs::read_to_string("openapi.yaml").expect("the spec is readable");
/// println!("cargo::rerun-if-changed=openapi.yaml");
/// let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
/// let generation = generator::Generator::new(spec)
///     .crate_name("my-api")
///     .generate()
///     .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
/// generation
///     .krate
///     .write_for_include(&out_dir.join("api"))
///     .expect("OUT_DIR is writable");
/// ```
#[derive(Clone, Debug)]
pub struct Generator {
    spec_text: String,
    options: Options,
}

impl Generator {
    /// A generator for the spec `spec_text` (YAML or JSON, OpenAPI 3.0 or
    /// 3.1), with default options.
    pub fn new(spec_text: impl Into<String>) -> Self {
        Self {
            spec_text: spec_text.into(),
            options: Options {
                regenerate_command: "a build script".to_string(),
                ..Options::default()
            },
        }
    }

    /// The Cargo package name (`my-api`; the library is `my_api`); derived
    /// from the spec's `info.title` when not set.
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.options.package_name = Some(name.into());
        self
    }

    /// Generates only these API groups (by cargo feature or module name);
    /// see [`Options::groups`].
    pub fn groups<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.groups = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// All options at once, replacing those set so far.
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Runs the pipeline in memory. Warnings are in the result; a spec
    /// that cannot be generated is `Err` with every problem found.
    pub fn generate(&self) -> Result<Generation, Diagnostics> {
        generate(&self.spec_text, &self.options)
    }
}

/// The result of a run that produced code: the crate and the warnings.
#[derive(Clone, Debug)]
pub struct Generation {
    /// The crate's files.
    pub krate: GeneratedCrate,
    /// Every problem found that did not stop generation, each with its
    /// location; the items concerned were degraded or left out.
    pub warnings: Diagnostics,
    /// The account of the run the CLI prints.
    pub summary: summary::Summary,
    /// The record written to the crate's `api.lock`.
    pub record: record::Record,
    /// What changed since [`Options::previous`], when there was one.
    pub report: Option<report::Report>,
    /// Where the time went.
    pub timings: Timings,
    /// With [`Options::union_check`]: a test for the crate that decodes an
    /// instance of every union variant and writes it back.
    pub union_check: Option<String>,
}

/// Where generation time went. Emission and formatting run on several
/// threads, so `emit` and `format` are summed over threads and
/// `emit_and_format` is their wall time.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading the spec text.
    pub parse: Duration,
    /// Lowering it to the model.
    pub lower: Duration,
    /// Emitting tokens, summed over threads.
    pub emit: Duration,
    /// Formatting them, summed over threads.
    pub format: Duration,
    /// Emission and formatting, wall time.
    pub emit_and_format: Duration,
}

/// Spec text → crate files. Errors carry every problem found.
///
/// One direction: parse → lower (the model) → compare with the earlier
/// record (deprecated aliases and methods) → emit the sources → release
/// (the version, from the report and the sources' digest) → assemble the
/// manifest and `api.lock` in front of the sources. No step changes what an earlier one
/// produced.
pub fn generate(spec_text: &str, options: &Options) -> Result<Generation, Diagnostics> {
    let started = Instant::now();
    let (model, diagnostics, parsed) = lower_spec(spec_text, options)?;
    let lowered = Instant::now();
    let changes = regeneration::compare(
        &model,
        options.previous.as_ref(),
        &options.regenerate_command,
        regeneration::AliasPolicy {
            lifetime: options.alias_lifetime,
            prune: options.prune_aliases,
        },
    );
    let (sources, emit_timings) = emit::sources(
        &model,
        &changes.deprecated_aliases,
        &changes.deprecated_methods,
        options,
    );
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
    let lower_options = lower::LowerOptions {
        package_name: options.package_name.clone(),
        names: options
            .previous
            .as_ref()
            .map(record::Record::name_lock)
            .unwrap_or_default(),
        groups: options.group_selection(),
        groups_recorded: options.groups.is_none(),
        style: options.naming_style(),
        scopes: options.resource_names.scopes.clone(),
        renames: naming::resource::Renames::new(
            options
                .resource_names
                .renames
                .iter()
                .map(|(from, to)| (from.as_str(), to.as_str())),
        )
        .map_err(|problem| {
            Diagnostics::from(Diagnostic::error(
                &JsonPointer::root(),
                format!("resource renames: {problem}"),
            ))
        })?,
    };
    let (model, lowered, left_out) = lower::lower(&spec, &lower_options);
    // Parse repairs first, then lowering's; each problem once, none about
    // only what a selection of groups leaves out.
    let diagnostics = Diagnostics::unique(
        warnings
            .into_iter()
            .chain(lowered)
            .filter(|d| !left_out.covers(d)),
    );
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
    let policy = regeneration::AliasPolicy::default();
    let before =
        regeneration::release_of_records(regeneration::compare(&before, None, "", policy), None);
    let options = Options {
        previous: Some(before.record),
        ..Options::default()
    };
    let (after, _, _) = lower_spec(new_spec, &options)?;
    let previous = options.previous.as_ref();
    let changes = regeneration::compare(&after, previous, "", policy);
    let release = regeneration::release_of_records(changes, previous);
    Ok(release
        .report
        .unwrap_or_else(|| unreachable!("a comparison with an earlier record reports")))
}
