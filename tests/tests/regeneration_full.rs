//! The real thing: Cloudflare's published spec of 2024-04-29 regenerated as
//! its 2024-08-06 version over the crate made from it. The report's
//! operation additions and removals must be the real difference between the
//! two documents, and every public type name of the old crate that is gone
//! from the new one must be in the report (removed, or renamed with a
//! deprecated alias kept). `.ci/full-spec-check` compiles both crates.
//!
//! The specs live outside the repository (`../shared/specs/`); without them
//! each test prints SKIPPED and passes. Set `CLOUDFLARE_SPECS=<dir>` to read
//! them from elsewhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use generator::{Generation, Options};
use workspace_tests::workspace_root;

fn specs_dir() -> PathBuf {
    std::env::var_os("CLOUDFLARE_SPECS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/specs"))
}

fn spec(name: &str) -> Option<String> {
    let path = specs_dir().join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!(
                "SKIPPED: {} not found (set CLOUDFLARE_SPECS=<dir holding the Cloudflare specs>)",
                path.display()
            );
            None
        }
    }
}

const OLD: &str = "cloudflare-openapi-2024-04-29.json";
const NEW: &str = "cloudflare-openapi-2024-08-06.json";

fn generate(text: &str, previous: Option<&Generation>) -> Generation {
    generate_groups(text, previous, None)
}

/// With `groups`, a crate of those groups only (a regeneration keeps the
/// earlier crate's selection when `groups` is `None`).
fn generate_groups(
    text: &str,
    previous: Option<&Generation>,
    groups: Option<Vec<String>>,
) -> Generation {
    let options = Options {
        regenerate_command: "regeneration test".to_string(),
        standalone: true,
        previous: previous.map(|p| p.record.clone()),
        groups,
        ..Options::default()
    };
    generator::generate(text, &options).unwrap_or_else(|d| panic!("{d}"))
}

/// Every entry of a report part, as `kind name` lines, sorted.
fn entry_names(
    operations: &generator::report::OperationChanges,
    types: &generator::report::TypeChanges,
) -> BTreeSet<String> {
    let ops = operations
        .added
        .iter()
        .map(|op| format!("+op {}", op.rust_name))
        .chain(
            operations
                .removed
                .iter()
                .map(|op| format!("-op {}", op.rust_name)),
        )
        .chain(
            operations
                .changed
                .iter()
                .map(|op| format!("~op {}", op.operation.rust_name)),
        );
    let kinds = types
        .added
        .iter()
        .map(|t| format!("+type {}", t.name))
        .chain(types.removed.iter().map(|t| format!("-type {}", t.name)))
        .chain(types.renamed.iter().map(|r| format!(">type {}", r.from)))
        .chain(types.changed.iter().map(|t| format!("~type {}", t.name)));
    ops.chain(kinds).collect()
}

/// `METHOD /path/{}` of every operation in a spec document.
/// `METHOD /path/{}` of every operation; a path in `named` keeps its
/// variables' names (two paths of one shape are two endpoints).
fn operations(text: &str, named: &BTreeSet<String>) -> BTreeSet<String> {
    let document = json(text);
    let mut found = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ] {
            if item.get(method).is_some() {
                found.insert(endpoint(&method.to_ascii_uppercase(), path, named));
            }
        }
    }
    found
}

fn endpoint(method: &str, path: &str, named: &BTreeSet<String>) -> String {
    if named.contains(path) {
        format!("{method} {path}")
    } else {
        format!("{method} {}", unnamed_variables(path))
    }
}

/// Paths that share their shape with another path of the spec.
fn same_shape_paths(text: &str) -> BTreeSet<String> {
    let document = json(text);
    let mut by_shape: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in document["paths"].as_object().expect("paths").keys() {
        by_shape
            .entry(unnamed_variables(path))
            .or_default()
            .push(path.clone());
    }
    by_shape
        .into_values()
        .filter(|paths| paths.len() > 1)
        .flatten()
        .collect()
}

/// Path variables are matched by position, not name: `/zones/{zone_id}`
/// and `/zones/{identifier}` are the same endpoint.
fn unnamed_variables(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if inside => {}
            c => out.push(c),
        }
    }
    out
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("the spec is JSON")
}

/// Keys of the component schemas that the operations reach through `$ref`s,
/// directly or through other components (pointer segments unescaped).
fn reachable_components(document: &serde_json::Value) -> BTreeSet<String> {
    let mut reached = BTreeSet::new();
    let mut stack = vec![&document["paths"]];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    let target = child.as_str().filter(|_| key == "$ref");
                    match target.and_then(|r| r.strip_prefix("#/components/")) {
                        Some(rest) => {
                            if let Some(component) =
                                document["components"].pointer(&format!("/{rest}"))
                                && reached.insert(rest.to_string())
                            {
                                stack.push(component);
                            }
                        }
                        None => stack.push(child),
                    }
                }
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    // A `$ref` into a component (`schemas/a/properties/b`) reaches it too.
    reached
        .iter()
        .filter_map(|r| r.strip_prefix("schemas/"))
        .map(|rest| unescape(rest.split('/').next().unwrap_or(rest)))
        .collect()
}

