//! Operations: method names, parameters, request bodies and the success
//! response of each `paths` entry, in document order.

use openapiv3::{
    MediaType, OpenAPI, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, StatusCode,
};

use super::flatten::flatten;
use super::types::{Lowered, TypeSpace};
use crate::diagnostics::{COLLISION, Diagnostics, consequence};
use crate::model::{
    BodyContent, HttpMethod, Limits, Operation, Param, ParamLocation, ParamsStruct, PathParam,
    PathParamKind, PathSegment, RequestBody, ResponseKind, SuccessResponse, TemplatePart, TypeKind,
    TypeRef,
};
use crate::naming::{self, UniqueNames};
use crate::pointer::JsonPointer;

/// Names the generated `Client` already uses for its own methods: those of
/// the runtime's `impl Client` blocks (`generator/runtime/src/client.rs`,
/// `send.rs`) and of the generated `auth.rs`. An operation that would take
/// one is renamed, with a warning. `generator/tests/reserved_names.rs`
/// parses those blocks and fails if this list differs from them.
pub const CLIENT_METHODS: &[&str] = &[
    // auth.rs (generated)
    "new",
    "from_env",
    "from_env_with",
    // client.rs
    "builder",
    "http_client_builder",
    "with_options",
    "base_url",
    "timeout",
    "max_retries",
    // send.rs
    "execute",
    "prepare",
    "attempt",
];

/// Method names: the ones an earlier generation gave (taken out as they are
/// used, so each goes to one operation) and fresh ones for the rest.
pub struct MethodNames<'n> {
    fresh: &'n mut UniqueNames,
    locked: &'n mut std::collections::BTreeMap<String, String>,
}

pub struct OperationLowering<'s, 'a> {
    pub spec: &'a OpenAPI,
    pub space: &'s mut TypeSpace<'a>,
    pub diagnostics: &'s mut Diagnostics,
    pub global_security: Vec<Vec<String>>,
    pub scheme_names: &'s [(String, String)],
    /// Method names an earlier generation handed out, by operationId.
    pub names: &'s naming::NameLock,
}

