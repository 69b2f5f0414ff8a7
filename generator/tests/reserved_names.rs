//! The names an operation method may not take are exactly the methods the
//! generated `Client` already has: every `impl Client` block of the copied
//! runtime files and of the generated `auth.rs`. A new runtime method that
//! is not reserved would make a spec with that `operationId` generate a
//! crate that does not compile.

use std::collections::BTreeSet;

use generator::Options;
use generator::internal::runtime::{FILES, source_path};
use generator::internal::{AUTH_METHODS, CLIENT_METHODS};

/// The methods of inherent `impl Client` blocks in `source`.
fn client_methods(source: &str, file: &str) -> BTreeSet<String> {
    impl_methods(source, file, "Client")
}

/// The methods of inherent `impl <type_name>` blocks in `source`.
fn impl_methods(source: &str, file: &str, type_name: &str) -> BTreeSet<String> {
    let parsed =
        syn::parse_file(source).unwrap_or_else(|error| panic!("{file} does not parse: {error}"));
    let mut methods = BTreeSet::new();
    for item in parsed.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let is_client = matches!(
            &*block.self_ty,
            syn::Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == type_name)
        );
        if !is_client || block.trait_.is_some() {
            continue;
        }
        for item in block.items {
            if let syn::ImplItem::Fn(function) = item {
                methods.insert(function.sig.ident.to_string());
            }
        }
    }
    methods
}

/// A spec with a bearer scheme, so `auth.rs` has all its constructors.
fn generated_auth() -> String {
    let spec = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml"),
    )
    .expect("spec/openapi.yaml is readable");
    let options = Options {
        regenerate_command: "test".to_string(),
        standalone: true,
        ..Options::default()
    };
    let generation = generator::generate(&spec, &options).expect("the workspace spec generates");
    generation
        .krate
        .files
        .into_iter()
        .find(|file| file.path == "src/auth.rs")
        .expect("src/auth.rs is generated")
        .contents
}

#[test]
fn reserved_method_names_are_the_clients_own_methods() {
    let mut defined = BTreeSet::new();
    for file in FILES {
        defined.extend(client_methods(file.text, &source_path(file)));
    }
    assert!(
        defined.contains("execute") && defined.contains("timeout"),
        "the runtime's `impl Client` blocks were not found: {defined:?}"
    );
    defined.extend(client_methods(&generated_auth(), "src/auth.rs"));
    let reserved: BTreeSet<String> = CLIENT_METHODS.iter().map(|s| s.to_string()).collect();
    let missing: Vec<&String> = defined.difference(&reserved).collect();
    let stale: Vec<&String> = reserved.difference(&defined).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "generator/src/lower/operations.rs CLIENT_METHODS must list exactly the methods of `impl Client` \
         in generator/runtime/src and the generated auth.rs; add {missing:?}, remove {stale:?}"
    );
}

/// A security scheme's setter on `ClientBuilder` and `Credentials` may not
/// take a name either already has: `AUTH_METHODS` must cover them all.
#[test]
fn auth_setters_avoid_the_builders_and_credentials_methods() {
    let mut defined = BTreeSet::new();
    for file in FILES {
        defined.extend(impl_methods(file.text, &source_path(file), "ClientBuilder"));
    }
    assert!(defined.contains("build"), "`impl ClientBuilder` not found");
    let auth = generated_auth();
    defined.extend(impl_methods(&auth, "src/auth.rs", "Credentials"));
    defined.retain(|m| {
        !["api_email", "api_key", "api_token", "user_service_key"].contains(&m.as_str())
    });
    let missing: Vec<&String> = defined
        .iter()
        .filter(|m| !AUTH_METHODS.contains(&m.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "generator/src/lower/security.rs AUTH_METHODS must list {missing:?}"
    );
}
