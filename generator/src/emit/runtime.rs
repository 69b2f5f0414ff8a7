//! The runtime every generated crate carries: the files of
//! `generator/runtime/src` that do not depend on the spec, copied verbatim
//! (`include_str!`) into the generated crate's `src/runtime/` under a header
//! naming where they come from. They are written, formatted, linted and
//! tested as the `generator-runtime` crate; nothing here turns them into
//! tokens. [`FILES`] is the one list of them: the files copied, and the
//! `mod` lines and crate-root re-exports a generated `lib.rs` declares them
//! with ([`module_tree`], [`reexports`]). The runtime crate's own `lib.rs`
//! declares the same modules and re-exports, in the same order
//! (`generator/tests/runtime_tree.rs` keeps it so).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{ErrorBody, Model, ResponseKind};

/// A runtime file: a module of the runtime crate (`generator/runtime/src/`)
/// and of the generated crate (`src/runtime/`), with its text.
pub struct RuntimeFile {
    /// The module, `call`.
    pub module: &'static str,
    /// The file, `call.rs`, in both `generator/runtime/src/` and the
    /// generated crate's `src/runtime/`.
    pub name: &'static str,
    /// Its text, as compiled into the generator.
    pub text: &'static str,
    /// How much of it a generated crate uses.
    pub part: Part,
    /// The items the crate root re-exports from it, in this order
    /// (`pub use client::{Client, ClientBuilder, ..}`).
    pub exports: &'static [&'static str],
    /// Which crates carry it.
    pub needs: Needs,
}

/// Which generated crates a runtime file is copied into: every crate, or
/// only those whose spec has what it supports (a crate never carries the
/// public items of conventions its API does not have).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// Every crate.
    Always,
    /// Responses in Cloudflare's envelope (`envelope.rs`, `message.rs`).
    Envelope,
    /// Operations answering with server-sent events (`events.rs`).
    Events,
    /// Lists walked page by page, or an envelope (whose `page_info()`
    /// reads its `result_info` with `pagination.rs`'s `ResultInfo`).
    Pages,
}

impl Needs {
    fn met_by(self, model: &Model) -> bool {
        let envelope = model.operations.iter().any(|op| {
            matches!(op.response.kind, ResponseKind::Envelope { .. })
                || op.errors.iter().any(|e| e.body == ErrorBody::Envelope)
        });
        match self {
            Self::Always => true,
            Self::Envelope => envelope,
            Self::Events => model.operations.iter().any(|op| op.events.is_some()),
            Self::Pages => envelope || model.operations.iter().any(|op| op.pagination.is_some()),
        }
    }
}

/// The runtime files a crate of this model carries, in [`FILES`]' order.
pub fn copied(model: &Model) -> impl Iterator<Item = &'static RuntimeFile> {
    FILES.iter().filter(|file| file.needs.met_by(model))
}

/// How much of a runtime file a generated crate uses, which decides how
/// its `mod` line is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Everything in it, whatever the spec.
    All,
    /// Support for kinds of operations, parameters or types a spec may not
    /// have: declared with `#[allow(dead_code)]`, in the generated crate
    /// only (the runtime crate keeps the lint).
    BySpec,
    /// The `mock` feature's public module `crate::mock`, also with
    /// `#[allow(dead_code)]`.
    Mock,
}

macro_rules! runtime_file {
    ($module:ident, $part:ident, only $needs:ident $(, $export:ident)* $(,)?) => {
        RuntimeFile {
            module: stringify!($module),
            name: concat!(stringify!($module), ".rs"),
            text: include_str!(concat!("../../runtime/src/", stringify!($module), ".rs")),
            part: Part::$part,
            exports: &[$(stringify!($export)),*],
            needs: Needs::$needs,
        }
    };
    ($module:ident, $part:ident $(, $export:ident)* $(,)?) => {
        runtime_file!($module, $part, only Always $(, $export)*)
    };
}

