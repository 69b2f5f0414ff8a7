//! Lenient intake: a document that openapiv3 cannot read as a whole is
//! checked and repaired as a JSON value, one part at a time, so that one bad
//! item costs that item and not the spec. Each repair is a warning at the
//! pointer of the part (in the document as written: indices are those before
//! anything was removed).
//!
//! | part | when it cannot be read |
//! |---|---|
//! | parameter without `schema` or `content` | read as `schema: {type: string}` |
//! | schema | replaced by `{}` (`serde_json::Value`), so `$ref`s to it stay valid |
//! | parameter, request body, response, operation, server, security scheme | left out of its list or map |
//! | path item | left out: its operations are skipped |
//! | `servers`, `security`, `tags`, `externalDocs`, a `components` entry or section that still fails | left out |
//!
//! The document is refused (an error) only when it cannot be read at all:
//! not an object, `openapi` not a 3.0.x version string, `info` or `paths`
//! unusable.

use openapiv3::{Info, OpenAPI};
use serde::Deserialize;
use serde_json::{Value, json};

use super::locate::{self, Fix, Fixer, Part};
use crate::diagnostics::{Diagnostic, Fallback, Item, Kind, Reason, Repair};
use crate::pointer::JsonPointer;

/// Top-level keys whose failure is repaired by leaving them out, bounding
/// the final loop.
const OPTIONAL_TOP_LEVEL: &[&str] = &["servers", "security", "tags", "externalDocs", "components"];

/// Repairs `document` until openapiv3 reads it; the warnings say what was
/// changed, the error why the document cannot be read at all.
pub fn repair(mut document: Value) -> Result<(OpenAPI, Vec<Diagnostic>), Diagnostic> {
    let root = JsonPointer::root();
    let Some(object) = document.as_object() else {
        return Err(Diagnostic::error(
            &root,
            format!(
                "the document is {}, not an object; it cannot be read as an OpenAPI spec",
                kind_of(&document)
            ),
        ));
    };
    check_version(object.get("openapi"))?;
    if let Err(error) = Info::deserialize(object.get("info").unwrap_or(&Value::Null)) {
        return Err(Diagnostic::error(&root.push("info"), error.to_string()));
    }
    if !object.get("paths").is_some_and(Value::is_object) {
        return Err(Diagnostic::error(
            &root.push("paths"),
            "`paths` must be an object of path items",
        ));
    }

    let mut repairs = Repairs::default();
    locate::fix_parts(&mut document, &mut repairs);
    // What the parts do not cover: a wrong top-level value, or a
    // `components` section not checked part by part (headers, examples...).
    // Each round removes one key, so the loop ends.
    for _ in 0..=OPTIONAL_TOP_LEVEL.len() * 16 {
        let error = match serde_path_to_error::deserialize::<_, OpenAPI>(&document) {
            Ok(spec) => return Ok((spec, repairs.warnings)),
            Err(error) => error,
        };
        let pointer = to_pointer(error.path());
        let message = error.into_inner().to_string();
        let Some(removable) = removable(&pointer) else {
            return Err(Diagnostic::error(&pointer, message));
        };
        if !remove(&mut document, &removable) {
            return Err(Diagnostic::error(&pointer, message));
        }
        repairs.warnings.push(Diagnostic::of(
            Kind::LeftOut {
                item: Item::TopLevelPart,
                reason: Reason::CouldNotBeRead,
            },
            &removable,
            format!("could not be read ({message})"),
        ));
    }
    Err(Diagnostic::error(&root, "too many parts could not be read"))
}

fn check_version(version: Option<&Value>) -> Result<(), Diagnostic> {
    let pointer = JsonPointer::root().push("openapi");
    match version {
        Some(Value::String(version)) if version.starts_with("3.0") => Ok(()),
        Some(Value::String(version)) => Err(unsupported_version(version)),
        Some(other) => Err(Diagnostic::error(
            &pointer,
            format!(
                "`openapi` is {}; a version string like \"3.0.3\" is expected",
                kind_of(other)
            ),
        )),
        None => Err(Diagnostic::error(
            &pointer,
            "missing `openapi`: a version string like \"3.0.3\" is expected",
        )),
    }
}

pub fn unsupported_version(version: &str) -> Diagnostic {
    Diagnostic::error(
        &JsonPointer::root().push("openapi"),
        format!("unsupported OpenAPI version `{version}`: only 3.0.x and 3.1.x documents are read"),
    )
}

