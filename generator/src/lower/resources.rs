//! Resource names (`client.account(id).sso_connectors().edit(..)`), once
//! every operation is lowered and every type known: the rule in
//! `naming::resource` needs all paths at once, and whether a result is a
//! list. An operation keeps the name the earlier crate gave it (by its
//! method and path, else by its operationId); the
//! user's renames apply on top, every time; names that clash are kept
//! apart with a warning.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::model::{
    Operation, OperationResource, PathParamKind, PathSegment, ResourceHandle, ResponseKind,
    TemplatePart, TypeDef, TypeKind, TypeRef,
};
use crate::naming::resource::{self, Renames, ResourceName, Route, RouteSegment};
use crate::naming::{self, NameLock};

/// Gives every operation its resource name.
pub fn name_all(
    operations: &mut [Operation],
    types: &[TypeDef],
    lock: &NameLock,
    scopes: &[String],
    renames: &Renames,
    diagnostics: &mut Diagnostics,
) {
    let named: BTreeMap<&str, &TypeKind> = types
        .iter()
        .map(|def| (def.name.as_str(), &def.kind))
        .collect();
    let routes: Vec<Route> = operations.iter().map(|op| route(op, &named)).collect();
    let derived = resource::derive(&routes, scopes);
    let by_id = unique_by_operation_id(lock);
    let mut fixed = Vec::with_capacity(operations.len());
    let mut rules = Vec::with_capacity(operations.len());
    for (op, derived) in operations.iter().zip(derived) {
        // A resource name comes from the path: an operation where it was
        // keeps its name whatever its operationId now; one whose path
        // changed keeps it by its operationId.
        let locked = lock
            .resources
            .get(&op.key)
            .map(|(_, name)| name)
            .or_else(|| by_id.get(op.operation_id.as_str()).copied());
        fixed.push(locked.is_some());
        rules.push(locked.cloned().unwrap_or(derived));
    }
    // What a rename changed keeps the rule's name beside it, so the next
    // regeneration renames the same name again.
    let renamed: Vec<bool> = rules
        .iter()
        .map(|rule| renames.apply(rule) != *rule)
        .collect();
    let mut names: Vec<ResourceName> = rules
        .iter()
        .map(|rule| {
            let mut name = renames.apply(rule);
            resource::clear_of_client_methods(&mut name, super::operations::CLIENT_METHODS);
            name
        })
        .collect();
    for separated in resource::separate(&routes, &mut names, &fixed) {
        let op = &operations[separated.index];
        let problem = if separated.kept_by == separated.index {
            format!(
                "`{}` of `{} {}` would shadow a resource of the same name; the method is `{}`",
                separated.clashed.record_text(),
                op.http_method.as_str(),
                op.path,
                names[separated.index].record_text(),
            )
        } else {
            let keeper = &operations[separated.kept_by];
            format!(
                "`{} {}` would be `{}` like `{} {}`; it is `{}`",
                op.http_method.as_str(),
                op.path,
                separated.clashed.record_text(),
                keeper.http_method.as_str(),
                keeper.path,
                names[separated.index].record_text(),
            )
        };
        diagnostics.push(Diagnostic::of(Kind::Collision, &op.pointer, problem));
    }
    for (((op, name), rule), renamed) in operations.iter_mut().zip(names).zip(rules).zip(renamed) {
        let bound = name.scope.as_ref().and_then(|_| first_variable(op));
        let stream = op
            .events
            .as_ref()
            .map(|_| naming::stream_method_name(&name.method));
        op.resource = Some(OperationResource {
            name,
            rule: renamed.then_some(rule),
            bound,
            stream,
        });
    }
}

/// The resource handles the operations need (every prefix of every
/// operation's chain, under its scope), with their type names.
pub fn handles(operations: &[Operation]) -> Vec<ResourceHandle> {
    let nodes: BTreeSet<(Option<String>, Vec<String>)> = operations
        .iter()
        .filter_map(|op| op.resource.as_ref())
        .flat_map(|resource| {
            let name = &resource.name;
            let first = usize::from(name.scope.is_none());
            (first..=name.chain.len()).map(|n| (name.scope.clone(), name.chain[..n].to_vec()))
        })
        .collect();
    resource::handle_type_names(&nodes)
        .into_iter()
        .map(|((scope, chain), type_name)| ResourceHandle {
            scope,
            chain,
            type_name,
        })
        .collect()
}

/// The earlier crate's resource names by operationId, where one operation
/// had it: for an operation whose path changed.
fn unique_by_operation_id(lock: &NameLock) -> BTreeMap<&str, &ResourceName> {
    let mut seen: BTreeMap<&str, Option<&ResourceName>> = BTreeMap::new();
    for (id, name) in lock.resources.values() {
        seen.entry(id.as_str())
            .and_modify(|slot| *slot = None)
            .or_insert(Some(name));
    }
    seen.into_iter()
        .filter_map(|(id, name)| Some((id, name?)))
        .collect()
}

/// The operation as the naming rule sees it.
fn route<'a>(op: &'a Operation, named: &BTreeMap<&str, &TypeKind>) -> Route<'a> {
    let segments = op
        .path_segments
        .iter()
        .map(|segment| match segment {
            PathSegment::Literal(text) => RouteSegment::Literal(text),
            PathSegment::Template(parts) => {
                let variable = parts.iter().find_map(|part| match part {
                    TemplatePart::Param(index) => op.path_params.get(*index),
                    TemplatePart::Literal(_) => None,
                });
                RouteSegment::Variable(variable.map_or("", |p| p.name.as_str()))
            }
        })
        .collect();
    let result = match &op.response.kind {
        ResponseKind::Envelope {
            result: Some(ty), ..
        }
        | ResponseKind::Json(ty) => Some(ty),
        _ => None,
    };
    Route {
        http_method: op.http_method.as_str(),
        path: &op.path,
        segments,
        returns_list: op.pagination.is_some() || result.is_some_and(|ty| is_list(ty, named, 0)),
        text_first_variable: first_variable(op)
            .is_none_or(|index| !matches!(op.path_params[index].kind, PathParamKind::Display(_))),
    }
}

/// The path parameter (by index) of the path's first variable segment,
/// which a scope binds: the parameters are in the spec's order, not the
/// path's.
pub fn first_variable(op: &Operation) -> Option<usize> {
    op.path_segments.iter().find_map(|segment| match segment {
        PathSegment::Template(parts) => parts.iter().find_map(|part| match part {
            TemplatePart::Param(index) => Some(*index),
            TemplatePart::Literal(_) => None,
        }),
        PathSegment::Literal(_) => None,
    })
}

/// Whether a result is a list, through nullability, aliases and unions
/// of lists (Cloudflare answers some lists in one of two shapes).
fn is_list(ty: &TypeRef, named: &BTreeMap<&str, &TypeKind>, depth: usize) -> bool {
    match ty {
        TypeRef::Array(_) => true,
        TypeRef::Nullable(inner) => is_list(inner, named, depth),
        TypeRef::Named { name, .. } if depth < 8 => match named.get(name.as_str()) {
            Some(TypeKind::Alias(target)) => is_list(target, named, depth + 1),
            Some(TypeKind::Union(union)) => {
                !union.variants.is_empty()
                    && union
                        .variants
                        .iter()
                        .all(|variant| is_list(&variant.ty, named, depth + 1))
            }
            _ => false,
        },
        _ => false,
    }
}
