//! What changed between two generations of a crate, for a user of it:
//! operations, parameters, bodies and responses, types, fields, enum
//! variants, credentials and features, each entry classified as breaking or
//! not and located by a JSON pointer (in the new spec; for removed items,
//! where they were in the old one). Both sides are [`Record`]s, so the same
//! comparison serves a regeneration over an existing crate and
//! `generator diff OLD NEW`.
//!
//! Breaking means code written against the old crate may stop compiling:
//! anything removed or retyped, a new required argument or required field
//! of a type users build, a new enum variant (exhaustive `match`es). Added
//! optional fields and parameters are not breaking for code that builds
//! structs with `..Default::default()`, which is how the crate's docs
//! build them. Renamed types whose shape is unchanged keep their old name as
//! a `#[deprecated]` alias, so they are not breaking either; `regeneration`
//! does the same for renamed methods, and adjusts the report.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use crate::record::{EntryKind, OperationEntry, Record, TypeEntry};

/// What changed between two records, for a user of the crate: printed by
/// the CLI, written as JSON by `--report-json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Whether code written against the old crate may stop compiling.
    pub breaking: bool,
    /// The crate version before and after.
    pub version: VersionChange,
    /// Methods added, removed and changed.
    pub operations: OperationChanges,
    /// Public types added, removed, renamed and changed.
    pub types: TypeChanges,
    /// Credential setters (one per security scheme) added and removed.
    pub auth: NameChanges,
    /// Cargo features (one per API group) added and removed.
    pub features: NameChanges,
    /// The same entries by the cargo feature of the group they concern:
    /// an operation's group, every group reaching a type. Only groups with
    /// a change are listed.
    pub groups: BTreeMap<String, GroupChanges>,
}

/// What changed for users of one API group (one cargo feature).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GroupChanges {
    /// Whether code using only this group may stop compiling.
    pub breaking: bool,
    /// The group's methods added, removed and changed.
    pub operations: OperationChanges,
    /// Types the group's methods reach, added, removed, renamed and changed.
    pub types: TypeChanges,
}

/// A crate version change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VersionChange {
    /// The earlier version (empty for a first generation).
    pub from: String,
    /// The version written now.
    pub to: String,
}

/// Changes to the client's methods.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OperationChanges {
    /// Methods the new crate has and the old did not.
    pub added: Vec<OperationRef>,
    /// Methods gone from the new crate.
    pub removed: Vec<OperationRef>,
    /// Methods whose parameters, body, result or credentials changed.
    pub changed: Vec<OperationChange>,
}

/// An operation, as a method of the client.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OperationRef {
    /// The HTTP method (`PATCH`).
    pub method: String,
    /// The path template as the spec writes it.
    pub path: String,
    /// The client's method name.
    pub rust_name: String,
    /// Where the operation is in the spec (a JSON pointer).
    pub pointer: String,
    /// Whether this entry alone breaks code written against the old crate.
    pub breaking: bool,
    /// Why an added method breaks code: its name belonged to another
    /// operation, so calls written against that one now reach this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A method and what changed in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OperationChange {
    /// The method.
    #[serde(flatten)]
    pub operation: OperationRef,
    /// Each change, with whether it breaks callers.
    pub changes: Vec<Change>,
}

/// Changes to the public types (`models::Name`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TypeChanges {
    /// Types the new crate has and the old did not.
    pub added: Vec<TypeRef>,
    /// Types gone from the new crate.
    pub removed: Vec<TypeRef>,
    /// Same shape, new name; the old name is kept as a deprecated alias.
    pub renamed: Vec<Renamed>,
    /// Types whose fields or variants changed.
    pub changed: Vec<TypeChange>,
}

/// A public type by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TypeRef {
    /// The Rust name (`models::Name`).
    pub name: String,
    /// Where the type's schema is in the spec (a JSON pointer).
    pub pointer: String,
    /// Whether this entry alone breaks code written against the old crate.
    pub breaking: bool,
}

/// A type that kept its shape under a new name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Renamed {
    /// The old name (still compiling, deprecated).
    pub from: String,
    /// The new name.
    pub to: String,
    /// Where the type's schema is in the new spec.
    pub pointer: String,
    /// Whether this entry alone breaks code written against the old crate.
    pub breaking: bool,
}

/// A type and what changed in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TypeChange {
    /// The Rust name.
    pub name: String,
    /// Where the type's schema is in the new spec.
    pub pointer: String,
    /// Each change, with whether it breaks users of the type.
    pub changes: Vec<Change>,
}

