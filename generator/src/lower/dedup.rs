//! Structurally identical types become one. Cloudflare repeats the same
//! envelope, message and identifier shapes once per API group; keeping one
//! of each shrinks the output and lets groups share them. Spec locations
//! and (but for constrained strings) docs are not part of the shape; the kept type is the one with the
//! shortest name (then the first in sorted order), so the choice depends
//! only on the set of types, never on document order.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::model::{
    BodyContent, Operation, PathParamKind, ResponseKind, TypeDef, TypeKind, TypeRef,
};

/// Merges identical types until none are left, rewriting every use. Returns
/// how many types were merged away.
pub fn dedup(defs: &mut BTreeMap<String, TypeDef>, operations: &mut [Operation]) -> usize {
    let mut merged = 0;
    // Merging two types can make the types that use them identical, so
    // repeat until a round merges nothing.
    loop {
        let mut by_shape: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for (name, def) in defs.iter() {
            by_shape.entry(shape(def)).or_default().push(name);
        }
        let mut renames: BTreeMap<String, String> = BTreeMap::new();
        for names in by_shape.values().filter(|names| names.len() > 1) {
            let keep = names
                .iter()
                .min_by_key(|name| (name.len(), **name))
                .copied()
                .unwrap_or_default();
            for name in names.iter().filter(|name| **name != keep) {
                renames.insert(name.to_string(), keep.to_string());
            }
        }
        if renames.is_empty() {
            return merged;
        }
        merged += renames.len();
        for name in renames.keys() {
            defs.remove(name);
        }
        for def in defs.values_mut() {
            rename_kind(&mut def.kind, &renames);
        }
        for op in operations.iter_mut() {
            rename_operation(op, &renames);
        }
    }
}

/// The identity of a type for merging. A constrained string is a named
/// concept (an account id is not a connector id even when both are 32
/// characters), so its description is part of its identity.
fn shape(def: &TypeDef) -> String {
    let mut out = String::new();
    match &def.kind {
        TypeKind::Struct(fields) => {
            out.push_str("struct");
            for f in fields {
                let _ = write!(
                    out,
                    "|{}:{}:{}:{}:",
                    f.name, f.wire_name, f.optional, f.read_only
                );
                ty_shape(&f.ty, &mut out);
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
        TypeKind::Union(variants) => {
            out.push_str("union");
            for v in variants {
                let _ = write!(out, "|{}:", v.name);
                ty_shape(&v.ty, &mut out);
            }
        }
    }
    out
}

/// `boxed` is left out: cycles are boxed after merging.
fn ty_shape(ty: &TypeRef, out: &mut String) {
    match ty {
        TypeRef::Named { name, .. } => {
            let _ = write!(out, "@{name}");
        }
        TypeRef::Array(inner) => {
            out.push('[');
            ty_shape(inner, out);
            out.push(']');
        }
        TypeRef::Map(inner) => {
            out.push('{');
            ty_shape(inner, out);
            out.push('}');
        }
        TypeRef::Nullable(inner) => {
            out.push('?');
            ty_shape(inner, out);
        }
        other => {
            let _ = write!(out, "{other:?}");
        }
    }
}

fn rename_ty(ty: &mut TypeRef, renames: &BTreeMap<String, String>) {
    match ty {
        TypeRef::Named { name, .. } => {
            if let Some(kept) = renames.get(name.as_str()) {
                *name = kept.clone();
            }
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            rename_ty(inner, renames)
        }
        _ => {}
    }
}

fn rename_kind(kind: &mut TypeKind, renames: &BTreeMap<String, String>) {
    match kind {
        TypeKind::Struct(fields) => fields
            .iter_mut()
            .for_each(|f| rename_ty(&mut f.ty, renames)),
        TypeKind::Union(variants) => {
            for v in variants.iter_mut() {
                rename_ty(&mut v.ty, renames);
            }
            // Two variants that now hold the same type would never be
            // reached the second time.
            let mut seen: Vec<TypeRef> = Vec::new();
            variants.retain(|v| {
                let fresh = !seen.contains(&v.ty);
                seen.push(v.ty.clone());
                fresh
            });
        }
        TypeKind::Enum(_) | TypeKind::ConstrainedString(_) => {}
    }
}

fn rename_operation(op: &mut Operation, renames: &BTreeMap<String, String>) {
    for param in &mut op.path_params {
        match &mut param.kind {
            PathParamKind::Validated(name) => {
                if let Some(kept) = renames.get(name.as_str()) {
                    *name = kept.clone();
                }
            }
            PathParamKind::Display(ty) => rename_ty(ty, renames),
            PathParamKind::Str => {}
        }
    }
    for param in op.params.iter_mut().flat_map(|p| &mut p.fields) {
        rename_ty(&mut param.ty, renames);
    }
    if let Some(BodyContent::Json(ty)) = op.body.as_mut().map(|b| &mut b.content) {
        rename_ty(ty, renames);
    }
    match &mut op.response.kind {
        ResponseKind::Envelope {
            result: Some(ty), ..
        }
        | ResponseKind::Json(ty) => rename_ty(ty, renames),
        _ => {}
    }
}
