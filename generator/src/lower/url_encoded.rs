//! An `application/x-www-form-urlencoded` body typed from its schema. When
//! the schema (through `$ref` and `allOf`) is an object with properties,
//! or a map, the body is a model type like a JSON body's: the component's
//! own type for a `$ref` (so a type also sent or received as JSON is one
//! type), else named like an inline JSON body, `{Operation}Request`. The
//! runtime (`form.rs`) writes it in brackets at any depth, the convention
//! Rails, PHP and Stripe read; the media type's `encoding` decides only
//! how a list of scalars directly under a property is written (`style`
//! and `explode`, as for a query parameter).
//!
//! A schema that can hold nothing (an object without properties and
//! `additionalProperties: false`, Stripe's GET and DELETE bodies) is no
//! body at all. Any other schema stays raw bytes, with a warning.

use openapiv3::{AdditionalProperties, Encoding, MediaType, QueryStyle, SchemaKind, Type};

use super::flatten::flatten;
use super::keywords::Primitive;
use super::multipart::resolve;
use super::operations::OperationLowering;
use super::types::TypeSpace;
use crate::diagnostics::{Diagnostic, Diagnostics, Fallback, Kind, Reason};
use crate::model::{ParamStyle, TypeKind, TypeRef, UrlEncoded};
use crate::pointer::JsonPointer;

/// Whether a media type is `application/x-www-form-urlencoded`
/// (parameters and case aside).
pub(super) fn is_url_encoded(media_type: &str) -> bool {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// What a form body becomes.
pub(super) enum FormBody {
    Typed(UrlEncoded),
    /// Its schema can hold nothing: no body.
    Empty,
    /// Left as bytes (warned).
    Raw,
}

impl<'a> OperationLowering<'_, 'a> {
    /// The body of the `application/x-www-form-urlencoded` media type at
    /// `pointer`.
    pub(super) fn url_encoded_body(
        &mut self,
        media: &'a MediaType,
        pointer: &JsonPointer,
        type_base: &str,
    ) -> FormBody {
        let resolver = self.space.resolver();
        let schema_pointer = pointer.push("schema");
        let resolved = media
            .schema
            .as_ref()
            .and_then(|schema| Some((schema, resolve(resolver, schema, &schema_pointer)?)));
        let Some((schema, (item, at))) = resolved else {
            self.raw_form(pointer);
            return FormBody::Raw;
        };
        if let SchemaKind::Type(Type::Object(object)) = &item.schema_kind
            && object.properties.is_empty()
            && object.additional_properties == Some(AdditionalProperties::Any(false))
        {
            return FormBody::Empty;
        }
        // A probe: problems are reported when the type is lowered.
        let flat = flatten(resolver, item, &at, &mut Diagnostics::default());
        let k = &flat.keywords;
        let object = match k.primitive {
            None => !k.properties.is_empty(),
            Some(Primitive::Object) => true,
            Some(_) => false,
        };
        if !object {
            self.raw_form(pointer);
            return FormBody::Raw;
        }
        let hint = format!("{type_base}Request");
        let ty = self
            .space
            .lower(schema, &schema_pointer, &hint, self.diagnostics)
            .ty;
        let fields = match &ty {
            TypeRef::Named { name, .. } => match self.space.kind_of(name) {
                Some(TypeKind::Struct(fields)) => fields.clone(),
                _ => {
                    self.raw_form(pointer);
                    return FormBody::Raw;
                }
            },
            TypeRef::Map(_) => Vec::new(),
            _ => {
                self.raw_form(pointer);
                return FormBody::Raw;
            }
        };
        let styles = fields
            .iter()
            .filter(|field| may_be_list(self.space, &field.ty, 0))
            .filter_map(|field| {
                let style = encoding_style(media.encoding.get(&field.wire_name)?);
                (style != ParamStyle::Exploded).then(|| (field.wire_name.clone(), style))
            })
            .collect();
        FormBody::Typed(UrlEncoded { ty, styles })
    }

    fn raw_form(&mut self, pointer: &JsonPointer) {
        self.diagnostics.push(Diagnostic::of(
            Kind::Degraded {
                to: Fallback::RawBody,
                reason: Reason::Unsupported,
            },
            pointer,
            "application/x-www-form-urlencoded without an object schema is not typed",
        ));
    }
}

/// How a list of scalars directly under a property is written, from its
/// `encoding`: as for a query parameter, `form` exploded unless it says
/// otherwise. openapiv3 reads a missing `explode` as `false`, so `style:
/// form` without `explode` joins items by commas, and `explode: false`
/// without a style cannot be told from no `explode` (the default, one pair
/// per item).
fn encoding_style(encoding: &Encoding) -> ParamStyle {
    match encoding.style {
        None => ParamStyle::Exploded,
        Some(QueryStyle::DeepObject) => ParamStyle::DeepObject,
        Some(_) if encoding.explode => ParamStyle::Exploded,
        Some(QueryStyle::Form) => ParamStyle::Delimited(','),
        Some(QueryStyle::SpaceDelimited) => ParamStyle::Delimited(' '),
        Some(QueryStyle::PipeDelimited) => ParamStyle::Delimited('|'),
    }
}

/// Whether a value of `ty` can be a list of scalars, the only values a
/// style changes: an array of anything but objects, untyped JSON, or a
/// union with such a variant (Stripe's `anyOf: [array, enum: [""]]`).
fn may_be_list(space: &TypeSpace<'_>, ty: &TypeRef, depth: usize) -> bool {
    // Unions nest a few levels at most; a bound keeps a cycle from looping.
    if depth > 8 {
        return false;
    }
    match ty {
        TypeRef::Array(item) => !is_object(space, item),
        TypeRef::Json => true,
        TypeRef::Nullable(inner) => may_be_list(space, inner, depth + 1),
        TypeRef::Named { name, .. } => match space.kind_of(name) {
            Some(TypeKind::Union(union)) => union
                .variants
                .iter()
                .any(|variant| may_be_list(space, &variant.ty, depth + 1)),
            Some(TypeKind::Alias(target)) => may_be_list(space, target, depth + 1),
            _ => false,
        },
        _ => false,
    }
}

/// A struct or a map: always in brackets, whatever the style.
fn is_object(space: &TypeSpace<'_>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Map(_) => true,
        TypeRef::Nullable(inner) => is_object(space, inner),
        TypeRef::Named { name, .. } => matches!(space.kind_of(name), Some(TypeKind::Struct(_))),
        _ => false,
    }
}