/// One change inside an operation or a type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What changed, in words (`field `x` added`).
    pub what: String,
    /// Whether it breaks code written against the old crate.
    pub breaking: bool,
}

/// Names added and removed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NameChanges {
    /// Names the new crate has and the old did not.
    pub added: Vec<String>,
    /// Names gone from the new crate.
    pub removed: Vec<String>,
}

impl Report {
    /// Whether anything at all is reported.
    pub fn is_empty(&self) -> bool {
        let ops = &self.operations;
        let types = &self.types;
        ops.added.is_empty()
            && ops.removed.is_empty()
            && ops.changed.is_empty()
            && types.added.is_empty()
            && types.removed.is_empty()
            && types.renamed.is_empty()
            && types.changed.is_empty()
            && self.auth.added.is_empty()
            && self.auth.removed.is_empty()
            && self.features.added.is_empty()
            && self.features.removed.is_empty()
    }

    /// Old names that became deprecated aliases: `(old, new)`.
    pub(crate) fn renames(&self) -> impl Iterator<Item = (&str, &str)> {
        self.types
            .renamed
            .iter()
            .map(|r| (r.from.as_str(), r.to.as_str()))
    }

    /// Records a public type name that goes away (e.g. a deprecated alias
    /// dropped at a breaking version).
    pub(crate) fn remove_type(&mut self, name: &str, pointer: &str) {
        self.types.removed.push(TypeRef {
            name: name.to_string(),
            pointer: pointer.to_string(),
            breaking: true,
        });
        self.breaking = true;
    }

    /// Sorts every entry into [`Report::groups`] again, after entries were
    /// added or changed: an operation into its group, a type into each
    /// group that reaches it (in the new record; a removed one in the
    /// old, a dropped alias by its target).
    pub(crate) fn regroup(&mut self, old: &Record, new: &Record) {
        let mut groups: BTreeMap<String, GroupChanges> = BTreeMap::new();
        fn group<'g>(
            groups: &'g mut BTreeMap<String, GroupChanges>,
            feature: &str,
        ) -> &'g mut GroupChanges {
            groups.entry(feature.to_string()).or_default()
        }
        // Method names are unique in a crate; a deprecated method is in
        // its operation's group.
        let features = |record: &Record| -> BTreeMap<String, String> {
            let deprecated = record
                .deprecated_methods
                .iter()
                .filter_map(|(name, alias)| {
                    let op = record.operations.get(&alias.operation)?;
                    Some((name.clone(), op.feature.clone()))
                });
            record
                .operations
                .values()
                .map(|op| (op.rust_name.clone(), op.feature.clone()))
                .chain(deprecated)
                .collect()
        };
        let (old_features, new_features) = (features(old), features(new));
        let feature = |features: &BTreeMap<String, String>, op: &OperationRef| {
            features.get(&op.rust_name).cloned().unwrap_or_default()
        };
        let ops = &self.operations;
        for op in &ops.added {
            let feature = feature(&new_features, op);
            group(&mut groups, &feature)
                .operations
                .added
                .push(op.clone());
        }
        for op in &ops.removed {
            let feature = feature(&old_features, op);
            group(&mut groups, &feature)
                .operations
                .removed
                .push(op.clone());
        }
        for op in &ops.changed {
            let feature = feature(&new_features, &op.operation);
            group(&mut groups, &feature)
                .operations
                .changed
                .push(op.clone());
        }
        let type_features = |record: &Record, name: &str| -> Vec<String> {
            let entry = record.types.get(name).or_else(|| {
                let alias = record.deprecated.get(name)?;
                record.types.get(&alias.target)
            });
            entry.map(|e| e.features.clone()).unwrap_or_default()
        };
        let types = &self.types;
        for t in &types.added {
            for feature in type_features(new, &t.name) {
                group(&mut groups, &feature).types.added.push(t.clone());
            }
        }
        for t in &types.removed {
            for feature in type_features(old, &t.name) {
                group(&mut groups, &feature).types.removed.push(t.clone());
            }
        }
        for r in &types.renamed {
            let mut features = type_features(new, &r.to);
            features.extend(type_features(old, &r.from));
            features.sort();
            features.dedup();
            for feature in features {
                group(&mut groups, &feature).types.renamed.push(r.clone());
            }
        }
        for t in &types.changed {
            let mut features = type_features(new, &t.name);
            features.extend(type_features(old, &t.name));
            features.sort();
            features.dedup();
            for feature in features {
                group(&mut groups, &feature).types.changed.push(t.clone());
            }
        }
        // A type of both crates that a group reaches only now, or no
        // longer: a crate built with that group's feature alone gains or
        // loses it (it is compiled for the groups reaching it).
        for (name, after) in &new.types {
            let Some(before) = old.types.get(name).filter(|_| old.format >= 2) else {
                continue;
            };
            let entry = |breaking| TypeRef {
                name: name.clone(),
                pointer: after.location().to_string(),
                breaking,
            };
            for feature in after
                .features
                .iter()
                .filter(|f| !before.features.contains(f))
            {
                group(&mut groups, feature).types.added.push(entry(false));
            }
            for feature in before
                .features
                .iter()
                .filter(|f| !after.features.contains(f))
            {
                group(&mut groups, feature).types.removed.push(entry(true));
            }
        }
        // Entries of a record that did not know groups (format 1).
        groups.remove("");
        for (feature, changes) in &mut groups {
            let removed = self.features.removed.contains(feature);
            changes.breaking = removed || changes.is_breaking();
        }
        self.groups = groups;
    }

    /// The report as JSON (what `--report-json` writes).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| panic!("generator bug: the report does not serialize: {e}"));
        text.push('\n');
        text
    }
}

