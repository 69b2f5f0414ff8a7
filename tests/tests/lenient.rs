//! Lenient intake: a defect in one item of a spec is a warning at that
//! item's pointer and costs only that item. Each fixture in
//! `tests/fixtures/lenient/` has one kind of defect; `.ci/check-fixtures`
//! builds each as a crate. The last tests edit the real Cloudflare spec
//! (from `../shared/specs/`, skipped when it is absent).

use std::collections::BTreeSet;

use generator::record::NamingStyle;
use generator::{Fallback, Item, Kind, Reason};
use generator::{Generation, Options};
use serde_json::{Value, json};
use workspace_tests::{fixture_options, read, workspace_root};

fn generate(name: &str) -> Generation {
    let spec = read(format!("tests/fixtures/lenient/{name}.yaml"));
    // What is kept is checked by method name, one per operation:
    // operationId names.
    let options = Options {
        naming: Some(NamingStyle::Operation),
        ..fixture_options(name)
    };
    generator::generate(&spec, &options)
        .unwrap_or_else(|d| panic!("lenient fixture {name} has errors:\n{d}"))
}

fn warnings(generation: &Generation) -> Vec<String> {
    generation
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn methods(generation: &Generation) -> String {
    generation
        .krate
        .files
        .iter()
        .filter(|f| f.path.starts_with("src/operations/") || f.path.starts_with("src/models/"))
        .map(|f| f.contents.as_str())
        .collect()
}

#[test]
fn a_parameter_without_schema_is_a_string() {
    let generation = generate("parameter_without_schema");
    assert_eq!(
        warnings(&generation),
        [
            "warning: #/paths/~1zones~1{zone_id}~1dns_records/get/parameters/2: parameter has neither `schema` nor `content`; read as a string"
        ]
    );
    let code = methods(&generation);
    assert!(
        code.contains("pub comment_present: Option<String>"),
        "{code}"
    );
    assert!(code.contains("\"comment.present\""), "{code}");
}

#[test]
fn an_undeclared_path_variable_is_a_required_string() {
    let generation = generate("undeclared_path_variable");
    let at = "#/paths/~1zones~1{zone_id}~1rulesets~1phases~1{ruleset_phase}~1entrypoint/get";
    assert_eq!(
        warnings(&generation),
        [
            format!(
                "warning: {at}: path parameter `phase` is declared but not in the path; the parameter is skipped"
            ),
            format!(
                "warning: {at}: path variable `ruleset_phase` has no declared parameter; added as a required string path parameter"
            ),
        ]
    );
    let code = methods(&generation);
    assert!(code.contains("ruleset_phase: impl AsRef<str>"), "{code}");
    assert!(!code.contains(" phase: impl AsRef<str>"), "{code}");
}

#[test]
fn an_unreadable_path_template_skips_its_operation_only() {
    let generation = generate("path_templates");
    assert_eq!(
        warnings(&generation)[0],
        "warning: #/paths/~1zones~1{zone_id}~1items~1{item_id/get: unclosed `{` in path `/zones/{zone_id}/items/{item_id`; the operation is skipped"
    );
    assert_eq!(generation.summary.operations, 2);
}

#[test]
fn an_unreadable_parameter_is_skipped() {
    let generation = generate("unreadable_parameter");
    assert_eq!(
        warnings(&generation),
        [
            "warning: #/paths/~1accounts~1{account_id}~1members/parameters/1/schema: could not be read (invalid type: integer `5`, expected struct Schema); read as serde_json::Value",
            "warning: #/paths/~1accounts~1{account_id}~1members/get/parameters/0: could not be read (invalid type: string \"yes\", expected a boolean); the parameter is skipped",
        ]
    );
    let code = methods(&generation);
    assert!(!code.contains("pub order"), "{code}");
    assert!(code.contains("pub page"), "{code}");
}

#[test]
fn an_unreadable_operation_or_path_item_is_skipped_and_its_siblings_kept() {
    let generation = generate("unreadable_operation");
    assert_eq!(
        warnings(&generation),
        [
            "warning: #/paths/~1accounts~1{account_id}~1tokens/get: could not be read (invalid type: string \"sometimes\", expected a boolean); the operation is skipped",
            "warning: #/paths/~1accounts~1{account_id}~1tokens~1permission_groups: could not be read (invalid type: sequence, expected struct PathItem); its operations are skipped",
        ]
    );
    let code = methods(&generation);
    assert!(
        code.contains("fn account_api_tokens_create_token"),
        "{code}"
    );
    assert!(
        code.contains("fn account_api_tokens_verify_token"),
        "{code}"
    );
    assert!(
        !code.contains("fn account_api_tokens_list_tokens"),
        "{code}"
    );
}

#[test]
fn an_unreadable_schema_is_json_and_refs_to_it_stay_valid() {
    let generation = generate("unreadable_schema");
    assert_eq!(
        warnings(&generation),
        [
            "warning: #/components/schemas/zones_zone/properties/meta: could not be read (invalid type: string \"all\", expected a sequence); read as serde_json::Value",
            "warning: #/components/schemas/zones_plan: could not be read (invalid type: sequence, expected a map); read as serde_json::Value",
        ]
    );
}

#[test]
fn an_unreadable_response_or_body_is_skipped() {
    let generation = generate("unreadable_response_and_body");
    assert_eq!(
        warnings(&generation),
        [
            "warning: #/paths/~1zones~1{zone_id}~1purge_cache/post/requestBody: could not be read (invalid type: sequence, expected a map); the request body is skipped",
            "warning: #/paths/~1zones~1{zone_id}~1purge_cache/post/responses/4XX: could not be read (invalid type: string \"failure\", expected struct Response); the response is skipped",
        ]
    );
}

#[test]
fn dangling_refs_degrade_their_item_and_are_reported_once() {
    let generation = generate("dangling_refs");
    let texts = warnings(&generation);
    for expected in [
        "warning: #/paths/~1a~1{id}/get/parameters/0: $ref `#/components/parameters/missing` points to nothing; the parameter is skipped",
        "warning: #/paths/~1a~1{id}/get/requestBody: $ref `#/components/requestBodies/missing` points to nothing; the request body is skipped",
        "warning: #/paths/~1a~1{id}/get/responses/200: $ref `#/components/responses/missing` points to nothing; the response is read as raw bytes",
        "warning: #/components/schemas/c_response/properties/missing: $ref `#/components/schemas/missing` points to nothing; read as serde_json::Value",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected}\n{texts:#?}"
        );
    }
    // Reached through two allOfs, reported once.
    let allof = texts
        .iter()
        .filter(|t| t.contains("missing_base"))
        .collect::<Vec<_>>();
    assert_eq!(
        allof,
        [
            "warning: #/components/schemas/c_common/allOf/0: $ref `#/components/schemas/missing_base` points to nothing; the allOf member is skipped"
        ]
    );
    assert_eq!(generation.summary.operations, 3);
    // Each caller says what it does instead of the item; the summary
    // counts that, not the words.
    let left_out = |item| Kind::LeftOut {
        item,
        reason: Reason::RefToNothing,
    };
    let degraded = |to, reason| Kind::Degraded { to, reason };
    assert_eq!(
        generation
            .warnings
            .iter()
            .map(|d| d.kind)
            .collect::<Vec<_>>(),
        [
            left_out(Item::Parameter),
            left_out(Item::RequestBody),
            degraded(Fallback::Bytes, Reason::RefToNothing),
            degraded(Fallback::Json, Reason::UnsupportedRef),
            left_out(Item::AllOfMember),
            degraded(Fallback::Json, Reason::RefToNothing),
        ]
    );
}

