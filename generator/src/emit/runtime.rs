//! `runtime.rs`: the spec-independent support every operation uses —
//! response envelope decoding, `ApiResponse`, `Timestamp`, path encoding and
//! input checks. Kept in the generated crate so it has no runtime crate of
//! ours to depend on.

use proc_macro2::TokenStream;
use quote::quote;

pub fn emit() -> TokenStream {
    let messages = messages();
    let api_response = api_response();
    let timestamp = timestamp();
    let request = request();
    let decoding = decoding();
    let call = call();
    let checks = checks();
    quote! {
        //! Support code shared by all operations.
        // Support for every kind of operation; a spec may need only some.
        #![allow(dead_code)]

        use reqwest::StatusCode;
        use reqwest::header::HeaderMap;

        use crate::error::{ApiError, DecodeError, Error, ValidationError};

        #messages
        #api_response
        #timestamp
        #request
        #decoding
        #call
        #checks
    }
}

fn call() -> TokenStream {
    quote! {
        /// A request an operation method has prepared: `.await` it to send it
        /// and decode the response. Invalid arguments surface here, before
        /// anything is sent.
        #[must_use = "nothing is sent until the call is awaited"]
        pub struct Call<R> {
            client: crate::Client,
            request: Result<Request, Error>,
            decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
        }

        impl<R> Call<R> {
            pub(crate) fn new(
                client: &crate::Client,
                request: Result<Request, Error>,
                decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
            ) -> Self {
                Self { client: client.clone(), request, decode }
            }

            /// Sends the request; the same as awaiting the call.
            pub async fn send(self) -> Result<ApiResponse<R>, Error> {
                let raw = self.client.execute(self.request?).await?;
                (self.decode)(raw)
            }
        }

        impl<R: Send + 'static> std::future::IntoFuture for Call<R> {
            type Output = Result<ApiResponse<R>, Error>;
            type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    }
}

fn messages() -> TokenStream {
    quote! {
        /// An entry of a response's `errors` or `messages` list.
        ///
        /// Decoded leniently: a missing field takes its default, unknown
        /// fields are ignored.
        #[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct ResponseMessage {
            #[serde(default)]
            pub code: i64,
            #[serde(default)]
            pub message: String,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub documentation_url: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub source: Option<MessageSource>,
        }

        /// Where in the request a message applies.
        #[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct MessageSource {
            /// A JSON pointer into the request body.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub pointer: Option<String>,
        }
    }
}

fn api_response() -> TokenStream {
    quote! {
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

            /// Cloudflare's request id (`cf-ray`), useful in support requests.
            pub fn cf_ray(&self) -> Option<&str> {
                self.header("cf-ray")
            }
        }

        impl<T> std::ops::Deref for ApiResponse<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.result
            }
        }
    }
}

fn timestamp() -> TokenStream {
    quote! {
        /// An RFC 3339 date-time. Any number of fractional digits is accepted
        /// (`2025-01-01T12:21:02.0000Z`, `2021-11-12T21:01:17.744476Z`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct Timestamp(time::OffsetDateTime);

        impl Timestamp {
            pub fn parse(text: &str) -> Result<Self, time::error::Parse> {
                time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).map(Self)
            }

            pub fn as_offset_date_time(&self) -> time::OffsetDateTime {
                self.0
            }
        }

        impl From<time::OffsetDateTime> for Timestamp {
            fn from(value: time::OffsetDateTime) -> Self {
                Self(value)
            }
        }

        impl From<Timestamp> for time::OffsetDateTime {
            fn from(value: Timestamp) -> Self {
                value.0
            }
        }

        impl std::str::FromStr for Timestamp {
            type Err = time::error::Parse;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text)
            }
        }

        impl std::fmt::Display for Timestamp {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let text = self.0.format(&time::format_description::well_known::Rfc3339).map_err(|_| std::fmt::Error)?;
                f.write_str(&text)
            }
        }

        impl serde::Serialize for Timestamp {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let text = self
                    .0
                    .format(&time::format_description::well_known::Rfc3339)
                    .map_err(serde::ser::Error::custom)?;
                serializer.serialize_str(&text)
            }
        }

        impl<'de> serde::Deserialize<'de> for Timestamp {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    }
}

