//! Generating over an existing crate, in two steps around emission. The
//! earlier record's names were already honoured by lowering; [`compare`]
//! records the model, compares the record with the earlier one and decides
//! the deprecated aliases: a renamed type keeps its old name as a type
//! alias, an operation whose method is renamed keeps its old one as a
//! method forwarding to the new one, and aliases carried from earlier
//! versions stay for the crate's alias lifetime (see [`Expiry`]). Once the
//! sources exist, [`release`] chooses the version from the report and
//! their digest.

use std::collections::{BTreeMap, BTreeSet};

use crate::GeneratedFile;
use crate::model::{BodyContent, DeprecatedAlias, DeprecatedMethod, Model};
use crate::record::{
    self, DEFAULT_ALIAS_LIFETIME, DeprecatedEntry, DeprecatedMethodEntry, OperationEntry, Record,
};
use crate::report::{self, OperationRef, Report, VersionChange};

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
    /// Old method names to keep compiling.
    pub deprecated_methods: Vec<DeprecatedMethod>,
}

/// How long deprecated aliases are kept (from [`crate::Options`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct AliasPolicy {
    /// Breaking versions an alias outlives; `None` keeps the earlier
    /// record's setting (or the default).
    pub lifetime: Option<u32>,
    /// Drop every alias carried from an earlier version now.
    pub prune: bool,
}

/// The crate as it will be released: its version and its complete record.
#[derive(Clone, Debug)]
pub struct Release {
    pub version: String,
    pub record: Record,
    pub report: Option<Report>,
}

/// What becomes of an alias carried from the earlier record whose target is
/// still there. Only a version that breaks for reasons of its own counts
/// (one whose report, alias removals aside, is breaking), and only such a
/// version drops an expired alias: dropping one never makes an otherwise
/// compatible regeneration breaking. An alias outlives `lifetime` breaking
/// versions after the one that deprecated it and goes at the next.
#[derive(Clone, Copy, Debug)]
struct Expiry {
    lifetime: u32,
    breaking: bool,
    prune: bool,
}

impl Expiry {
    /// The alias's count of breaking versions outlived after this one, or
    /// `None` when it goes now.
    fn outlive(self, breaking_versions: u32) -> Option<u32> {
        if self.prune {
            None
        } else if !self.breaking {
            Some(breaking_versions)
        } else {
            (breaking_versions < self.lifetime).then_some(breaking_versions + 1)
        }
    }
}

/// Records the model and compares the record with `previous`.
pub fn compare(
    model: &Model,
    previous: Option<&Record>,
    command: &str,
    policy: AliasPolicy,
) -> Changes {
    let mut record = Record::of_model(model, command);
    let lifetime = policy
        .lifetime
        .or_else(|| previous.and_then(|p| p.alias_lifetime))
        .unwrap_or(DEFAULT_ALIAS_LIFETIME);
    record.alias_lifetime = Some(lifetime);
    let Some(previous) = previous else {
        return Changes {
            record,
            report: None,
            deprecated_aliases: Vec::new(),
            deprecated_methods: Vec::new(),
        };
    };
    let mut report = report::compare(previous, &record);
    let renamed_methods = method_renames(previous, &record, &mut report);
    let expiry = Expiry {
        lifetime,
        breaking: report.breaking,
        prune: policy.prune,
    };
    let deprecated = type_aliases(previous, &record, &mut report, expiry);
    let mut deprecated_methods = carried_methods(previous, &record, &mut report, expiry);
    deprecated_methods.extend(renamed_methods);
    let deprecated_aliases = deprecated
        .iter()
        .map(|(name, entry)| DeprecatedAlias {
            name: name.clone(),
            target: entry.target.clone(),
            note: note(&entry.target, lifetime, entry.breaking_versions),
            features: target_features(model, &entry.target),
        })
        .collect();
    let methods = deprecated_methods
        .iter()
        .map(|(name, entry)| DeprecatedMethod {
            name: name.clone(),
            target: entry.target.clone(),
            note: note(&entry.target, lifetime, entry.breaking_versions),
        })
        .collect();
    record.deprecated = deprecated;
    record.deprecated_methods = deprecated_methods;
    report.regroup(previous, &record);
    Changes {
        record,
        report: Some(report),
        deprecated_aliases,
        deprecated_methods: methods,
    }
}

/// The `#[deprecated]` note of an alias: its new name and how long the
/// old one stays.
fn note(target: &str, lifetime: u32, breaking_versions: u32) -> String {
    let stays = match lifetime.saturating_sub(breaking_versions) {
        0 => "this name goes at the next breaking version".to_string(),
        1 => "this name stays through the next breaking version".to_string(),
        left => format!("this name stays through the next {left} breaking versions"),
    };
    match crate::naming::resource::ResourceName::parse_record_text(target)
        .filter(|name| name.scope.is_some() || !name.chain.is_empty())
    {
        Some(name) => format!("now `{}`; {stays}", name.call_text("..")),
        None => format!("renamed to `{target}`; {stays}"),
    }
}

