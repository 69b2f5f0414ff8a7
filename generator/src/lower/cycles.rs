//! Recursive types: a struct that contains itself directly (not through a
//! `Vec` or map, which already allocate) needs a `Box` on the fields that
//! close the cycle. Only those fields are boxed.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Fit, TypeDef, TypeKind, TypeRef};

pub fn box_cycles(defs: &mut BTreeMap<String, TypeDef>) {
    let edges: BTreeMap<String, BTreeSet<String>> = defs
        .iter()
        .map(|(name, def)| (name.clone(), direct_targets(&def.kind)))
        .collect();
    for (name, def) in defs.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct(fields) => {
                for field in fields {
                    mark_boxed(&mut field.ty, name, &edges);
                }
            }
            TypeKind::Union(union) => {
                for variant in &mut union.variants {
                    mark_boxed(&mut variant.ty, name, &edges);
                    // A boxed struct is tried as any value: its members
                    // are not counted through the box.
                    if matches!(variant.ty, TypeRef::Named { boxed: true, .. }) {
                        variant.fit = Fit::Any;
                    }
                }
            }
            TypeKind::Enum(_) | TypeKind::ConstrainedString(_) | TypeKind::Alias(_) => {}
        }
    }
}

/// Named types held inline (directly or in an `Option`).
fn direct_targets(kind: &TypeKind) -> BTreeSet<String> {
    let types: Vec<&TypeRef> = match kind {
        TypeKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Union(union) => union.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(target) => vec![target],
        TypeKind::Enum(_) | TypeKind::ConstrainedString(_) => Vec::new(),
    };
    types
        .into_iter()
        .filter_map(inline_name)
        .map(str::to_string)
        .collect()
}

fn inline_name(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named { name, .. } => Some(name),
        TypeRef::Nullable(inner) => inline_name(inner),
        _ => None,
    }
}

fn mark_boxed(ty: &mut TypeRef, owner: &str, edges: &BTreeMap<String, BTreeSet<String>>) {
    match ty {
        TypeRef::Named { name, boxed } => *boxed = reaches(name, owner, edges),
        TypeRef::Nullable(inner) => mark_boxed(inner, owner, edges),
        _ => {}
    }
}

fn reaches(from: &str, to: &str, edges: &BTreeMap<String, BTreeSet<String>>) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(current) = stack.pop() {
        if current == to {
            return true;
        }
        if seen.insert(current.clone()) {
            stack.extend(edges.get(&current).into_iter().flatten().cloned());
        }
    }
    false
}
