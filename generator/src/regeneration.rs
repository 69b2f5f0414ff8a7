//! Generating over an existing crate, in two steps around emission. The
//! earlier record's names were already honoured by lowering; [`compare`]
//! records the model, compares the record with the earlier one and decides
//! the deprecated aliases (renamed types get one, earlier ones are carried
//! until the next breaking version). Once the sources exist, [`release`]
//! chooses the version from the report and their digest.

use std::collections::BTreeMap;

use crate::GeneratedFile;
use crate::model::{BodyContent, DeprecatedAlias, Model};
use crate::record::{self, DeprecatedEntry, Record};
use crate::report::{self, Report, VersionChange};

/// The version of a crate generated for the first time.
pub const INITIAL_VERSION: &str = "0.1.0";

/// What changed against the earlier record, before any code is written.
#[derive(Clone, Debug)]
pub struct Changes {
    /// The new record, without version and code digest yet.
    pub record: Record,
    /// What changed since the earlier record, when there was one.
    pub report: Option<Report>,
    /// Old type names to keep compiling.
    pub deprecated_aliases: Vec<DeprecatedAlias>,
}

/// The crate as it will be released: its version and its complete record.
#[derive(Clone, Debug)]
pub struct Release {
    pub version: String,
    pub record: Record,
    pub report: Option<Report>,
}

/// Records the model and compares the record with `previous`.
pub fn compare(model: &Model, previous: Option<&Record>, command: &str) -> Changes {
    let mut record = Record::of_model(model, command);
    let Some(previous) = previous else {
        return Changes {
            record,
            report: None,
            deprecated_aliases: Vec::new(),
        };
    };
    let mut report = report::compare(previous, &record);
    let source_names: BTreeMap<&str, &str> = record
        .types
        .iter()
        .map(|(name, entry)| (entry.source.as_str(), name.as_str()))
        .collect();
    let mut deprecated: BTreeMap<String, DeprecatedEntry> = BTreeMap::new();
    // Removing a deprecated name is itself breaking, so it waits for a
    // version that breaks anyway.
    let breaking = report.breaking;
    for (old_name, entry) in &previous.deprecated {
        match source_names.get(entry.target_source.as_str()) {
            Some(target)
                if !breaking && !crate::naming::PRELUDE_TYPES.contains(&old_name.as_str()) =>
            {
                deprecated.insert(
                    old_name.clone(),
                    DeprecatedEntry {
                        target: target.to_string(),
                        ..entry.clone()
                    },
                );
            }
            _ => report.remove_type(old_name, entry.target_source.as_str()),
        }
    }
    for (from, to) in report.renames() {
        // An alias named like a prelude type would shadow it again.
        if crate::naming::PRELUDE_TYPES.contains(&from) {
            continue;
        }
        deprecated.insert(
            from.to_string(),
            DeprecatedEntry {
                target: to.to_string(),
                target_source: record.types[to].source.clone(),
                // The version this regeneration gets; see `release`.
                since: String::new(),
            },
        );
    }
    let deprecated_aliases = deprecated
        .iter()
        .map(|(name, entry)| DeprecatedAlias {
            name: name.clone(),
            target: entry.target.clone(),
            note: format!(
                "renamed to `{}`; this name goes at the next breaking version",
                entry.target
            ),
            features: target_features(model, &entry.target),
        })
        .collect();
    record.deprecated = deprecated;
    report.regroup(previous, &record);
    Changes {
        record,
        report: Some(report),
        deprecated_aliases,
    }
}

/// Settles the version from the report and the digest of the sources
/// (every file but `Cargo.toml` and `api.lock`; `pinned` wins), completing
/// the record and the report.
pub fn release(
    changes: Changes,
    previous: Option<&Record>,
    pinned: Option<&str>,
    sources: &[GeneratedFile],
) -> Release {
    let code_digest = record::digest_files(sources);
    let code_changed = previous.is_some_and(|previous| previous.code_digest != code_digest);
    let mut release = settle(changes, previous, pinned, code_changed);
    release.record.code_digest = code_digest;
    release
}

/// The version from the report alone, for comparing two specs without
/// writing code (`generator diff`): a change of code only (descriptions,
/// say) is not seen, so the version moves only with the API.
pub fn release_of_records(changes: Changes, previous: Option<&Record>) -> Release {
    settle(changes, previous, None, false)
}

fn settle(
    changes: Changes,
    previous: Option<&Record>,
    pinned: Option<&str>,
    code_changed: bool,
) -> Release {
    let Changes {
        mut record,
        mut report,
        ..
    } = changes;
    let version = match (pinned, previous, report.as_ref()) {
        (Some(pinned), _, _) => pinned.to_string(),
        (None, Some(previous), Some(report)) => {
            report::next_version(&previous.version, report, code_changed)
        }
        _ => INITIAL_VERSION.to_string(),
    };
    if let Some(report) = &mut report {
        report.version = VersionChange {
            from: previous.map(|p| p.version.clone()).unwrap_or_default(),
            to: version.clone(),
        };
    }
    for entry in record
        .deprecated
        .values_mut()
        .filter(|e| e.since.is_empty())
    {
        entry.since = version.clone();
    }
    record.version = version.clone();
    Release {
        version,
        record,
        report,
    }
}

/// The features a type is compiled under: those of the groups reaching it,
/// or none when every group does.
fn target_features(model: &Model, target: &str) -> Vec<String> {
    let modules: Vec<&str> = match model.types.iter().find(|def| def.name == target) {
        Some(def) => def.usage.groups.iter().map(String::as_str).collect(),
        None => model
            .operations
            .iter()
            .filter(|op| {
                op.params.as_ref().is_some_and(|p| p.name == target)
                    || matches!(
                        op.body.as_ref().map(|b| &b.content),
                        Some(BodyContent::Form(form)) if form.name == target
                    )
            })
            .map(|op| op.group.as_str())
            .collect(),
    };
    if modules.len() == model.groups.len() {
        return Vec::new();
    }
    model
        .groups
        .iter()
        .filter(|g| modules.contains(&g.module.as_str()))
        .map(|g| g.feature.clone())
        .collect()
}