/// Compares the record of an earlier generation with a new one. The
/// version fields are left for the caller (`next_version`).
pub fn compare(old: &Record, new: &Record) -> Report {
    let renames = find_renames(old, new);
    let names = Canon {
        new,
        renames: &renames,
    };
    let mut report = Report::default();
    compare_operations(old, new, &names, &mut report.operations);
    compare_types(old, new, &names, &renames, &mut report.types);
    report.auth = name_changes(&old.schemes, &new.schemes);
    report.features = name_changes(&old.features, &new.features);
    report.breaking = is_breaking(&report);
    report.regroup(old, new);
    report
}

pub(crate) fn is_breaking(report: &Report) -> bool {
    entries_break(&report.operations, &report.types)
        || !report.auth.removed.is_empty()
        || !report.features.removed.is_empty()
}

impl GroupChanges {
    fn is_breaking(&self) -> bool {
        entries_break(&self.operations, &self.types)
    }

    fn entries(&self) -> usize {
        let (ops, types) = (&self.operations, &self.types);
        ops.added.len()
            + ops.removed.len()
            + ops.changed.len()
            + types.added.len()
            + types.removed.len()
            + types.renamed.len()
            + types.changed.len()
    }
}

fn entries_break(ops: &OperationChanges, types: &TypeChanges) -> bool {
    ops.added.iter().chain(&ops.removed).any(|op| op.breaking)
        || ops
            .changed
            .iter()
            .flat_map(|op| &op.changes)
            .any(|c| c.breaking)
        || types.added.iter().chain(&types.removed).any(|t| t.breaking)
        || types.renamed.iter().any(|r| r.breaking)
        || types
            .changed
            .iter()
            .flat_map(|t| &t.changes)
            .any(|c| c.breaking)
}

/// The next crate version: breaking → next major (next minor below 1.0);
/// anything else reported → next minor; the spec text changed but nothing
/// a user sees → next patch; nothing changed → the same version. A version
/// that is not `MAJOR.MINOR.PATCH` is kept as it is.
pub(crate) fn next_version(previous: &str, report: &Report, spec_changed: bool) -> String {
    let parts: Vec<u64> = previous
        .split('.')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .unwrap_or_default();
    let [major, minor, patch] = parts[..] else {
        return previous.to_string();
    };
    let (major, minor, patch) = if report.breaking && major > 0 {
        (major + 1, 0, 0)
    } else if !report.is_empty() {
        (major, minor + 1, 0)
    } else if spec_changed {
        (major, minor, patch + 1)
    } else {
        (major, minor, patch)
    };
    format!("{major}.{minor}.{patch}")
}

/// Type names in the new crate's terms: an old name through its rename,
/// then any name through aliases to its definition, so `Foo` and `Bar`
/// compare equal when one is now an alias of the other.
struct Canon<'r> {
    new: &'r Record,
    renames: &'r BTreeMap<String, String>,
}

