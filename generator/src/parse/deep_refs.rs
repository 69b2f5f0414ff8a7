//! `$ref`s to anywhere in the document (`#/components/schemas/Tag/allOf/0`,
//! `#/components/parameters/p/schema`, `#/paths/~1a/get/parameters/0`).
//! Lowering resolves `#/components/<section>/<key>` only, so each such
//! target is copied into its section under a key spelled from its pointer
//! (`TagAllOf0`, `pSchema`) and the reference rewritten to it. The same
//! target always gets the same key, so several references share one type;
//! a copy holding further deep references is rewritten in turn, and a chain
//! that comes back to itself stays a chain of `$ref`s, which lowering
//! reports as circular. A reference to nothing is left as it is (lowering
//! degrades that item with a warning).

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use serde_json::{Value, json};

use crate::pointer::JsonPointer;

/// Whether `text` may hold a local `$ref` that is not `#/components/<section>/<key>`:
/// a cheap scan so documents without one keep the fast path.
pub fn may_have_deep_refs(text: &str) -> bool {
    text.match_indices("$ref").any(|(index, _)| {
        let rest = &text[index + 4..];
        let Some(start) = rest.find('#') else {
            return false;
        };
        // The value starts right after the key (`: "#/...`, `: '#/...`).
        if !rest[..start]
            .chars()
            .all(|c| matches!(c, '"' | '\'' | ':' | ' ' | '\t'))
        {
            return false;
        }
        let value: String = rest[start..]
            .chars()
            .take_while(|c| !matches!(c, '"' | '\'' | '\n' | '\r' | '}' | ',' | ' '))
            .collect();
        is_deep(&value)
    })
}

fn is_deep(reference: &str) -> bool {
    match JsonPointer::from_ref(reference) {
        Some(pointer) => {
            let segments = pointer.segments();
            !(segments.len() == 3 && segments[0] == "components")
        }
        None => false,
    }
}

/// Copies every deep reference's target into `components` and points the
/// reference there.
pub fn hoist(document: &mut Value) {
    let mut hoisted: BTreeMap<String, (String, String)> = BTreeMap::new();
    // Each round rewrites the references found; a copy may bring new ones
    // (to targets already known, or deeper in the document), bounded by the
    // number of distinct targets.
    for _ in 0..64 {
        let mut found = Vec::new();
        collect(document, &mut found);
        let mut changed = false;
        for reference in found {
            if !hoisted.contains_key(&reference) {
                let Some(pointer) = JsonPointer::from_ref(&reference) else {
                    continue;
                };
                let Some(section) = section_of(pointer.segments()) else {
                    continue;
                };
                let Some(target) = lookup(document, pointer.segments()).cloned() else {
                    continue;
                };
                let key = synthetic_key(pointer.segments(), document, section);
                insert_component(document, section, &key, target);
                hoisted.insert(reference.clone(), (section.to_string(), key));
            }
            let (section, key) = &hoisted[&reference];
            let replacement = JsonPointer::root()
                .push("components")
                .push(section.clone())
                .push(key.clone())
                .to_string();
            changed |= rewrite(document, &reference, &replacement);
        }
        if !changed {
            break;
        }
    }
}

/// The deep local references in `value`, in document order, once each.
fn collect(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref")
                && is_deep(reference)
                && !found.contains(reference)
            {
                found.push(reference.clone());
            }
            for (key, child) in map {
                if !matches!(key.as_str(), "example" | "examples" | "default" | "enum") {
                    collect(child, found);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, found)),
        _ => {}
    }
}

fn rewrite(value: &mut Value, from: &str, to: &str) -> bool {
    match value {
        Value::Object(map) => {
            let mut changed = false;
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && reference == from
            {
                *reference = to.to_string();
                changed = true;
            }
            for (key, child) in map.iter_mut() {
                if !matches!(key.as_str(), "example" | "examples" | "default" | "enum") {
                    changed |= rewrite(child, from, to);
                }
            }
            changed
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, item| rewrite(item, from, to) | changed),
        _ => false,
    }
}

/// Which `components` section a target belongs in, from where it sits:
/// anything at or under a schema is a schema; otherwise parameters,
/// request bodies and responses by their place. `None` for anything else
/// (a media type, a whole path item...), which stays unresolved.
fn section_of(segments: &[String]) -> Option<&'static str> {
    let mut kind: Option<&'static str> = None;
    let mut index = 0;
    while index < segments.len() {
        let segment = segments[index].as_str();
        if kind == Some("schemas") {
            return Some("schemas");
        }
        kind = match (segment, index) {
            ("components", 0) => {
                let section = segments.get(1).map(String::as_str);
                index += 3;
                match section {
                    Some("schemas") => Some("schemas"),
                    Some("parameters") => Some("parameters"),
                    Some("requestBodies") => Some("requestBodies"),
                    Some("responses") => Some("responses"),
                    Some("headers") => Some("headers"),
                    _ => None,
                }
            }
            ("schema", _) => {
                index += 1;
                Some("schemas")
            }
            ("parameters", _) => {
                index += 2;
                Some("parameters")
            }
            ("requestBody", _) => {
                index += 1;
                Some("requestBodies")
            }
            ("responses", _) => {
                index += 2;
                Some("responses")
            }
            _ => {
                index += 1;
                if matches!(
                    kind,
                    Some("parameters" | "requestBodies" | "responses" | "headers")
                ) {
                    // Past the item itself (`content`, `headers`...): not an item we resolve.
                    None
                } else {
                    kind
                }
            }
        };
    }
    kind.filter(|k| *k != "headers")
}

