//! One list of runtime modules: `emit/runtime.rs`'s `FILES` is what a
//! generated crate copies into `src/runtime/` and declares in its `lib.rs`,
//! and the runtime crate's own `lib.rs` (which mirrors a generated one) must
//! declare the same modules and make the same crate-root re-exports, in the
//! same order. Both `lib.rs` files are parsed with `syn`.

use generator::Options;
use generator::internal::runtime::{FILES, Part, generated_path};
use quote::ToTokens;

fn runtime_lib() -> syn::File {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/src/lib.rs");
    let text = std::fs::read_to_string(&path).expect("generator/runtime/src/lib.rs is readable");
    syn::parse_file(&text).expect("the runtime crate's lib.rs parses")
}

/// The workspace spec's crate, generated in memory.
fn generated() -> generator::Generation {
    let spec = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml"),
    )
    .expect("spec/openapi.yaml is readable");
    let options = Options {
        regenerate_command: "test".to_string(),
        standalone: true,
        ..Options::default()
    };
    generator::generate(&spec, &options).expect("the workspace spec generates")
}

fn generated_lib(generation: &generator::Generation) -> syn::File {
    let lib = generation
        .krate
        .files
        .iter()
        .find(|file| file.path == "src/lib.rs")
        .expect("src/lib.rs is generated");
    syn::parse_file(&lib.contents).expect("the generated lib.rs parses")
}

fn has_attr(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().any(|attr| attr.path().is_ident(name))
}

/// A module declaration as both crates must agree on it: its name, its
/// `cfg`, and whether it is public (`pub mod mock`).
fn declaration(module: &syn::ItemMod) -> (String, Vec<String>, bool) {
    let cfg = module
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .map(|attr| attr.to_token_stream().to_string())
        .collect();
    let public = matches!(module.vis, syn::Visibility::Public(_));
    (module.ident.to_string(), cfg, public)
}

/// The crate root's `pub use` items, attributes (docs) included, as text.
fn reexports(items: &[syn::Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Use(import) if matches!(import.vis, syn::Visibility::Public(_)) => {
                Some(import.to_token_stream().to_string())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_runtime_crate_declares_the_copied_modules() {
    // Its own modules: not the stand-ins (`#[path]`) or the tests.
    let runtime: Vec<_> = runtime_lib()
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module)
                if !has_attr(&module.attrs, "path") && module.ident != "tests" =>
            {
                Some(declaration(module))
            }
            _ => None,
        })
        .collect();
    let listed: Vec<_> = FILES
        .iter()
        .map(|file| {
            let cfg = match file.part {
                Part::Mock => vec!["# [cfg (feature = \"mock\")]".to_string()],
                Part::All | Part::BySpec => Vec::new(),
            };
            (file.module.to_string(), cfg, file.part == Part::Mock)
        })
        .collect();
    assert_eq!(
        runtime, listed,
        "generator/runtime/src/lib.rs and generator/src/emit/runtime.rs FILES list different modules"
    );
}

#[test]
fn a_generated_crate_declares_the_runtime_as_listed() {
    let generation = generated();
    let lib = generated_lib(&generation);
    let block = lib
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(module) if module.ident == "runtime" => module.content.as_ref(),
            _ => None,
        })
        .expect("the generated lib.rs has `mod runtime { .. }`");
    let declared: Vec<(String, bool)> = block
        .1
        .iter()
        .map(|item| match item {
            syn::Item::Mod(module) => (module.ident.to_string(), has_attr(&module.attrs, "allow")),
            other => panic!(
                "only module declarations in `mod runtime`: {}",
                other.to_token_stream()
            ),
        })
        .collect();
    let copied = copied_modules(&generation);
    let listed: Vec<(String, bool)> = FILES
        .iter()
        .filter(|file| copied.contains(&file.module))
        .map(|file| (file.module.to_string(), file.part != Part::All))
        .collect();
    assert_eq!(declared, listed);
    // The workspace spec's API has an envelope and no event streams.
    let left_out: Vec<&str> = FILES
        .iter()
        .map(|file| file.module)
        .filter(|module| !copied.contains(module))
        .collect();
    assert_eq!(left_out, ["events"]);
}

/// The runtime modules whose file a generated crate carries.
fn copied_modules(generation: &generator::Generation) -> Vec<&'static str> {
    FILES
        .iter()
        .filter(|file| {
            let path = generated_path(file);
            generation.krate.files.iter().any(|f| f.path == path)
        })
        .map(|file| file.module)
        .collect()
}

/// A crate carries the runtime files of the conventions its API has, and
/// no public item of the others: no envelope accessors, Cloudflare message
/// type or event stream in a crate of a spec without them.
#[test]
fn a_crate_without_an_envelope_or_streams_carries_neither() {
    let spec = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/stripe_like.yaml"),
    )
    .expect("tests/fixtures/stripe_like.yaml is readable");
    let options = Options {
        regenerate_command: "test".to_string(),
        standalone: true,
        ..Options::default()
    };
    let generation = generator::generate(&spec, &options).expect("the fixture generates");
    let copied = copied_modules(&generation);
    for module in ["envelope", "message", "events", "pagination"] {
        assert!(!copied.contains(&module), "{module} is copied: {copied:?}");
    }
    // The `mock` feature's `fail`/`result_info` still answer in Cloudflare's
    // envelope in every crate (`fail_with` sends any body).
    let sources = generation
        .krate
        .files
        .iter()
        .filter(|file| file.path != "src/runtime/mock.rs");
    for file in sources {
        for item in [
            "cf_ray",
            "ResponseMessage",
            "result_info",
            "crate::envelope",
        ] {
            assert!(
                !file.contents.contains(item),
                "{} mentions {item}",
                file.path
            );
        }
    }
}

#[test]
fn both_crate_roots_reexport_the_same_items_in_the_same_order() {
    let generation = generated();
    let copied = copied_modules(&generation);
    // The runtime crate re-exports from every module; a generated crate
    // only from those it carries.
    let runtime: Vec<String> = reexports(&runtime_lib().items)
        .into_iter()
        .filter(|import| {
            FILES
                .iter()
                .filter(|file| !copied.contains(&file.module))
                .all(|file| !import.starts_with(&format!("pub use {} ::", file.module)))
        })
        .collect();
    let generated: Vec<String> = reexports(&generated_lib(&generation).items)
        .into_iter()
        // `pub use runtime::mock`: the runtime crate's `pub mod mock`.
        .filter(|import| !import.starts_with("# [cfg (feature = \"mock\")] pub use runtime ::"))
        .collect();
    assert!(
        runtime
            .iter()
            .any(|import| import.contains("ResponseMessage")),
        "{runtime:?}"
    );
    assert_eq!(
        runtime, generated,
        "the re-exports of generator/runtime/src/lib.rs differ from a generated lib.rs's \
         (generator/src/emit/runtime.rs FILES and emit/crate_root.rs)"
    );
}

/// Lint allowances for a whole file go on the `mod` line of the generated
/// crate, never inside a copied file, where they would hold for the
/// runtime crate too.
#[test]
fn no_copied_file_turns_a_lint_off_for_itself() {
    for file in FILES {
        let parsed = syn::parse_file(file.text)
            .unwrap_or_else(|error| panic!("{} does not parse: {error}", file.name));
        let inner: Vec<String> = parsed
            .attrs
            .iter()
            .filter(|attr| attr.path().is_ident("allow") || attr.path().is_ident("expect"))
            .map(|attr| attr.to_token_stream().to_string())
            .collect();
        assert!(inner.is_empty(), "{}: {inner:?}", file.name);
    }
}
