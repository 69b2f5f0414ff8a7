//! Generating over an existing crate: the earlier record's names were
//! already honoured by lowering; here the new record is compared with it,
//! renamed types get their deprecated aliases, earlier aliases are carried
//! (until the next breaking version) and the crate version is chosen.

use std::collections::BTreeMap;

use crate::model::{DeprecatedAlias, Model};
use crate::record::{DeprecatedEntry, Record};
use crate::report::{self, Report, VersionChange};

/// The new record and, when there was an earlier one, what changed. Sets
/// the model's version and deprecated aliases.
pub fn settle(
    model: &mut Model,
    previous: Option<&Record>,
    pinned_version: Option<&str>,
    spec_digest: &str,
    command: &str,
) -> (Record, Option<Report>) {
    if let Some(version) = pinned_version {
        model.package.version = version.to_string();
    }
    let mut record = Record::of_model(model, spec_digest, command);
    let Some(previous) = previous else {
        return (record, None);
    };
    let mut report = report::compare(previous, &record);
    let version = match pinned_version {
        Some(version) => version.to_string(),
        None => report::next_version(
            &previous.version,
            &report,
            previous.spec_digest != spec_digest,
        ),
    };
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
            Some(target) if !breaking => {
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
        deprecated.insert(
            from.to_string(),
            DeprecatedEntry {
                target: to.to_string(),
                target_source: record.types[to].source.clone(),
                since: version.clone(),
            },
        );
    }
    report.version = VersionChange {
        from: previous.version.clone(),
        to: version.clone(),
    };
    model.package.version = version.clone();
    model.deprecated_aliases = deprecated
        .iter()
        .map(|(name, entry)| DeprecatedAlias {
            name: name.clone(),
            target: entry.target.clone(),
            note: format!(
                "renamed to `{}` in version {}; this name goes at the next breaking version",
                entry.target, entry.since
            ),
            features: target_features(model, &entry.target),
        })
        .collect();
    record.version = version;
    record.deprecated = deprecated;
    (record, Some(report))
}

/// The features a type is compiled under: those of the groups reaching it,
/// or none when every group does.
fn target_features(model: &Model, target: &str) -> Vec<String> {
    let modules: Vec<&str> = match model.types.iter().find(|def| def.name == target) {
        Some(def) => def.usage.groups.iter().map(String::as_str).collect(),
        None => model
            .operations
            .iter()
            .filter(|op| op.params.as_ref().is_some_and(|p| p.name == target))
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