/// The type aliases of the new crate: those carried from the earlier record
/// (following their target through a rename) that `expiry` keeps, and one
/// per type renamed now. An alias that goes is reported as a removed type.
fn type_aliases(
    previous: &Record,
    record: &Record,
    report: &mut Report,
    expiry: Expiry,
) -> BTreeMap<String, DeprecatedEntry> {
    let source_names: BTreeMap<&str, &str> = record
        .types
        .iter()
        .map(|(name, entry)| (entry.source.as_str(), name.as_str()))
        .collect();
    let renames: BTreeMap<String, String> = report
        .renames()
        .map(|(from, to)| (from.to_string(), to.to_string()))
        .collect();
    let mut deprecated: BTreeMap<String, DeprecatedEntry> = BTreeMap::new();
    for (old_name, entry) in &previous.deprecated {
        // A name that became a type again (a record older than reserved
        // names) is that type now.
        if record.types.contains_key(old_name) {
            continue;
        }
        let target = source_names
            .get(entry.target_source.as_str())
            .map(|name| name.to_string())
            .or_else(|| renames.get(&entry.target).cloned())
            .filter(|target| record.types.contains_key(target));
        // An alias named like a prelude type would shadow it.
        let kept = target
            .filter(|_| !crate::naming::PRELUDE_TYPES.contains(&old_name.as_str()))
            .and_then(|target| Some((target, expiry.outlive(entry.breaking_versions)?)));
        match kept {
            Some((target, breaking_versions)) => {
                deprecated.insert(
                    old_name.clone(),
                    DeprecatedEntry {
                        target_source: record.types[&target].source.clone(),
                        target,
                        since: entry.since.clone(),
                        breaking_versions,
                    },
                );
            }
            None => report.remove_type(old_name, entry.target_source.as_str()),
        }
    }
    for (from, to) in &renames {
        if crate::naming::PRELUDE_TYPES.contains(&from.as_str()) {
            continue;
        }
        deprecated.insert(
            from.clone(),
            DeprecatedEntry {
                target: to.clone(),
                target_source: record.types[to].source.clone(),
                // The version this regeneration gets; see `release`.
                since: String::new(),
                breaking_versions: 0,
            },
        );
    }
    deprecated
}

/// Operations that stay (same key) under a new method name keep the old
/// one as a deprecated method, unless a method of the new crate has it:
/// their renames are reported as not breaking. A crate switching from
/// operationId names to resource names keeps every old method so, each
/// forwarding to its resource method. With resource names, the
/// operationId name is only the mock's, so its renames make no method.
fn method_renames(
    previous: &Record,
    record: &Record,
    report: &mut Report,
) -> BTreeMap<String, DeprecatedMethodEntry> {
    let taken: BTreeSet<&str> = record
        .operations
        .values()
        .map(OperationEntry::callable)
        .collect();
    let mut renamed = BTreeMap::new();
    for (key, after) in &record.operations {
        let Some(before) = previous.operations.get(key) else {
            continue;
        };
        let switched = before.resource.is_none() && after.resource.is_some();
        let flat_rename = after.resource.is_none() && before.rust_name != after.rust_name;
        if !(switched || flat_rename) || taken.contains(before.rust_name.as_str()) {
            continue;
        }
        if flat_rename {
            keep_method_rename(report, after, &before.rust_name);
        }
        renamed.insert(
            before.rust_name.clone(),
            DeprecatedMethodEntry {
                operation: key.clone(),
                target: after.callable().to_string(),
                // The version this regeneration gets; see `release`.
                since: String::new(),
                breaking_versions: 0,
            },
        );
    }
    report.breaking = report::is_breaking(report);
    renamed
}

/// Marks `op`'s rename from `old_name` as kept by a deprecated method.
fn keep_method_rename(report: &mut Report, op: &OperationEntry, old_name: &str) {
    let what = report::method_renamed(old_name, &op.rust_name);
    for changed in report.operations.changed.iter_mut().filter(|changed| {
        let reported = &changed.operation;
        (reported.method.as_str(), reported.path.as_str()) == (op.method.as_str(), op.path.as_str())
    }) {
        for change in changed.changes.iter_mut().filter(|c| c.what == what) {
            change.what = format!("{what} (old name kept, deprecated)");
            change.breaking = false;
        }
        changed.operation.breaking = changed.changes.iter().any(|c| c.breaking);
    }
}

/// The deprecated methods carried from the earlier record that `expiry`
/// keeps, forwarding to their operation's method now. One whose operation
/// is gone goes, reported as a removed method; so does one whose name
/// another method took. One whose operation took its old name back goes
/// unreported: the name is still that operation's.
fn carried_methods(
    previous: &Record,
    record: &Record,
    report: &mut Report,
    expiry: Expiry,
) -> BTreeMap<String, DeprecatedMethodEntry> {
    let mut kept = BTreeMap::new();
    for (old_name, entry) in &previous.deprecated_methods {
        let target = record.operations.get(&entry.operation);
        if target.is_some_and(|op| op.callable() == *old_name) {
            continue;
        }
        let taken = record
            .operations
            .values()
            .any(|op| op.callable() == *old_name);
        let outlived = target
            .filter(|_| !taken)
            .and_then(|op| Some((op, expiry.outlive(entry.breaking_versions)?)));
        match outlived {
            Some((op, breaking_versions)) => {
                kept.insert(
                    old_name.clone(),
                    DeprecatedMethodEntry {
                        target: op.callable().to_string(),
                        breaking_versions,
                        ..entry.clone()
                    },
                );
            }
            None => {
                let op = target.or_else(|| previous.operations.get(&entry.operation));
                let removed = match op {
                    Some(op) => OperationRef {
                        rust_name: old_name.clone(),
                        ..report::operation_ref(op, true)
                    },
                    None => {
                        let (method, path) = entry.operation.split_once(' ').unwrap_or_default();
                        OperationRef {
                            method: method.to_string(),
                            path: path.to_string(),
                            rust_name: old_name.clone(),
                            pointer: String::new(),
                            breaking: true,
                            note: None,
                        }
                    }
                };
                report.operations.removed.push(removed);
                report.breaking = true;
            }
        }
    }
    kept
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
    for since in record
        .deprecated
        .values_mut()
        .map(|e| &mut e.since)
        .chain(record.deprecated_methods.values_mut().map(|e| &mut e.since))
        .filter(|since| since.is_empty())
    {
        *since = version.clone();
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