impl Canon<'_> {
    fn name(&self, name: &str, old_side: bool) -> String {
        let name = match self.renames.get(name) {
            Some(renamed) if old_side => renamed.as_str(),
            _ => name,
        };
        match self.new.definition(name) {
            Some((definition, _)) => definition.to_string(),
            None => name.to_string(),
        }
    }

    /// A type text with every name in it made canonical.
    fn text(&self, text: &str, old_side: bool) -> String {
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                out.push_str(&self.name(&word, old_side));
                word.clear();
            }
            out.push(c);
        }
        out.pop();
        out
    }

    /// A definition's shape in canonical terms.
    fn shape(&self, entry: &TypeEntry, old_side: bool) -> String {
        let fields: Vec<String> = entry
            .fields
            .iter()
            .map(|(name, ty)| format!("{name}:{}", self.text(ty, old_side)))
            .collect();
        format!(
            "{}|{}|{}",
            entry.kind,
            fields.join(","),
            entry.variants.join(",")
        )
    }
}

/// Old names that are gone, matched with new names of the same shape whose
/// source looks like the old one's (`iam_messages` → `iam_messages-2`).
/// Rounds repeat because recognising one rename can make the types that
/// use it match.
fn find_renames(old: &Record, new: &Record) -> BTreeMap<String, String> {
    let gone: Vec<&String> = old
        .types
        .keys()
        .filter(|name| !new.types.contains_key(*name))
        .collect();
    let fresh: Vec<&String> = new
        .types
        .keys()
        .filter(|name| !old.types.contains_key(*name))
        .collect();
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    for _round in 0..4 {
        let canon = Canon {
            new,
            renames: &renames,
        };
        let mut by_shape: BTreeMap<String, Vec<&String>> = BTreeMap::new();
        for name in &fresh {
            if let Some((_, entry)) = new.definition(name) {
                by_shape
                    .entry(canon.shape(entry, false))
                    .or_default()
                    .push(name);
            }
        }
        let mut found = BTreeMap::new();
        for name in gone.iter().filter(|name| !renames.contains_key(**name)) {
            let Some((_, entry)) = old.definition(name) else {
                continue;
            };
            let Some(candidates) = by_shape.get(&canon.shape(entry, true)) else {
                continue;
            };
            let source = old.types[*name].source.as_str();
            let best = candidates
                .iter()
                .map(|candidate| {
                    let score = rename_score(
                        (name, source),
                        (candidate, new.types[candidate.as_str()].source.as_str()),
                    );
                    (score, *candidate)
                })
                .filter(|(score, _)| *score >= 0.5)
                .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
            if let Some((_, candidate)) = best {
                found.insert((*name).clone(), (*candidate).clone());
            }
        }
        if found.is_empty() {
            break;
        }
        renames.extend(found);
    }
    renames
}

/// How alike an old type and a candidate new one look: their component
/// keys when both are components (`iam_notice`, `iam_notice-2`), else their
/// Rust names, since an inline schema's pointer ends in generic words
/// (`items`, `schema`) that would make unrelated types look alike.
fn rename_score(old: (&str, &str), new: (&str, &str)) -> f64 {
    let component = |source: &str| {
        source
            .strip_prefix("#/components/schemas/")
            .filter(|key| !key.contains('/'))
            .map(str::to_string)
    };
    match (component(old.1), component(new.1)) {
        (Some(old_key), Some(new_key)) => similarity(&old_key, &new_key),
        _ => similarity(old.0, new.0),
    }
}

/// Shared leading and trailing characters over the longer length.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 0.0;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (prefix + suffix).min(a.len().min(b.len())) as f64 / longest as f64
}

