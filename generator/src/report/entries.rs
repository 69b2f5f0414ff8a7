//! The comparison itself: each operation and type of two records, entry
//! by entry.

use std::collections::{BTreeMap, BTreeSet};

use super::renames::Canon;
use super::{
    Change, NameChanges, OperationChange, OperationChanges, OperationRef, Renamed, TypeChange,
    TypeChanges, TypeRef,
};
use crate::record::{EntryKind, OperationEntry, Record};

pub(super) fn compare_operations(
    old: &Record,
    new: &Record,
    canon: &Canon<'_>,
    out: &mut OperationChanges,
) {
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
            out.added.push(handed_over(
                op,
                format!(
                    "`{}` was {} {}, which is now `{now}`: calls written against it reach this operation",
                    op.rust_name, before.method, before.path
                ),
            ));
            continue;
        }
        if before.method != op.method {
            // Another HTTP method is another operation, even under the
            // same name: what a call does changes.
            out.added.push(handed_over(
                op,
                format!(
                    "`{}` was {} {}, which is gone: calls written against it now send {} {}",
                    op.rust_name, before.method, before.path, op.method, op.path
                ),
            ));
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

/// A new operation under a method name that meant another one: breaking,
/// whatever its shape, and `note` says what calls now reach.
fn handed_over(op: &OperationEntry, note: String) -> OperationRef {
    OperationRef {
        note: Some(note),
        ..operation_ref(op, true)
    }
}

pub(crate) fn operation_ref(op: &OperationEntry, breaking: bool) -> OperationRef {
    OperationRef {
        method: op.method.clone(),
        path: op.path.clone(),
        rust_name: op.callable().to_string(),
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
    match (&before.resource, &after.resource) {
        (None, Some(_)) => changes.push(change(
            format!(
                "named by resource now; its method `{}` stays, deprecated",
                before.rust_name
            ),
            false,
        )),
        (Some(then), Some(now)) if then != now => changes.push(change(
            format!("resource name changed: `{then}` is now `{now}`"),
            true,
        )),
        (Some(then), None) => changes.push(change(
            format!(
                "named by operationId again: `{then}` is now `{}`",
                after.rust_name
            ),
            true,
        )),
        _ => {}
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
    // Whether the body is an argument or set with `.body(..)` is part of
    // the signature either way.
    let optional = |entry: &OperationEntry| entry.body.is_some() && entry.body_optional;
    if body(&before.body, true) != body(&after.body, false) {
        let show = |entry: &OperationEntry| match &entry.body {
            None => "none".to_string(),
            Some(text) if optional(entry) => format!("{text} (optional, `.body(..)`)"),
            Some(text) => text.clone(),
        };
        changes.push(change(
            format!(
                "request body changed from {} to {}",
                show(before),
                show(after)
            ),
            true,
        ));
    } else if before.body.is_some() && optional(before) != optional(after) {
        let what = if optional(after) {
            "request body is now optional: set with `.body(..)` on the returned call, no longer an argument"
        } else {
            "request body is now required: an argument, no longer `.body(..)` on the returned call"
        };
        changes.push(change(what, true));
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
    if let Some(what) = stream_change(before, after, canon) {
        changes.push(what);
    }
    if before.auth != after.auth {
        // An empty AND-group (recorded as ``) is the call made without any.
        let accepted = |auth: &[String]| {
            auth.iter()
                .map(|group| if group.is_empty() { "anonymous" } else { group })
                .collect::<Vec<_>>()
                .join(", ")
        };
        changes.push(change(
            format!(
                "accepted credentials changed from [{}] to [{}]",
                accepted(&before.auth),
                accepted(&after.auth)
            ),
            false,
        ));
    }
    changes
}

/// A change of the operation's stream method (server-sent events): a
/// new one adds to the API, one gone, renamed or yielding another type
/// breaks code that calls it.
fn stream_change(
    before: &OperationEntry,
    after: &OperationEntry,
    canon: &Canon<'_>,
) -> Option<Change> {
    Some(match (&before.events, &after.events) {
        (None, None) => return None,
        (None, Some(new)) => change(
            format!(
                "now streams its events: `{}` yields {}",
                new.rust_name, new.data
            ),
            false,
        ),
        (Some(old), None) => change(
            format!("no longer streams its events: `{}` is gone", old.rust_name),
            true,
        ),
        (Some(old), Some(new)) if old.rust_name != new.rust_name => change(
            format!(
                "stream method renamed from `{}` to `{}`",
                old.rust_name, new.rust_name
            ),
            true,
        ),
        (Some(old), Some(new)) if canon.text(&old.data, true) != canon.text(&new.data, false) => {
            change(
                format!("stream events changed from {} to {}", old.data, new.data),
                true,
            )
        }
        _ => return None,
    })
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

pub(super) fn compare_types(
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

pub(super) fn name_changes(old: &[String], new: &[String]) -> NameChanges {
    NameChanges {
        added: new.iter().filter(|n| !old.contains(n)).cloned().collect(),
        removed: old.iter().filter(|n| !new.contains(n)).cloned().collect(),
    }
}
