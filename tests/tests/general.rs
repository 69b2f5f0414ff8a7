//! Generality features on a small spec that has one of each hard case
//! (tests/fixtures/general/kitchen-sink.yaml): group modules and features,
//! serde impls by usage, readOnly in sent types, declared auth alternatives,
//! reported name collisions.

use generator::Generation;
use workspace_tests::{file, fixture_options, read};

fn kitchen_sink() -> Generation {
    let text = read("tests/fixtures/general/kitchen-sink.yaml");
    match generator::generate(&text, &fixture_options("general/kitchen-sink")) {
        Ok(generation) => generation,
        Err(diagnostics) => panic!("kitchen-sink.yaml must generate:\n{diagnostics}"),
    }
}

#[test]
fn one_module_and_feature_per_group() {
    let generation = kitchen_sink();
    let paths: Vec<&str> = generation
        .krate
        .files
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "api.lock",
            "src/lib.rs",
            "src/auth.rs",
            "src/models/mod.rs",
            "src/resources.rs",
            "src/operations/files.rs",
            "src/models/nodes.rs",
            "src/operations/nodes.rs",
            "src/runtime/call.rs",
            "src/runtime/checks.rs",
            "src/runtime/client.rs",
            "src/runtime/envelope.rs",
            "src/runtime/error.rs",
            "src/runtime/error_body.rs",
            "src/runtime/form.rs",
            "src/runtime/message.rs",
            "src/runtime/mock.rs",
            "src/runtime/multipart.rs",
            "src/runtime/nullable.rs",
            "src/runtime/number.rs",
            "src/runtime/object.rs",
            "src/runtime/pagination.rs",
            "src/runtime/params.rs",
            "src/runtime/path.rs",
            "src/runtime/rate_limit.rs",
            "src/runtime/request.rs",
            "src/runtime/response.rs",
            "src/runtime/retry.rs",
            "src/runtime/security.rs",
            "src/runtime/send.rs",
            "src/runtime/strings.rs",
            "src/runtime/timestamp.rs",
            "src/runtime/trace.rs",
            "src/runtime/union.rs",
        ]
    );
    let manifest = file(&generation, "Cargo.toml");
    assert!(
        manifest.contains("[features]\ndefault = [\"full\"]\nfull = [\"files\", \"nodes\"]\n")
            && manifest.contains("mock = [\"dep:wiremock\"]\n")
            && manifest.contains("tracing = [\"dep:tracing\"]\nfiles = []\nnodes = []\n"),
        "{manifest}"
    );
    let lib = file(&generation, "src/lib.rs");
    assert!(
        lib.contains("    #[cfg(feature = \"nodes\")]\n    mod nodes;\n"),
        "{lib}"
    );
    // The untagged `put_node` under /nodes joins the `Nodes` tag's module.
    let nodes = file(&generation, "src/operations/nodes.rs");
    assert!(
        nodes.contains("operationId `put_node`; in tests, `MockApi::expect_put_node`"),
        "{nodes}"
    );
    assert!(
        nodes.contains("//! API group `Nodes`, `nodes` (cargo feature `nodes`)"),
        "{nodes}"
    );
    // A group's types are reachable only as `models::Name`.
    let models = file(&generation, "src/models/mod.rs");
    assert!(
        models.contains(
            "#[cfg(feature = \"nodes\")]\nmod nodes;\n\n#[cfg(feature = \"nodes\")]\npub use nodes::*;"
        ),
        "{models}"
    );
}

#[test]
fn read_only_fields_are_optional_in_sent_types() {
    let generation = kitchen_sink();
    let nodes = file(&generation, "src/models/nodes.rs");
    // `id` is required and readOnly; `Node` is also a request body.
    assert!(
        nodes.contains("pub struct Node {\n    /// `id`\n    pub id: Option<String>,"),
        "{nodes}"
    );
    assert!(
        nodes
            .contains("crate::object::writer(serializer)\n            .optional(\"id\", &self.id)"),
        "{nodes}"
    );
    assert!(
        nodes.contains("#[derive(Clone, Debug, Default, PartialEq)]\npub struct Node {"),
        "{nodes}"
    );
    // Sent and received: both serde impls, neither behind `mock`.
    assert!(
        nodes.contains("}\n\nimpl serde::Serialize for Node {"),
        "{nodes}"
    );
    assert!(
        nodes.contains("}\n\ncrate::object::deserialize_object!(Node);\n"),
        "{nodes}"
    );
}

#[test]
fn over_strict_and_groups_gain_the_declared_alternatives() {
    let generation = kitchen_sink();
    let nodes = file(&generation, "src/operations/nodes.rs");
    assert!(
        nodes.contains("crate::auth::TOKEN_AND_KEY_OR_TOKEN_OR_KEY,"),
        "{nodes}"
    );
    let auth = file(&generation, "src/auth.rs");
    assert!(
        auth.contains(
            "pub(crate) const TOKEN_AND_KEY_OR_TOKEN_OR_KEY: &[&[Scheme]] = &[\n    &[Scheme::Token, Scheme::Key],\n    &[Scheme::Token],\n    &[Scheme::Key],\n];"
        ),
        "{auth}"
    );
}

