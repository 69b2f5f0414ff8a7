//! Finding where a type error is. openapiv3 buffers `$ref`-or-item values
//! before deciding what they are, which hides the path of an error inside
//! them; so once the whole document has failed, each part is deserialized
//! on its own, descending to the deepest part that still fails.

use openapiv3::{
    Info, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema,
    SecurityScheme, Server,
};
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::pointer::JsonPointer;

/// Where a part failed, and serde's message.
type Found = (JsonPointer, String);

/// Checks one component of a section.
type CheckItem = fn(&Value, &JsonPointer) -> Option<Found>;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The deepest part of `document` that does not deserialize, with serde's message.
pub fn locate(document: &Value) -> Option<Found> {
    let root = JsonPointer::root();
    if let Some(found) = check::<Info>(document.get("info"), &root.push("info")) {
        return Some(found);
    }
    for (index, server) in sequence(document.get("servers")) {
        if let Some(found) =
            check::<Server>(Some(server), &root.push("servers").push(index.to_string()))
        {
            return Some(found);
        }
    }
    for (path, item) in mapping(document.get("paths")) {
        if let Some(found) = path_item(item, &root.push("paths").push(path)) {
            return Some(found);
        }
    }
    let components = document.get("components");
    let sections: [(&str, CheckItem); 5] = [
        ("schemas", schema),
        ("parameters", |v, p| {
            check::<ReferenceOr<Parameter>>(Some(v), p)
        }),
        ("requestBodies", request_body),
        ("responses", response),
        ("securitySchemes", |v, p| {
            check::<ReferenceOr<SecurityScheme>>(Some(v), p)
        }),
    ];
    for (section, check_item) in sections {
        for (name, item) in mapping(components.and_then(|c| c.get(section))) {
            if let Some(found) = check_item(item, &root.push("components").push(section).push(name))
            {
                return Some(found);
            }
        }
    }
    None
}

fn check<T: DeserializeOwned>(value: Option<&Value>, pointer: &JsonPointer) -> Option<Found> {
    let value = value?;
    serde_yaml::from_value::<T>(value.clone())
        .err()
        .map(|error| (pointer.clone(), error.to_string()))
}

fn mapping(value: Option<&Value>) -> Vec<(String, &Value)> {
    let Some(Value::Mapping(map)) = value else {
        return Vec::new();
    };
    map.iter()
        .map(|(key, value)| {
            let key = match key {
                Value::String(text) => text.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            (key, value)
        })
        .collect()
}

fn sequence(value: Option<&Value>) -> Vec<(usize, &Value)> {
    match value {
        Some(Value::Sequence(items)) => items.iter().enumerate().collect(),
        _ => Vec::new(),
    }
}

/// The first failing child, else `value` itself if it fails as `T`.
fn deepest<T: DeserializeOwned>(
    value: &Value,
    pointer: &JsonPointer,
    children: impl IntoIterator<Item = Option<Found>>,
) -> Option<Found> {
    let own = check::<T>(Some(value), pointer)?;
    children.into_iter().flatten().next().or(Some(own))
}

fn path_item(item: &Value, pointer: &JsonPointer) -> Option<Found> {
    let parameters = parameters(item, pointer);
    let operations = METHODS.iter().map(|method| {
        let value = item.get(*method)?;
        operation(value, &pointer.push(*method))
    });
    deepest::<ReferenceOr<PathItem>>(
        item,
        pointer,
        parameters.into_iter().chain(operations).collect::<Vec<_>>(),
    )
}

fn parameters(owner: &Value, pointer: &JsonPointer) -> Vec<Option<Found>> {
    sequence(owner.get("parameters"))
        .into_iter()
        .map(|(index, parameter)| {
            let at = pointer.push("parameters").push(index.to_string());
            let schema_error = parameter
                .get("schema")
                .and_then(|s| schema(s, &at.push("schema")));
            deepest::<ReferenceOr<Parameter>>(parameter, &at, [schema_error])
        })
        .collect()
}

fn operation(value: &Value, pointer: &JsonPointer) -> Option<Found> {
    let mut children = parameters(value, pointer);
    children.push(
        value
            .get("requestBody")
            .and_then(|body| request_body(body, &pointer.push("requestBody"))),
    );
    let responses_pointer = pointer.push("responses");
    for (code, value) in mapping(value.get("responses")) {
        children.push(response(value, &responses_pointer.push(code)));
    }
    deepest::<Operation>(value, pointer, children)
}

fn content(owner: &Value, pointer: &JsonPointer) -> Vec<Option<Found>> {
    mapping(owner.get("content"))
        .into_iter()
        .map(|(media_type, media)| {
            let at = pointer.push("content").push(media_type).push("schema");
            media.get("schema").and_then(|s| schema(s, &at))
        })
        .collect()
}

fn request_body(value: &Value, pointer: &JsonPointer) -> Option<Found> {
    deepest::<ReferenceOr<RequestBody>>(value, pointer, content(value, pointer))
}

fn response(value: &Value, pointer: &JsonPointer) -> Option<Found> {
    deepest::<ReferenceOr<Response>>(value, pointer, content(value, pointer))
}

fn schema(value: &Value, pointer: &JsonPointer) -> Option<Found> {
    let mut children = Vec::new();
    for (name, property) in mapping(value.get("properties")) {
        children.push(schema(property, &pointer.push("properties").push(name)));
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = value.get(key).filter(|v| v.is_mapping()) {
            children.push(schema(child, &pointer.push(key)));
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for (index, member) in sequence(value.get(key)) {
            children.push(schema(member, &pointer.push(key).push(index.to_string())));
        }
    }
    deepest::<ReferenceOr<Schema>>(value, pointer, children)
}
