//! Spec text → `openapiv3::OpenAPI`. Syntax errors keep the line and column
//! serde reports; type errors name the JSON pointer of the offending value.

mod locate;

use openapiv3::OpenAPI;

use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::pointer::JsonPointer;

/// Parses a JSON or YAML OpenAPI 3.0 document.
pub fn parse_spec(text: &str) -> Result<OpenAPI, Diagnostic> {
    let spec = if looks_like_json(text) {
        parse_json(text)?
    } else {
        parse_yaml(text)?
    };
    if !spec.openapi.starts_with("3.0") {
        return Err(Diagnostic::error(
            &JsonPointer::root().push("openapi"),
            format!(
                "unsupported OpenAPI version `{}`: only 3.0.x documents are read",
                spec.openapi
            ),
        ));
    }
    Ok(spec)
}

fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

fn parse_json(text: &str) -> Result<OpenAPI, Diagnostic> {
    // The fast path has no path tracking; only a failure pays for it.
    serde_json::from_str(text).or_else(|_| {
        let document: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| syntax_error(e.line(), e.column(), &e.to_string()))?;
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let tracked: Result<OpenAPI, _> = serde_path_to_error::deserialize(&mut deserializer);
        match tracked {
            Ok(spec) => Ok(spec),
            Err(error) => {
                let document = serde_yaml::to_value(document).unwrap_or_default();
                Err(type_error(
                    &document,
                    to_pointer(error.path()),
                    &error.into_inner().to_string(),
                ))
            }
        }
    })
}

fn parse_yaml(text: &str) -> Result<OpenAPI, Diagnostic> {
    // Syntax first: a text that is not YAML has a line and column but no
    // meaningful pointer.
    let document: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        syntax_error(line, column, &e.to_string())
    })?;
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let tracked: Result<OpenAPI, _> = serde_path_to_error::deserialize(deserializer);
    tracked.map_err(|error| {
        type_error(
            &document,
            to_pointer(error.path()),
            &error.into_inner().to_string(),
        )
    })
}

fn syntax_error(line: usize, column: usize, message: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        location: Location::Text { line, column },
        message: strip_location_suffix(message),
    }
}

/// A value of the wrong shape: located by deserializing the document's
/// parts one by one, falling back to the path serde tracked.
fn type_error(document: &serde_yaml::Value, tracked: JsonPointer, message: &str) -> Diagnostic {
    let (pointer, message) =
        locate::locate(document).unwrap_or_else(|| (tracked, message.to_string()));
    Diagnostic::error(
        &pointer,
        strip_path_prefix(&strip_location_suffix(&message)),
    )
}

/// serde appends " at line X column Y" to its messages; the diagnostic
/// carries the location itself.
fn strip_location_suffix(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

/// serde_yaml prefixes messages with its own dotted path (`paths: ...`);
/// the pointer says that better.
fn strip_path_prefix(message: &str) -> String {
    match message.split_once(": ") {
        Some((prefix, rest)) if !prefix.contains(' ') => rest.to_string(),
        _ => message.to_string(),
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
