//! Cloudflare's response conventions, copied only into crates whose spec
//! has them: the `success` / `errors` / `messages` / `result` /
//! `result_info` envelope (its messages are `message.rs`'s), in successful
//! and failed responses alike, and the `cf-ray` request id on responses and
//! errors.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::error::{ApiError, Error};
use crate::error_body::{Detail, ErrorBody, Statuses};
use crate::message::ResponseMessage;
use crate::object::{self, FromObject};
use crate::pagination::ResultInfo;
use crate::response::{ApiResponse, RawResponse};

/// The Cloudflare response envelope, every field optional: real
/// responses send `null` for lists the spec calls required.
struct Envelope<T> {
    success: Option<bool>,
    errors: Option<Vec<ResponseMessage>>,
    messages: Option<Vec<ResponseMessage>>,
    result: Option<T>,
    result_info: Option<serde_json::Value>,
}

// The serde impl goes through `object.rs`, as model structs' do (no derive,
// so no proc-macro crates to build); every field of the envelope is
// optional on the wire, so a missing one is its default.

impl<T: DeserializeOwned> FromObject for Envelope<T> {
    const NAME: &'static str = "Envelope";
    const FIELDS: &'static [&'static str] =
        &["success", "errors", "messages", "result", "result_info"];
    type Slots = (
        Option<Option<bool>>,
        Option<Option<Vec<ResponseMessage>>>,
        Option<Option<Vec<ResponseMessage>>>,
        Option<Option<T>>,
        Option<Option<serde_json::Value>>,
    );

    fn from_slots<E: serde::de::Error>(slots: Self::Slots, _: object::Members) -> Result<Self, E> {
        let (success, errors, messages, result, result_info) = slots;
        Ok(Self {
            success: success.unwrap_or_default(),
            errors: errors.unwrap_or_default(),
            messages: messages.unwrap_or_default(),
            result: result.unwrap_or_default(),
            result_info: result_info.unwrap_or_default(),
        })
    }
}

impl<'de, T: DeserializeOwned> serde::Deserialize<'de> for Envelope<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}

/// What a successful envelope held besides its `result`
/// ([`ApiResponse::messages`], [`ApiResponse::result_info`]).
struct Rest {
    messages: Vec<ResponseMessage>,
    result_info: Option<serde_json::Value>,
}

/// A failed envelope's lists ([`ApiError::errors`],
/// [`ApiError::messages`]).
struct Failure {
    errors: Vec<ResponseMessage>,
    messages: Vec<ResponseMessage>,
}

impl Failure {
    /// The errors as [`ApiError::message`] shows them: `code message`,
    /// joined with `; `.
    fn message(&self) -> Option<String> {
        let texts: Vec<String> = self
            .errors
            .iter()
            .map(|error| format!("{} {}", error.code, error.message))
            .collect();
        (!texts.is_empty()).then(|| texts.join("; "))
    }
}

/// The error responses of an operation whose every failure is in the
/// envelope.
pub(crate) const FAILURES: &[ErrorBody] = &[ErrorBody {
    statuses: Statuses::Default,
    decode: failure,
    message: &["errors", "[]"],
}];

/// [`ErrorBody::decode`](crate::error_body::ErrorBody::decode) for an
/// error response in the envelope: its `errors` and `messages`.
pub(crate) fn failure(body: &[u8]) -> Option<Detail> {
    let envelope: Envelope<serde::de::IgnoredAny> = serde_json::from_slice(body).ok()?;
    Some(Arc::new(Failure {
        errors: envelope.errors.unwrap_or_default(),
        messages: envelope.messages.unwrap_or_default(),
    }))
}

