//! An operation's request body: its JSON schema typed (an inline one named
//! `{Operation}Request`), else a `multipart/form-data` one typed as a form
//! (`multipart.rs`), else an `application/x-www-form-urlencoded` one typed
//! (`url_encoded.rs`; one that can hold nothing is no body), else the
//! first media type sent as raw bytes.
//!
//! Invariant: a body that cannot be resolved or has no content is left out
//! with a diagnostic; the operation itself is still generated.

use super::multipart::is_form_data;
use super::operations::{OperationLowering, pick_json};
use super::url_encoded::{FormBody, is_url_encoded};
use crate::diagnostics::Item;
use crate::model::{BodyContent, RequestBody, TypeRef};
use crate::pointer::JsonPointer;

impl<'a> OperationLowering<'_, 'a> {
    pub(super) fn request_body(
        &mut self,
        operation: &'a openapiv3::Operation,
        pointer: &JsonPointer,
        type_base: &str,
    ) -> Option<RequestBody> {
        let body = operation.request_body.as_ref()?;
        let at = pointer.push("requestBody");
        let resolved = match self
            .space
            .resolver()
            .item(body, &at, |r, reference, at| r.request_body(reference, at))
        {
            Ok(resolved) => resolved,
            Err(unresolved) => {
                self.diagnostics
                    .push(unresolved.left_out(Item::RequestBody));
                return None;
            }
        };
        let body = resolved.item;
        let content_pointer = resolved.pointer.push("content");
        let content = match pick_json(&body.content) {
            Some((media_type, media)) => {
                let hint = format!("{type_base}Request");
                let ty = match &media.schema {
                    Some(schema) => {
                        let schema_pointer = content_pointer.push(media_type).push("schema");
                        self.space
                            .lower(schema, &schema_pointer, &hint, self.diagnostics)
                            .ty
                    }
                    None => TypeRef::Json,
                };
                BodyContent::Json(ty)
            }
            None => match body.content.keys().next() {
                Some(first) => {
                    let form = body
                        .content
                        .iter()
                        .find(|(media_type, _)| is_form_data(media_type))
                        .and_then(|(media_type, media)| {
                            let defined = content_pointer.push(media_type);
                            let source = at.push("content").push(media_type);
                            self.multipart_form(media, &defined, &source, type_base)
                        });
                    let url_encoded = match form {
                        Some(_) => None,
                        None => body
                            .content
                            .iter()
                            .find(|(media_type, _)| is_url_encoded(media_type))
                            .map(|(media_type, media)| {
                                let at = content_pointer.push(media_type);
                                self.url_encoded_body(media, &at, type_base)
                            }),
                    };
                    match (form, url_encoded) {
                        (Some(form), _) => BodyContent::Form(form),
                        (None, Some(FormBody::Typed(body))) => BodyContent::UrlEncoded(body),
                        (None, Some(FormBody::Empty)) => return None,
                        (None, _) => BodyContent::Raw {
                            media_type: first.clone(),
                        },
                    }
                }
                None => {
                    self.diagnostics.warning(
                        &resolved.pointer,
                        "request body has no content; none is sent",
                    );
                    return None;
                }
            },
        };
        Some(RequestBody {
            content,
            required: body.required,
            doc: body.description.clone(),
        })
    }
}