#[test]
fn collisions_are_resolved_and_reported_with_a_pointer() {
    let generation = kitchen_sink();
    let warnings: Vec<String> = generation.warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "warning: #/paths/~1nodes~1{node_id}/get/parameters/2: name collision: parameter `nodeId` is `node_id_2`: `node_id` is taken by another parameter",
            // `extra` is the field keeping a received struct's undeclared members.
            "warning: #/components/schemas/node/properties/extra: name collision: property `extra` is field `extra_2`: `extra` is taken by another property",
            // A form without properties stays bytes, as the raw-body test below expects.
            "warning: #/paths/~1nodes~1{node_id}/put/requestBody/content/multipart~1form-data: multipart/form-data without an object schema of properties is not typed; the body is sent as the bytes the caller gives",
        ]
    );
    let nodes = file(&generation, "src/models/nodes.rs");
    assert!(nodes.contains("pub node_id_2: Option<String>,"), "{nodes}");
    // `anyOf: [string, integer]` in a query is text, without a warning.
    assert!(nodes.contains("pub since: Option<String>,"), "{nodes}");
    let summary = generation.summary.to_string();
    assert!(
        // Degraded: `put_node`, whose form has no properties to type.
        summary.contains("operations: 4 generated in 2 groups (1 degraded, 0 path items skipped)"),
        "{summary}"
    );
}

#[test]
fn raw_bodies_and_byte_responses_are_documented() {
    let generation = kitchen_sink();
    let nodes = file(&generation, "src/operations/nodes.rs");
    assert!(
        nodes.contains("/// `body` is sent as given, as `multipart/form-data`"),
        "{nodes}"
    );
    let files = file(&generation, "src/operations/files.rs");
    assert!(
        files.contains("/// The response body is returned as raw bytes (it is not JSON)."),
        "{files}"
    );
}

#[test]
fn an_array_that_contains_itself_is_typed_not_json() {
    let generation = kitchen_sink();
    let nodes = file(&generation, "src/models/nodes.rs");
    assert!(
        nodes.contains("pub trace: Option<Vec<crate::models::TraceItem>>,\n"),
        "{nodes}"
    );
    assert!(nodes.contains("pub struct TraceItem {"), "{nodes}");
}

fn fixture(name: &str) -> Generation {
    let text = read(format!("tests/fixtures/{name}.yaml"));
    match generator::generate(&text, &fixture_options(name)) {
        Ok(generation) => generation,
        Err(diagnostics) => panic!("{name}.yaml must generate:\n{diagnostics}"),
    }
}

fn rust_sources(generation: &Generation) -> String {
    generation
        .krate
        .files
        .iter()
        .filter(|f| f.path.ends_with(".rs"))
        .map(|f| f.contents.as_str())
        .collect()
}

#[test]
fn words_that_are_not_group_prefixes_stay_in_the_name() {
    let generation = fixture("collision_names");
    let code = rust_sources(&generation);
    for name in [
        "BankAccount",
        "DeletedBankAccount",
        "DeletedCustomer",
        "Customer",
        "BalanceTransaction",
        "CustomerBalanceTransaction",
        // `stream_` is a group prefix: `stream_output` is `Output`, and the
        // two live inputs, which would both be `LiveInput`, are qualified.
        "Output",
        "StreamLiveInput",
        "StreamLiveInput2",
    ] {
        assert!(
            code.contains(&format!("pub struct {name} {{")),
            "{name}: {code}"
        );
    }
    assert!(!code.contains("BankAccount2"), "{code}");
    assert!(!code.contains("BalanceTransaction2"), "{code}");
    // Only the real collision is reported, naming what the other schema is.
    let warnings: Vec<String> = generation.warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "warning: #/components/schemas/stream_live_input: name collision: schema `stream_live_input` is type `StreamLiveInput2`: another schema is also `StreamLiveInput`"
        ]
    );
}

#[test]
fn untagged_operations_are_grouped_below_the_version_prefix() {
    let generation = fixture("untagged");
    let manifest = file(&generation, "Cargo.toml");
    assert!(
        manifest.contains("full = [\"charges\", \"customers\", \"invoices\"]\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains("\ncharges = []\ncustomers = []\ninvoices = []\n"),
        "{manifest}"
    );
    assert!(!manifest.contains("v1"), "{manifest}");
    // Resource names drop the version prefix too: `client.customers().list()`.
    let customers = file(&generation, "src/operations/customers.rs");
    assert!(
        customers.contains("impl crate::resources::Customers {"),
        "{customers}"
    );
    assert!(customers.contains("pub fn list("), "{customers}");
    assert!(customers.contains("pub fn create("), "{customers}");
    let charges = file(&generation, "src/operations/charges.rs");
    assert!(
        charges.contains("impl crate::resources::Charges {"),
        "{charges}"
    );
    assert!(charges.contains("pub fn get("), "{charges}");
    let invoices = file(&generation, "src/operations/invoices.rs");
    assert!(invoices.contains("pub fn list("), "{invoices}");
}