/// The top-level key, or the `components` section or entry, to leave out
/// for an error at `pointer`.
fn removable(pointer: &JsonPointer) -> Option<JsonPointer> {
    let segments = pointer.segments();
    let first = segments.first()?;
    if !OPTIONAL_TOP_LEVEL.contains(&first.as_str()) {
        return None;
    }
    let depth = if first == "components" {
        segments.len().min(3)
    } else {
        1
    };
    Some(
        segments[..depth]
            .iter()
            .fold(JsonPointer::root(), |p, s| p.push(s.clone())),
    )
}

fn remove(document: &mut Value, pointer: &JsonPointer) -> bool {
    let Some((last, parents)) = pointer.segments().split_last() else {
        return false;
    };
    let parent = parents
        .iter()
        .try_fold(&mut *document, |node, key| node.get_mut(key.as_str()));
    parent
        .and_then(Value::as_object_mut)
        .and_then(|map| map.shift_remove(last))
        .is_some()
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn to_pointer(path: &serde_path_to_error::Path) -> JsonPointer {
    use serde_path_to_error::Segment;
    path.iter()
        .fold(JsonPointer::root(), |pointer, segment| match segment {
            Segment::Seq { index } => pointer.push(index.to_string()),
            Segment::Map { key } => pointer.push(key.clone()),
            Segment::Enum { variant } => pointer.push(variant.clone()),
            Segment::Unknown => pointer,
        })
}

/// The repair policy: what each kind of part becomes when it cannot be read.
#[derive(Default)]
struct Repairs {
    warnings: Vec<Diagnostic>,
}

impl Fixer for Repairs {
    fn fix(
        &mut self,
        part: Part,
        pointer: &JsonPointer,
        value: &mut Value,
        message: &str,
        attempt: usize,
    ) -> Fix {
        if attempt == 0 && part == Part::Parameter && lacks_schema_and_content(value) {
            if let Some(map) = value.as_object_mut() {
                map.insert("schema".to_string(), json!({ "type": "string" }));
            }
            self.warnings.push(Diagnostic::of(
                Kind::Repaired(Repair::ParameterWithoutSchema),
                pointer,
                "parameter has neither `schema` nor `content`",
            ));
            return Fix::Changed;
        }
        let reason = Reason::CouldNotBeRead;
        let left_out = |item| Kind::LeftOut { item, reason };
        let kind = match part {
            Part::Schema => {
                *value = json!({});
                Kind::Degraded {
                    to: Fallback::Json,
                    reason,
                }
            }
            Part::PathItem => Kind::PathItemSkipped,
            Part::Operation => left_out(Item::Operation),
            Part::Parameter => left_out(Item::Parameter),
            Part::RequestBody => left_out(Item::RequestBody),
            Part::Response => left_out(Item::Response),
            Part::Server => left_out(Item::Server),
            Part::SecurityScheme => left_out(Item::SecurityScheme),
        };
        self.warnings.push(Diagnostic::of(
            kind,
            pointer,
            format!("could not be read ({message})"),
        ));
        if part == Part::Schema {
            Fix::Changed
        } else {
            Fix::Remove
        }
    }
}

/// A parameter object (not a `$ref`) that says neither how its value is
/// typed nor encoded.
fn lacks_schema_and_content(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        !map.contains_key("$ref")
            && map.contains_key("in")
            && !map.contains_key("schema")
            && !map.contains_key("content")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(paths: Value) -> Value {
        json!({
            "openapi": "3.0.3",
            "info": { "title": "t", "version": "1" },
            "paths": paths,
        })
    }

    fn messages(warnings: &[Diagnostic]) -> Vec<String> {
        warnings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_parameter_without_schema_is_read_as_a_string() {
        let document = spec(json!({ "/dns_records": { "get": {
            "parameters": [
                { "in": "query", "name": "comment.present", "description": "d" },
                { "in": "query", "name": "page", "schema": { "type": "integer" } },
            ],
            "responses": { "200": { "description": "ok" } },
        }}}));
        let (spec, warnings) = repair(document).unwrap();
        assert_eq!(
            messages(&warnings),
            [
                "warning: #/paths/~1dns_records/get/parameters/0: parameter has neither `schema` nor `content`; read as a string"
            ]
        );
        let operation = spec.paths.paths["/dns_records"]
            .as_item()
            .unwrap()
            .get
            .as_ref()
            .unwrap();
        assert_eq!(operation.parameters.len(), 2);
    }

    #[test]
    fn an_unreadable_parameter_is_skipped_and_later_pointers_keep_their_index() {
        let document = spec(json!({ "/a": { "get": {
            "parameters": [
                { "in": "query", "name": "x", "required": "yes", "schema": {} },
                { "in": "query", "name": "y", "required": "no", "schema": {} },
                { "in": "query", "name": "z", "schema": {} },
            ],
            "responses": {},
        }}}));
        let (spec, warnings) = repair(document).unwrap();
        assert_eq!(
            messages(&warnings),
            [
                "warning: #/paths/~1a/get/parameters/0: could not be read (invalid type: string \"yes\", expected a boolean); the parameter is skipped",
                "warning: #/paths/~1a/get/parameters/1: could not be read (invalid type: string \"no\", expected a boolean); the parameter is skipped",
            ]
        );
        let item = spec.paths.paths["/a"].as_item().unwrap();
        let parameters = &item.get.as_ref().unwrap().parameters;
        assert_eq!(parameters.len(), 1);
    }

    #[test]
    fn an_unreadable_operation_is_skipped_and_its_siblings_kept() {
        let document = spec(json!({
            "/a": {
                "get": { "responses": {}, "deprecated": "sometimes" },
                "post": { "responses": {} },
            },
            "/b": { "get": { "responses": {} } },
        }));
        let (spec, warnings) = repair(document).unwrap();
        assert_eq!(
            messages(&warnings),
            [
                "warning: #/paths/~1a/get: could not be read (invalid type: string \"sometimes\", expected a boolean); the operation is skipped"
            ]
        );
        let a = spec.paths.paths["/a"].as_item().unwrap();
        assert!(a.get.is_none() && a.post.is_some());
        assert!(spec.paths.paths.contains_key("/b"));
    }

    #[test]
    fn a_path_item_of_the_wrong_type_is_skipped() {
        let document = spec(json!({ "/a": 5, "/b": { "get": { "responses": {} } } }));
        let (spec, warnings) = repair(document).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .to_string()
                .starts_with("warning: #/paths/~1a: could not be read (")
        );
        assert_eq!(spec.paths.paths.len(), 1);
    }

    #[test]
    fn only_the_deepest_unreadable_schema_is_degraded() {
        let mut document = spec(json!({}));
        document["components"] = json!({ "schemas": {
            "zone": { "type": "object", "properties": {
                "id": { "type": "string" },
                "plan": { "type": "object", "required": "all" },
            }},
            "other": { "type": "string" },
        }});
        let (spec, warnings) = repair(document).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].to_string().starts_with(
                "warning: #/components/schemas/zone/properties/plan: could not be read ("
            ),
            "{}",
            warnings[0]
        );
        assert!(warnings[0].message.ends_with("; read as serde_json::Value"));
        let schemas = &spec.components.unwrap().schemas;
        assert_eq!(schemas.len(), 2);
    }

    #[test]
    fn a_bad_response_and_body_are_skipped() {
        let document = spec(json!({ "/a": { "post": {
            "requestBody": { "content": 7 },
            "responses": { "200": { "description": "ok" }, "404": [] },
        }}}));
        let (spec, warnings) = repair(document).unwrap();
        let texts = messages(&warnings);
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("warning: #/paths/~1a/post/requestBody: could not be read"));
        assert!(texts[0].ends_with("; the request body is skipped"));
        assert!(texts[1].starts_with("warning: #/paths/~1a/post/responses/404: could not be read"));
        let operation = spec.paths.paths["/a"].as_item().unwrap().post.clone();
        let operation = operation.unwrap();
        assert!(operation.request_body.is_none());
        assert_eq!(operation.responses.responses.len(), 1);
    }

    #[test]
    fn wrong_optional_top_level_values_are_left_out() {
        let mut document = spec(json!({}));
        document["tags"] = json!("dns");
        document["components"] = json!({ "headers": { "h": 3 } });
        let (_, warnings) = repair(document).unwrap();
        let texts = messages(&warnings);
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(
            texts[0].starts_with("warning: #/tags: could not be read"),
            "{texts:?}"
        );
        assert!(texts[1].starts_with("warning: #/components/headers/h: could not be read"));
    }

    #[test]
    fn unreadable_documents_stay_errors() {
        let error = |document: Value| repair(document).unwrap_err().to_string();
        assert_eq!(
            error(json!([1])),
            "error: #: the document is a list, not an object; it cannot be read as an OpenAPI spec"
        );
        let mut wrong_version = spec(json!({}));
        wrong_version["openapi"] = json!("3.2.0");
        assert_eq!(
            error(wrong_version),
            "error: #/openapi: unsupported OpenAPI version `3.2.0`: only 3.0.x and 3.1.x documents are read"
        );
        let mut no_title = spec(json!({}));
        no_title["info"] = json!({ "version": "1" });
        assert_eq!(error(no_title), "error: #/info: missing field `title`");
        assert_eq!(
            error(spec(json!([]))),
            "error: #/paths: `paths` must be an object of path items"
        );
    }
}
