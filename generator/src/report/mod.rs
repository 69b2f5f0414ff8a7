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

mod entries;
mod groups;
mod renames;
mod text;

use std::collections::BTreeMap;

use serde::Serialize;

use entries::{compare_operations, compare_types, name_changes};
pub(crate) use entries::{method_renamed, operation_ref};
use renames::{Canon, find_renames};

use crate::record::Record;

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
    /// Breaking changes of the runtime's public API (`Client`, `Error`,
    /// `ApiResponse`...) since the edition the old crate was generated
    /// with, one per edition. They concern the whole crate, and are not
    /// repeated in [`Report::groups`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub runtime: Vec<String>,
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
            && self.runtime.is_empty()
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
    report.runtime = runtime_changes(old.runtime, new.runtime);
    report.breaking = is_breaking(&report);
    report.regroup(old, new);
    report
}

pub(crate) fn is_breaking(report: &Report) -> bool {
    entries_break(&report.operations, &report.types)
        || !report.auth.removed.is_empty()
        || !report.features.removed.is_empty()
        || !report.runtime.is_empty()
}

/// What each runtime edition after the first changed, in a user's terms.
const RUNTIME_EDITIONS: &[(u32, &str)] = &[(
    2,
    "runtime edition 2: `ApiResponse`'s `messages` and `result_info` fields \
     are methods, and with `page_info()`, `cf_ray()`, `ResponseMessage`, \
     `Error::api_errors()`/`messages()`/`cf_ray()` exist only in crates whose \
     API has Cloudflare's envelope; `ApiError`'s `errors` and `messages` \
     fields are methods there, and it has `message` and `api_body::<T>()` \
     (the spec's error body) instead; `PagedCall`, `Paging` and the event \
     stream types exist only in crates that use them",
)];

/// The runtime's breaking changes between two editions, oldest first.
fn runtime_changes(old: u32, new: u32) -> Vec<String> {
    RUNTIME_EDITIONS
        .iter()
        .filter(|(edition, _)| *edition > old && *edition <= new)
        .map(|(_, change)| change.to_string())
        .collect()
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
}
