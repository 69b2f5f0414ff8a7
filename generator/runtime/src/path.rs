//! A request's path from its template: each `{name}` replaced by its
//! argument's value, percent-encoded as (part of) one segment.

use crate::error::{Error, ValidationError};
use crate::request::UNRESERVED;

/// A path filled in from its template.
#[derive(Debug)]
pub(crate) struct Path {
    /// Percent-encoded, starting with `/`.
    pub path: String,
    /// The template it was filled from, as the spec writes it: what the
    /// `tracing` feature records (`url.template`), never the values.
    #[cfg(feature = "tracing")]
    pub template: &'static str,
}

/// Fills `template`'s `{name}`s with `values`, in order. Literal text is
/// copied as it is (the generator writes any brace of the spec's own
/// literal text encoded, so every brace here delimits a name). A value
/// that is empty, `.` or `..` would change which resource the path
/// names, so it is refused with the name of its parameter.
pub(crate) fn fill(template: &'static str, values: &[&str]) -> Result<Path, Error> {
    // Room for the values as they usually are (nothing to encode), so
    // the path is allocated once.
    let mut path =
        String::with_capacity(template.len() + values.iter().map(|v| v.len()).sum::<usize>());
    let mut rest = template;
    let mut values = values.iter();
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').unwrap_or(after.len());
        let name = &after[..close];
        // A missing value (never generated) is refused like an empty one.
        let value = values.next().copied().unwrap_or_default();
        if value.is_empty() || value == "." || value == ".." {
            return Err(Error::InvalidInput(ValidationError::new(
                name,
                format!("`{value}` cannot be used as a path segment"),
            )));
        }
        // IDs, nearly every value, need no encoding: a plain scan of the
        // bytes is several times cheaper than the encoder's iterator.
        if value.bytes().all(is_unreserved) {
            path.push_str(value);
        } else {
            path.extend(percent_encoding::utf8_percent_encode(value, UNRESERVED));
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    path.push_str(rest);
    Ok(Path {
        path,
        #[cfg(feature = "tracing")]
        template,
    })
}

/// A byte [`UNRESERVED`] keeps as it is.
pub(crate) fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~')
}
