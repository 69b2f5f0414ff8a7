//! The report's entries by the cargo feature of the group they concern.

use std::collections::BTreeMap;

use super::{GroupChanges, OperationRef, Report, TypeRef, entries_break};
use crate::record::Record;

impl Report {
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
                .map(|op| (op.callable().to_string(), op.feature.clone()))
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
}

impl GroupChanges {
    fn is_breaking(&self) -> bool {
        entries_break(&self.operations, &self.types)
    }

    pub(super) fn entries(&self) -> usize {
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
