//! OpenAPI 3.1 → 3.0, as a JSON value, before openapiv3 (which reads 3.0
//! only) types it. Every 3.1 construct the model can hold is rewritten to
//! its 3.0 spelling; what cannot be kept is dropped with a warning at its
//! pointer.
//!
//! | 3.1 | 3.0 |
//! |---|---|
//! | `type: [T, "null"]` | `type: T, nullable: true` |
//! | `type: "null"` | `nullable: true, enum: [null]` |
//! | `type: [T, U]` (two non-null types) | no `type` (any value), warning |
//! | `anyOf`/`oneOf` with a `{type: "null"}` member | the member removed, `nullable: true`; a single member left is merged in (`allOf` for a `$ref`) |
//! | `const: v` | `enum: [v]` |
//! | `examples: [a, ...]` in a schema | `example: a` |
//! | `exclusiveMinimum: n` / `exclusiveMaximum: n` | `minimum: n, exclusiveMinimum: true` (same for maximum) |
//! | `$ref` with sibling keywords | `allOf: [{$ref}]` plus the siblings (`description`/`summary` alone stay beside the `$ref`) |
//! | `webhooks`, `components.pathItems` | left out, warning |
//! | `jsonSchemaDialect` | left out (a note) |
//! | no `paths` | `paths: {}` |

use serde_json::{Map, Value, json};

use crate::diagnostics::{Diagnostic, Fallback, Item, Kind, Reason};
use crate::pointer::JsonPointer;

/// What becomes of a 3.1 part 3.0 has no place for.
const LEFT_OUT: Kind = Kind::LeftOut {
    item: Item::TopLevelPart,
    reason: Reason::Other,
};

/// Whether `document` declares OpenAPI 3.1.
pub fn is_v31(document: &Value) -> bool {
    document
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.1"))
}

/// Rewrites a 3.1 document into 3.0 in place; the warnings say what could
/// not be kept.
pub fn downgrade(document: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let root = JsonPointer::root();
    let Some(map) = document.as_object_mut() else {
        return warnings;
    };
    map.insert("openapi".to_string(), json!("3.0.3"));
    if map.remove("jsonSchemaDialect").is_some() {
        warnings.push(Diagnostic::of(
            LEFT_OUT,
            &root.push("jsonSchemaDialect"),
            "the JSON Schema dialect is not used (schemas are read as OpenAPI's)",
        ));
    }
    if map.remove("webhooks").is_some() {
        warnings.push(Diagnostic::of(
            LEFT_OUT,
            &root.push("webhooks"),
            "webhooks are requests the API sends, not calls a client makes",
        ));
    }
    if !map.contains_key("paths") {
        map.insert("paths".to_string(), json!({}));
    }
    if let Some(components) = map.get_mut("components").and_then(Value::as_object_mut)
        && components.remove("pathItems").is_some()
    {
        warnings.push(Diagnostic::of(
            LEFT_OUT,
            &root.push("components").push("pathItems"),
            "path items in components are not read (OpenAPI 3.1)",
        ));
    }
    let mut walker = Walker {
        warnings: &mut warnings,
    };
    walker.document(document, &root);
    warnings
}

/// Keys whose values are data, never walked for schemas.
const DATA_KEYS: &[&str] = &["example", "examples", "default", "enum", "const"];

struct Walker<'w> {
    warnings: &'w mut Vec<Diagnostic>,
}