/// Every copied file, by module name. `lib.rs`, `stand_in/` and `tests/` of
/// the runtime crate are not copied: they stand in for generated code or
/// test the runtime.
pub const FILES: &[RuntimeFile] = &[
    runtime_file!(call, BySpec, Call, OptionalBody),
    runtime_file!(checks, BySpec),
    runtime_file!(
        client,
        All,
        Attempt,
        Client,
        ClientBuilder,
        DEFAULT_MAX_RESPONSE_SIZE,
        DEFAULT_MAX_RETRIES,
        DEFAULT_MAX_RETRY_TIME,
        DEFAULT_RETRY_BASE_DELAY,
        DEFAULT_TIMEOUT,
        RequestOptions,
    ),
    runtime_file!(envelope, BySpec, only Envelope),
    runtime_file!(error, All, ApiError, DecodeError, Error, ValidationError),
    runtime_file!(error_body, BySpec),
    runtime_file!(events, BySpec, only Events, Event, EventCall, EventStream),
    runtime_file!(form, BySpec),
    runtime_file!(message, All, only Envelope, MessageSource, ResponseMessage),
    runtime_file!(mock, Mock),
    runtime_file!(multipart, BySpec, FilePart),
    runtime_file!(nullable, BySpec, Nullable),
    runtime_file!(number, BySpec),
    runtime_file!(object, BySpec),
    runtime_file!(
        pagination, BySpec, only Pages, Items, PageItems, PagedCall, Pages, ResultInfo
    ),
    runtime_file!(params, BySpec),
    runtime_file!(path, All),
    runtime_file!(rate_limit, All, RateLimit),
    runtime_file!(request, BySpec),
    runtime_file!(response, BySpec, ApiResponse),
    runtime_file!(retry, All),
    runtime_file!(security, BySpec),
    runtime_file!(send, All),
    runtime_file!(strings, All),
    runtime_file!(timestamp, All, Timestamp),
    runtime_file!(trace, All),
    runtime_file!(union, BySpec),
];

/// Where a copied file comes from, as its header names it.
pub fn source_path(file: &RuntimeFile) -> String {
    format!("generator/runtime/src/{}", file.name)
}

/// Where a copied file goes in the generated crate.
pub fn generated_path(file: &RuntimeFile) -> String {
    format!("src/runtime/{}", file.name)
}

/// The runtime's modules in a generated `lib.rs`: `mod runtime` declaring
/// every copied file, its modules imported at the crate root so that
/// copied and generated code reach them as in the runtime crate
/// (`crate::error::Error`, `crate::union::one_of!`), and `mock` public.
pub fn module_tree(model: &Model) -> TokenStream {
    let modules = copied(model).map(|file| {
        let module = Ident::new(file.module, Span::call_site());
        match file.part {
            Part::All => quote! { pub(crate) mod #module; },
            Part::BySpec => quote! {
                #[allow(dead_code)]
                pub(crate) mod #module;
            },
            Part::Mock => quote! {
                #[cfg(feature = "mock")]
                #[allow(dead_code)]
                pub mod #module;
            },
        }
    });
    let public = FILES
        .iter()
        .filter(|file| file.part == Part::Mock)
        .map(|file| {
            let module = Ident::new(file.module, Span::call_site());
            quote! {
                #[cfg(feature = "mock")]
                pub use runtime::#module;
            }
        });
    quote! {
        /// The runtime every generated crate carries, whatever the spec:
        /// client, send loop, retries, errors, decoding. Copied from the
        /// generator's runtime crate; a spec may use only part of it.
        mod runtime {
            #( #modules )*
        }
        use runtime::*;
        #( #public )*
    }
}

/// The crate root's re-exports of runtime items, file by file.
pub fn reexports(model: &Model) -> TokenStream {
    let lines = copied(model)
        .filter(|file| !file.exports.is_empty())
        .map(|file| {
            let module = Ident::new(file.module, Span::call_site());
            let items = file
                .exports
                .iter()
                .map(|item| Ident::new(item, Span::call_site()));
            if file.exports.len() == 1 {
                quote! { pub use #module::#( #items )*; }
            } else {
                quote! { pub use #module::{ #( #items ),* }; }
            }
        });
    quote! { #( #lines )* }
}
