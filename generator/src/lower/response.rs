//! An operation's success response: the lowest `2XX` status (else `2XX`),
//! decoded as JSON (an envelope unwrapped, see [`super::envelope`]), as
//! bytes, or as nothing; and its `text/event-stream` form, if it offers
//! one (see [`super::events`]).
//!
//! Invariant: always a response; what cannot be resolved is bytes (a
//! dangling response) or untyped JSON (a dangling schema), with a
//! diagnostic, never a skipped operation.

use openapiv3::{ReferenceOr, StatusCode};

use super::envelope::is_envelope;
use super::flatten::flatten;
use super::operations::{OperationLowering, pick_json};
use crate::diagnostics::Fallback;
use crate::model::{ResponseKind, SuccessResponse, TypeRef};
use crate::pointer::JsonPointer;

/// The response that counts as success: the lowest `2XX` code, else the
/// `2XX` range.
pub(super) fn success(
    operation: &openapiv3::Operation,
) -> Option<(&StatusCode, &ReferenceOr<openapiv3::Response>)> {
    let responses = &operation.responses.responses;
    responses
        .iter()
        .filter(|(code, _)| matches!(code, StatusCode::Code(200..=299)))
        .min_by_key(|(code, _)| match code {
            StatusCode::Code(n) => *n,
            StatusCode::Range(n) => *n * 100,
        })
        .or_else(|| {
            responses
                .iter()
                .find(|(code, _)| **code == StatusCode::Range(2))
        })
}

impl<'a> OperationLowering<'_, 'a> {
    pub(super) fn success_response(
        &mut self,
        operation: &'a openapiv3::Operation,
        pointer: &JsonPointer,
        type_base: &str,
    ) -> (SuccessResponse, Option<Option<TypeRef>>) {
        let responses_pointer = pointer.push("responses");
        let chosen = success(operation);
        let Some((code, response)) = chosen else {
            let empty = SuccessResponse {
                status: None,
                kind: ResponseKind::Empty,
                doc: None,
            };
            return (empty, None);
        };
        let status = match code {
            StatusCode::Code(n) => Some(*n),
            StatusCode::Range(_) => None,
        };
        let at = responses_pointer.push(code.to_string());
        let resolved = match self
            .space
            .resolver()
            .item(response, &at, |r, reference, at| r.response(reference, at))
        {
            Ok(resolved) => resolved,
            Err(unresolved) => {
                self.diagnostics.push(unresolved.degraded(Fallback::Bytes));
                let bytes = SuccessResponse {
                    status,
                    kind: ResponseKind::Bytes,
                    doc: None,
                };
                return (bytes, None);
            }
        };
        let response = resolved.item;
        let doc = Some(response.description.clone()).filter(|d| !d.is_empty());
        let content_pointer = resolved.pointer.push("content");
        let kind = match pick_json(&response.content) {
            Some((media_type, media)) => match &media.schema {
                Some(schema) => self.json_response(
                    schema,
                    &content_pointer.push(media_type).push("schema"),
                    type_base,
                ),
                None => ResponseKind::Json(TypeRef::Json),
            },
            None if response.content.is_empty() => ResponseKind::Empty,
            None => ResponseKind::Bytes,
        };
        let events = self.event_stream(&response.content, &content_pointer, &kind, type_base);
        (SuccessResponse { status, kind, doc }, events)
    }

    /// A Cloudflare-style envelope (`success`, `errors`, `messages` and an
    /// optional `result`) is unwrapped: the method returns `result`.
    fn json_response(
        &mut self,
        schema: &'a ReferenceOr<openapiv3::Schema>,
        pointer: &JsonPointer,
        type_base: &str,
    ) -> ResponseKind {
        let resolver = self.space.resolver();
        let resolved =
            match resolver.item(schema, pointer, |r, reference, at| r.schema(reference, at)) {
                Ok(resolved) => resolved,
                Err(unresolved) => {
                    self.diagnostics.push(unresolved.degraded(Fallback::Json));
                    return ResponseKind::Json(TypeRef::Json);
                }
            };
        let flat = flatten(resolver, resolved.item, &resolved.pointer, self.diagnostics);
        if !is_envelope(&flat.keywords) {
            let hint = format!("{type_base}Response");
            return ResponseKind::Json(
                self.space
                    .lower(schema, pointer, &hint, self.diagnostics)
                    .ty,
            );
        }
        self.unwrap_envelope(&flat.keywords, type_base)
    }
}
