//! Pagination: which list operations can be walked page by page, and how.
//!
//! Recognised from the schema only, never from operation names: an
//! operation whose success response is a Cloudflare envelope with a list
//! `result` and a `result_info` object (after `allOf` merging) with a
//! `cursor` property is cursor-style; one with `page` or `total_pages` is
//! page-style. `count`, `per_page` and `total_count` alone say how much
//! there is, not how to ask for more, so they do not make a list
//! paginated.

use openapiv3::{OpenAPI, ReferenceOr, Schema};

use super::flatten::flatten;
use super::refs::Resolver;
use crate::diagnostics::Diagnostics;
use crate::model::{Operation, Pagination, ResponseKind, TypeRef};
use crate::pointer::JsonPointer;

/// Fills in `pagination` for every operation it applies to.
pub fn detect(spec: &OpenAPI, operations: &mut [Operation]) {
    let resolver = Resolver::new(spec);
    for operation in operations {
        if !returns_a_list(&operation.response.kind) {
            continue;
        }
        operation.pagination = spec_operation(spec, operation)
            .and_then(|found| result_info_style(resolver, found, &operation.pointer));
    }
}

fn returns_a_list(kind: &ResponseKind) -> bool {
    match kind {
        ResponseKind::Envelope {
            result: Some(ty), ..
        } => {
            matches!(ty, TypeRef::Array(_))
                || matches!(ty, TypeRef::Nullable(inner) if matches!(**inner, TypeRef::Array(_)))
        }
        _ => false,
    }
}

fn spec_operation<'a>(spec: &'a OpenAPI, op: &Operation) -> Option<&'a openapiv3::Operation> {
    let ReferenceOr::Item(item) = spec.paths.paths.get(&op.path)? else {
        return None;
    };
    let method = op.http_method.as_str().to_ascii_lowercase();
    item.iter()
        .find(|(name, _)| *name == method)
        .map(|(_, operation)| operation)
}

/// The style `result_info` implies, for the response lowering chose
/// (the lowest 2xx, else `2XX`).
fn result_info_style<'a>(
    resolver: Resolver<'a>,
    operation: &'a openapiv3::Operation,
    pointer: &JsonPointer,
) -> Option<Pagination> {
    let (code, response) = super::response::success(operation)?;
    let at = pointer.push("responses").push(code.to_string());
    let response = resolver
        .item(response, &at, |r, reference, at| r.response(reference, at))
        .ok()?;
    let (media_type, media) = super::operations::pick_json(&response.item.content)?;
    let schema = media.schema.as_ref()?;
    let at = response
        .pointer
        .push("content")
        .push(media_type)
        .push("schema");
    // Problems in these schemas were reported when the response was
    // lowered; they are not reported twice.
    let mut quiet = Diagnostics::default();
    let envelope = resolver
        .item(schema, &at, |r, reference, at| r.schema(reference, at))
        .ok()?;
    let envelope = flatten(resolver, envelope.item, &envelope.pointer, &mut quiet);
    let info = envelope.keywords.properties.get("result_info")?;
    let info_schema: &Schema = match info.item {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => {
            resolver.schema(reference, &info.pointer).ok()?.item
        }
    };
    let info = flatten(resolver, info_schema, &info.pointer, &mut quiet);
    let has = |name: &str| info.keywords.properties.contains_key(name);
    if has("cursor") {
        Some(Pagination::Cursor)
    } else if has("page") || has("total_pages") {
        Some(Pagination::Page)
    } else {
        None
    }
}
