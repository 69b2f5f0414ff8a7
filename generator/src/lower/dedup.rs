//! Structurally identical types become one. Cloudflare repeats the same
//! envelope, message and identifier shapes once per API group; keeping one
//! definition of each shrinks the output and lets groups share them. Every
//! other name stays, as a type alias of the kept definition, so a method's
//! signature still names the types the spec gives it. Spec locations and
//! (but for constrained strings) docs are not part of the shape; the kept
//! type is the one with the shortest name (then the first in sorted order),
//! so the choice depends only on the set of types, never on document order.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::usage::kind_refs;
use crate::model::{TypeDef, TypeKind, TypeRef};

/// Turns every type identical to another into an alias of one kept
/// definition. Returns, for each type that became an alias, the types its
/// own definition referred to: the kept definition refers to its own
/// nested types instead, so without these the merged type's nested names
/// (aliases themselves, or the kept ones) would be reached by nothing.
pub fn dedup(defs: &mut BTreeMap<String, TypeDef>) -> BTreeMap<String, Vec<TypeRef>> {
    // Merged name → kept name. Shapes name referenced types by their kept
    // name, so merging two types can make their users identical: repeat
    // until a round merges nothing.
    let mut kept_as: BTreeMap<String, String> = BTreeMap::new();
    loop {
        let mut by_shape: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for (name, def) in defs.iter().filter(|(name, _)| !kept_as.contains_key(*name)) {
            by_shape.entry(shape(def, &kept_as)).or_default().push(name);
        }
        let mut round: Vec<(String, String)> = Vec::new();
        for names in by_shape.values().filter(|names| names.len() > 1) {
            let keep = names
                .iter()
                .min_by_key(|name| (name.len(), **name))
                .copied()
                .unwrap_or_default();
            round.extend(
                names
                    .iter()
                    .filter(|name| **name != keep)
                    .map(|name| (name.to_string(), keep.to_string())),
            );
        }
        if round.is_empty() {
            break;
        }
        for (merged, keep) in round {
            // Earlier merges into `merged` now lead to `keep`.
            for target in kept_as.values_mut().filter(|target| **target == merged) {
                *target = keep.clone();
            }
            kept_as.insert(merged, keep);
        }
    }
    let mut own_refs = BTreeMap::new();
    for (merged, keep) in kept_as {
        if let Some(def) = defs.get_mut(&merged) {
            let alias = TypeKind::Alias(TypeRef::Named {
                name: keep,
                boxed: false,
            });
            let own = std::mem::replace(&mut def.kind, alias);
            own_refs.insert(merged, kind_refs(&own).into_iter().cloned().collect());
        }
    }
    own_refs
}

/// The identity of a type for merging. A constrained string is a named
/// concept (an account id is not a connector id even when both are 32
/// characters), so its description is part of its identity.
fn shape(def: &TypeDef, kept_as: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    match &def.kind {
        TypeKind::Struct(fields) => {
            out.push_str("struct");
            for f in fields {
                let _ = write!(
                    out,
                    "|{}:{}:{}:{}:{}:",
                    f.name, f.wire_name, f.optional, f.three_state, f.read_only
                );
                ty_shape(&f.ty, kept_as, &mut out);
            }
        }
        TypeKind::Enum(variants) => {
            out.push_str("enum");
            for v in variants {
                let _ = write!(out, "|{}={:?}", v.name, v.wire_value);
            }
        }
        TypeKind::ConstrainedString(c) => {
            let _ = write!(
                out,
                "string|{:?}|{:?}|{:?}",
                c.min_length, c.max_length, def.doc
            );
        }
        TypeKind::Union(union) => {
            // How variants are told apart is part of the type: two unions
            // of the same variants decoded differently are not one type.
            let _ = write!(out, "union|{:?}|{:?}", union.selection, union.unknown);
            for v in &union.variants {
                let _ = write!(out, "|{}:{:?}:{:?}:", v.name, v.tags, v.fit);
                ty_shape(&v.ty, kept_as, &mut out);
            }
        }
        TypeKind::Alias(target) => {
            out.push_str("alias|");
            ty_shape(target, kept_as, &mut out);
        }
    }
    out
}

/// `boxed` is left out: cycles are boxed after merging.
fn ty_shape(ty: &TypeRef, kept_as: &BTreeMap<String, String>, out: &mut String) {
    match ty {
        TypeRef::Named { name, .. } => {
            let name = kept_as.get(name).unwrap_or(name);
            let _ = write!(out, "@{name}");
        }
        TypeRef::Array(inner) => {
            out.push('[');
            ty_shape(inner, kept_as, out);
            out.push(']');
        }
        TypeRef::Map(inner) => {
            out.push('{');
            ty_shape(inner, kept_as, out);
            out.push('}');
        }
        TypeRef::Nullable(inner) => {
            out.push('?');
            ty_shape(inner, kept_as, out);
        }
        other => {
            let _ = write!(out, "{other:?}");
        }
    }
}
