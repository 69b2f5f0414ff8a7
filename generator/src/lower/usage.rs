//! Usage analysis over the lowered operations: which group each operation
//! belongs to, and for each type which groups reach it and whether it is sent,
//! received or both. Emission derives only what a type needs from this and
//! places each type in the module of the only group using it, or in the
//! shared `models` module.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    BodyContent, ErrorBody, Group, Operation, PartKind, PathParamKind, ResponseKind, TypeDef,
    TypeKind, TypeRef,
};
use crate::naming;

/// Sets each operation's group module from its group title and returns
/// the groups sorted by module.
pub fn assign_groups(operations: &mut [Operation]) -> Vec<Group> {
    let modules = naming::group_modules(operations.iter().map(|op| op.group_title.as_str()));
    for op in operations.iter_mut() {
        op.group = modules[&op.group_title].clone();
    }
    // Titles sharing a module are listed together, in sorted order.
    let mut by_module: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (title, module) in modules {
        by_module.entry(module).or_default().push(title);
    }
    by_module
        .into_iter()
        .map(|(module, titles)| Group {
            feature: naming::feature_name(&module),
            module,
            title: titles.join("`, `"),
        })
        .collect()
}

#[derive(Default)]
struct Reach {
    request: bool,
    response: bool,
    groups: BTreeSet<String>,
}

/// `merged_refs` holds, for each type that merging turned into an alias,
/// what its own definition referred to: reaching the alias reaches those
/// names too, so they stay in the crate as the aliases they now are.
pub fn analyse(
    types: &mut [TypeDef],
    operations: &[Operation],
    merged_refs: &BTreeMap<String, Vec<TypeRef>>,
) {
    let reach = reach(types, operations, merged_refs);
    for (def, r) in types.iter_mut().zip(reach) {
        // A type that is sent cannot require what only the server sets.
        if r.request
            && let TypeKind::Struct(fields) = &mut def.kind
        {
            for field in fields.iter_mut().filter(|f| f.read_only) {
                field.optional = true;
            }
        }
        def.usage.request = r.request;
        def.usage.response = r.response;
        def.usage.groups = r.groups.into_iter().collect();
    }
}

/// After [`analyse`] over every operation, the groups reaching each type
/// among `operations`, a selection of them: they decide which types stay
/// and which module each lives in. Whether a type is sent or received stays
/// what the whole API makes it, so a type has the fields, field types and
/// serde impls it has in the crate of every group, and adding a group to
/// a selection changes no type.
pub fn regroup(
    types: &mut [TypeDef],
    operations: &[Operation],
    merged_refs: &BTreeMap<String, Vec<TypeRef>>,
) {
    let reach = reach(types, operations, merged_refs);
    for (def, r) in types.iter_mut().zip(reach) {
        def.usage.groups = r.groups.into_iter().collect();
    }
}

/// For each type (by index), how `operations` reach it.
fn reach(
    types: &[TypeDef],
    operations: &[Operation],
    merged_refs: &BTreeMap<String, Vec<TypeRef>>,
) -> Vec<Reach> {
    let index: BTreeMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            let mut targets = BTreeSet::new();
            let merged = merged_refs.get(&def.name).into_iter().flatten();
            for ty in kind_refs(&def.kind).into_iter().chain(merged) {
                named(ty, &mut |name| {
                    if let Some(&i) = index.get(name) {
                        targets.insert(i);
                    }
                });
            }
            targets.into_iter().collect()
        })
        .collect();
    let mut reach: Vec<Reach> = types.iter().map(|_| Reach::default()).collect();
    for op in operations {
        let mut sent = Vec::new();
        let mut received = Vec::new();
        for param in &op.path_params {
            match &param.kind {
                PathParamKind::Validated(name) => sent.push(TypeRef::Named {
                    name: name.clone(),
                    boxed: false,
                }),
                PathParamKind::Display(ty) => sent.push(ty.clone()),
                PathParamKind::Str => {}
            }
        }
        for param in op.params.iter().flat_map(|p| &p.fields) {
            sent.push(param.ty.clone());
        }
        match op.body.as_ref().map(|b| &b.content) {
            Some(BodyContent::Json(ty)) => sent.push(ty.clone()),
            Some(BodyContent::UrlEncoded(form)) => sent.push(form.ty.clone()),
            Some(BodyContent::Form(form)) => {
                sent.extend(form.parts.iter().filter_map(|part| match &part.kind {
                    PartKind::Text(ty) | PartKind::Texts(ty) | PartKind::Json(ty) => {
                        Some(ty.clone())
                    }
                    PartKind::File | PartKind::Files | PartKind::NamedFiles => None,
                }))
            }
            _ => {}
        }
        match &op.response.kind {
            ResponseKind::Envelope {
                result: Some(ty), ..
            }
            | ResponseKind::Json(ty) => received.push(ty.clone()),
            _ => {}
        }
        for error in &op.errors {
            if let ErrorBody::Typed { ty, .. } = &error.body {
                received.push(ty.clone());
            }
        }
        received.extend(op.events.iter().filter_map(|events| events.data.clone()));
        for (roots, is_request) in [(&sent, true), (&received, false)] {
            let mut stack = Vec::new();
            for ty in roots {
                named(ty, &mut |name| stack.extend(index.get(name).copied()));
            }
            let mut seen = BTreeSet::new();
            while let Some(i) = stack.pop() {
                if !seen.insert(i) {
                    continue;
                }
                let r = &mut reach[i];
                if is_request {
                    r.request = true;
                } else {
                    r.response = true;
                }
                r.groups.insert(op.group.clone());
                stack.extend(edges[i].iter().copied());
            }
        }
    }
    reach
}

pub fn kind_refs(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Union(union) => union.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(target) => vec![target],
        TypeKind::Enum(_) | TypeKind::ConstrainedString(_) => Vec::new(),
    }
}

fn named<'t>(ty: &'t TypeRef, found: &mut impl FnMut(&'t str)) {
    match ty {
        TypeRef::Named { name, .. } => found(name),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            named(inner, found)
        }
        _ => {}
    }
}
