//! The report as the CLI prints it.

use std::fmt;

use super::{GroupChanges, OperationChanges, Report, TypeChanges, VersionChange};

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
        for change in &self.runtime {
            writeln!(f, "breaking: {change}")?;
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
