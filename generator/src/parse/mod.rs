//! Spec text → `openapiv3::OpenAPI`. Syntax errors keep the line and column
//! serde reports. A document that openapiv3 cannot read as a whole is
//! repaired part by part (`parse/repair.rs`): the parts that cannot be read are
//! degraded or left out, each with a warning at its JSON pointer, and only
//! a document that cannot be read at all is an error.

mod deep_refs;
mod locate;
mod numbers;
mod repair;
mod v31;

use openapiv3::OpenAPI;

use crate::diagnostics::{Diagnostic, Kind, Location, Severity};

/// A parsed spec and what was repaired to read it.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub spec: OpenAPI,
    /// One warning per repaired, degraded or skipped part; empty for a
    /// document openapiv3 reads as it is.
    pub warnings: Vec<Diagnostic>,
}

/// Parses a JSON or YAML OpenAPI 3.0 or 3.1 document (3.1 is rewritten to
/// 3.0 first, `parse/v31.rs`).
pub fn parse_spec(text: &str) -> Result<Parsed, Diagnostic> {
    let json = looks_like_json(text);
    // The fast path: a clean document is typed straight from the text.
    let typed = if json {
        serde_json::from_str::<OpenAPI>(text).ok()
    } else {
        serde_yaml::from_str::<OpenAPI>(text).ok()
    };
    let typed = typed
        .filter(|spec| !spec.openapi.starts_with("3.1") && !deep_refs::may_have_deep_refs(text));
    if let Some(spec) = typed {
        if !spec.openapi.starts_with("3.0") {
            return Err(repair::unsupported_version(&spec.openapi));
        }
        return Ok(Parsed {
            spec,
            warnings: Vec::new(),
        });
    }
    let document = if json {
        serde_json::from_str(text)
            .map_err(|e| syntax_error(e.line(), e.column(), &e.to_string()))?
    } else {
        let value: serde_yaml::Value = numbers::read_yaml(text).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((0, 0));
            syntax_error(line, column, &e.to_string())
        })?;
        yaml_to_json(value)
    };
    let mut document = document;
    let mut warnings = if v31::is_v31(&document) {
        v31::downgrade(&mut document)
    } else {
        Vec::new()
    };
    deep_refs::hoist(&mut document);
    warnings.extend(numbers::drop_wide_bounds(&mut document));
    let (spec, repairs) = repair::repair(document)?;
    warnings.extend(repairs);
    Ok(Parsed { spec, warnings })
}

fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

fn syntax_error(line: usize, column: usize, message: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        location: Location::Text { line, column },
        message: strip_location_suffix(message),
        kind: Kind::Other,
    }
}

/// serde appends " at line X column Y" to its messages; the diagnostic
/// carries the location itself.
fn strip_location_suffix(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

/// A YAML value as JSON: keys that YAML reads as numbers or booleans
/// (`200:` in `responses`) become the strings JSON would have; tags are
/// dropped.
fn yaml_to_json(value: serde_yaml::Value) -> serde_json::Value {
    use serde_json::Value as Json;
    use serde_yaml::Value as Yaml;
    match value {
        Yaml::Null => Json::Null,
        Yaml::Bool(b) => Json::Bool(b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Json::from(i)
            } else if let Some(u) = n.as_u64() {
                Json::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Json::Null, Json::Number)
            }
        }
        Yaml::String(s) => Json::String(s),
        Yaml::Sequence(items) => Json::Array(items.into_iter().map(yaml_to_json).collect()),
        Yaml::Mapping(map) => Json::Object(
            map.into_iter()
                .map(|(key, value)| (yaml_key(key), yaml_to_json(value)))
                .collect(),
        ),
        Yaml::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn yaml_key(key: serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(text) => text,
        serde_yaml::Value::Null => "null".to_string(),
        other => serde_yaml::to_string(&other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_integer_status_keys_survive_repair() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {in: query, name: q}\n      responses:\n        200: {description: ok}\n        404: {description: missing}\n";
        let parsed = parse_spec(text).unwrap();
        assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
        let operation = parsed.spec.paths.paths["/a"]
            .as_item()
            .and_then(|item| item.get.clone())
            .unwrap();
        assert_eq!(operation.responses.responses.len(), 2);
        assert!(
            operation
                .responses
                .responses
                .contains_key(&openapiv3::StatusCode::Code(200))
        );
    }

    #[test]
    fn a_clean_document_has_no_warnings() {
        let text = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#;
        assert!(parse_spec(text).unwrap().warnings.is_empty());
    }

    #[test]
    fn syntax_errors_keep_line_and_column() {
        let error = parse_spec("{\"openapi\": \"3.0.3\",\n \"paths\": {,}}").unwrap_err();
        assert_eq!(
            error.location,
            Location::Text {
                line: 2,
                column: 12
            }
        );
    }
}