#[test]
fn duplicate_operation_ids_are_renamed_with_a_warning() {
    let generation = generate("duplicate_operation_ids");
    assert_eq!(
        warnings(&generation),
        [
            "warning: #/paths/~1zones~1{zone_id}~1settings~1all/get/operationId: name collision: `zone-settings-get-all-zone-settings` is method `zone_settings_get_all_zone_settings_2`: `zone_settings_get_all_zone_settings` is taken"
        ]
    );
    let code = methods(&generation);
    assert!(
        code.contains("fn zone_settings_get_all_zone_settings("),
        "{code}"
    );
    assert!(
        code.contains("fn zone_settings_get_all_zone_settings_2("),
        "{code}"
    );
}

const FULL_SPEC: &str = "../shared/specs/cloudflare-openapi-2024-08-06.json";
const DNS_RECORDS: &str = "/zones/{zone_id}/dns_records";
const ENTRYPOINT: &str = "/zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint";

fn full_spec() -> Option<Value> {
    let path = workspace_root().join(FULL_SPEC);
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("SKIPPED: {} not found", path.display());
        return None;
    };
    Some(serde_json::from_str(&text).expect("the full spec is JSON"))
}

fn generate_value(spec: &Value) -> Generation {
    let text = serde_json::to_string(spec).expect("a JSON value serializes");
    generator::generate(&text, &fixture_options("cloudflare"))
        .unwrap_or_else(|d| panic!("the full spec has errors:\n{d}"))
}

