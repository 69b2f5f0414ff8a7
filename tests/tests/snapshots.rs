//! Snapshots of the generated code for `spec/` and for small fixture specs,
//! each exercising one concern, of the warnings for specs with defects in
//! single items (which still generate), and of the errors for specs that
//! cannot be read at all.
//! Update with `INSTA_UPDATE=always cargo test -p workspace-tests`, then
//! review `git diff`.

use workspace_tests::{
    crate_text, fixture_options, generate_workspace_crate, read, spec_dependent_text,
};

fn fixture_crate(name: &str) -> String {
    let spec = read(format!("tests/fixtures/{name}.yaml"));
    let generation = generator::generate(&spec, &fixture_options(name))
        .unwrap_or_else(|d| panic!("fixture {name} has errors:\n{d}"));
    let warnings = generation.warnings.to_string();
    format!(
        "===== warnings =====\n{warnings}\n{}",
        spec_dependent_text(&generation)
    )
}

/// A spec with defects in single items: it generates, and the snapshot
/// holds every warning and the summary that counts what was repaired or
/// skipped.
fn lenient(name: &str) -> String {
    let spec = read(format!("tests/fixtures/lenient/{name}.yaml"));
    let generation = generator::generate(&spec, &fixture_options(name))
        .unwrap_or_else(|d| panic!("lenient fixture {name} has errors:\n{d}"));
    format!("{}\n{}", generation.warnings, generation.summary)
}

fn diagnostics(file: &str) -> String {
    let spec = read(format!("tests/fixtures/invalid/{file}"));
    match generator::generate(&spec, &fixture_options("invalid")) {
        Ok(_) => panic!("{file} should not generate"),
        Err(diagnostics) => diagnostics.to_string(),
    }
}

#[test]
fn workspace_spec() {
    insta::assert_snapshot!("workspace_spec", crate_text(&generate_workspace_crate()));
}

#[test]
fn enums() {
    insta::assert_snapshot!("enums", fixture_crate("enums"));
}

#[test]
fn envelope() {
    insta::assert_snapshot!("envelope", fixture_crate("envelope"));
}

#[test]
fn nullable_and_recursion() {
    insta::assert_snapshot!("nullable", fixture_crate("nullable"));
}

#[test]
fn keywords_and_non_identifiers() {
    insta::assert_snapshot!("keywords", fixture_crate("keywords"));
}

#[test]
fn path_query_and_header_params() {
    insta::assert_snapshot!("params", fixture_crate("params"));
}

#[test]
fn query_and_header_styles() {
    insta::assert_snapshot!("query_styles", fixture_crate("query_styles"));
}

/// Optional bodies of every kind (JSON, bytes, a form, a paginated list's
/// filter) and a required one next to an `Idempotency-Key` header.
#[test]
fn optional_bodies_and_idempotency_keys() {
    insta::assert_snapshot!("call_options", fixture_crate("call_options"));
}

/// Discriminators (explicit, implicit and inherited mappings), an implied
/// tag, and received objects keeping undeclared members.
#[test]
fn unions() {
    insta::assert_snapshot!("unions", fixture_crate("unions"));
}

/// Form bodies (nested objects, maps, arrays, unions with `""`, a `$ref`
/// shared with a response) and bracketed `deepObject` queries.
#[test]
fn stripe_like_forms_and_deep_objects() {
    insta::assert_snapshot!("stripe_like", fixture_crate("stripe_like"));
}

/// A response offering JSON or server-sent events (a typed chunk, the
/// body's `stream` flag set), events without a schema (text).
#[test]
fn server_sent_events() {
    insta::assert_snapshot!("events", fixture_crate("events"));
}

#[test]
fn multi_status_responses() {
    insta::assert_snapshot!("responses", fixture_crate("responses"));
}

#[test]
fn pagination_from_result_info() {
    insta::assert_snapshot!("pagination", fixture_crate("pagination"));
}

/// Pagination beyond Cloudflare, recognised from the schema: the
/// `Paging` descriptors and `PageItems` impls of every style.
#[test]
fn pagination_styles() {
    insta::assert_snapshot!("lists", fixture_crate("lists"));
}

#[test]
fn identical_types_become_aliases() {
    insta::assert_snapshot!("dedup", fixture_crate("dedup"));
}

#[test]
fn invalid_yaml_syntax() {
    insta::assert_snapshot!("invalid_yaml_syntax", diagnostics("yaml_syntax.yaml"));
}

#[test]
fn invalid_json_syntax() {
    insta::assert_snapshot!("invalid_json_syntax", diagnostics("json_syntax.json"));
}

#[test]
fn invalid_openapi_version() {
    insta::assert_snapshot!("invalid_openapi_version", diagnostics("wrong_version.json"));
}

/// `timeout`, `withOptions`, `max_retries` and `execute` are methods the
/// client already has: each operation is renamed, with a warning.
#[test]
fn prelude_and_auth_names() {
    insta::assert_snapshot!("prelude_names", fixture_crate("prelude_names"));
}

#[test]
fn openapi_31() {
    insta::assert_snapshot!("openapi_31", fixture_crate("openapi_31"));
}

#[test]
fn deep_refs() {
    insta::assert_snapshot!("deep_refs", fixture_crate("deep_refs"));
}

#[test]
fn big_numbers() {
    insta::assert_snapshot!("big_numbers", fixture_crate("big_numbers"));
}

#[test]
fn self_arrays() {
    insta::assert_snapshot!("self_arrays", fixture_crate("self_arrays"));
}

#[test]
fn reserved_method_names() {
    insta::assert_snapshot!("reserved_names", fixture_crate("reserved_names"));
}

#[test]
fn invalid_not_an_object() {
    insta::assert_snapshot!("invalid_not_an_object", diagnostics("not_an_object.yaml"));
}

#[test]
fn invalid_unusable_info() {
    insta::assert_snapshot!("invalid_unusable_info", diagnostics("unusable_info.yaml"));
}

#[test]
fn invalid_unusable_paths() {
    insta::assert_snapshot!("invalid_unusable_paths", diagnostics("unusable_paths.json"));
}

#[test]
fn lenient_parameter_without_schema() {
    insta::assert_snapshot!(
        "lenient_parameter_without_schema",
        lenient("parameter_without_schema")
    );
}

#[test]
fn lenient_undeclared_path_variable() {
    insta::assert_snapshot!(
        "lenient_undeclared_path_variable",
        lenient("undeclared_path_variable")
    );
}

#[test]
fn lenient_path_templates() {
    insta::assert_snapshot!("lenient_path_templates", lenient("path_templates"));
}

#[test]
fn lenient_unreadable_parameter() {
    insta::assert_snapshot!(
        "lenient_unreadable_parameter",
        lenient("unreadable_parameter")
    );
}

#[test]
fn lenient_unreadable_operation() {
    insta::assert_snapshot!(
        "lenient_unreadable_operation",
        lenient("unreadable_operation")
    );
}

#[test]
fn lenient_unreadable_schema() {
    insta::assert_snapshot!("lenient_unreadable_schema", lenient("unreadable_schema"));
}

#[test]
fn lenient_unreadable_response_and_body() {
    insta::assert_snapshot!(
        "lenient_unreadable_response_and_body",
        lenient("unreadable_response_and_body")
    );
}

#[test]
fn lenient_dangling_refs() {
    insta::assert_snapshot!("lenient_dangling_refs", lenient("dangling_refs"));
}

#[test]
fn lenient_duplicate_operation_ids() {
    insta::assert_snapshot!(
        "lenient_duplicate_operation_ids",
        lenient("duplicate_operation_ids")
    );
}