impl Walker<'_> {
    /// Outside schemas: finds the schemas (`components.schemas`, every
    /// `schema` key) and leaves data alone.
    fn document(&mut self, value: &mut Value, at: &JsonPointer) {
        match value {
            Value::Object(map) => {
                let in_components = at.segments() == ["components"];
                for (key, child) in map.iter_mut() {
                    let pointer = at.push(key.clone());
                    if key == "schema" {
                        self.schema(child, &pointer);
                    } else if in_components && key == "schemas" {
                        self.schema_map(child, &pointer);
                    } else if !DATA_KEYS.contains(&key.as_str()) && !key.starts_with("x-") {
                        self.document(child, &pointer);
                    }
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    self.document(item, &at.push(index.to_string()));
                }
            }
            _ => {}
        }
    }

    fn schema_map(&mut self, value: &mut Value, at: &JsonPointer) {
        if let Some(map) = value.as_object_mut() {
            for (key, child) in map.iter_mut() {
                self.schema(child, &at.push(key.clone()));
            }
        }
    }

    fn schema(&mut self, value: &mut Value, at: &JsonPointer) {
        let Some(map) = value.as_object_mut() else {
            return;
        };
        // Null members go first: the member merged in is then walked with
        // the rest.
        for combinator in ["anyOf", "oneOf"] {
            self.null_member(map, combinator);
        }
        for (key, child) in map.iter_mut() {
            let pointer = at.push(key.clone());
            match key.as_str() {
                "properties" | "patternProperties" | "$defs" | "definitions" => {
                    self.schema_map(child, &pointer)
                }
                "items" | "additionalProperties" | "not" | "contains" => {
                    self.schema(child, &pointer)
                }
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                    if let Some(items) = child.as_array_mut() {
                        for (index, item) in items.iter_mut().enumerate() {
                            self.schema(item, &pointer.push(index.to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
        self.types(map, at);
        if let Some(value) = map.remove("const")
            && !map.contains_key("enum")
        {
            map.insert("enum".to_string(), Value::Array(vec![value]));
        }
        // A map (3.0 has none in schemas) or an empty list: nothing to keep.
        if let Some(Value::Array(mut items)) = map.remove("examples")
            && !items.is_empty()
            && !map.contains_key("example")
        {
            map.insert("example".to_string(), items.swap_remove(0));
        }
        for (exclusive, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if let Some(number @ Value::Number(_)) = map.get(exclusive).cloned() {
                map.insert(bound.to_string(), number);
                map.insert(exclusive.to_string(), Value::Bool(true));
            }
        }
        self.ref_siblings(map);
    }

    /// `type` arrays and `type: "null"`.
    fn types(&mut self, map: &mut Map<String, Value>, at: &JsonPointer) {
        let types: Vec<String> = match map.get("type") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(t)) if t == "null" => vec![t.clone()],
            _ => return,
        };
        let nullable = types.iter().any(|t| t == "null");
        let rest: Vec<&String> = types.iter().filter(|t| *t != "null").collect();
        map.remove("type");
        match rest.as_slice() {
            [] => {
                map.insert("enum".to_string(), json!([null]));
            }
            [one] => {
                map.insert("type".to_string(), json!(one));
            }
            several => {
                let list = several
                    .iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.warnings.push(Diagnostic::of(
                    Kind::Degraded {
                        to: Fallback::Json,
                        reason: Reason::Other,
                    },
                    &at.push("type"),
                    format!("a value of any of the types {list} has no 3.0 type"),
                ));
            }
        }
        if nullable {
            map.insert("nullable".to_string(), Value::Bool(true));
        }
    }

    /// `anyOf: [X, {type: "null"}]` → X, nullable.
    fn null_member(&mut self, map: &mut Map<String, Value>, combinator: &str) {
        let Some(Value::Array(members)) = map.get_mut(combinator) else {
            return;
        };
        let before = members.len();
        members.retain(|member| !is_null_schema(member));
        if members.len() == before {
            return;
        }
        map.insert("nullable".to_string(), Value::Bool(true));
        let Some(Value::Array(members)) = map.remove(combinator) else {
            return;
        };
        match <[Value; 1]>::try_from(members) {
            Ok([only]) => {
                if only.get("$ref").is_some() {
                    map.insert("allOf".to_string(), Value::Array(vec![only]));
                } else if let Value::Object(fields) = only {
                    for (key, value) in fields {
                        map.entry(key).or_insert(value);
                    }
                }
            }
            Err(members) if members.is_empty() => {
                map.insert("enum".to_string(), json!([null]));
            }
            Err(members) => {
                map.insert(combinator.to_string(), Value::Array(members));
            }
        }
    }

    /// A `$ref` next to keywords that change it: the reference becomes an
    /// `allOf` member so the siblings are kept (3.0 ignores them).
    fn ref_siblings(&mut self, map: &mut Map<String, Value>) {
        if !map.contains_key("$ref") {
            return;
        }
        let meaningful = map
            .keys()
            .any(|key| !matches!(key.as_str(), "$ref" | "description" | "summary"));
        if !meaningful {
            return;
        }
        let reference = map.remove("$ref").unwrap_or(Value::Null);
        map.remove("summary");
        let mut all_of = vec![json!({ "$ref": reference })];
        if let Some(Value::Array(existing)) = map.remove("allOf") {
            all_of.extend(existing);
        }
        map.insert("allOf".to_string(), Value::Array(all_of));
    }
}

fn is_null_schema(value: &Value) -> bool {
    match value.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(items)) => items.iter().all(|t| t == "null"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(schemas: Value) -> Value {
        json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1" },
            "paths": {},
            "components": { "schemas": schemas },
        })
    }

    fn schemas(mut document: Value) -> (Value, Vec<String>) {
        let warnings = downgrade(&mut document);
        (
            document["components"]["schemas"].clone(),
            warnings.iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn type_arrays_become_nullable_types() {
        let (out, warnings) = schemas(doc(json!({
            "a": { "type": ["string", "null"], "minLength": 1 },
            "b": { "type": ["integer"] },
            "c": { "type": "null" },
            "d": { "type": ["string", "integer"] },
        })));
        assert_eq!(
            out["a"],
            json!({ "type": "string", "minLength": 1, "nullable": true })
        );
        assert_eq!(out["b"], json!({ "type": "integer" }));
        assert_eq!(out["c"], json!({ "enum": [null], "nullable": true }));
        assert_eq!(out["d"], json!({}));
        assert_eq!(
            warnings,
            [
                "warning: #/components/schemas/d/type: a value of any of the types `string`, `integer` has no 3.0 type; read as serde_json::Value"
            ]
        );
    }

    #[test]
    fn const_examples_and_numeric_exclusive_bounds() {
        let (out, _) = schemas(doc(json!({
            "k": { "const": "fixed" },
            "e": { "type": "string", "examples": ["x", "y"] },
            "n": { "type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10 },
        })));
        assert_eq!(out["k"], json!({ "enum": ["fixed"] }));
        assert_eq!(out["e"], json!({ "type": "string", "example": "x" }));
        assert_eq!(
            out["n"],
            json!({ "type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true })
        );
    }

    #[test]
    fn null_members_of_any_of_and_one_of() {
        let (out, _) = schemas(doc(json!({
            "r": { "anyOf": [{ "$ref": "#/components/schemas/k" }, { "type": "null" }] },
            "i": { "oneOf": [{ "type": "string", "format": "date-time" }, { "type": "null" }] },
            "m": { "oneOf": [{ "type": "string" }, { "type": "integer" }, { "type": "null" }] },
        })));
        assert_eq!(
            out["r"],
            json!({ "nullable": true, "allOf": [{ "$ref": "#/components/schemas/k" }] })
        );
        assert_eq!(
            out["i"],
            json!({ "nullable": true, "type": "string", "format": "date-time" })
        );
        assert_eq!(
            out["m"],
            json!({ "nullable": true, "oneOf": [{ "type": "string" }, { "type": "integer" }] })
        );
    }

    #[test]
    fn ref_siblings_are_kept_through_all_of() {
        let (out, _) = schemas(doc(json!({
            "p": { "type": "object", "properties": {
                "kept": { "$ref": "#/components/schemas/k", "description": "only a doc" },
                "wrapped": { "$ref": "#/components/schemas/k", "type": ["object", "null"] },
            }},
        })));
        assert_eq!(
            out["p"]["properties"]["kept"],
            json!({ "$ref": "#/components/schemas/k", "description": "only a doc" })
        );
        assert_eq!(
            out["p"]["properties"]["wrapped"],
            json!({ "type": "object", "nullable": true, "allOf": [{ "$ref": "#/components/schemas/k" }] })
        );
    }

    #[test]
    fn webhooks_and_dialect_are_left_out_and_data_is_untouched() {
        let mut document = json!({
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
            "info": { "title": "t", "version": "1" },
            "webhooks": { "ping": { "post": { "responses": {} } } },
            "paths": { "/a": { "get": { "responses": { "200": {
                "description": "ok",
                "content": { "application/json": {
                    "schema": { "type": ["string", "null"] },
                    "example": { "type": ["kept"] },
                }},
            }}}}},
        });
        let warnings: Vec<String> = downgrade(&mut document)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(document["openapi"], "3.0.3");
        assert!(document.get("webhooks").is_none());
        assert!(document.get("jsonSchemaDialect").is_none());
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[1].starts_with("warning: #/webhooks: "));
        let media =
            &document["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"];
        assert_eq!(
            media["schema"],
            json!({ "type": "string", "nullable": true })
        );
        assert_eq!(media["example"], json!({ "type": ["kept"] }));
    }
}