fn compare_operations(old: &Record, new: &Record, canon: &Canon<'_>, out: &mut OperationChanges) {
    // A method name is a user's handle on an operation: where the name
    // went matters more than where the path went.
    let old_by_name: BTreeMap<&str, (&String, &OperationEntry)> = old
        .operations
        .iter()
        .map(|(key, op)| (op.rust_name.as_str(), (key, op)))
        .collect();
    let mut moved_from: BTreeSet<&String> = BTreeSet::new();
    for (key, op) in &new.operations {
        if let Some(before) = old.operations.get(key) {
            let changes = operation_changes(old, new, before, op, canon);
            if !changes.is_empty() {
                out.changed.push(OperationChange {
                    operation: operation_ref(op, changes.iter().any(|c| c.breaking)),
                    changes,
                });
            }
            continue;
        }
        let Some(&(old_key, before)) = old_by_name.get(op.rust_name.as_str()) else {
            out.added.push(operation_ref(op, false));
            continue;
        };
        if new.operations.contains_key(old_key) {
            // The name's operation is still there under another name: code
            // calling the name compiles and reaches a different endpoint.
            let now = &new.operations[old_key].rust_name;
            out.added.push(OperationRef {
                note: Some(format!(
                    "`{}` was {} {}, which is now `{now}`: calls written against it reach this operation",
                    op.rust_name, before.method, before.path
                )),
                ..operation_ref(op, true)
            });
            continue;
        }
        if before.method != op.method {
            // Another HTTP method is another operation, even under the
            // same name: what a call does changes.
            out.added.push(OperationRef {
                note: Some(format!(
                    "`{}` was {} {}, which is gone: calls written against it now send {} {}",
                    op.rust_name, before.method, before.path, op.method, op.path
                )),
                ..operation_ref(op, true)
            });
            continue;
        }
        // The same method at another path: the path moved under it (or
        // only its key did, as when a path of the same shape was added).
        moved_from.insert(old_key);
        let mut changes = Vec::new();
        if (&before.method, &before.path) != (&op.method, &op.path) {
            changes.push(change(
                format!(
                    "now {} {} (was {} {})",
                    op.method, op.path, before.method, before.path
                ),
                false,
            ));
        }
        changes.extend(
            operation_changes(old, new, before, op, canon)
                .into_iter()
                .filter(|c| !c.what.starts_with("path variables renamed")),
        );
        if !changes.is_empty() {
            out.changed.push(OperationChange {
                operation: operation_ref(op, changes.iter().any(|c| c.breaking)),
                changes,
            });
        }
    }
    for (key, op) in &old.operations {
        if !new.operations.contains_key(key) && !moved_from.contains(key) {
            out.removed.push(operation_ref(op, true));
        }
    }
}

/// How a method's new name is reported (breaking unless `regeneration`
/// keeps the old name as a deprecated method).
pub(crate) fn method_renamed(from: &str, to: &str) -> String {
    format!("method renamed from `{from}` to `{to}`")
}

pub(crate) fn operation_ref(op: &OperationEntry, breaking: bool) -> OperationRef {
    OperationRef {
        method: op.method.clone(),
        path: op.path.clone(),
        rust_name: op.rust_name.clone(),
        pointer: op.pointer.clone(),
        breaking,
        note: None,
    }
}

fn change(what: impl Into<String>, breaking: bool) -> Change {
    Change {
        what: what.into(),
        breaking,
    }
}

fn operation_changes(
    old: &Record,
    new: &Record,
    before: &OperationEntry,
    after: &OperationEntry,
    canon: &Canon<'_>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    if before.rust_name != after.rust_name {
        changes.push(change(
            method_renamed(&before.rust_name, &after.rust_name),
            true,
        ));
    }
    if before.path != after.path {
        changes.push(change(
            format!(
                "path variables renamed: `{}` is now `{}`",
                before.path, after.path
            ),
            false,
        ));
    }
    let old_path: Vec<String> = before
        .path_params
        .iter()
        .map(|ty| canon.text(ty, true))
        .collect();
    let new_path: Vec<String> = after
        .path_params
        .iter()
        .map(|ty| canon.text(ty, false))
        .collect();
    if old_path != new_path {
        // A method takes a string-like path argument (a plain string or a
        // length-checked one) as `impl AsRef<str>`: a change among those
        // changes the checks, not what compiles.
        let string_like = |record: &Record, ty: &str| {
            ty == "String"
                || record
                    .definition(ty)
                    .is_some_and(|(_, entry)| entry.kind == EntryKind::String)
        };
        let still_compiles = before.path_params.len() == after.path_params.len()
            && before
                .path_params
                .iter()
                .zip(&after.path_params)
                .all(|(old_ty, new_ty)| string_like(old, old_ty) && string_like(new, new_ty));
        changes.push(change(
            format!(
                "path arguments changed from ({}) to ({})",
                before.path_params.join(", "),
                after.path_params.join(", ")
            ),
            !still_compiles,
        ));
    }
    let fields = |record: &Record, name: &Option<String>| {
        name.as_ref()
            .and_then(|name| record.types.get(name))
            .map(|entry| entry.fields.clone())
    };
    match (fields(old, &before.params), fields(new, &after.params)) {
        (None, None) => {}
        (None, Some(_)) => changes.push(change("now takes query/header parameters", true)),
        (Some(_), None) => changes.push(change("no longer takes query/header parameters", true)),
        (Some(old_fields), Some(new_fields)) => {
            field_changes(
                &old_fields,
                &new_fields,
                "parameter",
                true,
                canon,
                &mut changes,
            );
        }
    }
    let body = |text: &Option<String>, old_side| text.as_ref().map(|t| canon.text(t, old_side));
    if body(&before.body, true) != body(&after.body, false) {
        let show = |text: &Option<String>| text.clone().unwrap_or_else(|| "none".into());
        changes.push(change(
            format!(
                "request body changed from {} to {}",
                show(&before.body),
                show(&after.body)
            ),
            true,
        ));
    }
    if canon.text(&before.response, true) != canon.text(&after.response, false) {
        changes.push(change(
            format!(
                "result changed from {} to {}",
                before.response, after.response
            ),
            true,
        ));
    }
    // A record of format 1 did not say which methods page.
    if old.format >= 2 && before.pagination != after.pagination {
        let (what, breaking) = match (&before.pagination, &after.pagination) {
            (None, Some(style)) => (
                format!(
                    "now walks every page ({style}-style): `.pages()`, `.items()`, `.per_page()`"
                ),
                false,
            ),
            (Some(_), None) => (
                "no longer walks pages: `.pages()`, `.items()` and `.per_page()` are gone"
                    .to_string(),
                true,
            ),
            (from, to) => (
                format!(
                    "now walks pages {}-style (was {}-style)",
                    to.as_deref().unwrap_or_default(),
                    from.as_deref().unwrap_or_default()
                ),
                false,
            ),
        };
        changes.push(change(what, breaking));
    }
    if before.auth != after.auth {
        changes.push(change(
            format!(
                "accepted credentials changed from [{}] to [{}]",
                before.auth.join(", "),
                after.auth.join(", ")
            ),
            false,
        ));
    }
    changes
}

