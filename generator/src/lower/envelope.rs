//! Cloudflare's response envelope: a success body with `success`, `errors`
//! and `messages` (and usually `result`) is unwrapped, so the method returns
//! what `result` holds; the runtime's `envelope.rs` decodes the rest.
//!
//! Invariant: the rule looks only at the property names of the schema with
//! its `allOf` merged (`success`, `errors` and `messages` all present), never
//! at their types or at the schema's name; `result` is required only when
//! the schema lists it as required and it is not nullable.

use super::keywords::Keywords;
use super::operations::OperationLowering;
use crate::model::ResponseKind;

/// The properties every envelope has.
const ENVELOPE_PROPERTIES: [&str; 3] = ["success", "errors", "messages"];

/// The property an envelope carries its payload in.
const RESULT: &str = "result";

/// Whether a merged success schema is an envelope.
pub fn is_envelope(keywords: &Keywords<'_>) -> bool {
    ENVELOPE_PROPERTIES
        .iter()
        .all(|key| keywords.properties.contains_key(*key))
}

impl<'a> OperationLowering<'_, 'a> {
    /// The response of an envelope: its `result` lowered (named
    /// `{Operation}Result` when inline), or none when it has no `result`.
    pub(super) fn unwrap_envelope(
        &mut self,
        keywords: &Keywords<'a>,
        type_base: &str,
    ) -> ResponseKind {
        match keywords.properties.get(RESULT) {
            Some(result) => {
                let hint = format!("{type_base}Result");
                let lowered =
                    self.space
                        .lower(result.item, &result.pointer, &hint, self.diagnostics);
                let result_required =
                    keywords.required.iter().any(|r| r == RESULT) && !lowered.nullable;
                ResponseKind::Envelope {
                    result: Some(lowered.ty),
                    result_required,
                }
            }
            None => ResponseKind::Envelope {
                result: None,
                result_required: false,
            },
        }
    }
}
