//! A selection of API groups (`Options::groups`): which groups the names
//! given stand for, and which warnings concern only what the selection
//! leaves out. Lowering names everything first, then drops the operations
//! of other groups (see `lower`), so names never depend on the selection.

use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Severity};
use crate::model::{Group, Operation, TypeDef};
use crate::naming;
use crate::pointer::JsonPointer;

/// The modules of the groups `names` selects (each a group's cargo feature
/// or module name), or `None` for every group when `names` is empty. A
/// name no group has is an error naming the groups there are; when the
/// names come from the earlier record (`recorded`), a group the spec no
/// longer has is only a warning, as its operations are reported removed.
/// Nothing selected is an error.
pub fn select_groups(
    groups: &[Group],
    names: &[String],
    recorded: bool,
    diagnostics: &mut Diagnostics,
) -> Option<BTreeSet<String>> {
    if names.is_empty() {
        return None;
    }
    let mut available: Vec<&str> = groups.iter().map(|g| g.feature.as_str()).collect();
    available.sort_unstable();
    let available = available.join(", ");
    let mut problem = |severity: Severity, message: String| {
        diagnostics.push(Diagnostic {
            severity,
            location: Location::Document,
            message,
            kind: Kind::Other,
        });
    };
    let mut selected = BTreeSet::new();
    for name in names {
        let feature = naming::group_feature(name);
        match groups.iter().find(|g| g.feature == feature) {
            Some(group) => {
                selected.insert(group.module.clone());
            }
            None if recorded => problem(
                Severity::Warning,
                format!(
                    "the API group `{name}` that api.lock selects is not in the spec any more; \
                     the groups are: {available}"
                ),
            ),
            None => problem(
                Severity::Error,
                format!("no API group is called `{name}`; the groups are: {available}"),
            ),
        }
    }
    // Names the user gave that are all unknown have their errors already.
    if selected.is_empty() && recorded {
        problem(
            Severity::Error,
            format!(
                "none of the API groups api.lock selects is in the spec; select groups anew \
                 (`--groups`, or `--all-groups` for every group); the groups are: {available}"
            ),
        );
    }
    Some(selected)
}

/// What a selection of groups leaves out, so that warnings about it alone
/// are left out too: a warning inside an operation of another group, a
/// path item with no selected operation, or a type only other groups
/// reach (and inside no type the selection keeps). Warnings about nothing
/// lowering could place in a group (a path item or operation skipped
/// whole, the document, security schemes) stay.
#[derive(Debug, Default)]
pub struct LeftOut {
    /// Operations, path items and types left out.
    dropped: BTreeSet<JsonPointer>,
    /// Types kept.
    kept: BTreeSet<JsonPointer>,
}

impl LeftOut {
    /// `all` is every lowered operation, `types` every type with how the
    /// whole API reaches it (`reached_before`, by index) and how the
    /// selection does (its usage now).
    pub fn new(
        all: &[Operation],
        selected: &BTreeSet<String>,
        types: &[TypeDef],
        reached_before: &[bool],
    ) -> Self {
        let mut left_out = Self::default();
        let path_of = |op: &Operation| JsonPointer::root().push("paths").push(op.path.clone());
        let kept_paths: BTreeSet<JsonPointer> = all
            .iter()
            .filter(|op| selected.contains(&op.group))
            .map(path_of)
            .collect();
        for op in all.iter().filter(|op| !selected.contains(&op.group)) {
            left_out.dropped.insert(op.pointer.clone());
            let path = path_of(op);
            if !kept_paths.contains(&path) {
                left_out.dropped.insert(path);
            }
        }
        for (def, reached) in types.iter().zip(reached_before) {
            if !def.usage.groups.is_empty() {
                left_out.kept.insert(def.pointer.clone());
            } else if *reached {
                left_out.dropped.insert(def.pointer.clone());
            }
        }
        left_out
    }

    /// Whether `diagnostic` is a warning only about what the selection
    /// leaves out (an error always stays).
    pub fn covers(&self, diagnostic: &Diagnostic) -> bool {
        let Location::Pointer(pointer) = &diagnostic.location else {
            return false;
        };
        if self.dropped.is_empty() || diagnostic.severity == Severity::Error {
            return false;
        }
        let mut prefix = JsonPointer::root();
        let mut dropped = false;
        for segment in pointer.segments() {
            prefix = prefix.push(segment.clone());
            if self.kept.contains(&prefix) {
                return false;
            }
            dropped |= self.dropped.contains(&prefix);
        }
        dropped
    }
}
