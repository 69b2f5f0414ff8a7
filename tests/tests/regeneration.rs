//! Regenerating over an existing crate: names stay where users wrote them,
//! renamed types keep their old names as deprecated aliases, the change
//! report lists exactly what changed and the version follows semver.
//! `tests/fixtures/regeneration/v2.yaml` is `v1.yaml` a release later (its
//! header lists the changes).

use generator::record::{EntryKind, NamingStyle, Record};
use generator::{Generation, Options};
use serde_json::{Value, json};
use workspace_tests::{file, read};

fn options(previous: Option<&Record>) -> Options {
    Options {
        package_name: Some("fixture-regeneration".to_string()),
        regenerate_command: "cargo run -p generator -- --spec <spec> --out <dir>".to_string(),
        standalone: true,
        previous: previous.cloned(),
        // Method renames and their deprecated methods: operationId names.
        naming: Some(NamingStyle::Operation),
        ..Options::default()
    }
}

fn generate(spec: &str, previous: Option<&Record>) -> Generation {
    generator::generate(spec, &options(previous)).unwrap_or_else(|d| panic!("{d}"))
}

fn v1() -> Generation {
    generate(&read("tests/fixtures/regeneration/v1.yaml"), None)
}

fn v2_over(previous: &Generation) -> Generation {
    generate(
        &read("tests/fixtures/regeneration/v2.yaml"),
        Some(&previous.record),
    )
}

/// Every generated Rust source, for looking up items wherever they live.
fn sources(generation: &Generation) -> String {
    generation
        .krate
        .files
        .iter()
        .filter(|f| f.path.ends_with(".rs"))
        .map(|f| f.contents.as_str())
        .collect()
}

fn report_json(generation: &Generation) -> Value {
    let report = generation.report.as_ref().expect("a regeneration reports");
    serde_json::from_str(&report.to_json()).expect("the report is JSON")
}

#[test]
fn the_incumbent_keeps_its_short_name_and_the_newcomer_is_qualified() {
    let regenerated = v2_over(&v1());
    let code = sources(&regenerated);
    assert!(code.contains("pub struct Member {"), "{code}");
    assert!(code.contains("pub struct ZtMember {"), "{code}");
    assert!(!code.contains("IamMember"), "{code}");
    // Without the record both `member` schemas would be qualified, and
    // the user's `Member` would be gone.
    let fresh = sources(&generate(
        &read("tests/fixtures/regeneration/v2.yaml"),
        None,
    ));
    assert!(fresh.contains("pub struct IamMember {"), "{fresh}");
    assert!(!fresh.contains("pub struct Member {"), "{fresh}");
}

#[test]
fn a_renamed_schema_keeps_its_old_name_as_a_deprecated_alias() {
    let regenerated = v2_over(&v1());
    let models = file(&regenerated, "src/models/mod.rs");
    let alias = "/// The old name of [`Notice2`](crate::models::Notice2).\n#[deprecated(\n    note = \"renamed to `Notice2`; this name stays through the next 3 breaking versions\"\n)]\n#[cfg(feature = \"connectors\")]\npub type Notice = Notice2;\n";
    assert!(models.contains(alias), "{models}");
    let entry = &regenerated.record.deprecated["Notice"];
    assert_eq!(
        entry.target_source.as_str(),
        "#/components/schemas/iam_notice-2"
    );
    assert_eq!(entry.since, "0.2.0");
    assert_eq!(entry.breaking_versions, 0);
}

