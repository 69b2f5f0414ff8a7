//! The runtime every generated client crate carries, kept here as plain
//! Rust so it is compiled, formatted, linted and unit-tested as itself.
//!
//! The generator copies the files listed in `generator/src/emit/runtime.rs`
//! verbatim into each generated crate's `src/runtime/` (`include_str!`),
//! under a header naming this directory. This file, `stand_in/` and
//! `tests/` are not copied: they stand in for what the generator writes
//! from a spec.
//!
//! # The seam
//!
//! Copied files use only these spec-dependent items, which a generated
//! crate defines in its `lib.rs` and `auth.rs` (here, `stand_in/auth.rs`):
//!
//! - `crate::DEFAULT_BASE_URL: &str`, the spec's server;
//! - `crate::DEFAULT_IDEMPOTENCY_KEYS: bool`, whether clients add an
//!   `Idempotency-Key` by default (the spec declares that header);
//! - `crate::auth::Credentials`: `Clone + Default + Debug`, with
//!   `fn secret(&self, Scheme) -> Option<&str>` and `fn is_empty(&self) -> bool`;
//! - `crate::auth::Scheme`: `Copy`, with `fn key(self) -> &'static str`
//!   (the scheme's name in the spec) and
//!   `fn placement(self) -> crate::security::Placement`;
//! - `crate::auth::<REQUIREMENTS>: &[&[Scheme]]`, one constant per distinct
//!   security requirement of the operations (used by operation methods only).
//!
//! Operation methods (generated `operations/*.rs`, here
//! `stand_in/operations.rs`) use `call::Call` and `pagination::PagedCall`
//! (`with_optional_body` for an optional body) with its `Paging` and `Next`
//! descriptor,
//! `request::{Request (new and its setters), json_body, raw_body, Query}`,
//! the parameter setters of `params.rs`, `path::fill`, `multipart::Form`,
//! `form::{body, Style}`,
//! the decoders of `response::RawResponse` and `checks::{argument,
//! check_length, check_range, opt_length, opt_range}`.
//! Model structs (generated `models/`) implement `object::FromObject` (and
//! `pagination::PageItems` for a paginated list object) and
//! write their serde impls with `object`'s functions; open enums and
//! constrained strings get their impls from `strings::{open_enum,
//! constrained_string}`, unions theirs from `union::one_of`.

// The generated crate's module tree, file for file: the stand-ins (`#[path]`)
// and the runtime's modules as `emit/runtime.rs` lists them (a generated crate
// declares those in its `mod runtime` and imports them at its root, so
// `crate::error` is the same module in both). Dead code is reported here;
// the few items only generated code uses carry an `#[allow(dead_code)]`
// saying so.
#[path = "stand_in/auth.rs"]
mod auth;
mod call;
mod checks;
mod client;
mod envelope;
mod error;
mod error_body;
mod events;
mod form;
mod message;
#[cfg(feature = "mock")]
pub mod mock;
mod multipart;
mod nullable;
mod number;
mod object;
#[path = "stand_in/operations.rs"]
mod operations;
mod pagination;
mod params;
mod path;
mod rate_limit;
mod request;
mod response;
mod retry;
mod security;
mod send;
mod strings;
mod timestamp;
mod trace;
mod union;

#[cfg(test)]
mod tests;

/// Stands in for the server a spec names.
pub const DEFAULT_BASE_URL: &str = "https://api.example.com/v1";

/// Stands in for whether the spec declares an `Idempotency-Key` header.
pub const DEFAULT_IDEMPOTENCY_KEYS: bool = false;

pub use auth::Credentials;
pub use call::{Call, OptionalBody};
pub use client::{
    Attempt, Client, ClientBuilder, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_MAX_RETRIES,
    DEFAULT_MAX_RETRY_TIME, DEFAULT_RETRY_BASE_DELAY, DEFAULT_TIMEOUT, RequestOptions,
};
pub use error::{ApiError, DecodeError, Error, ValidationError};
pub use events::{Event, EventCall, EventStream};
pub use message::{MessageSource, ResponseMessage};
pub use multipart::FilePart;
pub use nullable::Nullable;
pub use pagination::{Items, PageItems, PagedCall, Pages, ResultInfo};
pub use rate_limit::RateLimit;
pub use response::ApiResponse;
pub use timestamp::Timestamp;

/// The HTTP client crate, for [`ClientBuilder::http_client`].
pub use reqwest;
