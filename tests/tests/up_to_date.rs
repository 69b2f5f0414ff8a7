//! `generated/` must be exactly what the generator makes of `spec/` today,
//! and generation must not depend on anything but the spec.

use workspace_tests::{
    CALL_OPTIONS, CONSTRUCTORS_CLIENT, EVENTS_CLIENT, LISTS_CLIENT, Member, QUERY_STYLES,
    SSO_GROUP, STRIPE_LIKE, UNION_CLIENT, UPLOAD_CLIENT, generate_workspace_crate, read,
    workspace_options, workspace_root,
};

const REGENERATE: &str = "cargo run -p generator";

#[test]
fn generated_crate_is_up_to_date() {
    let generation = generate_workspace_crate();
    let stale = generation
        .krate
        .stale_files(&workspace_root().join("generated"))
        .expect("generated/ is readable");
    assert!(
        stale.is_empty(),
        "generated/ is out of date with spec/openapi.yaml: {}\nrun `{REGENERATE}` and commit the result",
        stale.join(", ")
    );
}

/// The member's checked-in crate is what the generator makes of its fixture,
/// which gives exactly `warnings` (one per line).
fn assert_up_to_date(member: &Member, warnings: &str) {
    let generation = member.generate();
    assert_eq!(generation.warnings.to_string().trim_end(), warnings);
    let stale = generation
        .krate
        .stale_files(&workspace_root().join(member.dir))
        .unwrap_or_else(|error| panic!("{} is not readable: {error}", member.dir));
    assert!(
        stale.is_empty(),
        "{}/ is out of date with {}: {}\nrun `{}` and commit the result",
        member.dir,
        member.spec,
        stale.join(", "),
        member.command()
    );
}

#[test]
fn sso_group_crate_is_up_to_date() {
    assert_up_to_date(&SSO_GROUP, "");
}

#[test]
fn query_styles_crate_is_up_to_date() {
    // The one warning the fixture is written to give.
    assert_up_to_date(
        &QUERY_STYLES,
        "warning: #/paths/~1events/get/parameters/2: parameters with `content` are sent as strings",
    );
}

#[test]
fn upload_client_crate_is_up_to_date() {
    assert_up_to_date(&UPLOAD_CLIENT, "");
}

#[test]
fn union_client_crate_is_up_to_date() {
    assert_up_to_date(&UNION_CLIENT, "");
}

#[test]
fn call_options_crate_is_up_to_date() {
    assert_up_to_date(&CALL_OPTIONS, "");
}

#[test]
fn stripe_like_crate_is_up_to_date() {
    assert_up_to_date(&STRIPE_LIKE, "");
}

#[test]
fn constructors_client_crate_is_up_to_date() {
    assert_up_to_date(&CONSTRUCTORS_CLIENT, "");
}

#[test]
fn events_client_crate_is_up_to_date() {
    assert_up_to_date(
        &EVENTS_CLIENT,
        "warning: #/paths/~1chat~1completions/post/responses/200/content/application~1xml: \
         success response media type `application/xml` is not read (the method reads JSON); \
         no method returns it",
    );
}

#[test]
fn lists_client_crate_is_up_to_date() {
    assert_up_to_date(&LISTS_CLIENT, "");
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
