//! `generated/` must be exactly what the generator makes of `spec/` today,
//! and generation must not depend on anything but the spec.

use workspace_tests::{
    QUERY_STYLES_COMMAND, SSO_GROUP_COMMAND, UPLOAD_CLIENT_COMMAND, generate_workspace_crate,
    query_styles_options, read, sso_group_options, upload_client_options, workspace_options,
    workspace_root,
};

const REGENERATE: &str = "cargo run -p generator";

#[test]
fn generated_crate_is_up_to_date() {
    let generation = generate_workspace_crate();
    let stale =
        generator::output::stale_files(&generation.krate, &workspace_root().join("generated"))
            .expect("generated/ is readable");
    assert!(
        stale.is_empty(),
        "generated/ is out of date with spec/openapi.yaml: {}\nrun `{REGENERATE}` and commit the result",
        stale.join(", ")
    );
}

#[test]
fn sso_group_crate_is_up_to_date() {
    let spec = read("tests/fixtures/sso_group.yaml");
    let generation =
        generator::generate(&spec, &sso_group_options()).expect("the SSO group fixture generates");
    assert!(
        generation.warnings.is_empty(),
        "unexpected warnings:\n{}",
        generation.warnings
    );
    let stale = generator::output::stale_files(
        &generation.krate,
        &workspace_root().join("tests/sso-group"),
    )
    .expect("tests/sso-group/ is readable");
    assert!(
        stale.is_empty(),
        "tests/sso-group/ is out of date with tests/fixtures/sso_group.yaml: {}\nrun `{SSO_GROUP_COMMAND}` and commit the result",
        stale.join(", ")
    );
}

#[test]
fn query_styles_crate_is_up_to_date() {
    let spec = read("tests/fixtures/query_styles.yaml");
    let generation = generator::generate(&spec, &query_styles_options())
        .expect("the query styles fixture generates");
    // The one warning the fixture is written to give.
    assert_eq!(
        generation.warnings.to_string().trim_end(),
        "warning: #/paths/~1events/get/parameters/2: parameters with `content` are sent as strings"
    );
    let stale = generator::output::stale_files(
        &generation.krate,
        &workspace_root().join("tests/query-styles"),
    )
    .expect("tests/query-styles/ is readable");
    assert!(
        stale.is_empty(),
        "tests/query-styles/ is out of date with tests/fixtures/query_styles.yaml: {}\nrun `{QUERY_STYLES_COMMAND}` and commit the result",
        stale.join(", ")
    );
}

#[test]
fn upload_client_crate_is_up_to_date() {
    let spec = read("tests/fixtures/upload.yaml");
    let generation =
        generator::generate(&spec, &upload_client_options()).expect("the upload fixture generates");
    assert!(
        generation.warnings.is_empty(),
        "unexpected warnings:\n{}",
        generation.warnings
    );
    let stale = generator::output::stale_files(
        &generation.krate,
        &workspace_root().join("tests/upload-client"),
    )
    .expect("tests/upload-client/ is readable");
    assert!(
        stale.is_empty(),
        "tests/upload-client/ is out of date with tests/fixtures/upload.yaml: {}\nrun `{UPLOAD_CLIENT_COMMAND}` and commit the result",
        stale.join(", ")
    );
}

#[test]
fn workspace_spec_generates_without_warnings() {
    let generation = generate_workspace_crate();
    assert!(
        generation.warnings.is_empty(),
        "unexpected warnings:\n{}",
        generation.warnings
    );
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(
        generate_workspace_crate().krate,
        generate_workspace_crate().krate
    );
}

/// Component order carries no meaning: reversing `components.schemas`
/// must give the same bytes.
#[test]
fn component_order_does_not_change_output() {
    let spec: serde_yaml::Value =
        serde_yaml::from_str(&read("spec/openapi.yaml")).expect("spec parses");
    let mut shuffled = spec.clone();
    let schemas = shuffled["components"]["schemas"]
        .as_mapping_mut()
        .expect("components.schemas is a map");
    let mut entries: Vec<(serde_yaml::Value, serde_yaml::Value)> =
        schemas.clone().into_iter().collect();
    entries.reverse();
    let reversed: serde_yaml::Mapping = entries.into_iter().collect();
    *schemas = reversed;
    let keys = |doc: &serde_yaml::Value| -> Vec<serde_yaml::Value> {
        doc["components"]["schemas"]
            .as_mapping()
            .expect("a map")
            .keys()
            .cloned()
            .collect()
    };
    assert_ne!(
        keys(&spec),
        keys(&shuffled),
        "the shuffle must change the document order"
    );
    let text = serde_yaml::to_string(&shuffled).expect("spec serializes");
    let from_shuffled =
        generator::generate(&text, &workspace_options()).expect("shuffled spec generates");
    assert_eq!(from_shuffled.krate, generate_workspace_crate().krate);
}
