//! `lib.rs`: crate documentation with compiling examples, the module
//! tree (generated modules, then the runtime's copied ones, as
//! `runtime.rs` lists them), the spec's server and the re-exports a user
//! needs.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{BodyContent, Model, Operation, PathParamKind, TypeKind, TypeRef, UrlEncoded};

pub fn emit(model: &Model) -> TokenStream {
    let title = format!(" # {}", model.package.title);
    let description = super::tokens::inner_doc(model.package.description.as_deref());
    let intro = format!(
        " A client for version {} of the API, generated from its OpenAPI spec. Every method \
         checks its arguments and returns a [`Call`]; awaiting it sends the request and gives \
         an [`ApiResponse`] holding the decoded `result` plus messages, status and headers, \
         or an [`Error`].",
        model.package.api_version
    );
    let example: Vec<String> = example(model)
        .lines()
        .map(|line| format!(" {line}"))
        .collect();
    let per_call: Vec<String> = per_call_example(&model.package.lib_name)
        .lines()
        .map(|line| format!(" {line}"))
        .collect();
    let operation_modules = model.groups.iter().map(|group| {
        let module = super::tokens::ident(&group.module);
        let feature = &group.feature;
        quote! {
            #[cfg(feature = #feature)]
            mod #module;
        }
    });
    let resources_module = (!model.handles.is_empty()).then(|| {
        quote! {
            /// The resource handles: one type per resource, reached from
            /// [`Client`] by its accessors, whose methods are the resource's
            /// operations.
            pub mod resources;
        }
    });
    let features = model.groups.iter().map(|g| g.feature.as_str());
    let base_url = &model.base_url;
    let idempotency_keys = model.idempotency_keys;
    let idempotency_doc = if idempotency_keys {
        " Whether clients add an `Idempotency-Key` to `POST` and `PATCH` requests that \
         carry none, so that they can be retried safely: `true`, because the spec declares \
         that header. Set with [`ClientBuilder::idempotency_keys`]."
    } else {
        " Whether clients add an `Idempotency-Key` to `POST` and `PATCH` requests that \
         carry none, so that they can be retried safely: `false`, because the spec declares \
         no such header. Set with [`ClientBuilder::idempotency_keys`]."
    };
    let runtime_modules = super::runtime::module_tree(model);
    let runtime_exports = super::runtime::reexports(model);
    quote! {
        #![doc = #title]
        //!
        #description
        //!
        #![doc = #intro]
        //!
        //! ## Example
        //!
        #( #![doc = #example] )*
        //!
        //! ## Per-call options
        //!
        //! [`Client::with_options`] gives a client sharing the same connections
        //! whose calls use other settings:
        //!
        #( #![doc = #per_call] )*
        //!
        //! ## Cargo features
        //!
        //! One per API group, all enabled by default through `full`;
        //! `mock`, test helpers on a mock server (`mock::MockApi`, when
        //! enabled); `tracing`, a `tracing` span for each call (`call`, with
        //! the operation id and OpenTelemetry's `http.request.method`,
        //! `url.template`, `server.address` and `http.response.status_code`)
        //! and each attempt (`attempt`, at debug level), and events for retries
        //! and rate-limit waits. No credential, filled-in path, query value,
        //! header other than `cf-ray` or body is ever recorded.
        // With no group enabled nothing calls the client's request machinery.
        #![cfg_attr(not(any( #( feature = #features ),* )), allow(dead_code))]
        // A union's variants hold their types by value, as the spec's
        // members are: boxing the large ones would change the public API
        // with the sizes of the spec's schemas, so their size difference
        // (`large_enum_variant`) is the spec's to have.
        #![allow(clippy::large_enum_variant)]

        mod auth;
        pub mod models;
        #resources_module
        /// One module per API group, each behind the cargo feature of the
        /// same name (`default` enables them all through `full`).
        mod operations {
            #( #operation_modules )*
        }

        #runtime_modules

        /// The server the spec names; override with [`ClientBuilder::base_url`].
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #[doc = #idempotency_doc]
        pub const DEFAULT_IDEMPOTENCY_KEYS: bool = #idempotency_keys;

        pub use auth::Credentials;
        #runtime_exports
        /// The HTTP client crate, for [`ClientBuilder::http_client`].
        pub use reqwest;
    }
}

