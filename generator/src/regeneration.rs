//! Generating over an existing crate: the earlier record's names were
//! already honoured by lowering; here the new record is compared with it,
//! renamed types get their deprecated aliases, earlier aliases are carried
//! (until the next breaking version) and, once the code is emitted, the
//! crate version is chosen.

use std::collections::BTreeMap;

use crate::GeneratedFile;
use crate::model::{BodyContent, DeprecatedAlias, Model};
use crate::record::{self, DeprecatedEntry, Record};
use crate::report::{self, Report, VersionChange};

/// The new record and, when there was an earlier one, what changed. Sets
/// the model's deprecated aliases; the version comes later, from
/// [`choose_version`].
pub fn compare(
    model: &mut Model,
    previous: Option<&Record>,
    command: &str,
) -> (Record, Option<Report>) {
    let mut record = Record::of_model(model, command);
    let Some(previous) = previous else {
        return (record, None);
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
            _ => report.remove_type(old_name, &entry.target_source),
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
                // The version this regeneration gets; see `choose_version`.
                since: String::new(),
            },
        );
    }
    model.deprecated_aliases = deprecated
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
    (record, Some(report))
}

/// Settles the version from the report and the emitted code (every file
/// but the manifest), and writes it into the model, record and report.
pub fn choose_version(
    model: &mut Model,
    record: &mut Record,
    report: Option<&mut Report>,
    previous: Option<&Record>,
    pinned: Option<&str>,
    files: &[GeneratedFile],
) {
    let code_digest = record::digest_files(files.iter().filter(|f| f.path != "Cargo.toml"));
    let version = match (pinned, previous, report.as_deref()) {
        (Some(pinned), _, _) => pinned.to_string(),
        (None, Some(previous), Some(report)) => report::next_version(
            &previous.version,
            report,
            previous.code_digest != code_digest,
        ),
        _ => model.package.version.clone(),
    };
    if let Some(report) = report {
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
    model.package.version = version.clone();
    record.version = version;
    record.code_digest = code_digest;
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
