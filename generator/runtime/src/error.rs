//! The error type of every fallible call. `Debug` and `Display` never
//! show credentials: they are not part of any variant.

use std::borrow::Cow;
use std::fmt;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::error_body::Detail;

/// Everything that can go wrong with a call. `attempts` counts the
/// requests sent, retries included.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An argument broke the spec's constraints; nothing was sent.
    InvalidInput(ValidationError),
    /// The client configuration is unusable (bad base URL, no
    /// credentials in the environment).
    Config(String),
    /// No configured credentials satisfy the operation's security
    /// requirements; nothing was sent.
    MissingCredentials {
        operation: &'static str,
        /// The accepted combinations, e.g. `api_token, or api_email + api_key`.
        accepted: String,
    },
    /// The last attempt, or reading its body, did not complete in time.
    Timeout {
        source: reqwest::Error,
        attempts: u32,
    },
    /// The last attempt could not be sent or its response not read in
    /// full (refused, reset, closed mid-body).
    Transport {
        source: reqwest::Error,
        attempts: u32,
    },
    /// The server answered with a non-2xx status.
    Api(Box<ApiError>),
    /// The server answered 2xx but with `success: false`.
    Unsuccessful(Box<ApiError>),
    /// The response body is not what the spec describes.
    Decode(Box<DecodeError>),
    /// The response body is larger than the client's
    /// `max_response_size`; reading stopped there.
    ResponseTooLarge {
        status: StatusCode,
        limit: usize,
        attempts: u32,
    },
    /// The request body could not be serialized.
    Encode(serde_json::Error),
    /// An event stream's response headers, or its next bytes, did not
    /// come within `waited` (the timeout bounds each wait, not the
    /// stream).
    StreamTimeout {
        waited: std::time::Duration,
        attempts: u32,
    },
}

impl From<ValidationError> for Error {
    fn from(error: ValidationError) -> Self {
        Self::InvalidInput(error)
    }
}

impl Error {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) | Self::Unsuccessful(error) => Some(error.status),
            Self::Decode(error) => Some(error.status),
            Self::ResponseTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The error body the server sent, decoded as the type the spec gives
    /// for its status (`err.api_body::<models::Error>()`); `None` for
    /// another type, for a body that is not the spec's, and for errors
    /// without a response. The raw body is [`body`](Self::body).
    pub fn api_body<T: std::any::Any>(&self) -> Option<&T> {
        match self {
            Self::Api(error) | Self::Unsuccessful(error) => error.api_body(),
            _ => None,
        }
    }

    /// The server's own message, read from its error body.
    pub fn api_message(&self) -> Option<&str> {
        match self {
            Self::Api(error) | Self::Unsuccessful(error) => error.message.as_deref(),
            _ => None,
        }
    }

    /// The response headers, when a response was read.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Self::Api(error) | Self::Unsuccessful(error) => Some(&error.headers),
            Self::Decode(error) => Some(&error.headers),
            _ => None,
        }
    }

    /// The raw response body, when one was read in full.
    pub fn body(&self) -> Option<&[u8]> {
        match self {
            Self::Api(error) | Self::Unsuccessful(error) => Some(&error.body),
            Self::Decode(error) => Some(&error.body),
            _ => None,
        }
    }

    /// Requests sent for this call; 0 when it failed before sending.
    pub fn attempts(&self) -> u32 {
        match self {
            Self::Timeout { attempts, .. }
            | Self::Transport { attempts, .. }
            | Self::ResponseTooLarge { attempts, .. }
            | Self::StreamTimeout { attempts, .. } => *attempts,
            Self::Api(error) | Self::Unsuccessful(error) => error.attempts,
            Self::Decode(error) => error.attempts,
            _ => 0,
        }
    }

    /// Whether the call was retried before failing.
    pub fn retried(&self) -> bool {
        self.attempts() > 1
    }

    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout { .. } | Self::StreamTimeout { .. })
    }

    /// HTTP 404.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// HTTP 429, after any retries.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// HTTP 401 or 403: credentials missing, wrong or lacking permission.
    pub fn is_auth(&self) -> bool {
        matches!(
            self.status(),
            Some(StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidInput(error) => write!(f, "invalid input: {error}"),
            Self::Config(message) => write!(f, "invalid client configuration: {message}"),
            Self::MissingCredentials {
                operation,
                accepted,
            } => {
                write!(
                    f,
                    "no credentials configured for `{operation}`; it accepts {accepted}"
                )
            }
            // The causes of these four are their `source()`, so their
            // text is not repeated here (`{:#}` in anyhow prints the chain).
            Self::Timeout { .. } => f.write_str("request timed out"),
            Self::Transport { source, .. } => {
                write!(f, "request failed: {}", transport_cause(source))
            }
            Self::Api(error) => write!(f, "API error: {error}"),
            Self::Unsuccessful(error) => write!(f, "API reported failure: {error}"),
            Self::Decode(error) => write!(
                f,
                "could not decode the response body (HTTP {})",
                error.status
            ),
            Self::ResponseTooLarge { status, limit, .. } => {
                write!(
                    f,
                    "response body (HTTP {status}) exceeds the {limit}-byte limit"
                )
            }
            Self::Encode(_) => f.write_str("could not encode the request body"),
            Self::StreamTimeout { waited, .. } => {
                write!(f, "event stream timed out: nothing for {waited:?}")
            }
        }?;
        match self.attempts() {
            0 | 1 => Ok(()),
            attempts => write!(f, " (after {attempts} attempts)"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // A `ValidationError` is this crate's own and its text is part
            // of `Display` above, so it is not a source too.
            Self::Timeout { source, .. } | Self::Transport { source, .. } => Some(source),
            Self::Decode(error) => Some(&error.source),
            Self::Encode(error) => Some(error),
            _ => None,
        }
    }
}

/// What a transport error's text says about its cause, from the
/// error's kind and the I/O error underneath it, if any.
fn transport_cause(error: &reqwest::Error) -> &'static str {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = cause {
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return "connection refused",
                std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted => {
                    return "connection reset by the server";
                }
                std::io::ErrorKind::UnexpectedEof => return "response body cut off",
                _ => {}
            }
        }
        cause = current.source();
    }
    if error.is_body() || error.is_decode() {
        "response body cut off"
    } else if error.is_connect() {
        "could not connect"
    } else if error.is_redirect() {
        "too many redirects"
    } else if error.is_builder() {
        "the request could not be built"
    } else {
        "the connection failed before a complete response"
    }
}

