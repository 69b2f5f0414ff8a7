//! Not copied: the runtime's unit tests. They live outside the copied
//! files so that no generated crate carries them.

mod call;
mod checks;
mod envelope;
mod error_body;
mod errors;
mod events;
mod form;
mod hooks;
mod multipart;
mod nullable;
mod number;
mod object;
mod pagination;
mod params;
mod rate_limit;
mod request;
mod retry;
mod security;
mod send;
mod strings;
mod timestamp;
mod union;
