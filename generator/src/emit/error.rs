//! `error.rs`: the one error type of the generated client.

use proc_macro2::TokenStream;
use quote::quote;

pub fn emit() -> TokenStream {
    quote! {
        //! The error type of every fallible call.

        use std::borrow::Cow;
        use std::fmt;

        use reqwest::StatusCode;
        use reqwest::header::HeaderMap;

        use crate::ResponseMessage;

        /// Everything that can go wrong with a call.
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
            /// The request or the response body did not complete in time.
            Timeout(reqwest::Error),
            /// The request could not be sent or the response not read.
            Transport(reqwest::Error),
            /// The server answered with a non-2xx status.
            Api(Box<ApiError>),
            /// The server answered 2xx but with `success: false`.
            Unsuccessful(Box<ApiError>),
            /// The response body is not what the spec describes.
            Decode(Box<DecodeError>),
            /// The request body could not be serialized.
            Encode(serde_json::Error),
        }

        impl Error {
            pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
                if error.is_timeout() { Self::Timeout(error) } else { Self::Transport(error) }
            }

            /// The HTTP status of the response, when there was one.
            pub fn status(&self) -> Option<StatusCode> {
                match self {
                    Self::Api(error) | Self::Unsuccessful(error) => Some(error.status),
                    Self::Decode(error) => Some(error.status),
                    Self::Transport(error) | Self::Timeout(error) => error.status(),
                    _ => None,
                }
            }

            /// The API's `errors` list, empty unless the server sent one.
            pub fn api_errors(&self) -> &[ResponseMessage] {
                match self {
                    Self::Api(error) | Self::Unsuccessful(error) => &error.errors,
                    _ => &[],
                }
            }

            pub fn is_timeout(&self) -> bool {
                matches!(self, Self::Timeout(_))
            }
        }

        impl fmt::Display for Error {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    Self::InvalidInput(error) => write!(f, "invalid input: {error}"),
                    Self::Config(message) => write!(f, "invalid client configuration: {message}"),
                    Self::MissingCredentials { operation, accepted } => {
                        write!(f, "no credentials configured for `{operation}`; it accepts {accepted}")
                    }
                    Self::Timeout(error) => write!(f, "request timed out: {error}"),
                    Self::Transport(error) => write!(f, "request failed: {error}"),
                    Self::Api(error) => write!(f, "API error: {error}"),
                    Self::Unsuccessful(error) => write!(f, "API reported failure: {error}"),
                    Self::Decode(error) => write!(f, "{error}"),
                    Self::Encode(error) => write!(f, "could not encode the request body: {error}"),
                }
            }
        }

        impl std::error::Error for Error {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Self::InvalidInput(error) => Some(error),
                    Self::Timeout(error) | Self::Transport(error) => Some(error),
                    Self::Decode(error) => Some(&error.source),
                    Self::Encode(error) => Some(error),
                    _ => None,
                }
            }
        }

        impl From<ValidationError> for Error {
            fn from(error: ValidationError) -> Self {
                Self::InvalidInput(error)
            }
        }

        /// A value that breaks a constraint of the spec.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct ValidationError {
            /// The type or parameter that was checked.
            pub target: &'static str,
            pub reason: String,
        }

        impl fmt::Display for ValidationError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}: {}", self.target, self.reason)
            }
        }

        impl std::error::Error for ValidationError {}

        /// A response the API marked as failed.
        #[derive(Clone)]
        pub struct ApiError {
            pub status: StatusCode,
            /// The envelope's `errors` (empty when the body had none).
            pub errors: Vec<ResponseMessage>,
            pub messages: Vec<ResponseMessage>,
            pub headers: HeaderMap,
            /// The raw response body.
            pub body: Vec<u8>,
        }

        impl ApiError {
            /// The body as text, with invalid UTF-8 replaced.
            pub fn body_text(&self) -> Cow<'_, str> {
                String::from_utf8_lossy(&self.body)
            }

            pub fn header(&self, name: &str) -> Option<&str> {
                self.headers.get(name).and_then(|value| value.to_str().ok())
            }

            /// Cloudflare's request id (`cf-ray`), useful in support requests.
            pub fn cf_ray(&self) -> Option<&str> {
                self.header("cf-ray")
            }
        }

        impl fmt::Debug for ApiError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("ApiError")
                    .field("status", &self.status)
                    .field("errors", &self.errors)
                    .field("messages", &self.messages)
                    .field("cf_ray", &self.cf_ray())
                    .field("body", &self.body_text())
                    .finish()
            }
        }

        impl fmt::Display for ApiError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "HTTP {}", self.status)?;
                for error in &self.errors {
                    write!(f, "; {} {}", error.code, error.message)?;
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
                    .field("body", &self.body_text())
                    .finish()
            }
        }

        impl fmt::Display for DecodeError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "could not decode the response (HTTP {}): {}", self.status, self.source)
            }
        }
    }
}