/// A value that breaks a constraint of the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// The type or parameter that was checked.
    pub target: &'static str,
    pub reason: String,
    /// The method argument that held the value, when it was one
    /// (`account_id`); `None` for a value checked on its own.
    pub argument: Option<&'static str>,
}

impl ValidationError {
    pub(crate) fn new(target: &'static str, reason: String) -> Self {
        Self {
            target,
            reason,
            argument: None,
        }
    }

    /// The same error, naming the method argument that held the value.
    pub fn for_argument(mut self, argument: &'static str) -> Self {
        self.argument = Some(argument);
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.argument {
            Some(argument) if argument != self.target => {
                write!(f, "`{argument}` ({}): {}", self.target, self.reason)
            }
            _ => write!(f, "{}: {}", self.target, self.reason),
        }
    }
}

impl std::error::Error for ValidationError {}

/// A response the API marked as failed: a non-2xx status, or (for an
/// API with a `success` flag in its envelope) `success: false`.
#[derive(Clone)]
pub struct ApiError {
    pub status: StatusCode,
    /// The server's own message, read from the body where the spec's
    /// error schema puts it (`error.message`, `message`, `errors[]`...),
    /// else from where APIs usually do; the `code` of each error goes
    /// before its message.
    pub message: Option<String>,
    pub headers: HeaderMap,
    /// The raw response body.
    pub body: Vec<u8>,
    /// Requests sent, retries included.
    pub attempts: u32,
    /// The body decoded as the spec's type for the status.
    pub(crate) detail: Option<Detail>,
}

impl ApiError {
    /// The body as text, with invalid UTF-8 replaced.
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The body, decoded as the type the spec gives for the status; see
    /// [`Error::api_body`].
    pub fn api_body<T: std::any::Any>(&self) -> Option<&T> {
        self.detail.as_deref()?.downcast_ref()
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("message", &self.message)
            .field("attempts", &self.attempts)
            .field("body", &self.body_text())
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(message) = &self.message {
            write!(f, "; {message}")?;
        }
        Ok(())
    }
}

/// A response body that does not decode as the spec describes.
pub struct DecodeError {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The raw response body, exactly as received.
    pub body: Vec<u8>,
    pub source: serde_json::Error,
    /// Requests sent, retries included.
    pub attempts: u32,
}

impl DecodeError {
    /// The body as text, with invalid UTF-8 replaced.
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("source", &self.source)
            .field("attempts", &self.attempts)
            .field("body", &self.body_text())
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the response (HTTP {}): {}",
            self.status, self.source
        )
    }
}
