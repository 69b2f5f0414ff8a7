//! An operation's parameters: collected from the path item and the
//! operation (an operation's parameter overrides the path item's of the same
//! name and location), resolved, typed, and classified into path arguments
//! and the query/header parameter struct.
//!
//! Invariant: every path argument and every query/header field has a text
//! form, decided by one rule ([`text_form`]), or is an array of such values
//! or a query `deepObject` (objects, maps, arrays and unions of them, in
//! brackets at any depth), written as the parameter's `style` says
//! ([`param_style`]); what is none of these is sent as JSON text
//! (query/header) or a plain string (path), with a warning. Every
//! template variable is a path argument and every path argument is in the
//! template.

use openapiv3::{HeaderStyle, Parameter, ParameterSchemaOrContent, PathItem, QueryStyle};

use super::flatten::flatten;
use super::operations::OperationLowering;
use super::types::{Lowered, TypeSpace};
use crate::diagnostics::{Diagnostic, Diagnostics, Fallback, Item, Kind, Reason, Repair};
use crate::model::{
    Limits, Param, ParamLocation, ParamStyle, ParamsStruct, PathParam, PathParamKind, TypeKind,
    TypeRef,
};
use crate::naming::{self, UniqueNames};
use crate::pointer::JsonPointer;

/// How a value is written as text: a path segment, a query or header value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextForm {
    /// `bool`, integer, number, string, date-time: their `Display`.
    Scalar,
    /// A string enum: its wire value.
    Enum,
    /// A string with length limits, checked before sending.
    Constrained,
    /// A `oneOf`/`anyOf` whose every choice is one of the above: the wire
    /// form is plain text whichever choice the caller means, so the caller
    /// writes the text.
    ScalarChoice,
    /// Untyped (`{}`, `{minimum: 1}`): nothing says it is not text.
    Untyped,
}

impl TextForm {
    /// A single value of a known scalar type (not a choice, not untyped).
    fn is_single(self) -> bool {
        matches!(self, Self::Scalar | Self::Enum | Self::Constrained)
    }
}

/// The one rule for what can be sent as text, and how; `None` for what
/// cannot (objects, arrays, maps, nullable values, choices of structures).
pub fn text_form(space: &TypeSpace<'_>, ty: &TypeRef) -> Option<TextForm> {
    match ty {
        TypeRef::Bool
        | TypeRef::Integer
        | TypeRef::Number
        | TypeRef::String
        | TypeRef::DateTime => Some(TextForm::Scalar),
        TypeRef::Json => Some(TextForm::Untyped),
        TypeRef::Named { name, .. } => match space.kind_of(name)? {
            TypeKind::Enum(_) => Some(TextForm::Enum),
            TypeKind::ConstrainedString(_) => Some(TextForm::Constrained),
            TypeKind::Union(union)
                if !union.variants.is_empty()
                    && union.variants.iter().all(|variant| {
                        text_form(space, &variant.ty).is_some_and(TextForm::is_single)
                    }) =>
            {
                Some(TextForm::ScalarChoice)
            }
            _ => None,
        },
        _ => None,
    }
}

/// How a query or header parameter of type `ty` is written (OpenAPI 3.0
/// `style` and `explode`). Only arrays are written differently by style: a
/// scalar is one pair whatever the style. `explode` defaults to `true` for
/// `form` and to `false` for every other style; an exploded array is one pair
/// per item, otherwise its items are joined by the style's separator. A header
/// array is `simple`: items joined by commas (`explode` changes only objects).
/// A `deepObject` parameter that is not a plain scalar (an object, a map, an
/// array, a union of them and scalars, see `query_type`) is written in
/// brackets at any depth: `name[key]=value`, `name[]=item` (Stripe's
/// `expand[]=a`; OpenAPI leaves arrays in `deepObject` undefined).
fn param_style(parameter: &Parameter, ty: &TypeRef) -> ParamStyle {
    if let Parameter::Query {
        style: QueryStyle::DeepObject,
        ..
    } = parameter
        && matches!(
            ty,
            TypeRef::Named { .. } | TypeRef::Array(_) | TypeRef::Map(_)
        )
    {
        return ParamStyle::DeepObject;
    }
    if !matches!(ty, TypeRef::Array(_)) {
        return ParamStyle::Exploded;
    }
    let explode = parameter.parameter_data_ref().explode;
    match parameter {
        Parameter::Query { style, .. } => {
            let separator = match style {
                QueryStyle::Form => ',',
                QueryStyle::SpaceDelimited => ' ',
                QueryStyle::PipeDelimited => '|',
                // Handled above.
                QueryStyle::DeepObject => return ParamStyle::DeepObject,
            };
            if explode.unwrap_or(*style == QueryStyle::Form) {
                ParamStyle::Exploded
            } else {
                ParamStyle::Delimited(separator)
            }
        }
        Parameter::Header {
            style: HeaderStyle::Simple,
            ..
        } => ParamStyle::Delimited(','),
        Parameter::Path { .. } | Parameter::Cookie { .. } => ParamStyle::Exploded,
    }
}