#[test]
fn the_report_lists_exactly_what_changed() {
    let report = report_json(&v2_over(&v1()));
    assert_eq!(report["breaking"], json!(true));
    assert_eq!(report["version"], json!({"from": "0.1.0", "to": "0.2.0"}));
    assert_eq!(
        report["operations"]["added"],
        json!([{
            "method": "POST",
            "path": "/accounts/{account_id}/zt/members",
            "rust_name": "create_zt_member",
            "pointer": "#/paths/~1accounts~1{account_id}~1zt~1members/post",
            "breaking": false
        }])
    );
    assert_eq!(
        report["operations"]["removed"],
        json!([{
            "method": "DELETE",
            "path": "/accounts/{account_id}/legacy",
            "rust_name": "delete_legacy",
            "pointer": "#/paths/~1accounts~1{account_id}~1legacy/delete",
            "breaking": true
        }])
    );
    assert_eq!(
        report["operations"]["changed"],
        json!([
            {
                "method": "GET",
                "path": "/accounts/{account_id}/connectors",
                "rust_name": "list_connectors",
                "pointer": "#/paths/~1accounts~1{account_id}~1connectors/get",
                "breaking": true,
                "changes": [{"what": "parameter `per_page` is now required", "breaking": true}]
            },
            {
                "method": "GET",
                "path": "/accounts/{account_id}/connectors/{connector_identifier}",
                "rust_name": "get_connector",
                "pointer": "#/paths/~1accounts~1{account_id}~1connectors~1{connector_identifier}/get",
                "breaking": false,
                "changes": [{
                    "what": "path variables renamed: `/accounts/{account_id}/connectors/{connector_id}` is now `/accounts/{account_id}/connectors/{connector_identifier}`",
                    "breaking": false
                }]
            }
        ])
    );
    assert_eq!(
        report["types"]["added"],
        json!([
            {"name": "Notice2", "pointer": "#/components/schemas/iam_notice-2", "breaking": false},
            {"name": "ZtMember", "pointer": "#/components/schemas/zt_member", "breaking": false}
        ])
    );
    assert_eq!(report["types"]["removed"], json!([]));
    assert_eq!(
        report["types"]["renamed"],
        json!([{
            "from": "Notice",
            "to": "Notice2",
            "pointer": "#/components/schemas/iam_notice-2",
            "breaking": false
        }])
    );
    assert_eq!(
        report["types"]["changed"],
        json!([
            {
                "name": "Connector",
                "pointer": "#/components/schemas/iam_connector",
                "changes": [{"what": "field `email_domain` added (optional, Option<String>)", "breaking": false}]
            },
            {
                "name": "ConnectorStatus",
                "pointer": "#/components/schemas/iam_connector/properties/status",
                "changes": [{"what": "variant `Failed` added", "breaking": true}]
            }
        ])
    );
    assert_eq!(report["auth"], json!({"added": ["api_key"], "removed": []}));
    assert_eq!(
        report["features"],
        json!({"added": ["zero-trust"], "removed": []})
    );
}

#[test]
fn the_version_follows_the_report() {
    let first = v1();
    assert_eq!(first.record.version, "0.1.0");
    let regenerated = v2_over(&first);
    assert!(
        file(&regenerated, "Cargo.toml").contains("\nversion = \"0.2.0\"\n"),
        "{}",
        file(&regenerated, "Cargo.toml")
    );
    // The same spec again: nothing changed, nothing bumped.
    let same = generate(
        &read("tests/fixtures/regeneration/v1.yaml"),
        Some(&first.record),
    );
    assert_eq!(same.record.version, "0.1.0");
    assert!(same.report.as_ref().is_some_and(|r| r.is_empty()));
    // Only the layout of the spec changed: the code is the same.
    let comment = format!(
        "{}\n# a comment\n",
        read("tests/fixtures/regeneration/v1.yaml")
    );
    assert_eq!(
        generate(&comment, Some(&first.record)).record.version,
        "0.1.0"
    );
    // Only documentation changed: a patch.
    let reworded = read("tests/fixtures/regeneration/v1.yaml").replace(
        "Lists the connectors of an account.",
        "Lists every connector of an account.",
    );
    let patched = generate(&reworded, Some(&first.record));
    assert_eq!(patched.record.version, "0.1.1");
    let report = patched.report.as_ref().expect("a regeneration reports");
    assert!(report.is_empty());
    assert_eq!(
        report.to_string(),
        "changes: none to the API; the code changed, version 0.1.0 -> 0.1.1\n"
    );
    // A pinned version wins over the report.
    let pinned = generator::generate(
        &read("tests/fixtures/regeneration/v2.yaml"),
        &Options {
            pinned_version: Some("3.1.4".to_string()),
            ..options(Some(&first.record))
        },
    )
    .expect("v2 generates");
    assert_eq!(pinned.record.version, "3.1.4");
    assert!(file(&pinned, "Cargo.toml").contains("\nversion = \"3.1.4\"\n"));
}

