//! What an operation method hands the send loop: method, path (filled in
//! by `path.rs`), query (encoded here), headers, body and the security
//! requirements.

use crate::auth::Scheme;
use crate::error::Error;
use crate::error_body::ErrorBody;

/// One request, as an operation method describes it.
#[derive(Clone)]
pub(crate) struct Request {
    pub method: reqwest::Method,
    /// Already percent-encoded, starting with `/`.
    pub path: String,
    /// The spec's template of `path` (`/accounts/{account_id}`).
    #[cfg(feature = "tracing")]
    pub path_template: &'static str,
    /// In order; [`write_query`] turns it into the URL's query.
    pub query: Vec<Query>,
    pub headers: Vec<(&'static str, String)>,
    /// The caller's own headers (`Call::header`), checked when given;
    /// each name replaces any other header of that name.
    pub call_headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
    pub body: Option<Body>,
    /// The caller's `Content-Type` for the body (`Call::content_type`),
    /// whenever the body is given.
    pub content_type: Option<String>,
    /// The `Accept` header, unless a header parameter sets one
    /// (`application/json` for operations answering JSON).
    pub accept: Option<&'static str>,
    /// OR of AND-groups of schemes; empty means no credentials.
    pub security: &'static [&'static [Scheme]],
    pub operation_id: &'static str,
    /// The error responses the spec describes (`into_api_error`).
    pub errors: &'static [ErrorBody],
}

#[derive(Clone)]
pub(crate) struct Body {
    pub bytes: Vec<u8>,
    /// The spec's media type, or the caller's (`Call::content_type`).
    pub content_type: std::borrow::Cow<'static, str>,
}

impl Request {
    /// A request without query, headers or body that accepts JSON: what
    /// most operations are, so a method states only how it differs.
    pub(crate) fn new(
        method: reqwest::Method,
        operation_id: &'static str,
        security: &'static [&'static [Scheme]],
        path: crate::path::Path,
    ) -> Self {
        Self {
            method,
            path: path.path,
            #[cfg(feature = "tracing")]
            path_template: path.template,
            query: Vec::new(),
            headers: Vec::new(),
            call_headers: Vec::new(),
            body: None,
            content_type: None,
            accept: Some("application/json"),
            security,
            operation_id,
            errors: &[],
        }
    }

    /// The error responses the spec describes for the operation.
    pub(crate) fn errors(mut self, errors: &'static [ErrorBody]) -> Self {
        self.errors = errors;
        self
    }

    pub(crate) fn headers(mut self, headers: Vec<(&'static str, String)>) -> Self {
        self.headers = headers;
        self
    }

    pub(crate) fn body(mut self, body: Body) -> Self {
        self.body = Some(body);
        self
    }

    /// No `Accept` header: the response is not JSON (or there is none).
    pub(crate) fn accept_any(mut self) -> Self {
        self.accept = None;
        self
    }
}

/// The body's `Content-Type`: the caller's, else the spec's. A typed
/// form keeps its boundary unless the caller's type names one.
pub(crate) fn content_type(body: &Body, caller: Option<&str>) -> std::borrow::Cow<'static, str> {
    use std::borrow::Cow;
    let Some(caller) = caller else {
        return body.content_type.clone();
    };
    let kept = crate::multipart::boundary_of(&body.content_type)
        .filter(|_| crate::multipart::boundary_of(caller).is_none());
    Cow::Owned(match kept {
        Some(boundary) => format!("{caller}; boundary={boundary}"),
        None => caller.to_string(),
    })
}

/// A body sent as given, with the spec's media type.
pub(crate) fn raw_body(bytes: Vec<u8>, content_type: &'static str) -> Body {
    Body {
        bytes,
        content_type: std::borrow::Cow::Borrowed(content_type),
    }
}

pub(crate) fn json_body<T: serde::Serialize>(value: &T) -> Result<Body, Error> {
    let bytes = serde_json::to_vec(value).map_err(Error::Encode)?;
    Ok(Body {
        bytes,
        content_type: std::borrow::Cow::Borrowed("application/json"),
    })
}