/// The full spec as it is, and with the two defects that made three of ten
/// real past versions unusable: a DNS list query parameter without schema
/// and a path variable no parameter declares. The clean spec needs no
/// repair; the edited one generates every operation with exactly the
/// warnings for those two defects added.
#[test]
fn the_full_spec_needs_no_repair_and_survives_two_real_defects() {
    let Some(spec) = full_spec() else {
        return;
    };
    let clean = generate_value(&spec);
    let summary = &clean.summary;
    assert!(
        summary.left_out.is_empty() && summary.repaired.is_empty(),
        "spurious repairs:\n{summary}"
    );
    // Degraded only where the generator does not type what the spec says
    // (structured query parameters in `form` style, a multipart body
    // without an object schema), never by a defect.
    assert_eq!(
        summary.degraded,
        std::collections::BTreeMap::from([
            ((Reason::Unsupported, Fallback::RawBody), 1),
            ((Reason::Unsupported, Fallback::JsonText), 7),
        ]),
        "{summary}"
    );

    let mut edited = spec.clone();
    let parameters = edited["paths"][DNS_RECORDS]["get"]["parameters"]
        .as_array_mut()
        .expect("the DNS records list has parameters");
    let index = parameters
        .iter()
        .position(|p| p["name"] == json!("comment.present"))
        .expect("the DNS records list has `comment.present`");
    parameters[index]
        .as_object_mut()
        .and_then(|p| p.shift_remove("schema"))
        .expect("it has a schema to delete");
    let renamed = ENTRYPOINT.replace("{ruleset_phase}", "{phase}");
    let paths = edited["paths"].as_object_mut().expect("paths");
    *paths = std::mem::take(paths)
        .into_iter()
        .map(|(k, v)| {
            if k == ENTRYPOINT {
                (renamed.clone(), v)
            } else {
                (k, v)
            }
        })
        .collect();

    let broken = generate_value(&edited);
    assert_eq!(broken.summary.operations, clean.summary.operations);
    let before: BTreeSet<String> = warnings(&clean).into_iter().collect();
    let added: Vec<String> = warnings(&broken)
        .into_iter()
        .filter(|w| !before.contains(w))
        .collect();
    let at = format!("#/paths/{}", renamed.replace('~', "~0").replace('/', "~1"));
    assert_eq!(
        added,
        [
            format!(
                "warning: #/paths/~1zones~1{{zone_id}}~1dns_records/get/parameters/{index}: parameter has neither `schema` nor `content`; read as a string"
            ),
            format!(
                "warning: {at}/get: path parameter `ruleset_phase` is declared but not in the path; the parameter is skipped"
            ),
            format!(
                "warning: {at}/get: path variable `phase` has no declared parameter; added as a required string path parameter"
            ),
            format!(
                "warning: {at}/put: path parameter `ruleset_phase` is declared but not in the path; the parameter is skipped"
            ),
            format!(
                "warning: {at}/put: path variable `phase` has no declared parameter; added as a required string path parameter"
            ),
        ]
    );
    assert_eq!(broken.summary.repaired.values().sum::<usize>(), 3);
}