#[test]
fn regenerating_over_the_result_changes_nothing() {
    let regenerated = v2_over(&v1());
    let again = v2_over(&regenerated);
    assert_eq!(again.krate, regenerated.krate);
    assert!(again.report.as_ref().is_some_and(|r| r.is_empty()));
    // The deprecated alias is still there: only breaking versions count.
    assert!(file(&again, "src/models/mod.rs").contains("pub type Notice = Notice2;"));
}

/// With an alias lifetime of 0, deprecated aliases go at the next
/// breaking version (`generator/tests/aliases.rs` counts longer lifetimes).
#[test]
fn deprecated_aliases_go_at_the_next_breaking_version() {
    let regenerated = v2_over(&v1());
    // v3: v2 without the members operation, a breaking change.
    let v2 = read("tests/fixtures/regeneration/v2.yaml");
    let start = v2
        .find("  /accounts/{account_id}/members:")
        .expect("v2 lists members");
    let end = v2
        .find("  /accounts/{account_id}/zt/members:")
        .expect("v2 has zt members");
    let v3 = format!("{}{}", &v2[..start], &v2[end..]);
    let next = generator::generate(
        &v3,
        &Options {
            alias_lifetime: Some(0),
            ..options(Some(&regenerated.record))
        },
    )
    .unwrap_or_else(|d| panic!("{d}"));
    let report = report_json(&next);
    assert_eq!(report["version"], json!({"from": "0.2.0", "to": "0.3.0"}));
    assert!(!file(&next, "src/models/mod.rs").contains("pub type Notice ="));
    let removed: Vec<&str> = report["types"]["removed"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(removed, ["Member", "Notice"]);
}

#[test]
fn the_record_is_deterministic_text_in_the_crate() {
    let regenerated = v2_over(&v1());
    let text = file(&regenerated, "api.lock");
    assert_eq!(Record::parse(text), Ok(regenerated.record.clone()));
    assert!(
        text.contains("\"ZtMember\": {\n      \"source\": \"#/components/schemas/zt_member\",")
    );
    assert_eq!(v2_over(&v1()).krate, regenerated.krate);
}

/// Two operations sharing a multipart body each have a form of their own,
/// filed under the operation: both keep their names when an operation is
/// renamed (a fresh run would call the first `UploadFirstForm`).
#[test]
fn forms_of_a_shared_body_keep_their_names() {
    let spec = |first_id: &str| {
        format!(
            "openapi: 3.0.3
info: {{title: Forms, version: '1'}}
servers: [{{url: 'https://api.test'}}]
paths:
  /a:
    post:
      operationId: {first_id}
      requestBody: {{$ref: '#/components/requestBodies/upload'}}
      responses: {{'204': {{description: Done.}}}}
  /b:
    post:
      operationId: upload-b
      requestBody: {{$ref: '#/components/requestBodies/upload'}}
      responses: {{'204': {{description: Done.}}}}
components:
  requestBodies:
    upload:
      content:
        multipart/form-data:
          schema:
            type: object
            properties:
              file: {{type: string, format: binary}}
"
        )
    };
    let first = generate(&spec("upload-a"), None);
    let sources_of = |generation: &Generation| {
        generation
            .record
            .types
            .iter()
            .filter(|(_, entry)| entry.kind == EntryKind::Form)
            .map(|(name, entry)| format!("{name} {}", entry.source))
            .collect::<Vec<_>>()
    };
    let expected = [
        "UploadAForm #/paths/~1a/post/requestBody/content/multipart~1form-data",
        "UploadBForm #/paths/~1b/post/requestBody/content/multipart~1form-data",
    ];
    assert_eq!(sources_of(&first), expected);
    let renamed = generate(&spec("upload-first"), Some(&first.record));
    assert_eq!(sources_of(&renamed), expected);
    let code = sources(&renamed);
    assert!(code.contains("body: &crate::models::UploadAForm"), "{code}");
    assert!(code.contains("pub fn upload_first("), "{code}");
    let fresh = generate(&spec("upload-first"), None);
    assert!(sources(&fresh).contains("pub struct UploadFirstForm {"));
}

/// What every received struct and every union has (`extra`, `Unknown`) is
/// implied, not recorded: it is never reported as a change of its own.
#[test]
fn kept_members_and_unknown_variants_are_not_recorded() {
    let generation = generate(&read("tests/fixtures/unions.yaml"), None);
    let types = &generation.record.types;
    let fields =
        |name: &str| -> Vec<&str> { types[name].fields.keys().map(String::as_str).collect() };
    assert_eq!(types["Pet"].kind, EntryKind::Union);
    assert_eq!(fields("Pet"), ["Cat", "Dog", "Lizard"]);
    assert_eq!(fields("Cat"), ["indoor", "name", "pet_type"]);
    assert!(
        sources(&generation).contains("pub extra: serde_json::Map<String, serde_json::Value>,")
    );
    let again = generate(
        &read("tests/fixtures/unions.yaml"),
        Some(&generation.record),
    );
    let report = again.report.as_ref().expect("a regeneration reports");
    assert!(report.is_empty(), "{report}");
}

/// Two operations sharing an operationId keep their methods: the earlier
/// crate's names are found by operation (`METHOD /path/{}`) first, so
/// regenerating an unchanged spec never swaps their `_2` (it did, run after
/// run, when names were found by operationId alone).
#[test]
fn duplicate_operation_ids_keep_their_methods_across_regenerations() {
    let spec = read("tests/fixtures/lenient/duplicate_operation_ids.yaml");
    let first = generate(&spec, None);
    let names = |generation: &Generation| -> Vec<(String, String)> {
        generation
            .record
            .operations
            .iter()
            .map(|(key, op)| (key.clone(), op.rust_name.clone()))
            .collect()
    };
    assert_eq!(
        names(&first),
        [
            (
                "GET /zones/{}/settings".to_string(),
                "zone_settings_get_all_zone_settings".to_string()
            ),
            (
                "GET /zones/{}/settings/all".to_string(),
                "zone_settings_get_all_zone_settings_2".to_string()
            ),
        ]
    );
    let mut previous = first;
    for _ in 0..3 {
        let again = generate(&spec, Some(&previous.record));
        assert_eq!(names(&again), names(&previous));
        let report = again.report.as_ref().expect("a regeneration reports");
        assert!(report.is_empty(), "{report}");
        assert_eq!(again.record.version, previous.record.version);
        previous = again;
    }
}

/// A path argument that stays a string (plain or length-checked) is taken
/// as `impl AsRef<str>` either way: a change among those is reported, but
/// not as breaking; a string becoming an integer is.
#[test]
fn string_path_arguments_changing_their_checks_do_not_break_callers() {
    let spec = |zone: &str| {
        format!(
            "openapi: 3.0.3
info: {{title: Paths, version: '1'}}
servers: [{{url: 'https://api.test'}}]
paths:
  /zones/{{zone_id}}:
    get:
      operationId: get-zone
      parameters:
        - {{name: zone_id, in: path, required: true, schema: {zone}}}
      responses: {{'204': {{description: Done.}}}}
components:
  schemas:
    zone_identifier: {{type: string, minLength: 32, maxLength: 32}}
"
        )
    };
    let plain = generate(&spec("{type: string}"), None);
    let checked = generate(
        &spec("{$ref: '#/components/schemas/zone_identifier'}"),
        Some(&plain.record),
    );
    let report = checked.report.as_ref().expect("a regeneration reports");
    assert!(!report.breaking, "{report}");
    let json = report_json(&checked);
    assert_eq!(
        json["operations"]["changed"][0]["changes"],
        json!([{"what": "path arguments changed from (String) to (ZoneIdentifier)", "breaking": false}])
    );
    let integer = generate(&spec("{type: integer}"), Some(&checked.record));
    let report = integer.report.as_ref().expect("a regeneration reports");
    assert!(report.breaking, "{report}");
}