/// Field-level changes. `sent`: users build the type, so a new required
/// field breaks them.
fn field_changes(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
    noun: &str,
    sent: bool,
    canon: &Canon<'_>,
    changes: &mut Vec<Change>,
) {
    for (name, ty) in new {
        match old.get(name) {
            None => {
                let optional = ty.starts_with("Option<");
                let required = if optional { "optional" } else { "required" };
                changes.push(change(
                    format!("{noun} `{name}` added ({required}, {ty})"),
                    sent && !optional,
                ));
            }
            Some(before) if canon.text(before, true) != canon.text(ty, false) => {
                let optional = |text: &str| {
                    text.strip_prefix("Option<")
                        .and_then(|rest| rest.strip_suffix('>'))
                        .map(str::to_string)
                };
                let what = if optional(before).is_some_and(|inner| inner == *ty) {
                    format!("{noun} `{name}` is now required")
                } else if optional(ty).is_some_and(|inner| inner == *before) {
                    format!("{noun} `{name}` is no longer required")
                } else {
                    format!("{noun} `{name}` changed from {before} to {ty}")
                };
                changes.push(change(what, true));
            }
            Some(_) => {}
        }
    }
    for (name, ty) in old {
        if !new.contains_key(name) {
            changes.push(change(format!("{noun} `{name}` removed (was {ty})"), true));
        }
    }
}

fn compare_types(
    old: &Record,
    new: &Record,
    canon: &Canon<'_>,
    renames: &BTreeMap<String, String>,
    out: &mut TypeChanges,
) {
    for (name, entry) in &new.types {
        if !old.types.contains_key(name) {
            out.added.push(TypeRef {
                name: name.clone(),
                pointer: entry.location().to_string(),
                breaking: false,
            });
        }
    }
    for (name, entry) in &old.types {
        if new.types.contains_key(name) {
            continue;
        }
        match renames.get(name) {
            Some(to) => out.renamed.push(Renamed {
                from: name.clone(),
                to: to.clone(),
                pointer: new.types[to].location().to_string(),
                breaking: false,
            }),
            None => out.removed.push(TypeRef {
                name: name.clone(),
                pointer: entry.location().to_string(),
                breaking: true,
            }),
        }
    }
    for (name, after) in &new.types {
        // Parameter structs are reported with their operation.
        if after.kind == EntryKind::Params {
            continue;
        }
        let (Some((_, before)), Some((_, now))) = (old.definition(name), new.definition(name))
        else {
            continue;
        };
        if canon.shape(before, true) == canon.shape(now, false) {
            continue;
        }
        let mut changes = Vec::new();
        if before.kind != now.kind {
            changes.push(change(
                format!("changed from {} to {}", before.kind, now.kind),
                true,
            ));
        } else {
            let noun = if now.kind == EntryKind::Union {
                "variant"
            } else {
                "field"
            };
            field_changes(
                &before.fields,
                &now.fields,
                noun,
                now.sent,
                canon,
                &mut changes,
            );
            variant_changes(&before.variants, &now.variants, &mut changes);
        }
        if !changes.is_empty() {
            out.changed.push(TypeChange {
                name: name.clone(),
                pointer: after.location().to_string(),
                changes,
            });
        }
    }
}

