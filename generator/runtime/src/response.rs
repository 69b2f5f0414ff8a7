//! Responses: `ApiResponse`, what a successful call yields, and
//! `RawResponse`, a response read in full with the decoders for bodies
//! that are the result itself (`envelope.rs` has those of an API whose
//! results come in an envelope).

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::error::{DecodeError, Error};
use crate::error_body::Detail;

/// A successful response: the decoded result, with status and headers
/// beside it.
#[derive(Clone, Debug)]
pub struct ApiResponse<T> {
    /// The operation's result: the response body, or the member of the
    /// envelope that holds it when the spec's responses have one.
    pub result: T,
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// Requests sent, retries included.
    pub attempts: u32,
    /// What an envelope held besides the result (its accessors are in
    /// `envelope.rs`); `None` for a body that is the result.
    pub(crate) rest: Option<Detail>,
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

    pub(crate) fn respond<T>(self, result: T, rest: Option<Detail>) -> ApiResponse<T> {
        ApiResponse {
            result,
            rest,
            status: self.status,
            headers: self.headers,
            attempts: self.attempts,
        }
    }

    /// A JSON body that is the result itself.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(self) -> Result<ApiResponse<T>, Error> {
        match serde_json::from_slice(&self.body) {
            Ok(result) => Ok(self.respond(result, None)),
            Err(source) => Err(self.decode_error(source)),
        }
    }

    pub(crate) fn bytes(mut self) -> Result<ApiResponse<Vec<u8>>, Error> {
        let body = std::mem::take(&mut self.body);
        Ok(self.respond(body, None))
    }

    pub(crate) fn empty(self) -> Result<ApiResponse<()>, Error> {
        Ok(self.respond((), None))
    }
}
