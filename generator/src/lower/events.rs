//! Server-sent events: a success response offering `text/event-stream`
//! gives its operation a second method yielding the events
//! ([`crate::model::EventStream`]). The event data's type is the media
//! type's schema, lowered like any response type; without a schema (or
//! with a plain string one) each event's data is its text. Also warns
//! about the success media types the operation's methods do not read.

use indexmap::IndexMap;
use openapiv3::MediaType;

use super::operations::{OperationLowering, is_json};
use crate::diagnostics::{Diagnostic, Item, Kind, Reason};
use crate::model::{BodyContent, Operation, ResponseKind, TypeDef, TypeKind, TypeRef};
use crate::pointer::JsonPointer;

/// The essence of the event-stream media type.
const EVENT_STREAM: &str = "text/event-stream";

fn is_event_stream(media_type: &str) -> bool {
    essence(media_type) == EVENT_STREAM
}

/// A media type without parameters, in lower case.
pub(super) fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

impl<'a> OperationLowering<'_, 'a> {
    /// The type of the event data of a success response's
    /// `text/event-stream` (`Some(None)`: text), if it offers one; and a
    /// warning for each media type neither method reads: any but JSON
    /// when the method decodes JSON (bytes read every other type).
    pub(super) fn event_stream(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        content_pointer: &JsonPointer,
        kind: &ResponseKind,
        type_base: &str,
    ) -> Option<Option<TypeRef>> {
        let reads_json = matches!(kind, ResponseKind::Json(_) | ResponseKind::Envelope { .. });
        for media_type in content.keys() {
            if is_event_stream(media_type) || !reads_json || is_json(media_type) {
                continue;
            }
            self.diagnostics.push(Diagnostic::of(
                Kind::LeftOut {
                    item: Item::MediaType,
                    reason: Reason::Unsupported,
                },
                &content_pointer.push(media_type),
                format!(
                    "success response media type `{media_type}` is not read (the method reads JSON)"
                ),
            ));
        }
        let (media_type, media) = content
            .iter()
            .find(|(media_type, _)| is_event_stream(media_type))?;
        let Some(schema) = &media.schema else {
            return Some(None);
        };
        let pointer = content_pointer.push(media_type).push("schema");
        let hint = format!("{type_base}Event");
        let ty = self
            .space
            .lower(schema, &pointer, &hint, self.diagnostics)
            .ty;
        // Event data is text; a string schema says no more than that.
        Some(Some(ty).filter(|ty| *ty != TypeRef::String))
    }
}

/// Sets each stream's `flag`: the wire name of a boolean `stream` member of
/// the operation's JSON body (OpenAI's way of asking for events), which
/// the stream method sets to `true`.
pub(super) fn stream_flags(types: &[TypeDef], operations: &mut [Operation]) {
    for op in operations {
        let (Some(events), Some(body)) = (op.events.as_mut(), op.body.as_ref()) else {
            continue;
        };
        let BodyContent::Json(ty) = &body.content else {
            continue;
        };
        let fields = named(types, ty).and_then(|def| match &def.kind {
            TypeKind::Struct(fields) => Some(fields),
            _ => None,
        });
        let flag = fields
            .into_iter()
            .flatten()
            .find(|field| field.wire_name == "stream" && is_bool(types, &field.ty));
        events.flag = flag.map(|field| field.wire_name.clone());
    }
}

/// The definition a type names, through aliases.
fn named<'t>(types: &'t [TypeDef], ty: &TypeRef) -> Option<&'t TypeDef> {
    let TypeRef::Named { name, .. } = ty else {
        return None;
    };
    let def = types.iter().find(|def| def.name == *name)?;
    match &def.kind {
        TypeKind::Alias(target) => named(types, target),
        _ => Some(def),
    }
}

fn is_bool(types: &[TypeDef], ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Bool => true,
        TypeRef::Nullable(inner) => is_bool(types, inner),
        TypeRef::Named { name, .. } => types.iter().any(|def| {
            def.name == *name
                && matches!(&def.kind, TypeKind::Alias(target) if is_bool(types, target))
        }),
        _ => false,
    }
}