/// Characters kept as they are in a path segment or a query name, key or
/// item: RFC 3986 unreserved. Everything else, `/`, `?`, `#`, `%`, `&`,
/// `=`, `+`, `,`, `|`, brackets and spaces included, is percent-encoded, so
/// a value can never change the path, end its query pair or pass for a
/// style's delimiter.
pub(crate) const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// One entry of a request's query, as the parameter's `style` and
/// `explode` say it is written. Names, keys and items are kept as text
/// here and encoded only by [`write_query`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Query {
    /// `name=value`: a scalar, or one item of an exploded (`form`) array.
    One { name: &'static str, value: String },
    /// `name=a,b`: an array's items joined by the style's delimiter (`,`
    /// for `form` without `explode`, ` ` for `spaceDelimited`, `|` for
    /// `pipeDelimited`); no entry at all when there are no items.
    Joined {
        name: &'static str,
        items: Vec<String>,
        delimiter: char,
    },
    /// A `deepObject` value: pairs already encoded by `form.rs`
    /// (`name[key]=value&name[]=item`), empty when there is nothing to
    /// write.
    Pairs { name: &'static str, pairs: String },
}

impl Query {
    pub(crate) fn one<T: std::fmt::Display + ?Sized>(name: &'static str, value: &T) -> Self {
        Self::One {
            name,
            value: value.to_string(),
        }
    }

    /// One entry per item: an exploded array.
    pub(crate) fn exploded<T: std::fmt::Display>(
        name: &'static str,
        items: &[T],
    ) -> impl Iterator<Item = Self> {
        items.iter().map(move |item| Self::one(name, item))
    }

    pub(crate) fn joined<T: std::fmt::Display>(
        name: &'static str,
        items: &[T],
        delimiter: char,
    ) -> Self {
        Self::Joined {
            name,
            items: items.iter().map(ToString::to_string).collect(),
            delimiter,
        }
    }

    /// The parameter's name (a `deepObject`'s, without the key).
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Self::One { name, .. } | Self::Joined { name, .. } | Self::Pairs { name, .. } => name,
        }
    }
}

/// How a style's delimiter is written between items: `,` and `|` as they
/// are (the OpenAPI specification's own examples: `a=1,2`, `a=1|2`), a
/// space as `%20` (a URL holds none), anything else encoded. Items have
/// theirs encoded, so the two cannot be confused.
pub(crate) const DELIMITER: &percent_encoding::AsciiSet = &UNRESERVED.remove(b',').remove(b'|');

/// Appends `entries`, then the `credentials` pairs, to `query` (which may
/// hold text already), `&` between pairs. Every name, key and item is
/// percent-encoded on its own; only the `&`, the `=`, a `deepObject`'s
/// brackets (its pairs come encoded from `form.rs`) and a style's
/// delimiter are written as they are. The URL's own
/// form encoder cannot be used: it would encode those too (`a=1%2C2`,
/// `created%5Bgt%5D=1`) and write spaces as `+`.
pub(crate) fn write_query(query: &mut String, entries: &[Query], credentials: &[(&str, &str)]) {
    let encode = |query: &mut String, text: &str, set| {
        query.extend(percent_encoding::utf8_percent_encode(text, set));
    };
    let start = |query: &mut String, name: &str| {
        if !query.is_empty() {
            query.push('&');
        }
        encode(query, name, UNRESERVED);
    };
    for entry in entries {
        match entry {
            Query::One { name, value } => {
                start(query, name);
                query.push('=');
                encode(query, value, UNRESERVED);
            }
            // An empty array is left out, as if not set.
            Query::Joined { items, .. } if items.is_empty() => {}
            Query::Joined {
                name,
                items,
                delimiter,
            } => {
                start(query, name);
                query.push('=');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        encode(query, delimiter.encode_utf8(&mut [0; 4]), DELIMITER);
                    }
                    encode(query, item, UNRESERVED);
                }
            }
            Query::Pairs { pairs, .. } if pairs.is_empty() => {}
            Query::Pairs { pairs, .. } => {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(pairs);
            }
        }
    }
    for (name, value) in credentials {
        start(query, name);
        query.push('=');
        encode(query, value, UNRESERVED);
    }
}

/// A header array's items as one value, joined by `separator` (`,` for
/// `simple`, the only style of headers). Header values are not encoded.
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
