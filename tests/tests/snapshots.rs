//! Snapshots of the generated code for `spec/` and for small fixture specs,
//! each exercising one concern, and of the diagnostics for invalid specs.
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
fn multi_status_responses() {
    insta::assert_snapshot!("responses", fixture_crate("responses"));
}

#[test]
fn identical_types_become_aliases() {
    insta::assert_snapshot!("dedup", fixture_crate("dedup"));
}

#[test]
fn invalid_dangling_refs() {
    insta::assert_snapshot!("invalid_dangling_refs", diagnostics("dangling_refs.yaml"));
}

#[test]
fn invalid_path_templates() {
    insta::assert_snapshot!(
        "invalid_path_templates",
        diagnostics("undeclared_path_param.yaml")
    );
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
fn invalid_value_type() {
    insta::assert_snapshot!("invalid_value_type", diagnostics("wrong_type.yaml"));
}

#[test]
fn invalid_openapi_version() {
    insta::assert_snapshot!("invalid_openapi_version", diagnostics("wrong_version.json"));
}

/// `timeout`, `withOptions`, `max_retries` and `execute` are methods the
/// client already has: each operation is renamed, with a warning.
#[test]
fn reserved_method_names() {
    insta::assert_snapshot!("reserved_names", fixture_crate("reserved_names"));
}
