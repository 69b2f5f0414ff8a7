//! The library API's build-script path, end to end: `tests/build-script`
//! generates the SSO client in its `build.rs` (`generator::Generator`, then
//! `write_for_include` into `OUT_DIR`) and includes it; here it is used as
//! any client is, against a real HTTP server on 127.0.0.1.

use build_script_client::models::{SsoConnectorVerificationStatus, UpdateSsoConnectorStateRequest};
use build_script_client::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workspace_tests::{dependencies, generate_workspace_crate, read};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const CONNECTOR: &str = "f174e90afafe4643bbbc4a0ed4fc8415";

#[tokio::test]
async fn the_client_a_build_script_generated_sends_and_decodes() {
    let server = MockServer::start().await;
    let route = format!("/accounts/{ACCOUNT}/sso_connectors/{CONNECTOR}");
    Mock::given(method("PATCH"))
        .and(path(route.as_str()))
        .and(header("authorization", "Bearer token-1"))
        .and(body_json(json!({"enabled": true})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true, "errors": [], "messages": [],
            "result": {
                "id": CONNECTOR, "email_domain": "example.com", "enabled": true,
                "verification": {"code": "c", "status": "verified"}, "zone": "kept"
            }
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_token("token-1")
        .build()
        .expect("the client builds");
    let body = UpdateSsoConnectorStateRequest {
        enabled: Some(true),
        ..Default::default()
    };
    // A crate generated afresh is named by resource: this spec has one
    // resource under `/accounts/{account_id}`, too few for a scope, so the
    // account is an argument of the method.
    let response = client
        .accounts()
        .sso_connectors()
        .edit(ACCOUNT, CONNECTOR, &body)
        .await
        .expect("the update succeeds");
    let connector = response.result.expect("the result is there");
    assert_eq!(connector.email_domain.as_deref(), Some("example.com"));
    assert_eq!(connector.enabled, Some(true));
    assert_eq!(
        connector.verification.and_then(|v| v.status),
        Some(SsoConnectorVerificationStatus::Verified)
    );
    assert_eq!(connector.extra["zone"], json!("kept"));

    // Checks run before anything is sent, as in any generated crate.
    let invalid = client
        .accounts()
        .sso_connectors()
        .edit("short", CONNECTOR, &body)
        .await
        .expect_err("a 5-character account id is refused");
    assert!(matches!(invalid, Error::InvalidInput(_)), "{invalid:?}");
}

/// The including crate lists what a generated crate's manifest lists, so
/// the generated code builds there as it does on its own.
#[test]
fn the_including_crate_has_the_generated_crates_dependencies() {
    let generation = generate_workspace_crate();
    let manifest = &generation
        .krate
        .files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .expect("a manifest")
        .contents;
    let including = dependencies(&read("tests/build-script/Cargo.toml"));
    assert!(!including.is_empty());
    assert_eq!(including, dependencies(manifest));
}
