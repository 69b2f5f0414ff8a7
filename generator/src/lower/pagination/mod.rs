//! Pagination: which list operations can be walked page by page, and how.
//!
//! Recognised from the success response's schema, its declared headers
//! and the operation's query parameters, never from operation names:
//! `cloudflare.rs` reads an envelope's `result_info`, `body.rs` any other
//! JSON list (a `has_more` flag, a token, a next link, a page number in
//! the body, a `Link` header). A list whose shape says there are more
//! pages but not clearly how to ask for them stays a single page and is
//! marked [`Unpaged`](crate::model::Unpaged), so the summary counts it.

mod body;
mod cloudflare;
#[cfg(test)]
mod tests;

use openapiv3::{OpenAPI, ReferenceOr, Response};

use super::flatten::{Flat, flatten, flatten_member as member};
use super::refs::Resolver;
use crate::diagnostics::Diagnostics;
use crate::model::{Operation, Pagination, ParamLocation, ResponseKind, TypeRef, Unpaged};
use crate::pointer::JsonPointer;

/// What the schema says of a list's pages.
enum Found {
    Paged(Pagination),
    Unpaged(Unpaged),
}

/// Fills in `pagination` (or `unpaged`) for every operation it applies to.
pub fn detect(spec: &OpenAPI, operations: &mut [Operation]) {
    let resolver = Resolver::new(spec);
    for operation in operations {
        let Some(response) = spec_operation(spec, operation)
            .and_then(|found| success_response(resolver, found, &operation.pointer))
        else {
            continue;
        };
        let query: Vec<&str> = operation
            .params
            .iter()
            .flat_map(|params| &params.fields)
            .filter(|param| param.location == ParamLocation::Query)
            .map(|param| param.wire_name.as_str())
            .collect();
        let found = match &operation.response.kind {
            ResponseKind::Envelope {
                result: Some(ty), ..
            } if is_array(ty) => cloudflare::detect(resolver, &response, &query).map(Found::Paged),
            ResponseKind::Json(ty) => body::detect(resolver, &response, ty, &query),
            _ => None,
        };
        match found {
            Some(Found::Paged(pagination)) => operation.pagination = Some(pagination),
            Some(Found::Unpaged(why)) => operation.unpaged = Some(why),
            None => {}
        }
    }
}

fn is_array(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Array(_) => true,
        TypeRef::Nullable(inner) => is_array(inner),
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

/// The response lowering chose (the lowest 2xx, else `2XX`): its
/// declared headers and its JSON schema, flattened.
struct SuccessResponse<'a> {
    response: &'a Response,
    schema: Flat<'a>,
}

impl SuccessResponse<'_> {
    /// Whether the response declares a `Link` header (any case).
    fn declares_link(&self) -> bool {
        self.response
            .headers
            .keys()
            .any(|name| name.eq_ignore_ascii_case("link"))
    }
}

fn success_response<'a>(
    resolver: Resolver<'a>,
    operation: &'a openapiv3::Operation,
    pointer: &JsonPointer,
) -> Option<SuccessResponse<'a>> {
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
    let schema = resolver
        .item(schema, &at, |r, reference, at| r.schema(reference, at))
        .ok()?;
    // Problems in these schemas were reported when the response was
    // lowered; they are not reported twice.
    let schema = flatten(
        resolver,
        schema.item,
        &schema.pointer,
        &mut Diagnostics::default(),
    );
    Some(SuccessResponse {
        response: response.item,
        schema,
    })
}

/// The object member at `path` below `flat`, flattened.
fn member_at<'a>(resolver: Resolver<'a>, flat: &Flat<'a>, path: &[&str]) -> Option<Flat<'a>> {
    let (first, rest) = path.split_first()?;
    let found = member(resolver, flat.keywords.properties.get(*first)?)?;
    if rest.is_empty() {
        Some(found)
    } else {
        member_at(resolver, &found, rest)
    }
}

/// The page-size parameter the operation declares, for `per_page(n)`.
fn page_size(query: &[&str]) -> Option<String> {
    ["per_page", "limit", "page_size", "pageSize"]
        .into_iter()
        .find(|name| query.contains(name))
        .map(str::to_string)
}

fn path(members: &[&str]) -> Vec<String> {
    members.iter().map(|member| member.to_string()).collect()
}
