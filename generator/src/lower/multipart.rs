//! A `multipart/form-data` body typed from its schema: when the schema
//! (through `$ref` and `allOf`) is an object with properties, each
//! property is one part of a form struct named `{Operation}Form`. Which
//! kind of part a property is follows OpenAPI 3.0's defaults for
//! multipart content:
//!
//! - a string of `format: binary` (or `byte`, `base64`), with or without
//!   `type`, is a file, an array of them several files under one name;
//! - what has a text form (`parameters::text_form`: scalars, enums,
//!   constrained strings) is a text part, an array of such values one part
//!   per item;
//! - anything else (objects, maps, arrays of objects) is one JSON part.
//!
//! A property named like `<any part name>` is a placeholder, not a name:
//! its files go under names the caller gives. The media type's
//! `encoding.<part>.contentType` is kept when it names a single type.
//!
//! Invariant: a schema that is not such an object gives `None` and the
//! caller keeps the body as raw bytes, with a warning.

use std::borrow::Borrow;

use openapiv3::{MediaType, ReferenceOr, Schema};

use super::flatten::{Flat, flatten};
use super::keywords::Primitive;
use super::operations::OperationLowering;
use super::parameters::{TextForm, text_form};
use super::refs::Resolver;
use crate::diagnostics::{Diagnostic, Diagnostics, Fallback, Kind, Reason};
use crate::model::{Form, FormPart, PartKind, TypeRef};
use crate::naming::{self, UniqueNames};
use crate::pointer::JsonPointer;

/// Whether a media type is `multipart/form-data` (parameters and case
/// aside).
pub(super) fn is_form_data(media_type: &str) -> bool {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .eq_ignore_ascii_case("multipart/form-data")
}

impl<'a> OperationLowering<'_, 'a> {
    /// The typed form of a `multipart/form-data` media type at `pointer`,
    /// or `None` (with a warning) when its schema is not an object with
    /// properties. `source` is where the operation's body says it (under the
    /// operation even when the body is a shared `$ref`): each operation's
    /// form is filed under its own, so a record keeps one name per form.
    pub(super) fn multipart_form(
        &mut self,
        media: &'a MediaType,
        pointer: &JsonPointer,
        source: &JsonPointer,
        type_base: &str,
    ) -> Option<Form> {
        let resolver = self.space.resolver();
        let flat = media.schema.as_ref().and_then(|schema| {
            let (schema, at) = resolve(resolver, schema, &pointer.push("schema"))?;
            Some(flatten(resolver, schema, &at, self.diagnostics))
        });
        let Some(flat) = flat.filter(is_object_with_properties) else {
            self.diagnostics.push(Diagnostic::of(
                Kind::Degraded {
                    to: Fallback::RawBody,
                    reason: Reason::Unsupported,
                },
                pointer,
                "multipart/form-data without an object schema of properties is not typed",
            ));
            return None;
        };
        let name = self.space.claim_name(source, &format!("{type_base}Form"));
        let mut field_names = UniqueNames::default();
        let mut parts = Vec::new();
        for (wire_name, property) in &flat.keywords.properties {
            let required = flat.keywords.required.contains(wire_name);
            let own_doc = match property.item {
                ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
                ReferenceOr::Reference { .. } => None,
            };
            let encoding = media
                .encoding
                .get(wire_name)
                .and_then(|e| e.content_type.as_deref())
                .map(str::trim)
                .filter(|t| !t.is_empty() && !t.contains(','));
            let (kind, nullable, doc) = match file_kind(resolver, property.item, &property.pointer)
            {
                Some((_, doc)) if is_placeholder(wire_name) => (PartKind::NamedFiles, false, doc),
                Some((kind, doc)) => (kind, false, doc),
                None => {
                    let hint = format!("{name}{}", naming::type_name(wire_name));
                    let lowered =
                        self.space
                            .lower(property.item, &property.pointer, &hint, self.diagnostics);
                    let kind = self.data_kind(lowered.ty);
                    (kind, lowered.nullable, lowered.doc)
                }
            };
            // `<any part name>` is the field `any_part_name`.
            let preferred = naming::field_name(match is_placeholder(wire_name) {
                true => &wire_name[1..wire_name.len() - 1],
                false => wire_name,
            });
            let field = field_names.claim(&preferred);
            if field != preferred {
                self.diagnostics.push(Diagnostic::of(
                    Kind::Collision,
                    &property.pointer,
                    format!(
                        "part `{wire_name}` is field `{field}`: `{preferred}` is taken by another part"
                    ),
                ));
            }
            let content_type = match (&kind, encoding) {
                (_, Some(content_type)) => Some(content_type.to_string()),
                (PartKind::Json(_), None) => Some("application/json".to_string()),
                _ => None,
            };
            parts.push(FormPart {
                name: field,
                wire_name: wire_name.clone(),
                optional: !required || nullable,
                kind,
                content_type,
                doc: own_doc.or(doc),
            });
        }
        Some(Form {
            name,
            parts,
            key: self.space.source_of(source),
            source: source.clone(),
        })
    }

    /// A part that is not a file: text when the value has a text form
    /// (what the caller writes as text, untyped or a choice of scalars,
    /// is a `String`, as in a query), else JSON.
    fn data_kind(&self, ty: TypeRef) -> PartKind {
        let text = |ty: &TypeRef| match text_form(self.space, ty) {
            Some(TextForm::Untyped | TextForm::ScalarChoice) => Some(TypeRef::String),
            Some(_) => Some(ty.clone()),
            None => None,
        };
        if let Some(text) = text(&ty) {
            return PartKind::Text(text);
        }
        if let TypeRef::Array(item) = &ty
            && !matches!(**item, TypeRef::Json)
            && let Some(text) = text(item)
        {
            return PartKind::Texts(text);
        }
        PartKind::Json(ty)
    }
}