/// The example of [`Client::with_options`], which lives in the runtime and
/// so cannot name the crate itself.
fn per_call_example(lib: &str) -> String {
    format!(
        "```no_run\n# fn example(client: &{lib}::Client) {{\nuse std::time::Duration;\nuse {lib}::RequestOptions;\n\n\
         let patient = client.with_options(RequestOptions::new().timeout(Duration::from_secs(300)).max_retries(0));\n# }}\n```"
    )
}

/// A doc example calling the first operation whose arguments can be written
/// without knowing the API; otherwise one that only builds a client.
fn example(model: &Model) -> String {
    let lib = &model.package.lib_name;
    let client = "let client = Client::from_env()?;";
    let call = model
        .operations
        .iter()
        .find_map(|op| example_call(model, op));
    let body = match call {
        Some(call) => format!(
            "{client}\nlet response = client.{call}.await?;\nprintln!(\"{{:?}}\", response.result);"
        ),
        None => format!("{client}\nprintln!(\"{{}}\", client.base_url());"),
    };
    format!(
        "```no_run\nuse {lib}::Client;\n\n# async fn example() -> Result<(), {lib}::Error> {{\n{body}\n# Ok(())\n# }}\n```"
    )
}

fn example_call(model: &Model, op: &Operation) -> Option<String> {
    let mut args = Vec::new();
    for param in &op.path_params {
        args.push(match &param.kind {
            PathParamKind::Str => "\"example\"".to_string(),
            PathParamKind::Validated(name) => {
                let length = model.definition(name).and_then(|t| match &t.kind {
                    TypeKind::ConstrainedString(c) => c.min_length.or(c.max_length),
                    _ => None,
                });
                format!("\"{}\"", "0".repeat(length.unwrap_or(1)))
            }
            PathParamKind::Display(TypeRef::Integer) => "1".to_string(),
            PathParamKind::Display(TypeRef::Bool) => "true".to_string(),
            PathParamKind::Display(_) => return None,
        });
    }
    if let Some(params) = &op.params {
        if params.fields.iter().any(|f| f.required) {
            return None;
        }
        args.push("&Default::default()".to_string());
    }
    let mut setter = String::new();
    // An optional body is left out (nothing is sent), unless it is a
    // struct of optional fields, shown set with `.body(..)`.
    if let Some(body) = op.body.as_ref().filter(|body| !body.required) {
        if let BodyContent::Json(TypeRef::Named { name, .. }) = &body.content {
            let defaultable = model.definition(name).is_some_and(|t| {
                matches!(&t.kind, TypeKind::Struct(fields) if fields.iter().all(|f| f.optional))
            });
            if defaultable {
                setter = ".body(&Default::default())".to_string();
            }
        }
    }
    if let Some(body) = op.body.as_ref().filter(|body| body.required) {
        match &body.content {
            BodyContent::Json(TypeRef::Named { name, .. })
            | BodyContent::UrlEncoded(UrlEncoded {
                ty: TypeRef::Named { name, .. },
                ..
            }) => {
                let defaultable = model.definition(name).is_some_and(|t| {
                    matches!(&t.kind, TypeKind::Struct(fields) if fields.iter().all(|f| f.optional))
                });
                if !defaultable {
                    return None;
                }
                args.push("&Default::default()".to_string());
            }
            BodyContent::Json(TypeRef::Json) => args.push("&serde_json::json!({})".to_string()),
            BodyContent::Json(_) | BodyContent::UrlEncoded(_) => return None,
            BodyContent::Raw { .. } => args.push("Vec::new()".to_string()),
            BodyContent::Form(_) => return None,
        }
    }
    match &op.resource {
        None => Some(format!("{}({}){setter}", op.method_name, args.join(", "))),
        Some(resource) => {
            let name = &resource.name;
            let mut call = String::new();
            if let (Some(scope), Some(index)) = (&name.scope, resource.bound) {
                // The scope binds its path argument.
                call.push_str(&format!("{scope}({}).", args.remove(index)));
            }
            for part in &name.chain {
                call.push_str(&format!("{part}()."));
            }
            Some(format!(
                "{call}{}({}){setter}",
                name.method,
                args.join(", ")
            ))
        }
    }
}