/// A new variant breaks exhaustive `match`es on the enum.
fn variant_changes(old: &[String], new: &[String], changes: &mut Vec<Change>) {
    let old_set: BTreeSet<&String> = old.iter().collect();
    let new_set: BTreeSet<&String> = new.iter().collect();
    for added in new.iter().filter(|v| !old_set.contains(v)) {
        changes.push(change(format!("variant `{added}` added"), true));
    }
    for removed in old.iter().filter(|v| !new_set.contains(v)) {
        changes.push(change(format!("variant `{removed}` removed"), true));
    }
}

fn name_changes(old: &[String], new: &[String]) -> NameChanges {
    NameChanges {
        added: new.iter().filter(|n| !old.contains(n)).cloned().collect(),
        removed: old.iter().filter(|n| !new.contains(n)).cloned().collect(),
    }
}

/// How many entries of each list the text form shows; `--report-json`
/// has them all.
const SHOWN: usize = 25;

/// How many groups the text form details, breaking ones first.
const GROUPS_SHOWN: usize = 20;

/// How many breaking groups the text form's summary line names.
const GROUPS_NAMED: usize = 10;

const BREAKING_MARK: &str = " [breaking]";

/// How many entries of one group the text form shows.
const SHOWN_PER_GROUP: usize = 8;

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            let VersionChange { from, to } = &self.version;
            return if from == to {
                writeln!(f, "changes: none (version {to} kept)")
            } else {
                writeln!(
                    f,
                    "changes: none to the API; the code changed, version {from} -> {to}"
                )
            };
        }
        let kind = if self.breaking {
            "breaking"
        } else {
            "not breaking"
        };
        writeln!(
            f,
            "changes: {kind}, version {} -> {}",
            self.version.from, self.version.to
        )?;
        let ops = &self.operations;
        let types = &self.types;
        let operations_title = format!(
            "operations: {} added, {} removed, {} changed",
            ops.added.len(),
            ops.removed.len(),
            ops.changed.len()
        );
        let types_title = format!(
            "types: {} added, {} removed, {} renamed, {} changed",
            types.added.len(),
            types.removed.len(),
            types.renamed.len(),
            types.changed.len()
        );
        if self.groups.is_empty() {
            section(f, &operations_title, &operation_lines(ops), SHOWN)?;
            section(f, &types_title, &type_lines(types), SHOWN)?;
        } else {
            writeln!(f, "{operations_title}")?;
            writeln!(f, "{types_title}")?;
            self.fmt_groups(f)?;
        }
        for (title, names) in [("credentials", &self.auth), ("features", &self.features)] {
            if !names.added.is_empty() || !names.removed.is_empty() {
                writeln!(
                    f,
                    "{title}: added [{}], removed [{}]",
                    names.added.join(", "),
                    names.removed.join(", ")
                )?;
            }
        }
        Ok(())
    }
}

impl Report {
    /// Groups that changed, breaking ones first, each with its entries.
    fn fmt_groups(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let broken: Vec<&String> = self
            .groups
            .iter()
            .filter(|(_, g)| g.breaking)
            .map(|(name, _)| name)
            .collect();
        let mut named: Vec<&str> = broken
            .iter()
            .take(GROUPS_NAMED)
            .map(|s| s.as_str())
            .collect();
        if broken.len() > GROUPS_NAMED {
            named.push("…");
        }
        let named = if named.is_empty() {
            String::new()
        } else {
            format!(" ({})", named.join(", "))
        };
        writeln!(
            f,
            "groups: {} changed, {} breaking{named}",
            self.groups.len(),
            broken.len(),
        )?;
        let mut ordered: Vec<(&String, &GroupChanges)> = self.groups.iter().collect();
        ordered.sort_by_key(|(name, g)| (!g.breaking, *name));
        for (name, group) in ordered.iter().take(GROUPS_SHOWN) {
            let mut lines = operation_lines(&group.operations);
            lines.extend(type_lines(&group.types));
            // What breaks first: it is what the reader has to act on.
            lines.sort_by_key(|line| !line.contains(BREAKING_MARK));
            let kind = if group.breaking {
                "breaking"
            } else {
                "not breaking"
            };
            let entries = match group.entries() {
                1 => "1 entry".to_string(),
                n => format!("{n} entries"),
            };
            section(
                f,
                &format!("group {name}: {kind}, {entries}"),
                &lines,
                SHOWN_PER_GROUP,
            )?;
        }
        if ordered.len() > GROUPS_SHOWN {
            writeln!(
                f,
                "... and {} more groups (all of them with --report-json FILE)",
                ordered.len() - GROUPS_SHOWN
            )?;
        }
        Ok(())
    }
}