impl<'a> OperationLowering<'_, 'a> {
    /// Path arguments and the query/header parameter struct of an
    /// operation whose template has `variables`.
    pub(super) fn lower_parameters(
        &mut self,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &JsonPointer,
        type_base: &str,
        variables: &[&str],
    ) -> (Vec<PathParam>, Option<ParamsStruct>) {
        let parameters = self.parameters(item, operation, pointer);
        // As `operations.rs` names an operation without an id.
        let operation_name = operation.operation_id.clone().unwrap_or_else(|| {
            let segments = pointer.segments();
            match segments {
                [.., path, method] => format!("{method} {path}"),
                _ => pointer.to_string(),
            }
        });
        let mut path_params = Vec::new();
        let mut params = Vec::new();
        let mut param_names = UniqueNames::default();
        for (parameter, param_pointer) in parameters {
            let data = parameter.parameter_data_ref();
            let hint = format!("{type_base}{}", naming::type_name(&data.name));
            let location = match parameter {
                Parameter::Path { .. } => "path",
                Parameter::Query { .. } => "query",
                Parameter::Header { .. } => "header",
                Parameter::Cookie { .. } => "cookie",
            };
            self.space
                .begin_parameter(&param_pointer, location, &data.name);
            let lowered = self.parameter_type(&data.format, &param_pointer, &hint);
            self.space.end_parameter();
            let preferred = naming::field_name(&data.name);
            let name = param_names.claim(&preferred);
            if name != preferred {
                self.diagnostics.push(Diagnostic::of(
                    Kind::Collision,
                    &param_pointer,
                    format!(
                        "parameter `{}` is `{name}`: `{preferred}` is taken by another parameter",
                        data.name
                    ),
                ));
            }
            let doc = data.description.clone().or(lowered.doc.clone());
            let location = match parameter {
                Parameter::Path { .. } => {
                    let kind = self.path_param_kind(&lowered.ty, &param_pointer);
                    path_params.push(PathParam {
                        name,
                        wire_name: data.name.clone(),
                        kind,
                        doc,
                    });
                    continue;
                }
                Parameter::Query { .. } => ParamLocation::Query,
                Parameter::Header { .. } => ParamLocation::Header,
                Parameter::Cookie { .. } => {
                    self.diagnostics.warning(
                        &param_pointer,
                        "cookie parameters are not supported; it is not sent",
                    );
                    continue;
                }
            };
            let deep_object = matches!(
                parameter,
                Parameter::Query {
                    style: QueryStyle::DeepObject,
                    ..
                }
            );
            let ty = self.query_type(lowered.ty, &param_pointer, deep_object, || {
                let location = match location {
                    ParamLocation::Query => "query",
                    ParamLocation::Header => "header",
                };
                format!(
                    "{location} parameter `{}` of operation `{operation_name}`",
                    data.name
                )
            });
            let limits = self.limits(&data.format, &param_pointer, &ty);
            let style = param_style(parameter, &ty);
            params.push(Param {
                name,
                wire_name: data.name.clone(),
                location,
                ty,
                style,
                required: data.required,
                doc,
                limits,
            });
        }
        // A path parameter the template does not use would be an argument
        // that goes nowhere.
        path_params.retain(|param| {
            let used = variables.contains(&param.wire_name.as_str());
            if !used {
                self.diagnostics.push(Diagnostic::of(
                    Kind::LeftOut {
                        item: Item::Parameter,
                        reason: Reason::NotInPathTemplate,
                    },
                    pointer,
                    format!(
                        "path parameter `{}` is declared but not in the path",
                        param.wire_name
                    ),
                ));
            }
            used
        });
        // A template variable no parameter declares (a parameter renamed
        // in a later spec version) is still a required string.
        for &variable in variables {
            if path_params.iter().any(|p| p.wire_name == variable) {
                continue;
            }
            let name = param_names.claim(&naming::field_name(variable));
            self.diagnostics.push(Diagnostic::of(
                Kind::Repaired(Repair::UndeclaredPathVariable),
                pointer,
                format!("path variable `{variable}` has no declared parameter"),
            ));
            path_params.push(PathParam {
                name,
                wire_name: variable.to_string(),
                kind: PathParamKind::Str,
                doc: None,
            });
        }
        let params = (!params.is_empty()).then(|| ParamsStruct {
            source: self.space.source_of(&pointer.push("parameters")),
            name: self
                .space
                .claim_name(&pointer.push("parameters"), &format!("{type_base}Params")),
            fields: params,
        });
        (path_params, params)
    }

    /// Path-item parameters overridden by operation parameters of the same
    /// name and location, each resolved.
    fn parameters(
        &mut self,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &JsonPointer,
    ) -> Vec<(&'a Parameter, JsonPointer)> {
        let path_pointer = {
            let segments = pointer.segments();
            segments[..segments.len() - 1]
                .iter()
                .fold(JsonPointer::root(), |p, s| p.push(s.clone()))
        };
        let mut result: Vec<(&'a Parameter, JsonPointer)> = Vec::new();
        let sources = [
            (&item.parameters, path_pointer),
            (&operation.parameters, pointer.clone()),
        ];
        for (list, base) in sources {
            for (index, parameter) in list.iter().enumerate() {
                let at = base.push("parameters").push(index.to_string());
                let resolved =
                    match self
                        .space
                        .resolver()
                        .item(parameter, &at, |r, reference, at| {
                            r.parameter(reference, at)
                        }) {
                        Ok(resolved) => resolved,
                        Err(unresolved) => {
                            self.diagnostics.push(unresolved.left_out(Item::Parameter));
                            continue;
                        }
                    };
                let data = resolved.item.parameter_data_ref();
                let same = |(p, _): &(&Parameter, JsonPointer)| {
                    p.parameter_data_ref().name == data.name
                        && std::mem::discriminant(*p) == std::mem::discriminant(resolved.item)
                };
                match result.iter().position(same) {
                    Some(existing) => result[existing] = (resolved.item, resolved.pointer),
                    None => result.push((resolved.item, resolved.pointer)),
                }
            }
        }
        result
    }

    fn parameter_type(
        &mut self,
        format: &'a ParameterSchemaOrContent,
        pointer: &JsonPointer,
        hint: &str,
    ) -> Lowered {
        match format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.space
                    .lower(schema, &pointer.push("schema"), hint, self.diagnostics)
            }
            ParameterSchemaOrContent::Content(_) => {
                self.diagnostics
                    .warning(pointer, "parameters with `content` are sent as strings");
                Lowered {
                    ty: TypeRef::String,
                    nullable: false,
                    doc: None,
                }
            }
        }
    }

    /// Bounds worth checking before sending: numeric ones on numbers, length
    /// ones on plain strings (named constrained strings check themselves).
    fn limits(
        &mut self,
        format: &'a ParameterSchemaOrContent,
        pointer: &JsonPointer,
        ty: &TypeRef,
    ) -> Limits {
        let ParameterSchemaOrContent::Schema(schema) = format else {
            return Limits::default();
        };
        let resolver = self.space.resolver();
        let at = pointer.push("schema");
        let Ok(resolved) = resolver.item(schema, &at, |r, reference, at| r.schema(reference, at))
        else {
            // The type lowering has already reported the broken reference.
            return Limits::default();
        };
        // Problems in this schema were reported when its type was lowered.
        let mut already_reported = Diagnostics::default();
        let keywords = flatten(
            resolver,
            resolved.item,
            &resolved.pointer,
            &mut already_reported,
        )
        .keywords;
        match ty {
            TypeRef::Integer | TypeRef::Number => Limits {
                minimum: keywords.minimum,
                maximum: keywords.maximum,
                ..Limits::default()
            },
            TypeRef::String => Limits {
                min_length: keywords.min_length,
                max_length: keywords.max_length,
                ..Limits::default()
            },
            _ => Limits::default(),
        }
    }

    /// How a path argument becomes its segment's text.
    fn path_param_kind(&mut self, ty: &TypeRef, pointer: &JsonPointer) -> PathParamKind {
        match (ty, text_form(self.space, ty)) {
            // An untyped schema (`{}`, or only an example) says nothing
            // against the text a path segment always is.
            (TypeRef::String, _) | (_, Some(TextForm::Untyped)) => PathParamKind::Str,
            (TypeRef::Named { name, .. }, Some(TextForm::Constrained)) => {
                PathParamKind::Validated(name.clone())
            }
            (_, Some(TextForm::Scalar | TextForm::Enum)) => PathParamKind::Display(ty.clone()),
            // `oneOf: [identifier, uuid]`: every choice is text already.
            (_, Some(TextForm::ScalarChoice)) => PathParamKind::Str,
            _ => {
                self.diagnostics.warning(
                    pointer,
                    "structured path parameters are sent as plain strings",
                );
                PathParamKind::Str
            }
        }
    }

    /// Query and header values must have a plain text form, or be a
    /// query `deepObject` (any structure: objects, maps, arrays and unions
    /// of them, written in brackets); anything else is sent as JSON text,
    /// with a warning naming the parameter (`what`) and its operation.
    fn query_type(
        &mut self,
        ty: TypeRef,
        pointer: &JsonPointer,
        deep_object: bool,
        what: impl FnOnce() -> String,
    ) -> TypeRef {
        match text_form(self.space, &ty) {
            // Untyped (`{}`, `{minimum: 1}`), or a choice of scalars
            // (`anyOf: [string, integer]`): the caller writes the text.
            Some(TextForm::Untyped | TextForm::ScalarChoice) => TypeRef::String,
            Some(_) => ty,
            None => match &ty {
                TypeRef::Array(item)
                    if text_form(self.space, item).is_some_and(TextForm::is_single) =>
                {
                    ty
                }
                TypeRef::Named { .. } | TypeRef::Array(_) | TypeRef::Map(_) if deep_object => ty,
                _ => {
                    self.diagnostics.push(Diagnostic::of(
                        Kind::Degraded {
                            to: Fallback::JsonText,
                            reason: Reason::Unsupported,
                        },
                        pointer,
                        format!("{} is structured and not a query `deepObject`", what()),
                    ));
                    TypeRef::Json
                }
            },
        }
    }
}
