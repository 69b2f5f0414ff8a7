//! Responses: `ApiResponse`, what a successful call yields, and
//! `RawResponse`, a response read in full with the decoders for bodies
//! that are not Cloudflare envelopes (see `envelope.rs` for those).

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::error::{DecodeError, Error};
use crate::message::ResponseMessage;

/// A successful response: the decoded `result`, with everything else
/// the server said still reachable.
#[derive(Clone, Debug)]
pub struct ApiResponse<T> {
    /// The operation's result (the envelope's `result`, or the whole
    /// body for operations without an envelope).
    pub result: T,
    /// Informational messages from the envelope.
    pub messages: Vec<ResponseMessage>,
    /// Pagination and other result information, when present.
    pub result_info: Option<serde_json::Value>,
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// Requests sent, retries included.
    pub attempts: u32,
}

impl<T> ApiResponse<T> {
    /// Drops the metadata and keeps the result.
    pub fn into_result(self) -> T {
        self.result
    }

    /// A response header as text, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

impl<T> std::ops::Deref for ApiResponse<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.result
    }
}

/// A response read in full, before decoding.
pub(crate) struct RawResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// Requests sent, retries included.
    pub attempts: u32,
}

impl RawResponse {
    pub(crate) fn decode_error(self, source: serde_json::Error) -> Error {
        Error::Decode(Box::new(DecodeError {
            status: self.status,
            headers: self.headers,
            body: self.body,
            source,
            attempts: self.attempts,
        }))
    }

    pub(crate) fn respond<T>(
        self,
        result: T,
        messages: Vec<ResponseMessage>,
        result_info: Option<serde_json::Value>,
    ) -> ApiResponse<T> {
        ApiResponse {
            result,
            messages,
            result_info,
            status: self.status,
            headers: self.headers,
            attempts: self.attempts,
        }
    }

    /// A JSON body that is the result itself.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(self) -> Result<ApiResponse<T>, Error> {
        match serde_json::from_slice(&self.body) {
            Ok(result) => Ok(self.respond(result, Vec::new(), None)),
            Err(source) => Err(self.decode_error(source)),
        }
    }

    pub(crate) fn bytes(mut self) -> Result<ApiResponse<Vec<u8>>, Error> {
        let body = std::mem::take(&mut self.body);
        Ok(self.respond(body, Vec::new(), None))
    }

    pub(crate) fn empty(self) -> Result<ApiResponse<()>, Error> {
        Ok(self.respond((), Vec::new(), None))
    }
}