fn request() -> TokenStream {
    quote! {
        /// One request, as an operation method describes it.
        pub(crate) struct Request {
            pub method: reqwest::Method,
            /// Already percent-encoded, starting with `/`.
            pub path: String,
            pub query: Vec<(&'static str, String)>,
            pub headers: Vec<(&'static str, String)>,
            pub body: Option<Body>,
            /// OR of AND-groups of schemes; empty means no credentials.
            pub security: &'static [&'static [crate::client::Scheme]],
            pub operation_id: &'static str,
        }

        pub(crate) struct Body {
            pub bytes: Vec<u8>,
            pub content_type: &'static str,
        }

        pub(crate) fn json_body<T: serde::Serialize>(value: &T) -> Result<Body, Error> {
            let bytes = serde_json::to_vec(value).map_err(Error::Encode)?;
            Ok(Body { bytes, content_type: "application/json" })
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
        const SEGMENT: &percent_encoding::AsciiSet =
            &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

        pub(crate) fn build_path(pieces: &[PathPiece<'_>]) -> Result<String, Error> {
            let mut path = String::new();
            for piece in pieces {
                match piece {
                    PathPiece::Literal(text) => path.push_str(text),
                    PathPiece::Param(name, value) => {
                        if value.is_empty() || *value == "." || *value == ".." {
                            return Err(Error::InvalidInput(ValidationError {
                                target: name,
                                reason: format!("`{value}` cannot be used as a path segment"),
                            }));
                        }
                        path.extend(percent_encoding::utf8_percent_encode(value, SEGMENT));
                    }
                }
            }
            Ok(path)
        }
    }
}

fn decoding() -> TokenStream {
    quote! {
        /// A response read in full, before decoding.
        pub(crate) struct RawResponse {
            pub status: StatusCode,
            pub headers: HeaderMap,
            pub body: Vec<u8>,
            /// Requests sent, retries included.
            pub attempts: u32,
        }

        /// The Cloudflare response envelope, every field optional: real
        /// responses send `null` for lists the spec calls required.
        #[derive(serde::Deserialize)]
        struct Envelope<T> {
            #[serde(default)]
            success: Option<bool>,
            #[serde(default)]
            errors: Option<Vec<ResponseMessage>>,
            #[serde(default)]
            messages: Option<Vec<ResponseMessage>>,
            #[serde(default = "none")]
            result: Option<T>,
            #[serde(default)]
            result_info: Option<serde_json::Value>,
        }

        fn none<T>() -> Option<T> {
            None
        }

        impl RawResponse {
            fn decode_error(self, source: serde_json::Error) -> Error {
                Error::Decode(Box::new(DecodeError {
                    status: self.status,
                    headers: self.headers,
                    body: self.body,
                    source,
                    attempts: self.attempts,
                }))
            }

            fn respond<T>(self, result: T, messages: Vec<ResponseMessage>, result_info: Option<serde_json::Value>) -> ApiResponse<T> {
                ApiResponse { result, messages, result_info, status: self.status, headers: self.headers, attempts: self.attempts }
            }

            /// Decodes an envelope; `success: false` is an error even with a
            /// 2xx status.
            pub(crate) fn envelope<T: serde::de::DeserializeOwned>(self) -> Result<ApiResponse<Option<T>>, Error> {
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
            pub(crate) fn envelope_required<T: serde::de::DeserializeOwned>(self) -> Result<ApiResponse<T>, Error> {
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
                        let raw = RawResponse { status: response.status, headers: response.headers, body, attempts: response.attempts };
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
    }
}

fn checks() -> TokenStream {
    quote! {
        /// Checks a number against the spec's bounds, each `(bound, exclusive)`.
        pub(crate) fn check_range(
            target: &'static str,
            value: f64,
            min: Option<(f64, bool)>,
            max: Option<(f64, bool)>,
        ) -> Result<(), ValidationError> {
            let reason = match (min, max) {
                (Some((min, false)), _) if value < min => format!("must be at least {min}, got {value}"),
                (Some((min, true)), _) if value <= min => format!("must be more than {min}, got {value}"),
                (_, Some((max, false))) if value > max => format!("must be at most {max}, got {value}"),
                (_, Some((max, true))) if value >= max => format!("must be less than {max}, got {value}"),
                _ => return Ok(()),
            };
            Err(ValidationError { target, reason })
        }

        /// Checks a string's length in characters against the spec's limits.
        pub(crate) fn check_length(
            target: &'static str,
            value: &str,
            min: Option<usize>,
            max: Option<usize>,
        ) -> Result<(), ValidationError> {
            let length = value.chars().count();
            let reason = match (min, max) {
                (Some(min), Some(max)) if min == max && length != min => {
                    format!("must be exactly {min} characters long, got {length}")
                }
                (Some(min), _) if length < min => format!("must be at least {min} characters long, got {length}"),
                (_, Some(max)) if length > max => format!("must be at most {max} characters long, got {length}"),
                _ => return Ok(()),
            };
            Err(ValidationError { target, reason })
        }

        #[cfg(test)]
        mod check_tests {
            use super::*;

            #[test]
            fn ranges_honour_exclusive_bounds() {
                assert_eq!(check_range("page", 1.0, Some((1.0, false)), None), Ok(()));
                let below = check_range("page", 0.0, Some((1.0, false)), None).unwrap_err();
                assert_eq!(below.to_string(), "page: must be at least 1, got 0");
                let at_exclusive = check_range("ratio", 1.0, None, Some((1.0, true))).unwrap_err();
                assert_eq!(at_exclusive.to_string(), "ratio: must be less than 1, got 1");
                assert_eq!(check_range("ratio", 0.5, Some((0.0, true)), Some((1.0, true))), Ok(()));
            }

            #[test]
            fn lengths_count_characters() {
                assert_eq!(check_length("name", "ééé", Some(3), Some(3)), Ok(()));
                let long = check_length("name", "abcd", None, Some(3)).unwrap_err();
                assert_eq!(long.to_string(), "name: must be at most 3 characters long, got 4");
            }
        }
    }
}
