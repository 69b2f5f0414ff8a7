//! What an operation method hands the send loop: method, path (built
//! and percent-encoded here), query, headers, body and the security
//! requirements.
// Support for every kind of operation; a spec may need only some.
#![allow(dead_code)]

use crate::auth::Scheme;
use crate::error::{Error, ValidationError};

/// One request, as an operation method describes it.
#[derive(Clone)]
pub(crate) struct Request {
    pub method: reqwest::Method,
    /// Already percent-encoded, starting with `/`.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Body>,
    /// The `Accept` header, unless a header parameter sets one
    /// (`application/json` for operations answering JSON).
    pub accept: Option<&'static str>,
    /// OR of AND-groups of schemes; empty means no credentials.
    pub security: &'static [&'static [Scheme]],
    pub operation_id: &'static str,
}

#[derive(Clone)]
pub(crate) struct Body {
    pub bytes: Vec<u8>,
    /// The spec's media type, or the caller's (`Call::content_type`).
    pub content_type: std::borrow::Cow<'static, str>,
}

pub(crate) fn json_body<T: serde::Serialize>(value: &T) -> Result<Body, Error> {
    let bytes = serde_json::to_vec(value).map_err(Error::Encode)?;
    Ok(Body {
        bytes,
        content_type: std::borrow::Cow::Borrowed("application/json"),
    })
}

/// A piece of a path template: literal text (with its `/`s) or a
/// parameter value, encoded as part of one segment.
pub(crate) enum PathPiece<'a> {
    Literal(&'static str),
    Param(&'static str, &'a str),
}

/// Characters kept as they are in a path segment: RFC 3986
/// unreserved. Everything else, `/`, `?`, `#` and `%` included, is
/// percent-encoded, so a value can never change the path or add a query.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

pub(crate) fn build_path(pieces: &[PathPiece<'_>]) -> Result<String, Error> {
    let mut path = String::new();
    for piece in pieces {
        match piece {
            PathPiece::Literal(text) => path.push_str(text),
            PathPiece::Param(name, value) => {
                if value.is_empty() || *value == "." || *value == ".." {
                    return Err(Error::InvalidInput(ValidationError::new(
                        name,
                        format!("`{value}` cannot be used as a path segment"),
                    )));
                }
                path.extend(percent_encoding::utf8_percent_encode(value, SEGMENT));
            }
        }
    }
    Ok(path)
}

/// An array parameter's items as one value, joined by `separator` (`,` for
/// `form` without `explode` and header `simple`, ` ` for `spaceDelimited`,
/// `|` for `pipeDelimited`). The query's URL encoder then encodes the whole
/// value, separator included, like any other.
pub(crate) fn join<T: std::fmt::Display>(items: &[T], separator: char) -> String {
    let mut joined = String::new();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            joined.push(separator);
        }
        joined.push_str(&item.to_string());
    }
    joined
}
