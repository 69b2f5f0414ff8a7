//! Spec text → `openapiv3::OpenAPI`. Syntax errors keep the line and column
//! serde reports; type errors name the JSON pointer of the offending value.

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
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let tracked: Result<OpenAPI, _> = serde_path_to_error::deserialize(&mut deserializer);
        match tracked {
            Ok(spec) => Ok(spec),
            Err(error) => {
                let pointer = to_pointer(error.path());
                let inner = error.into_inner();
                Err(located(
                    pointer,
                    inner.is_data(),
                    inner.line(),
                    inner.column(),
                    &inner.to_string(),
                ))
            }
        }
    })
}

fn parse_yaml(text: &str) -> Result<OpenAPI, Diagnostic> {
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let tracked: Result<OpenAPI, _> = serde_path_to_error::deserialize(deserializer);
    tracked.map_err(|error| {
        let pointer = to_pointer(error.path());
        let inner = error.into_inner();
        let (line, column) = inner
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        // serde_yaml reports type errors with a location too; a pointer is
        // only meaningful once the text has parsed as YAML at all.
        let is_data = !pointer.segments().is_empty();
        located(pointer, is_data, line, column, &inner.to_string())
    })
}

fn located(
    pointer: JsonPointer,
    is_data: bool,
    line: usize,
    column: usize,
    message: &str,
) -> Diagnostic {
    let message = strip_location_suffix(message);
    if is_data {
        Diagnostic {
            severity: Severity::Error,
            location: Location::Pointer(pointer),
            message: format!("{message} (line {line}, column {column})"),
        }
    } else {
        Diagnostic {
            severity: Severity::Error,
            location: Location::Text { line, column },
            message,
        }
    }
}

/// serde appends " at line X column Y" to its messages; we report the
/// location separately, so drop it from the text.
fn strip_location_suffix(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
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
