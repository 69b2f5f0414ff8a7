//! `$ref` resolution against `#/components/...`. A reference that does not
//! resolve is a warning at the place that wrote it, never a panic or an
//! error: the caller degrades that one item and makes the warning, saying
//! how ([`Unresolved`]).

use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

use crate::diagnostics::{Diagnostic, Fallback, Item, Kind, Reason};
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

/// A `$ref` that does not resolve: where it was written, what is wrong and
/// why. The caller, which knows what it does instead, turns it into the
/// warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    at: JsonPointer,
    problem: String,
    reason: Reason,
}

impl Unresolved {
    /// The warning when the item the `$ref` stands for is left out.
    pub fn left_out(self, item: Item) -> Diagnostic {
        let reason = self.reason;
        self.warning(Kind::LeftOut { item, reason })
    }

    /// The warning when the item the `$ref` stands for is generated weaker.
    pub fn degraded(self, to: Fallback) -> Diagnostic {
        let reason = self.reason;
        self.warning(Kind::Degraded { to, reason })
    }

    fn warning(self, kind: Kind) -> Diagnostic {
        Diagnostic::of(kind, &self.at, self.problem)
    }
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
    ) -> Result<Resolved<'a, Schema>, Unresolved> {
        let map = self.spec.components.as_ref().map(|c| &c.schemas);
        self.follow(reference, at, "schemas", |key| {
            map.and_then(|m| m.get_key_value(key))
        })
    }

    pub fn parameter(
        &self,
        reference: &str,
        at: &JsonPointer,
    ) -> Result<Resolved<'a, Parameter>, Unresolved> {
        let map = self.spec.components.as_ref().map(|c| &c.parameters);
        self.follow(reference, at, "parameters", |key| {
            map.and_then(|m| m.get_key_value(key))
        })
    }

    pub fn request_body(
        &self,
        reference: &str,
        at: &JsonPointer,
    ) -> Result<Resolved<'a, RequestBody>, Unresolved> {
        let map = self.spec.components.as_ref().map(|c| &c.request_bodies);
        self.follow(reference, at, "requestBodies", |key| {
            map.and_then(|m| m.get_key_value(key))
        })
    }

    pub fn response(
        &self,
        reference: &str,
        at: &JsonPointer,
    ) -> Result<Resolved<'a, Response>, Unresolved> {
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
        resolve: impl Fn(&Self, &str, &JsonPointer) -> Result<Resolved<'a, T>, Unresolved>,
    ) -> Result<Resolved<'a, T>, Unresolved> {
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
    ) -> Result<Resolved<'a, T>, Unresolved> {
        let unresolved = |from: &JsonPointer, problem: String, reason: Reason| Unresolved {
            at: from.clone(),
            problem,
            reason,
        };
        let mut current = reference.to_string();
        let mut from = at.clone();
        for _ in 0..MAX_HOPS {
            let key = component_key(&current, section).ok_or_else(|| {
                // Intake copies every local target it finds into
                // `components` (`parse/deep_refs.rs`): a local pointer
                // still here points to nothing of this kind.
                if current.starts_with('#') {
                    unresolved(
                        &from,
                        format!("$ref `{current}` points to nothing"),
                        Reason::RefToNothing,
                    )
                } else {
                    unresolved(
                        &from,
                        format!(
                            "unsupported $ref `{current}`: only local references (`#/...`) are resolved"
                        ),
                        Reason::UnsupportedRef,
                    )
                }
            })?;
            let (key, value) = lookup(&key).ok_or_else(|| {
                unresolved(
                    &from,
                    format!("$ref `{current}` points to nothing"),
                    Reason::RefToNothing,
                )
            })?;
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
        Err(unresolved(
            at,
            format!("$ref `{reference}` is circular"),
            Reason::CircularRef,
        ))
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