fn mark(breaking: bool) -> &'static str {
    if breaking { BREAKING_MARK } else { "" }
}

fn operation_lines(ops: &OperationChanges) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    lines.extend(ops.added.iter().map(|op| {
        let note = op
            .note
            .as_ref()
            .map(|note| format!(": {note}"))
            .unwrap_or_default();
        format!(
            "  + {} {} ({}){}{note}",
            op.method,
            op.path,
            op.rust_name,
            mark(op.breaking)
        )
    }));
    lines.extend(ops.removed.iter().map(|op| {
        format!(
            "  - {} {} ({}){}",
            op.method,
            op.path,
            op.rust_name,
            mark(op.breaking)
        )
    }));
    for op in &ops.changed {
        for c in &op.changes {
            lines.push(format!(
                "  ~ {}: {}{}",
                op.operation.rust_name,
                c.what,
                mark(c.breaking)
            ));
        }
    }
    lines
}

fn type_lines(types: &TypeChanges) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    lines.extend(types.added.iter().map(|t| format!("  + {}", t.name)));
    lines.extend(
        types
            .removed
            .iter()
            .map(|t| format!("  - {}{}", t.name, mark(t.breaking))),
    );
    lines.extend(
        types
            .renamed
            .iter()
            .map(|r| format!("  > {} is now {} (old name kept, deprecated)", r.from, r.to)),
    );
    for t in &types.changed {
        for c in &t.changes {
            lines.push(format!("  ~ {}: {}{}", t.name, c.what, mark(c.breaking)));
        }
    }
    lines
}

fn section(f: &mut fmt::Formatter<'_>, title: &str, lines: &[String], shown: usize) -> fmt::Result {
    writeln!(f, "{title}")?;
    for line in lines.iter().take(shown) {
        writeln!(f, "{line}")?;
    }
    if lines.len() > shown {
        writeln!(
            f,
            "  ... and {} more (all of them with --report-json FILE)",
            lines.len() - shown
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(breaking: bool, anything: bool) -> Report {
        let mut report = Report {
            breaking,
            ..Report::default()
        };
        if anything {
            report.auth.added.push("api_key".into());
        }
        report
    }

    #[test]
    fn versions_follow_semver() {
        assert_eq!(next_version("1.4.2", &report(true, true), true), "2.0.0");
        assert_eq!(next_version("0.4.2", &report(true, true), true), "0.5.0");
        assert_eq!(next_version("1.4.2", &report(false, true), true), "1.5.0");
        assert_eq!(next_version("1.4.2", &report(false, false), true), "1.4.3");
        assert_eq!(next_version("1.4.2", &report(false, false), false), "1.4.2");
        assert_eq!(next_version("1.4", &report(true, true), true), "1.4");
    }

    #[test]
    fn renamed_types_must_look_alike() {
        let component = |key: &str| format!("#/components/schemas/{key}");
        let (notice, notice_2) = (component("iam_notice"), component("iam_notice-2"));
        assert!(rename_score(("Notice", &notice), ("Notice2", &notice_2)) >= 0.5);
        let device = component("zt_device");
        assert!(rename_score(("Notice", &notice), ("Device", &device)) < 0.5);
        // Inline schemas compare by name: `.../format/schema` says nothing.
        let format = "#/paths/~1a/get/parameters/query:format/schema";
        assert!(
            rename_score(
                ("RadarGetBgpIpSpaceTimeseriesFormat", format),
                ("RadarGetAnnotationsFormat", format)
            ) < 0.5
        );
        let text = "#/paths/~1a/post/requestBody/oneOf/3/properties/text";
        assert!(
            rename_score(
                ("WorkersAiRunRequestVariant4Text", text),
                ("WorkersAiRunRequestVariant3Text", text)
            ) >= 0.5
        );
        assert_eq!(similarity("", ""), 0.0);
    }
}
