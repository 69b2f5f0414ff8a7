//! Operations: each `paths` entry in document order, its method name (kept
//! from the record, never one of [`CLIENT_METHODS`]) and the assembly of its
//! parts, each lowered in its own module: `path_template`, `parameters`,
//! `request_body`, `response` (with `envelope`), `errors`.

use openapiv3::{MediaType, OpenAPI, PathItem, ReferenceOr};

use super::path_template::PathTemplate;
use super::types::TypeSpace;
use crate::diagnostics::{Diagnostic, Diagnostics, Item, Kind, Reason};
use crate::model::{EventStream, HttpMethod, Operation};
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
    "send_attempts",
];

/// Method names: the ones an earlier generation gave (taken out as they are
/// used, so each goes to one operation) and fresh ones for the rest.
pub struct MethodNames<'n> {
    fresh: &'n mut UniqueNames,
    /// The earlier crate's operationIds and names by operation key.
    by_operation: &'n mut std::collections::BTreeMap<String, (String, String)>,
    /// The earlier crate's names by (unique) operationId.
    by_id: &'n mut std::collections::BTreeMap<String, String>,
    /// Locked names already given to an operation of this spec.
    handed: std::collections::BTreeSet<String>,
    /// Old names the earlier crate keeps as deprecated methods, with the
    /// key of the operation each forwards to.
    reserved: &'n std::collections::BTreeMap<String, String>,
    /// The earlier crate's stream methods by operation key, with the
    /// operationId.
    streams: &'n std::collections::BTreeMap<String, (String, String)>,
}

impl MethodNames<'_> {
    /// The name the earlier crate gave this operation: where it is under
    /// the same operationId, else by its operationId (it moved); never one
    /// already handed out. A new operationId is a new method name.
    fn take_locked(&mut self, key: &str, operation_id: &str) -> Option<String> {
        let by_operation = self
            .by_operation
            .remove(key)
            .filter(|(id, _)| id == operation_id)
            .map(|(_, name)| name);
        let by_id = self.by_id.remove(operation_id);
        let name = by_operation.or(by_id)?;
        self.handed.insert(name.clone()).then_some(name)
    }

    /// The name of an operation's stream method: the earlier crate's for
    /// the operation under the same key and operationId, else its
    /// method's name with `_stream` (numbered if taken, with a warning).
    fn stream_name(
        &mut self,
        key: &str,
        method_name: &str,
        operation_id: &str,
        pointer: &JsonPointer,
        diagnostics: &mut Diagnostics,
    ) -> String {
        let locked = self
            .streams
            .get(key)
            .filter(|(id, _)| id == operation_id)
            .map(|(_, name)| name.clone())
            .filter(|name| self.handed.insert(name.clone()));
        if let Some(name) = locked {
            return name;
        }
        let preferred = naming::stream_method_name(method_name);
        let name = self.fresh.claim(&preferred);
        if name != preferred {
            diagnostics.push(Diagnostic::of(
                Kind::Collision,
                &pointer.push("responses"),
                format!("the event stream of `{operation_id}` is method `{name}`: `{preferred}` is taken"),
            ));
        }
        name
    }

    /// A name kept as a deprecated method of this very operation: the
    /// operation takes it back (its operationId was changed back), and
    /// the deprecated method goes.
    fn take_reserved(&mut self, key: &str, preferred: &str) -> Option<String> {
        (self.reserved.get(preferred).map(String::as_str) == Some(key)
            && self.handed.insert(preferred.to_string()))
        .then(|| preferred.to_string())
    }
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
            .chain(
                self.names
                    .operations
                    .values()
                    .map(|(_, name)| name.as_str()),
            )
            .chain(self.names.reserved_methods.keys().map(String::as_str))
            .chain(
                self.names
                    .stream_methods
                    .values()
                    .map(|(_, name)| name.as_str()),
            )
        {
            method_names.reserve(reserved);
        }
        let mut by_operation = self.names.operations.clone();
        let mut by_id = self.names.methods.clone();
        let mut names = MethodNames {
            fresh: &mut method_names,
            by_operation: &mut by_operation,
            by_id: &mut by_id,
            handed: Default::default(),
            reserved: &self.names.reserved_methods,
            streams: &self.names.stream_methods,
        };
        let mut operations = Vec::new();
        for (path, item) in &self.spec.paths.paths {
            let item_pointer = JsonPointer::root().push("paths").push(path.clone());
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    self.diagnostics.push(Diagnostic::of(
                        Kind::PathItemSkipped,
                        &item_pointer,
                        "path item $refs are not supported",
                    ));
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
        let template = match PathTemplate::parse(path) {
            Ok(template) => template,
            Err(problem) => {
                self.diagnostics.push(Diagnostic::of(
                    Kind::LeftOut {
                        item: Item::Operation,
                        reason: Reason::UnreadablePathTemplate,
                    },
                    pointer,
                    problem.to_string(),
                ));
                return None;
            }
        };
        let operation_id = operation
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{method} {path}"));
        let preferred = naming::method_name(&operation_id);
        let key = self.space.operation_key(http_method.as_str(), path);
        let locked = method_names
            .take_locked(&key, &operation_id)
            .or_else(|| method_names.take_reserved(&key, &preferred));
        let method_name = match &locked {
            Some(name) => name.clone(),
            None => method_names.fresh.claim(&preferred),
        };
        if locked.is_none() && method_name != preferred {
            self.diagnostics.push(Diagnostic::of(
                Kind::Collision,
                &pointer.push("operationId"),
                format!("`{operation_id}` is method `{method_name}`: `{preferred}` is taken"),
            ));
        }
        let type_base = naming::type_name(&operation_id);

        let (path_params, params) =
            self.lower_parameters(item, operation, pointer, &type_base, &template.variables());
        let path_segments = template.to_model(&path_params);
        let body = self.request_body(operation, pointer, &type_base);
        let (response, events) = self.success_response(operation, pointer, &type_base);
        let errors = self.error_responses(operation, pointer, &type_base, &response.kind);
        let events = events.map(|data| EventStream {
            method_name: method_names.stream_name(
                &key,
                &method_name,
                &operation_id,
                pointer,
                self.diagnostics,
            ),
            data,
            flag: None, // filled in by `events::stream_flags` once types are known
        });
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
            group_title: naming::group_title(operation.tags.first().map(String::as_str), path),
            // Assigned once every operation's title is known.
            group: String::new(),
            method_name,
            // Decided once all operations are known (`lower::resources`).
            resource: None,
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
            errors,
            security,
            deprecated: operation.deprecated,
            key,
            pointer: pointer.clone(),
            pagination: None, // filled in by `lower::pagination`
            events,
            unpaged: None,
        })
    }

    fn security(&self, requirements: &[openapiv3::SecurityRequirement]) -> Vec<Vec<String>> {
        super::security::requirement_names(requirements, self.scheme_names)
    }
}

/// The JSON media type of a content map (of a request body or a response), if any (`application/json`,
/// `application/problem+json`, `text/json; charset=utf-8`...).
pub(super) fn pick_json(
    content: &indexmap::IndexMap<String, MediaType>,
) -> Option<(&String, &MediaType)> {
    content.iter().find(|(media_type, _)| is_json(media_type))
}

/// Whether a media type is JSON (`application/json`, `…+json`, `text/json`).
pub(super) fn is_json(media_type: &str) -> bool {
    let essence = super::events::essence(media_type);
    essence == "application/json" || essence.ends_with("+json") || essence == "text/json"
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
