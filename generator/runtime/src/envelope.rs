//! Cloudflare's response conventions: the `success` / `errors` /
//! `messages` / `result` / `result_info` envelope (its messages are
//! `message.rs`'s), and the `cf-ray` request id on responses and errors.

use serde::de::DeserializeOwned;

use crate::error::{ApiError, Error};
use crate::message::ResponseMessage;
use crate::object::{self, FromObject};
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

impl RawResponse {
    /// Decodes an envelope; `success: false` is an error even with a
    /// 2xx status.
    pub(crate) fn envelope<T: DeserializeOwned>(self) -> Result<ApiResponse<Option<T>>, Error> {
        let envelope: Envelope<T> = match serde_json::from_slice(&self.body) {
            Ok(envelope) => envelope,
            Err(source) => return Err(self.decode_error(source)),
        };
        if envelope.success == Some(false) {
            return Err(Error::Unsuccessful(Box::new(ApiError {
                status: self.status,
                errors: envelope.errors.unwrap_or_default(),
                messages: envelope.messages.unwrap_or_default(),
                headers: self.headers,
                body: self.body,
                attempts: self.attempts,
            })));
        }
        let messages = envelope.messages.unwrap_or_default();
        Ok(self.respond(envelope.result, messages, envelope.result_info))
    }

    /// An envelope whose `result` the spec requires.
    pub(crate) fn envelope_required<T: DeserializeOwned>(self) -> Result<ApiResponse<T>, Error> {
        let body = self.body.clone();
        let response = self.envelope::<T>()?;
        match response.result {
            Some(result) => Ok(ApiResponse {
                result,
                messages: response.messages,
                result_info: response.result_info,
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
            messages: response.messages,
            result_info: response.result_info,
            status: response.status,
            headers: response.headers,
            attempts: response.attempts,
        })
    }

    /// The error for a non-2xx status; a Cloudflare failure envelope
    /// fills `errors` and `messages`, anything else keeps only the body.
    pub(crate) fn into_api_error(self) -> Error {
        let envelope = serde_json::from_slice::<Envelope<serde::de::IgnoredAny>>(&self.body).ok();
        let (errors, messages) = envelope
            .map(|e| (e.errors.unwrap_or_default(), e.messages.unwrap_or_default()))
            .unwrap_or_default();
        Error::Api(Box::new(ApiError {
            status: self.status,
            errors,
            messages,
            headers: self.headers,
            body: self.body,
            attempts: self.attempts,
        }))
    }
}

impl<T> ApiResponse<T> {
    /// Cloudflare's request id (`cf-ray`), useful in support requests.
    pub fn cf_ray(&self) -> Option<&str> {
        self.header("cf-ray")
    }
}

impl ApiError {
    /// Cloudflare's request id (`cf-ray`), useful in support requests.
    pub fn cf_ray(&self) -> Option<&str> {
        self.header("cf-ray")
    }
}

impl Error {
    /// Cloudflare's request id (`cf-ray`), useful in support requests.
    pub fn cf_ray(&self) -> Option<&str> {
        self.headers()?.get("cf-ray")?.to_str().ok()
    }
}
