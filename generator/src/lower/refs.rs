//! `$ref` resolution against `#/components/...`. A reference that does not
//! resolve is a warning at the place that wrote it, never a panic or an
//! error: the caller degrades that one item, and the warning says how
//! ([`consequence`]).

use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

use crate::diagnostics::{Diagnostic, consequence as then};
use crate::pointer::JsonPointer;

/// Follows `$ref` chains inside one document.
#[derive(Clone, Copy)]
pub struct Resolver<'a> {
    spec: &'a OpenAPI,
}

/// A resolved item, with the pointer of its definition.
pub struct Resolved<'a, T> {
    pub item: &'a T,
    pub pointer: JsonPointer,
    /// The component key when the item came through a `$ref`.
    pub component: Option<&'a str>,
}

/// How many `$ref` hops we follow before calling a chain circular.
const MAX_HOPS: usize = 64;

impl<'a> Resolver<'a> {
    pub fn new(spec: &'a OpenAPI) -> Self {
        Self { spec }
    }

    pub fn schema(
        &self,
        reference: &str,
        at: &JsonPointer,
    ) -> Result<Resolved<'a, Schema>, Diagnostic> {
        let map = self.spec.components.as_ref().map(|c| &c.schemas);
        self.follow(reference, at, "schemas", |key| {
            map.and_then(|m| m.get_key_value(key))
        })
    }

    pub fn parameter(
        &self,
        reference: &str,
        at: &JsonPointer,
    ) -> Result<Resolved<'a, Parameter>, Diagnostic> {
        let map = self.spec.components.as_ref().map(|c| &c.parameters);
        self.follow(reference, at, "parameters", |key| {
            map.and_then(|m| m.get_key_value(key))
        })
    }

    pub fn request_body(
        &self,
        reference: &str,
        at: &JsonPointer,
    ) -> Result<Resolved<'a, RequestBody>, Diagnostic> {
        let map = self.spec.components.as_ref().map(|c| &c.request_bodies);
        self.follow(reference, at, "requestBodies", |key| {
            map.and_then(|m| m.get_key_value(key))
        })
    }

    pub fn response(
        &self,
        reference: &str,
        at: &JsonPointer,
    ) -> Result<Resolved<'a, Response>, Diagnostic> {
        let map = self.spec.components.as_ref().map(|c| &c.responses);
        self.follow(reference, at, "responses", |key| {
            map.and_then(|m| m.get_key_value(key))
        })
    }

    /// Resolves an inline-or-reference item.
    pub fn item<T>(
        &self,
        value: &'a ReferenceOr<T>,
        at: &JsonPointer,
        resolve: impl Fn(&Self, &str, &JsonPointer) -> Result<Resolved<'a, T>, Diagnostic>,
    ) -> Result<Resolved<'a, T>, Diagnostic> {
        match value {
            ReferenceOr::Item(item) => Ok(Resolved {
                item,
                pointer: at.clone(),
                component: None,
            }),
            ReferenceOr::Reference { reference } => resolve(self, reference, at),
        }
    }

    fn follow<T: 'a>(
        &self,
        reference: &str,
        at: &JsonPointer,
        section: &str,
        lookup: impl Fn(&str) -> Option<(&'a String, &'a ReferenceOr<T>)>,
    ) -> Result<Resolved<'a, T>, Diagnostic> {
        let unresolved = |from: &JsonPointer, problem: String| {
            Diagnostic::warning(from, format!("{problem}; {}", consequence(section)))
        };
        let mut current = reference.to_string();
        let mut from = at.clone();
        for _ in 0..MAX_HOPS {
            let key = component_key(&current, section).ok_or_else(|| {
                // Intake copies every local target it finds into
                // `components` (`parse/deep_refs.rs`): a local pointer
                // still here points to nothing of this kind.
                let problem = if current.starts_with('#') {
                    format!("$ref `{current}` points to nothing")
                } else {
                    format!(
                        "unsupported $ref `{current}`: only local references (`#/...`) are resolved"
                    )
                };
                unresolved(&from, problem)
            })?;
            let (key, value) = lookup(&key)
                .ok_or_else(|| unresolved(&from, format!("$ref `{current}` points to nothing")))?;
            let pointer = JsonPointer::root()
                .push("components")
                .push(section)
                .push(key.clone());
            match value {
                ReferenceOr::Item(item) => {
                    return Ok(Resolved {
                        item,
                        pointer,
                        component: Some(key.as_str()),
                    });
                }
                ReferenceOr::Reference { reference } => {
                    current = reference.clone();
                    from = pointer;
                }
            }
        }
        Err(unresolved(at, format!("$ref `{reference}` is circular")))
    }
}

/// What becomes of an item whose `$ref` into `section` does not resolve.
pub fn consequence(section: &str) -> &'static str {
    match section {
        "schemas" => then::READ_AS_JSON,
        "parameters" => then::PARAMETER_SKIPPED,
        "requestBodies" => then::REQUEST_BODY_SKIPPED,
        "responses" => then::READ_AS_BYTES,
        _ => then::LEFT_OUT,
    }
}

/// The component key of `#/components/<section>/<key>`, unescaped.
fn component_key(reference: &str, section: &str) -> Option<String> {
    let pointer = JsonPointer::from_ref(reference)?;
    match pointer.segments() {
        [components, found, key] if components == "components" && found == section => {
            Some(key.clone())
        }
        _ => None,
    }
}