impl RawResponse {
    /// Decodes an envelope; `success: false` is an error even with a
    /// 2xx status.
    pub(crate) fn envelope<T: DeserializeOwned>(self) -> Result<ApiResponse<Option<T>>, Error> {
        let envelope: Envelope<T> = match serde_json::from_slice(&self.body) {
            Ok(envelope) => envelope,
            Err(source) => return Err(self.decode_error(source)),
        };
        if envelope.success == Some(false) {
            let failure = Failure {
                errors: envelope.errors.unwrap_or_default(),
                messages: envelope.messages.unwrap_or_default(),
            };
            return Err(Error::Unsuccessful(Box::new(ApiError {
                status: self.status,
                message: failure.message(),
                detail: Some(Arc::new(failure)),
                headers: self.headers,
                body: self.body,
                attempts: self.attempts,
            })));
        }
        let rest = Rest {
            messages: envelope.messages.unwrap_or_default(),
            result_info: envelope.result_info,
        };
        Ok(self.respond(envelope.result, Some(Arc::new(rest))))
    }

    /// An envelope whose `result` the spec requires.
    pub(crate) fn envelope_required<T: DeserializeOwned>(self) -> Result<ApiResponse<T>, Error> {
        let body = self.body.clone();
        let response = self.envelope::<T>()?;
        match response.result {
            Some(result) => Ok(ApiResponse {
                result,
                rest: response.rest,
                status: response.status,
                headers: response.headers,
                attempts: response.attempts,
            }),
            None => {
                let source = <serde_json::Error as serde::de::Error>::missing_field("result");
                let raw = RawResponse {
                    status: response.status,
                    headers: response.headers,
                    body,
                    attempts: response.attempts,
                };
                Err(raw.decode_error(source))
            }
        }
    }

    /// An envelope without a `result`.
    pub(crate) fn envelope_empty(self) -> Result<ApiResponse<()>, Error> {
        let response = self.envelope::<serde::de::IgnoredAny>()?;
        Ok(ApiResponse {
            result: (),
            rest: response.rest,
            status: response.status,
            headers: response.headers,
            attempts: response.attempts,
        })
    }
}

impl<T> ApiResponse<T> {
    fn rest(&self) -> Option<&Rest> {
        self.rest.as_deref()?.downcast_ref()
    }

    /// The envelope's informational `messages`.
    pub fn messages(&self) -> &[ResponseMessage] {
        self.rest().map_or(&[], |rest| &rest.messages)
    }

    /// The envelope's `result_info` (pagination and other result
    /// information), when it had one.
    pub fn result_info(&self) -> Option<&serde_json::Value> {
        self.rest()?.result_info.as_ref()
    }

    /// The envelope's `result_info`, typed; `None` when it had none.
    pub fn page_info(&self) -> Option<ResultInfo> {
        self.result_info().map(ResultInfo::from_value)
    }

    /// Cloudflare's request id (`cf-ray`), useful in support requests.
    pub fn cf_ray(&self) -> Option<&str> {
        self.header("cf-ray")
    }
}

impl ApiError {
    fn failure(&self) -> Option<&Failure> {
        self.detail.as_deref()?.downcast_ref()
    }

    /// The envelope's `errors`, empty when the body had none.
    pub fn errors(&self) -> &[ResponseMessage] {
        self.failure().map_or(&[], |failure| &failure.errors)
    }

    /// The envelope's `messages`, empty when the body had none.
    pub fn messages(&self) -> &[ResponseMessage] {
        self.failure().map_or(&[], |failure| &failure.messages)
    }

    /// Cloudflare's request id (`cf-ray`), useful in support requests.
    pub fn cf_ray(&self) -> Option<&str> {
        self.header("cf-ray")
    }
}

impl Error {
    /// The envelope's `errors` list, empty unless the server sent one.
    pub fn api_errors(&self) -> &[ResponseMessage] {
        match self {
            Self::Api(error) | Self::Unsuccessful(error) => error.errors(),
            _ => &[],
        }
    }

    /// The envelope's `messages` list, empty unless the server sent one.
    pub fn messages(&self) -> &[ResponseMessage] {
        match self {
            Self::Api(error) | Self::Unsuccessful(error) => error.messages(),
            _ => &[],
        }
    }

    /// Cloudflare's request id (`cf-ray`), useful in support requests.
    pub fn cf_ray(&self) -> Option<&str> {
        self.headers()?.get("cf-ray")?.to_str().ok()
    }
}
