//! The error responses a spec describes: for each operation, which
//! statuses answer with which body, how that body decodes into the spec's
//! type, and where in it the server puts its message. A non-2xx response
//! becomes [`Error::Api`](crate::Error::Api) through [`api_error`], which
//! keeps status, headers and raw body whatever the body is.

use std::any::Any;
use std::sync::Arc;

use reqwest::StatusCode;

use crate::error::{ApiError, Error};
use crate::response::RawResponse;

/// A decoded error body, of the type the spec gives (or, for an
/// envelope, the envelope's `errors` and `messages`).
pub(crate) type Detail = Arc<dyn Any + Send + Sync>;

/// The statuses an error response of the spec covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Statuses {
    /// One status, `404`.
    Code(u16),
    /// A class, `4XX` (`Range(4)`).
    Range(u16),
    /// `default`: every status no other response of the operation names.
    Default,
}

impl Statuses {
    /// How closely this matches `status`: an exact code beats a range,
    /// which beats `default`, as OpenAPI says; `None` when it does not.
    fn rank(self, status: StatusCode) -> Option<u8> {
        match self {
            Self::Code(code) if code == status.as_u16() => Some(0),
            Self::Range(class) if class == status.as_u16() / 100 => Some(1),
            Self::Default => Some(2),
            _ => None,
        }
    }
}

/// One error response of an operation, as the generated method hands it
/// to the request.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ErrorBody {
    pub statuses: Statuses,
    /// The body as the spec's type; `None` when it does not decode.
    pub decode: fn(&[u8]) -> Option<Detail>,
    /// Where the server's message is: member names, `[]` for every item
    /// of a list (see [`message_at`]). Empty when the schema has none.
    pub message: &'static [&'static str],
}

/// [`ErrorBody::decode`] for a body of type `T`.
// Only generated operations name their error types.
#[allow(dead_code)]
pub(crate) fn typed<T>(body: &[u8]) -> Option<Detail>
where
    T: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    let value: T = serde_json::from_slice(body).ok()?;
    Some(Arc::new(value))
}

/// Where a message usually is, tried when the spec describes no body
/// for the status: `{"error": {"message"}}` (Stripe, OpenAI, Hetzner),
/// `{"message"}` (GitHub), `{"errors": [..]}` (Cloudflare, JSON:API),
/// `{"detail"}` (RFC 9457), `{"error_description"}` (OAuth),
/// `{"error": "..."}`.
const USUAL_PLACES: &[&[&str]] = &[
    &["error", "message"],
    &["message"],
    &["errors", "[]"],
    &["detail"],
    &["error_description"],
    &["title"],
    &["error"],
];

impl RawResponse {
    /// The error for a non-2xx response: its body decoded as the best
    /// matching response of `errors` says, and the server's message read
    /// from where that response puts it (else from the usual places).
    pub(crate) fn into_api_error(self, errors: &[ErrorBody]) -> Error {
        let described = errors
            .iter()
            .filter_map(|body| Some((body.statuses.rank(self.status)?, body)))
            .min_by_key(|(rank, _)| *rank)
            .map(|(_, body)| body);
        let detail = described.and_then(|body| (body.decode)(&self.body));
        let value = serde_json::from_slice::<serde_json::Value>(&self.body).ok();
        // Where the spec puts it first; a body that is not the spec's (a
        // gateway's, say) may still say something where APIs usually do.
        let message = value.as_ref().and_then(|value| {
            described
                .map(|body| body.message)
                .into_iter()
                .chain(USUAL_PLACES.iter().copied())
                .find_map(|place| message_at(value, place))
        });
        Error::Api(Box::new(ApiError {
            status: self.status,
            message,
            detail,
            headers: self.headers,
            body: self.body,
            attempts: self.attempts,
        }))
    }
}

/// The text at `path` in `value`: a string, or for an object its
/// `message` (else `detail`, else `title`, as JSON:API errors have),
/// after its `code` when it has one. A `[]` segment reads
/// every item of a list; their texts are joined with `; `. `None` when
/// nothing there is text.
pub(crate) fn message_at(value: &serde_json::Value, path: &[&str]) -> Option<String> {
    let mut texts = Vec::new();
    collect(value, path, &mut texts);
    (!texts.is_empty()).then(|| texts.join("; "))
}

fn collect(value: &serde_json::Value, path: &[&str], texts: &mut Vec<String>) {
    use serde_json::Value;
    match (path.split_first(), value) {
        (Some((&"[]", rest)), Value::Array(items)) => {
            for item in items {
                collect(item, rest, texts);
            }
        }
        (Some((member, rest)), Value::Object(object)) => {
            if let Some(inner) = object.get(*member) {
                collect(inner, rest, texts);
            }
        }
        (None, Value::String(text)) if !text.is_empty() => texts.push(text.clone()),
        (None, Value::Object(object)) => {
            let Some(message) = ["message", "detail", "title"]
                .iter()
                .find_map(|member| object.get(*member)?.as_str().filter(|m| !m.is_empty()))
            else {
                return;
            };
            match object.get("code") {
                Some(Value::Number(code)) => texts.push(format!("{code} {message}")),
                Some(Value::String(code)) if !code.is_empty() => {
                    texts.push(format!("{code} {message}"));
                }
                _ => texts.push(message.to_string()),
            }
        }
        _ => {}
    }
}
