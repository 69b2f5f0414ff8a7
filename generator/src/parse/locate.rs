//! Finding the parts of a document that do not deserialize. openapiv3
//! buffers `$ref`-or-item values before deciding what they are, which hides
//! where an error is; so once the whole document has failed, each part
//! (path item, operation, parameter, request body, response, schema, server,
//! security scheme) is deserialized on its own, descending into a failing
//! part's children first. A part that still fails once its children are
//! dealt with is handed to a [`Fixer`], which repairs it in place or has it
//! removed. Parts that deserialize are never descended into, so a clean part
//! of a large document costs one check.

use openapiv3::{
    Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
    Server,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::pointer::JsonPointer;

/// The kinds of part that are checked, and repaired or removed, one by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Server,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Schema,
    SecurityScheme,
}

impl Part {
    /// serde's message if `value` does not deserialize as this part.
    pub fn check(self, value: &Value) -> Result<(), String> {
        match self {
            Part::Server => check::<Server>(value),
            Part::PathItem => check::<ReferenceOr<PathItem>>(value),
            Part::Operation => check::<Operation>(value),
            Part::Parameter => check::<ReferenceOr<Parameter>>(value),
            Part::RequestBody => check::<ReferenceOr<RequestBody>>(value),
            Part::Response => check::<ReferenceOr<Response>>(value),
            Part::Schema => check::<ReferenceOr<Schema>>(value),
            Part::SecurityScheme => check::<ReferenceOr<SecurityScheme>>(value),
        }
    }
}

/// What to do with a part that still fails once its children are fixed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fix {
    /// The value was changed in place; check it again.
    Changed,
    /// Leave the part out of its list or map.
    Remove,
}

/// Decides, per failing part, how it is repaired (and reports it).
pub trait Fixer {
    /// `attempt` counts from 0; a part still failing after
    /// [`MAX_ATTEMPTS`] changes is removed without another call.
    fn fix(
        &mut self,
        part: Part,
        pointer: &JsonPointer,
        value: &mut Value,
        message: &str,
        attempt: usize,
    ) -> Fix;
}

/// How many times one part is changed before it is given up on.
pub const MAX_ATTEMPTS: usize = 2;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Fixes every failing part of `document` (an object) with `fixer`.
pub fn fix_parts(document: &mut Value, fixer: &mut dyn Fixer) {
    let root = JsonPointer::root();
    let mut walker = Walker { fixer };
    walker.list(
        Part::Server,
        document.get_mut("servers"),
        &root.push("servers"),
    );
    if let Some(paths) = document.get_mut("paths") {
        walker.entries(Part::PathItem, paths, &root.push("paths"), |key| {
            key.starts_with('/')
        });
    }
    let sections = [
        ("schemas", Part::Schema),
        ("parameters", Part::Parameter),
        ("requestBodies", Part::RequestBody),
        ("responses", Part::Response),
        ("securitySchemes", Part::SecurityScheme),
    ];
    let components = root.push("components");
    for (section, part) in sections {
        if let Some(map) = document
            .get_mut("components")
            .and_then(|c| c.get_mut(section))
        {
            walker.entries(part, map, &components.push(section), |_| true);
        }
    }
}

fn check<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    T::deserialize(value).map(drop).map_err(|e| e.to_string())
}

struct Walker<'f> {
    fixer: &'f mut dyn Fixer,
}

impl Walker<'_> {
    /// Checks one part, fixing its children and then itself; `false` when
    /// it is to be removed.
    fn part(&mut self, part: Part, value: &mut Value, pointer: &JsonPointer) -> bool {
        if part.check(value).is_ok() {
            return true;
        }
        self.children(part, value, pointer);
        for attempt in 0..MAX_ATTEMPTS {
            let Err(message) = part.check(value) else {
                return true;
            };
            match self.fixer.fix(part, pointer, value, &message, attempt) {
                Fix::Changed => {}
                Fix::Remove => return false,
            }
        }
        part.check(value).is_ok()
    }

    fn children(&mut self, part: Part, value: &mut Value, pointer: &JsonPointer) {
        if value.get("$ref").is_some() {
            return;
        }
        match part {
            Part::PathItem => {
                self.list(
                    Part::Parameter,
                    value.get_mut("parameters"),
                    &pointer.push("parameters"),
                );
                for method in METHODS {
                    self.entry(Part::Operation, value, method, pointer);
                }
            }
            Part::Operation => {
                self.list(
                    Part::Parameter,
                    value.get_mut("parameters"),
                    &pointer.push("parameters"),
                );
                self.entry(Part::RequestBody, value, "requestBody", pointer);
                if let Some(responses) = value.get_mut("responses") {
                    self.entries(
                        Part::Response,
                        responses,
                        &pointer.push("responses"),
                        |key| !key.starts_with("x-"),
                    );
                }
            }
            Part::Parameter => {
                self.entry(Part::Schema, value, "schema", pointer);
                self.content(value, pointer);
            }
            Part::RequestBody | Part::Response => self.content(value, pointer),
            Part::Schema => {
                if let Some(properties) = value.get_mut("properties") {
                    self.entries(
                        Part::Schema,
                        properties,
                        &pointer.push("properties"),
                        |_| true,
                    );
                }
                for key in ["items", "additionalProperties", "not"] {
                    if value.get(key).is_some_and(Value::is_object) {
                        self.entry(Part::Schema, value, key, pointer);
                    }
                }
                for key in ["allOf", "oneOf", "anyOf"] {
                    self.list(Part::Schema, value.get_mut(key), &pointer.push(key));
                }
            }
            Part::Server | Part::SecurityScheme => {}
        }
    }

    /// The schemas of a `content` map.
    fn content(&mut self, owner: &mut Value, pointer: &JsonPointer) {
        let content_pointer = pointer.push("content");
        let Some(Value::Object(content)) = owner.get_mut("content") else {
            return;
        };
        for (media_type, media) in content.iter_mut() {
            self.entry(
                Part::Schema,
                media,
                "schema",
                &content_pointer.push(media_type),
            );
        }
    }

    /// `parent[key]`, removed when its fix says so.
    fn entry(&mut self, part: Part, parent: &mut Value, key: &str, pointer: &JsonPointer) {
        let Some(map) = parent.as_object_mut() else {
            return;
        };
        let Some(child) = map.get_mut(key) else {
            return;
        };
        if !self.part(part, child, &pointer.push(key)) {
            map.shift_remove(key);
        }
    }

    /// Every entry of a map whose key passes `wanted`, in document order.
    fn entries(
        &mut self,
        part: Part,
        map: &mut Value,
        pointer: &JsonPointer,
        wanted: impl Fn(&str) -> bool,
    ) {
        let Some(map) = map.as_object_mut() else {
            return;
        };
        let mut removed = Vec::new();
        for (key, child) in map.iter_mut() {
            if wanted(key) && !self.part(part, child, &pointer.push(key.clone())) {
                removed.push(key.clone());
            }
        }
        for key in removed {
            map.shift_remove(&key);
        }
    }

    /// Every item of a list; pointers name the original indices.
    fn list(&mut self, part: Part, list: Option<&mut Value>, pointer: &JsonPointer) {
        let Some(Value::Array(items)) = list else {
            return;
        };
        let keep: Vec<bool> = items
            .iter_mut()
            .enumerate()
            .map(|(index, item)| self.part(part, item, &pointer.push(index.to_string())))
            .collect();
        let mut keep = keep.into_iter();
        items.retain(|_| keep.next().unwrap_or(true));
    }
}
