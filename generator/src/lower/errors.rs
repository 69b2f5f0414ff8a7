//! An operation's error responses: each `4xx`/`5xx` status, `4XX`/`5XX`
//! range and `default` whose content is JSON with a schema becomes an
//! [`ErrorResponse`]: its body in the API's envelope (the failure
//! envelope's lists are read by the runtime, no type is made), or typed as
//! its schema says, with where the server's message is in it.
//!
//! Invariants: a response that cannot be resolved, or has no JSON schema,
//! is no entry (the runtime still keeps status and body and looks for a
//! message where APIs usually put one); an operation whose success is an
//! envelope and that declares no `default` gets a `default` envelope entry,
//! since such an API answers every failure in its envelope; when every
//! entry is the envelope, only that `default` one is kept.

use openapiv3::{ReferenceOr, StatusCode};

use super::envelope::is_envelope;
use super::flatten::{Flat, flatten, flatten_member};
use super::keywords::Primitive;
use super::operations::{OperationLowering, pick_json};
use super::refs::Resolver;
use crate::diagnostics::{Diagnostics, Fallback};
use crate::model::{ErrorBody, ErrorResponse, ErrorStatuses, ResponseKind};
use crate::naming;
use crate::pointer::JsonPointer;

/// An error response of the spec still to be read: its statuses, its key
/// (`404`, `4XX`, `default`) and the response.
type Declared<'a> = (ErrorStatuses, String, &'a ReferenceOr<openapiv3::Response>);

fn declared(operation: &openapiv3::Operation) -> Vec<Declared<'_>> {
    let responses = &operation.responses;
    let mut found: Vec<Declared<'_>> = responses
        .responses
        .iter()
        .filter_map(|(code, response)| {
            let statuses = match code {
                StatusCode::Code(code @ 400..=599) => ErrorStatuses::Code(*code),
                StatusCode::Range(class @ 4..=5) => ErrorStatuses::Range(*class),
                _ => return None,
            };
            Some((statuses, code.to_string(), response))
        })
        .collect();
    if let Some(response) = &responses.default {
        found.push((ErrorStatuses::Default, "default".to_string(), response));
    }
    found
}

impl<'a> OperationLowering<'_, 'a> {
    pub(super) fn error_responses(
        &mut self,
        operation: &'a openapiv3::Operation,
        pointer: &JsonPointer,
        type_base: &str,
        success: &ResponseKind,
    ) -> Vec<ErrorResponse> {
        let declared = declared(operation);
        let several = declared.len() > 1;
        let mut errors: Vec<ErrorResponse> = declared
            .into_iter()
            .filter_map(|(statuses, key, response)| {
                let at = pointer.push("responses").push(&key);
                let hint = naming::error_type_hint(type_base, several.then_some(key.as_str()));
                let body = self.error_body(response, &at, &hint)?;
                Some(ErrorResponse { statuses, body })
            })
            .collect();
        let enveloped = matches!(success, ResponseKind::Envelope { .. });
        if enveloped && !errors.iter().any(|e| e.statuses == ErrorStatuses::Default) {
            errors.push(ErrorResponse {
                statuses: ErrorStatuses::Default,
                body: ErrorBody::Envelope,
            });
        }
        // Every failure in the envelope, whatever the status, is said once.
        if errors.len() > 1 && errors.iter().all(|e| e.body == ErrorBody::Envelope) {
            errors.retain(|e| e.statuses == ErrorStatuses::Default);
        }
        errors
    }

    fn error_body(
        &mut self,
        response: &'a ReferenceOr<openapiv3::Response>,
        at: &JsonPointer,
        hint: &str,
    ) -> Option<ErrorBody> {
        let resolver = self.space.resolver();
        let response =
            match resolver.item(response, at, |r, reference, at| r.response(reference, at)) {
                Ok(response) => response,
                Err(unresolved) => {
                    // Its status and body are still kept, untyped.
                    self.diagnostics.push(unresolved.degraded(Fallback::Bytes));
                    return None;
                }
            };
        let (media_type, media) = pick_json(&response.item.content)?;
        let schema = media.schema.as_ref()?;
        let pointer = response
            .pointer
            .push("content")
            .push(media_type)
            .push("schema");
        let resolved =
            match resolver.item(schema, &pointer, |r, reference, at| r.schema(reference, at)) {
                Ok(resolved) => resolved,
                Err(unresolved) => {
                    self.diagnostics.push(unresolved.degraded(Fallback::Bytes));
                    return None;
                }
            };
        let flat = flatten(resolver, resolved.item, &resolved.pointer, self.diagnostics);
        if is_envelope(&flat.keywords) || every_variant_an_envelope(resolver, &flat) {
            return Some(ErrorBody::Envelope);
        }
        let message = message_path(resolver, &flat);
        // A shared response is named after its component, not after the
        // first operation that uses it.
        let hint = match response.component {
            Some(key) => naming::type_name(key),
            None => hint.to_string(),
        };
        let ty = self
            .space
            .lower(schema, &pointer, &hint, self.diagnostics)
            .ty;
        Some(ErrorBody::Typed { ty, message })
    }
}

/// Where the server's message is in an error body of this schema:
/// `message`, `error.message` (or an `error` string), the items of
/// `errors`, `detail`, `error_description`, `title`, in that order of
/// preference; empty when the schema has none of them.
fn message_path(resolver: Resolver<'_>, flat: &Flat<'_>) -> Vec<String> {
    let path = |parts: &[&str]| parts.iter().map(|part| part.to_string()).collect();
    let properties = &flat.keywords.properties;
    let is_text = |name: &str| {
        properties
            .get(name)
            .and_then(|member| flatten_member(resolver, member))
            .is_some_and(|member| member.keywords.primitive == Some(Primitive::String))
    };
    if is_text("message") {
        return path(&["message"]);
    }
    if let Some(error) = properties
        .get("error")
        .and_then(|e| flatten_member(resolver, e))
    {
        match error.keywords.primitive {
            Some(Primitive::String) => return path(&["error"]),
            _ if error.keywords.properties.contains_key("message") => {
                return path(&["error", "message"]);
            }
            _ => {}
        }
    }
    let errors = properties
        .get("errors")
        .and_then(|e| flatten_member(resolver, e));
    if errors.is_some_and(|errors| errors.keywords.primitive == Some(Primitive::Array)) {
        return path(&["errors", "[]"]);
    }
    ["detail", "error_description", "title"]
        .into_iter()
        .find(|name| is_text(name))
        .map(|name| path(&[name]))
        .unwrap_or_default()
}

/// A union of envelopes (Cloudflare's packet captures answer `default`
/// with "the failure or the success envelope") is read as the envelope.
fn every_variant_an_envelope(resolver: Resolver<'_>, flat: &Flat<'_>) -> bool {
    let variants: Vec<_> = flat
        .keywords
        .one_of
        .iter()
        .chain(&flat.keywords.any_of)
        .collect();
    !variants.is_empty()
        && variants.iter().all(|variant| {
            let Ok(resolved) = resolver.item(variant.item, &variant.pointer, |r, reference, at| {
                r.schema(reference, at)
            }) else {
                return false;
            };
            let mut quiet = Diagnostics::default();
            is_envelope(&flatten(resolver, resolved.item, &resolved.pointer, &mut quiet).keywords)
        })
}