fn lookup<'v>(document: &'v Value, segments: &[String]) -> Option<&'v Value> {
    segments
        .iter()
        .try_fold(document, |node, segment| match node {
            Value::Object(map) => map.get(segment),
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
}

/// A component key spelled from the target's pointer: its segments in
/// UpperCamelCase after the first one kept as written
/// (`components/schemas/Tag/allOf/0` → `TagAllOf0`), a free key.
fn synthetic_key(segments: &[String], document: &Value, section: &str) -> String {
    let words: &[String] = match segments {
        [components, _, rest @ ..] if components == "components" => rest,
        other => other,
    };
    let mut key = String::new();
    for (index, word) in words.iter().enumerate() {
        let word = word.trim_matches('/');
        if index == 0 {
            key.push_str(word);
        } else {
            key.push_str(&word.to_upper_camel_case());
        }
    }
    let taken = |candidate: &str| {
        lookup(
            document,
            &["components".into(), section.into(), candidate.into()],
        )
        .is_some()
    };
    if !taken(&key) {
        return key;
    }
    (2..)
        .map(|n| format!("{key}{n}"))
        .find(|candidate| !taken(candidate))
        .expect("an unbounded range always yields a free key")
}

fn insert_component(document: &mut Value, section: &str, key: &str, target: Value) {
    let Some(root) = document.as_object_mut() else {
        return;
    };
    let components = root.entry("components").or_insert_with(|| json!({}));
    if let Some(components) = components.as_object_mut() {
        let section = components.entry(section).or_insert_with(|| json!({}));
        if let Some(section) = section.as_object_mut() {
            section.insert(key.to_string(), target);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_finds_deep_references_only() {
        assert!(!may_have_deep_refs("$ref: '#/components/schemas/Tag'"));
        assert!(!may_have_deep_refs(
            r##"{"$ref": "#/components/schemas/a~1b"}"##
        ));
        assert!(may_have_deep_refs(
            "$ref: '#/components/schemas/Tag/allOf/0'"
        ));
        assert!(may_have_deep_refs(
            r##"{"$ref":"#/paths/~1a/get/parameters/0"}"##
        ));
        assert!(!may_have_deep_refs(
            "$ref: other.yaml#/components/schemas/Tag/x"
        ));
    }

    #[test]
    fn sections_from_the_target_position() {
        let section =
            |pointer: &str| section_of(JsonPointer::from_ref(pointer).unwrap().segments());
        assert_eq!(section("#/components/schemas/Tag/allOf/0"), Some("schemas"));
        assert_eq!(section("#/components/parameters/p/schema"), Some("schemas"));
        assert_eq!(section("#/components/parameters/p"), Some("parameters"));
        assert_eq!(section("#/paths/~1a/get/parameters/0"), Some("parameters"));
        assert_eq!(
            section("#/paths/~1a/get/parameters/0/schema/items"),
            Some("schemas")
        );
        assert_eq!(
            section("#/paths/~1a/get/requestBody"),
            Some("requestBodies")
        );
        assert_eq!(section("#/paths/~1a/get/responses/200"), Some("responses"));
        assert_eq!(
            section("#/paths/~1a/get/responses/200/content/application~1json"),
            None
        );
        assert_eq!(section("#/paths/~1a"), None);
    }

    #[test]
    fn deep_targets_are_copied_once_and_cycles_stay_references() {
        let mut document = json!({
            "components": {
                "schemas": {
                    "Tag": { "allOf": [{ "type": "object", "properties": { "name": { "type": "string" } } }] },
                    "A": { "type": "object", "properties": {
                        "tag": { "$ref": "#/components/schemas/Tag/allOf/0" },
                        "again": { "$ref": "#/components/schemas/Tag/allOf/0" },
                        "name": { "$ref": "#/components/schemas/Tag/allOf/0/properties/name" },
                        "loop": { "$ref": "#/components/schemas/A/properties/loop" },
                        "nothing": { "$ref": "#/components/schemas/Tag/oneOf/3" },
                    }},
                },
                "parameters": { "p": { "in": "query", "name": "p", "schema": { "type": "integer" } } },
            },
            "paths": { "/a": { "get": { "parameters": [
                { "in": "query", "name": "q", "schema": { "$ref": "#/components/parameters/p/schema" } },
            ]}}},
        });
        hoist(&mut document);
        let schemas = &document["components"]["schemas"];
        let a = &schemas["A"]["properties"];
        assert_eq!(
            a["tag"],
            json!({ "$ref": "#/components/schemas/TagAllOf0" })
        );
        assert_eq!(a["again"], a["tag"]);
        assert_eq!(
            a["name"],
            json!({ "$ref": "#/components/schemas/TagAllOf0PropertiesName" })
        );
        assert_eq!(
            schemas["TagAllOf0PropertiesName"],
            json!({ "type": "string" })
        );
        assert_eq!(
            a["loop"],
            json!({ "$ref": "#/components/schemas/APropertiesLoop" })
        );
        assert_eq!(
            schemas["APropertiesLoop"],
            json!({ "$ref": "#/components/schemas/APropertiesLoop" })
        );
        assert_eq!(
            a["nothing"],
            json!({ "$ref": "#/components/schemas/Tag/oneOf/3" })
        );
        assert_eq!(schemas["pSchema"], json!({ "type": "integer" }));
    }
}