/// A JSON pointer segment as the key it stands for.
fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Every `pub struct`, `pub enum` and `pub type` name in the crate.
fn public_type_names(generation: &Generation) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    // Not the runtime's: those copied only with a convention (event streams
    // in the 2024-04-29 version, none in 2024-08-06) go with the last
    // operation using it, whose removal is what the report says. Nor the
    // resource handles: one goes with the last operation under it, whose
    // resource name the report gives.
    for file in generation.krate.files.iter().filter(|f| {
        f.path.ends_with(".rs")
            && !f.path.starts_with("src/runtime/")
            && f.path != "src/resources.rs"
    }) {
        for line in file.contents.lines() {
            let line = line.trim_start();
            for keyword in ["pub struct ", "pub enum ", "pub type "] {
                if let Some(rest) = line.strip_prefix(keyword) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    names.insert(name);
                }
            }
        }
    }
    names
}

#[test]
fn regenerating_2024_04_29_as_2024_08_06_reports_every_change() {
    let (Some(old_text), Some(new_text)) = (spec(OLD), spec(NEW)) else {
        return;
    };
    let old = generate(&old_text, None);
    let new = generate(&new_text, Some(&old));
    let report = new.report.as_ref().expect("a regeneration reports");

    let mut named = same_shape_paths(&old_text);
    named.extend(same_shape_paths(&new_text));
    let (before, after) = (operations(&old_text, &named), operations(&new_text, &named));
    let key = |op: &generator::report::OperationRef| endpoint(&op.method, &op.path, &named);
    let mut added: BTreeSet<String> = report.operations.added.iter().map(key).collect();
    let mut removed: BTreeSet<String> = report.operations.removed.iter().map(key).collect();
    // A method whose path moved under it is a change: `now GET /b (was GET /a)`.
    let moves: Vec<(String, String)> = report
        .operations
        .changed
        .iter()
        .flat_map(|op| &op.changes)
        .filter_map(|change| {
            let (now, was) = change.what.strip_prefix("now ")?.split_once(" (was ")?;
            Some((now.to_string(), was.strip_suffix(')')?.to_string()))
        })
        .filter(|(now, _)| now.contains(' ') && now.contains('/'))
        .collect();
    for (now, was) in &moves {
        let key = |text: &str| {
            let (method, path) = text.split_once(' ').expect("METHOD /path");
            endpoint(method, path, &named)
        };
        added.insert(key(now));
        removed.insert(key(was));
    }
    assert_eq!(added, after.difference(&before).cloned().collect());
    assert_eq!(removed, before.difference(&after).cloned().collect());
    assert!(report.breaking);
    // A crate of resource names keeps them: no operation both versions
    // have moves to another resource or method.
    let moved: Vec<&str> = report
        .operations
        .changed
        .iter()
        .filter(|op| {
            op.changes
                .iter()
                .any(|c| c.what.starts_with("resource name changed"))
        })
        .map(|op| op.operation.rust_name.as_str())
        .collect();
    assert_eq!(moved, Vec::<&str>::new());
    assert!(
        new.record
            .operations
            .values()
            .all(|op| op.resource.is_some()),
        "a new crate is named by resource"
    );
    assert_eq!(report.version.from, "0.1.0");
    assert_eq!(report.version.to, "0.2.0");

    let old_names = public_type_names(&old);
    let new_names = public_type_names(&new);
    let reported: BTreeSet<&str> = report
        .types
        .removed
        .iter()
        .map(|t| t.name.as_str())
        .chain(report.types.renamed.iter().map(|r| r.from.as_str()))
        .collect();
    let vanished: Vec<&String> = old_names.difference(&new_names).collect();
    let unreported: Vec<&&String> = vanished
        .iter()
        .filter(|name| !reported.contains(name.as_str()))
        .collect();
    assert_eq!(
        unreported,
        Vec::<&&String>::new(),
        "gone without a report entry"
    );
    // A name goes only with a change in the spec: the schema it came from
    // is gone, changed, or no longer reached from any operation. (A type
    // merged into an identical one used to take its nested names with it.)
    let (old_doc, new_doc) = (json(&old_text), json(&new_text));
    let reachable = reachable_components(&new_doc);
    let unchanged: Vec<&str> = report
        .types
        .removed
        .iter()
        .filter(|t| {
            let pointer = t.pointer.trim_start_matches('#');
            let still_used = match pointer.strip_prefix("/components/schemas/") {
                Some(rest) => reachable.contains(&unescape(rest.split('/').next().unwrap_or(rest))),
                None => true,
            };
            still_used
                && new_doc.pointer(pointer).is_some()
                && new_doc.pointer(pointer) == old_doc.pointer(pointer)
        })
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        unchanged,
        Vec::<&str>::new(),
        "removed though their schema is unchanged and still used"
    );
    // Renamed types stay reachable under their old names.
    for renamed in &report.types.renamed {
        assert!(
            new_names.contains(&renamed.from),
            "{} was renamed but has no alias",
            renamed.from
        );
    }
    // By group: every method entry is in its group, and a group breaks
    // exactly when one of its entries does.
    let ops = &report.operations;
    let in_groups = |name: &str| {
        report.groups.values().any(|g| {
            let o = &g.operations;
            o.added
                .iter()
                .chain(&o.removed)
                .any(|op| op.rust_name == name)
                || o.changed.iter().any(|op| op.operation.rust_name == name)
        })
    };
    for op in ops.added.iter().chain(&ops.removed) {
        assert!(in_groups(&op.rust_name), "{} is in no group", op.rust_name);
    }
    for op in &ops.changed {
        let name = &op.operation.rust_name;
        assert!(in_groups(name), "{name} is in no group");
    }
    for (name, group) in &report.groups {
        let o = &group.operations;
        let t = &group.types;
        let breaks = o.added.iter().chain(&o.removed).any(|op| op.breaking)
            || o.changed
                .iter()
                .flat_map(|op| &op.changes)
                .any(|c| c.breaking)
            || t.added.iter().chain(&t.removed).any(|t| t.breaking)
            || t.changed
                .iter()
                .flat_map(|t| &t.changes)
                .any(|c| c.breaking)
            || report.features.removed.contains(name);
        assert_eq!(group.breaking, breaks, "group {name}");
    }
    // A crate of one group sees exactly that group's entries of the full
    // crate's report, and its version follows them alone.
    let group = "dns-records-for-a-zone";
    let one = generate_groups(&old_text, None, Some(vec![group.to_string()]));
    let one = generate_groups(&new_text, Some(&one), None);
    let one_report = one.report.as_ref().expect("a regeneration reports");
    assert_eq!(one.record.groups, [group]);
    assert_eq!(
        one_report.groups.keys().collect::<Vec<_>>(),
        [group],
        "{one_report}"
    );
    let full_group = &report.groups[group];
    // A name the group no longer reaches is gone from the one-group crate,
    // which may find it a same-shaped successor (a rename, its old name
    // kept as an alias); the full crate still has the type, compiled for
    // other groups only. Either way it is gone for this group's users.
    let gone = |names: BTreeSet<String>| -> BTreeSet<String> {
        names
            .into_iter()
            .map(|name| match name.strip_prefix(">type ") {
                Some(from) => format!("-type {from}"),
                None => name,
            })
            .collect()
    };
    assert_eq!(
        gone(entry_names(&one_report.operations, &one_report.types)),
        gone(entry_names(&full_group.operations, &full_group.types))
    );
    assert_eq!(one_report.breaking, full_group.breaking);
    let features = &new.record.features;
    let breaking = report.groups.values().filter(|g| g.breaking).count();
    eprintln!(
        "2024-04-29 -> 2024-08-06 by group: {} groups, {} changed, {} breaking, {} untouched",
        features.len(),
        report.groups.len(),
        breaking,
        features
            .iter()
            .filter(|f| !report.groups.contains_key(*f))
            .count(),
    );
    eprintln!(
        "2024-04-29 -> 2024-08-06: {} public type names before; {} kept, {} renamed with a deprecated alias, {} removed (reported), {} operations added, {} removed",
        old_names.len(),
        old_names.intersection(&new_names).count() - report.types.renamed.len(),
        report.types.renamed.len(),
        vanished.len(),
        added.len(),
        removed.len(),
    );
}

#[test]
fn regenerating_the_full_spec_twice_changes_nothing() {
    let Some(text) = spec(NEW) else {
        return;
    };
    let first = generate(&text, None);
    let fresh_again = generate(&text, None);
    assert!(first.krate == fresh_again.krate, "two fresh runs differ");
    let over_itself = generate(&text, Some(&first));
    let report = over_itself.report.as_ref().expect("a regeneration reports");
    assert!(report.is_empty(), "{report}");
    assert_eq!(report.version.to, report.version.from);
    let differing: Vec<&str> = first
        .krate
        .files
        .iter()
        .zip(&over_itself.krate.files)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.path.as_str())
        .collect();
    assert_eq!(differing, Vec::<&str>::new());
    assert_eq!(first.krate.files.len(), over_itself.krate.files.len());
}