impl<'a> OperationLowering<'_, 'a> {
    pub fn lower_all(&mut self) -> Vec<Operation> {
        let mut method_names = UniqueNames::default();
        for reserved in CLIENT_METHODS
            .iter()
            .copied()
            .chain(self.names.methods.values().map(String::as_str))
        {
            method_names.reserve(reserved);
        }
        let mut locked_methods = self.names.methods.clone();
        let mut names = MethodNames {
            fresh: &mut method_names,
            locked: &mut locked_methods,
        };
        let mut operations = Vec::new();
        for (path, item) in &self.spec.paths.paths {
            let item_pointer = JsonPointer::root().push("paths").push(path.clone());
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    self.diagnostics.warning(
                        &item_pointer,
                        "path item $refs are not supported; its operations are skipped",
                    );
                    continue;
                }
            };
            for (method, operation) in item.iter() {
                let pointer = item_pointer.push(method);
                if let Some(op) =
                    self.lower_operation(path, method, item, operation, &pointer, &mut names)
                {
                    operations.push(op);
                }
            }
        }
        operations
    }

    fn lower_operation(
        &mut self,
        path: &str,
        method: &str,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &JsonPointer,
        method_names: &mut MethodNames<'_>,
    ) -> Option<Operation> {
        let http_method = http_method(method)?;
        let variables = match template_variables(path) {
            Ok(variables) => variables,
            Err(problem) => {
                self.diagnostics.warning(
                    pointer,
                    format!("{problem}; {}", consequence::OPERATION_SKIPPED),
                );
                return None;
            }
        };
        let operation_id = operation
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{method} {path}"));
        let preferred = naming::method_name(&operation_id);
        let locked = method_names.locked.remove(&operation_id);
        let method_name = match &locked {
            Some(name) => name.clone(),
            None => method_names.fresh.claim(&preferred),
        };
        if locked.is_none() && method_name != preferred {
            self.diagnostics.warning(
                &pointer.push("operationId"),
                format!(
                    "{COLLISION} `{operation_id}` is method `{method_name}`: `{preferred}` is taken"
                ),
            );
        }
        let type_base = naming::type_name(&operation_id);

        let parameters = self.parameters(item, operation, pointer);
        let mut path_params = Vec::new();
        let mut params = Vec::new();
        let mut param_names = UniqueNames::default();
        for (parameter, param_pointer) in parameters {
            let data = parameter.parameter_data_ref();
            let hint = format!(
                "{}{}",
                naming::unraw(&type_base),
                naming::type_name(&data.name)
            );
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
                self.diagnostics.warning(
                    &param_pointer,
                    format!(
                        "{COLLISION} parameter `{}` is `{name}`: `{preferred}` is taken by another parameter",
                        data.name
                    ),
                );
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
            let ty = self.query_type(lowered.ty, &param_pointer);
            let limits = self.limits(&data.format, &param_pointer, &ty);
            params.push(Param {
                name,
                wire_name: data.name.clone(),
                location,
                ty,
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
                self.diagnostics.warning(
                    pointer,
                    format!(
                        "path parameter `{}` is declared but not in the path; {}",
                        param.wire_name,
                        consequence::PARAMETER_SKIPPED
                    ),
                );
            }
            used
        });
        // A template variable no parameter declares (a parameter renamed
        // in a later spec version) is still a required string.
        for variable in variables {
            if path_params.iter().any(|p| p.wire_name == variable) {
                continue;
            }
            let name = param_names.claim(&naming::field_name(variable));
            self.diagnostics.warning(
                pointer,
                format!(
                    "path variable `{variable}` has no declared parameter; {}",
                    consequence::ADDED_PATH_PARAMETER
                ),
            );
            path_params.push(PathParam {
                name,
                wire_name: variable.to_string(),
                kind: PathParamKind::Str,
                doc: None,
            });
        }
        let path_segments = path_segments(path, &path_params);
        let params = (!params.is_empty()).then(|| ParamsStruct {
            name: self.space.claim_name(
                &pointer.push("parameters"),
                &format!("{}Params", naming::unraw(&type_base)),
            ),
            fields: params,
        });
        let body = self.request_body(operation, pointer, &type_base);
        let response = self.success_response(operation, pointer, &type_base);
        let security = match &operation.security {
            Some(requirements) => super::security::with_declared_subsets(
                self.security(requirements),
                &self.global_security,
            ),
            None => self.global_security.clone(),
        };
        Some(Operation {
            // The title for now; `lower` turns titles into module names once
            // all of them are known.
            group: naming::group_title(operation.tags.first().map(String::as_str), path),
            method_name,
            operation_id,
            http_method,
            path: path.to_string(),
            path_segments,
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            path_params,
            params,
            body,
            response,
            security,
            deprecated: operation.deprecated,
            pointer: pointer.clone(),
            pagination: None, // filled in by `lower::pagination`
        })
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
                        Err(diagnostic) => {
                            self.diagnostics.push(diagnostic);
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

    /// A `oneOf`/`anyOf` whose every choice is a scalar: its wire form is
    /// plain text whichever choice the caller means.
    fn is_scalar_union(&self, ty: &TypeRef) -> bool {
        let TypeRef::Named { name, .. } = ty else {
            return false;
        };
        let Some(TypeKind::Union(variants)) = self.space.kind_of(name) else {
            return false;
        };
        !variants.is_empty()
            && variants.iter().all(|variant| match &variant.ty {
                TypeRef::Bool
                | TypeRef::Integer
                | TypeRef::Number
                | TypeRef::String
                | TypeRef::DateTime => true,
                TypeRef::Named { name, .. } => matches!(
                    self.space.kind_of(name),
                    Some(TypeKind::Enum(_) | TypeKind::ConstrainedString(_))
                ),
                _ => false,
            })
    }

    fn path_param_kind(&mut self, ty: &TypeRef, pointer: &JsonPointer) -> PathParamKind {
        match ty {
            // An untyped schema (`{}`, or only an example) says nothing
            // against the text a path segment always is.
            TypeRef::String | TypeRef::Json => PathParamKind::Str,
            TypeRef::Named { name, .. } => match self.space.kind_of(name) {
                Some(TypeKind::ConstrainedString(_)) => PathParamKind::Validated(name.clone()),
                Some(TypeKind::Enum(_)) => PathParamKind::Display(ty.clone()),
                // `oneOf: [identifier, uuid]`: every choice is text already.
                _ if self.is_scalar_union(ty) => PathParamKind::Str,
                _ => {
                    self.diagnostics.warning(
                        pointer,
                        "structured path parameters are sent as plain strings",
                    );
                    PathParamKind::Str
                }
            },
            TypeRef::Integer | TypeRef::Number | TypeRef::Bool | TypeRef::DateTime => {
                PathParamKind::Display(ty.clone())
            }
            _ => {
                self.diagnostics.warning(
                    pointer,
                    "structured path parameters are sent as plain strings",
                );
                PathParamKind::Str
            }
        }
    }

    /// Query and header values must have a plain text form.
    fn query_type(&mut self, ty: TypeRef, pointer: &JsonPointer) -> TypeRef {
        let is_scalar = |ty: &TypeRef, space: &TypeSpace<'a>| match ty {
            TypeRef::Bool
            | TypeRef::Integer
            | TypeRef::Number
            | TypeRef::String
            | TypeRef::DateTime => true,
            TypeRef::Named { name, .. } => {
                matches!(
                    space.kind_of(name),
                    Some(TypeKind::Enum(_) | TypeKind::ConstrainedString(_))
                )
            }
            _ => false,
        };
        match &ty {
            // Untyped (`{}`, `{minimum: 1}`), or a choice of scalars
            // (`anyOf: [string, integer]`): the caller writes the text.
            TypeRef::Json => TypeRef::String,
            _ if self.is_scalar_union(&ty) => TypeRef::String,
            TypeRef::Array(item) if is_scalar(item, self.space) => ty,
            _ if is_scalar(&ty, self.space) => ty,
            _ => {
                self.diagnostics.warning(
                    pointer,
                    "structured query/header parameters are sent as JSON text",
                );
                TypeRef::Json
            }
        }
    }

    fn request_body(
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
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return None;
            }
        };
        let body = resolved.item;
        let content_pointer = resolved.pointer.push("content");
        let content = match pick_json(&body.content) {
            Some((media_type, media)) => {
                let hint = format!("{}Request", naming::unraw(type_base));
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
                Some(media_type) => BodyContent::Raw {
                    media_type: media_type.clone(),
                },
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

    fn success_response(
        &mut self,
        operation: &'a openapiv3::Operation,
        pointer: &JsonPointer,
        type_base: &str,
    ) -> SuccessResponse {
        let responses_pointer = pointer.push("responses");
        let chosen = operation
            .responses
            .responses
            .iter()
            .filter(|(code, _)| matches!(code, StatusCode::Code(200..=299)))
            .min_by_key(|(code, _)| match code {
                StatusCode::Code(n) => *n,
                StatusCode::Range(n) => *n * 100,
            })
            .or_else(|| {
                operation
                    .responses
                    .responses
                    .iter()
                    .find(|(code, _)| **code == StatusCode::Range(2))
            });
        let Some((code, response)) = chosen else {
            return SuccessResponse {
                status: None,
                kind: ResponseKind::Empty,
                doc: None,
            };
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
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return SuccessResponse {
                    status,
                    kind: ResponseKind::Bytes,
                    doc: None,
                };
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
        SuccessResponse { status, kind, doc }
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
                Err(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    return ResponseKind::Json(TypeRef::Json);
                }
            };
        let flat = flatten(resolver, resolved.item, &resolved.pointer, self.diagnostics);
        let properties = &flat.keywords.properties;
        let is_envelope = ["success", "errors", "messages"]
            .iter()
            .all(|key| properties.contains_key(*key));
        if !is_envelope {
            let hint = format!("{}Response", naming::unraw(type_base));
            return ResponseKind::Json(
                self.space
                    .lower(schema, pointer, &hint, self.diagnostics)
                    .ty,
            );
        }
        match properties.get("result") {
            Some(result) => {
                let hint = format!("{}Result", naming::unraw(type_base));
                let lowered =
                    self.space
                        .lower(result.item, &result.pointer, &hint, self.diagnostics);
                let result_required =
                    flat.keywords.required.iter().any(|r| r == "result") && !lowered.nullable;
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

    fn security(&self, requirements: &[openapiv3::SecurityRequirement]) -> Vec<Vec<String>> {
        super::security::requirement_names(requirements, self.scheme_names)
    }
}

/// A path template as literal pieces and indices into `params`.
fn path_segments(path: &str, params: &[PathParam]) -> Vec<PathSegment> {
    let mut segments = Vec::new();
    for raw in path.split('/').filter(|s| !s.is_empty()) {
        if !raw.contains('{') {
            segments.push(PathSegment::Literal(raw.to_string()));
            continue;
        }
        let mut parts = Vec::new();
        let mut rest = raw;
        while let Some(start) = rest.find('{') {
            if start > 0 {
                parts.push(TemplatePart::Literal(rest[..start].to_string()));
            }
            // `template_variables` accepted the path: every `{` is
            // closed and every variable is a parameter by now.
            let Some(end) = rest[start..].find('}') else {
                break;
            };
            let name = &rest[start + 1..start + end];
            if let Some(index) = params.iter().position(|p| p.wire_name == name) {
                parts.push(TemplatePart::Param(index));
            }
            rest = &rest[start + end + 1..];
        }
        if !rest.is_empty() {
            parts.push(TemplatePart::Literal(rest.to_string()));
        }
        segments.push(PathSegment::Template(parts));
    }
    segments
}

/// The variables of a path template (`/zones/{zone_id}` → `zone_id`), in
/// order and each once, or why the template cannot be read.
fn template_variables(path: &str) -> Result<Vec<&str>, String> {
    let mut variables: Vec<&str> = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find(['{', '}']) {
        if rest[start..].starts_with('}') {
            return Err(format!("unmatched `}}` in path `{path}`"));
        }
        let Some(end) = rest[start + 1..].find(['{', '}']) else {
            return Err(format!("unclosed `{{` in path `{path}`"));
        };
        let end = start + 1 + end;
        if rest[end..].starts_with('{') {
            return Err(format!("unclosed `{{` in path `{path}`"));
        }
        let name = &rest[start + 1..end];
        if name.contains('/') {
            return Err(format!("unclosed `{{` in path `{path}`"));
        }
        if !variables.contains(&name) {
            variables.push(name);
        }
        rest = &rest[end + 1..];
    }
    Ok(variables)
}

/// The JSON media type of a content map, if any (`application/json`,
/// `application/problem+json`, `text/json; charset=utf-8`...).
fn pick_json(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    content.iter().find(|(media_type, _)| {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        essence == "application/json" || essence.ends_with("+json") || essence == "text/json"
    })
}

fn http_method(method: &str) -> Option<HttpMethod> {
    Some(match method {
        "get" => HttpMethod::Get,
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "options" => HttpMethod::Options,
        "head" => HttpMethod::Head,
        "patch" => HttpMethod::Patch,
        "trace" => HttpMethod::Trace,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::template_variables;

    #[test]
    fn template_variables_in_order_each_once() {
        assert_eq!(
            template_variables("/zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint"),
            Ok(vec!["zone_id", "ruleset_phase"])
        );
        assert_eq!(template_variables("/a/{x}-{x}.{y}"), Ok(vec!["x", "y"]));
        assert_eq!(template_variables("/a"), Ok(vec![]));
    }

    #[test]
    fn unbalanced_templates_are_refused() {
        for path in ["/a/{b", "/a/{b/c}", "/a/b}", "/a/{{b}}"] {
            assert!(template_variables(path).is_err(), "{path}");
        }
    }
}