pub(super) fn resolve<'a, S: Borrow<Schema>>(
    resolver: Resolver<'a>,
    schema: &'a ReferenceOr<S>,
    at: &JsonPointer,
) -> Option<(&'a Schema, JsonPointer)> {
    match schema {
        ReferenceOr::Item(item) => Some((item.borrow(), at.clone())),
        // A dangling reference is reported where the part's type is lowered.
        ReferenceOr::Reference { reference } => resolver
            .schema(reference, at)
            .ok()
            .map(|resolved| (resolved.item, resolved.pointer)),
    }
}

/// A probe: the keywords of a property's schema, merged, with problems
/// left to the lowering of its type.
fn probe<'a, S: Borrow<Schema>>(
    resolver: Resolver<'a>,
    schema: &'a ReferenceOr<S>,
    at: &JsonPointer,
) -> Option<Flat<'a>> {
    let (schema, at) = resolve(resolver, schema, at)?;
    Some(flatten(resolver, schema, &at, &mut Diagnostics::default()))
}

fn is_object_with_properties(flat: &Flat<'_>) -> bool {
    matches!(flat.keywords.primitive, None | Some(Primitive::Object))
        && !flat.keywords.properties.is_empty()
}

/// `format: binary` (or `byte`, `base64`) on a string or an untyped schema.
fn is_file(flat: &Flat<'_>) -> bool {
    let k = &flat.keywords;
    matches!(k.primitive, None | Some(Primitive::String))
        && k.properties.is_empty()
        && matches!(k.format.as_deref(), Some("binary" | "byte" | "base64"))
}

/// `File` or `Files` (with the schema's description) when the property is
/// a file or an array of files.
fn file_kind<'a>(
    resolver: Resolver<'a>,
    schema: &'a ReferenceOr<Box<Schema>>,
    at: &JsonPointer,
) -> Option<(PartKind, Option<String>)> {
    let flat = probe(resolver, schema, at)?;
    if is_file(&flat) {
        return Some((PartKind::File, flat.description));
    }
    let is_array = matches!(flat.keywords.primitive, None | Some(Primitive::Array));
    let items = flat.keywords.items.as_ref().filter(|_| is_array)?;
    let item = probe(resolver, items.item, &items.pointer)?;
    is_file(&item).then_some((PartKind::Files, flat.description))
}

/// `<any part name>`: angle brackets mark a name the caller chooses.
fn is_placeholder(wire_name: &str) -> bool {
    wire_name.len() > 2 && wire_name.starts_with('<') && wire_name.ends_with('>')
}
