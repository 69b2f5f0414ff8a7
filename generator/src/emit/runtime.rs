//! The runtime every generated crate carries: the files of
//! `generator/runtime/src` that do not depend on the spec, copied verbatim
//! (`include_str!`) under a header naming where they come from. They are
//! written, formatted, linted and tested as the `generator-runtime` crate;
//! nothing here turns them into tokens.

/// A runtime file: its name in both `generator/runtime/src/` and the
/// generated crate's `src/`, and its text.
pub struct RuntimeFile {
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! runtime_files {
    ($($name:literal),* $(,)?) => {
        &[$(RuntimeFile {
            name: $name,
            text: include_str!(concat!("../../runtime/src/", $name)),
        }),*]
    };
}

/// Every copied file, by concept. `lib.rs`, `stand_in/` and `tests/` of the
/// runtime crate are not copied: they stand in for generated code or test
/// the runtime.
pub const FILES: &[RuntimeFile] = runtime_files![
    "call.rs",
    "checks.rs",
    "client.rs",
    "envelope.rs",
    "error.rs",
    "message.rs",
    "mock.rs",
    "multipart.rs",
    "nullable.rs",
    "number.rs",
    "object.rs",
    "pagination.rs",
    "params.rs",
    "path.rs",
    "rate_limit.rs",
    "request.rs",
    "response.rs",
    "retry.rs",
    "security.rs",
    "send.rs",
    "strings.rs",
    "timestamp.rs",
    "union.rs",
];

/// Where a copied file comes from, as its header names it.
pub fn source_path(file: &RuntimeFile) -> String {
    format!("generator/runtime/src/{}", file.name)
}
