//! The generated client against a real HTTP server on 127.0.0.1: the exact
//! request it sends, and what it makes of the seed's responses.

use cloudflare_api::models::{SsoConnectorVerificationStatus, UpdateSsoConnectorStateRequest};
use cloudflare_api::{Client, Error, MessageSource, ResponseMessage, Timestamp};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const CONNECTOR: &str = "f174e90afafe4643bbbc4a0ed4fc8415";
const TOKEN: &str = "Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY";
const SSO_PATH: &str =
    "/accounts/023e105f4ecef8ad9ca31a8372d0c353/sso_connectors/f174e90afafe4643bbbc4a0ed4fc8415";

/// The response example of the seed's reference page, byte for byte.
const SEED_RESPONSE: &str = r#"{
  "errors": [
    {
      "code": 1000,
      "message": "message",
      "documentation_url": "documentation_url",
      "source": {
        "pointer": "pointer"
      }
    }
  ],
  "messages": [
    {
      "code": 1000,
      "message": "message",
      "documentation_url": "documentation_url",
      "source": {
        "pointer": "pointer"
      }
    }
  ],
  "success": true,
  "result": {
    "id": "023e105f4ecef8ad9ca31a8372d0c353",
    "created_on": "2025-01-01T12:21:02.0000Z",
    "email_domain": "example.com",
    "enabled": false,
    "updated_on": "2025-01-01T12:21:02.0000Z",
    "use_fedramp_language": false,
    "verification": {
      "code": "cloudflare_dashboard_sso=023e105f4ecef8ad9ca31a8372d0c353",
      "status": "pending"
    }
  }
}"#;

/// The spec's `4XX` example.
const FAILURE_RESPONSE: &str = r#"{"errors":[{"code":7003,"message":"No route for the URI"}],"messages":[],"result":null,"success":false}"#;

async fn server_answering(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(SSO_PATH))
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_raw(body.as_bytes().to_vec(), "application/json")
                .insert_header("cf-ray", "8f1e2d3c4b5a6978-LHR"),
        )
        .mount(&server)
        .await;
    server
}

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_token(TOKEN)
        .build()
        .expect("client builds")
}

fn enable() -> UpdateSsoConnectorStateRequest {
    UpdateSsoConnectorStateRequest {
        enabled: Some(true),
        use_fedramp_language: None,
    }
}

fn seed_message() -> ResponseMessage {
    ResponseMessage {
        code: 1000,
        message: "message".to_string(),
        documentation_url: Some("documentation_url".to_string()),
        source: Some(MessageSource {
            pointer: Some("pointer".to_string()),
        }),
    }
}

/// A handle is kept and reused, and the method the crate had before
/// resource names still compiles, deprecated, and sends the same request.
#[tokio::test]
async fn a_kept_handle_and_the_old_method_send_the_same_request() {
    let server = server_answering(200, SEED_RESPONSE).await;
    let client = client_for(&server);
    let connectors = client.account(ACCOUNT).sso_connectors();
    for _ in 0..2 {
        let response = connectors
            .edit(CONNECTOR, &enable())
            .await
            .expect("call succeeds");
        assert_eq!(
            response.result.and_then(|r| r.email_domain).as_deref(),
            Some("example.com")
        );
    }
    #[allow(deprecated)]
    let old = client.update_sso_connector_state(ACCOUNT, CONNECTOR, &enable());
    old.await.expect("call succeeds");

    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request.method.as_str(), "PATCH");
        assert_eq!(request.url.path(), SSO_PATH);
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&request.body).expect("JSON"),
            json!({"enabled": true})
        );
    }
    // The account is checked where it is used, as it was as an argument.
    let invalid = client
        .account("short")
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .expect_err("a 5-character account id is refused");
    assert!(matches!(invalid, Error::InvalidInput(_)), "{invalid:?}");
    assert_eq!(server.received_requests().await.map(|r| r.len()), Some(3));
}

#[tokio::test]
async fn sends_exactly_the_seed_request() {
    let server = server_answering(200, SEED_RESPONSE).await;
    client_for(&server)
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .expect("call succeeds");

    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "PATCH");
    assert_eq!(request.url.path(), SSO_PATH);
    assert_eq!(request.url.query(), None);
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .map(|v| v.to_str().expect("ASCII header"))
    };
    assert_eq!(
        header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(header("content-type"), Some("application/json"));
    assert_eq!(header("accept"), Some("application/json"));
    // The version regeneration gave the crate (it moves with the code).
    let version = include_str!("../../generated/Cargo.toml")
        .lines()
        .find_map(|line| line.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("a version line");
    assert_eq!(
        header("user-agent"),
        Some(format!("cloudflare-api/{version}").as_str())
    );
    assert_eq!(header("x-auth-key"), None);
    // Unset fields are left out, not sent as null.
    assert_eq!(
        std::str::from_utf8(&request.body).expect("UTF-8 body"),
        r#"{"enabled":true}"#
    );
}

#[tokio::test]
async fn an_empty_body_is_an_empty_object() {
    let server = server_answering(200, SEED_RESPONSE).await;
    let body = UpdateSsoConnectorStateRequest::default();
    client_for(&server)
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &body)
        .await
        .expect("call succeeds");
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests[0].body, b"{}");
}

#[tokio::test]
async fn decodes_the_seed_response_exactly() {
    let server = server_answering(200, SEED_RESPONSE).await;
    let response = client_for(&server)
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .expect("call succeeds");

    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.cf_ray(), Some("8f1e2d3c4b5a6978-LHR"));
    assert_eq!(response.messages(), [seed_message()]);
    assert_eq!(response.result_info(), None);
    let connector = response.into_result().expect("the seed has a result");
    assert_eq!(
        connector.id.as_ref().map(|id| id.as_str()),
        Some("023e105f4ecef8ad9ca31a8372d0c353")
    );
    let seed_time = Timestamp::parse("2025-01-01T12:21:02Z").expect("valid timestamp");
    assert_eq!(connector.created_on, Some(seed_time));
    assert_eq!(connector.updated_on, Some(seed_time));
    assert_eq!(connector.email_domain.as_deref(), Some("example.com"));
    assert_eq!(connector.enabled, Some(false));
    assert_eq!(connector.use_fedramp_language, Some(false));
    let verification = connector.verification.expect("the seed has a verification");
    assert_eq!(
        verification.code.as_deref(),
        Some("cloudflare_dashboard_sso=023e105f4ecef8ad9ca31a8372d0c353")
    );
    assert_eq!(
        verification.status,
        Some(SsoConnectorVerificationStatus::Pending)
    );
}

#[tokio::test]
async fn the_4xx_example_is_a_typed_api_error() {
    let server = server_answering(404, FAILURE_RESPONSE).await;
    let error = client_for(&server)
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .unwrap_err();
    let Error::Api(api) = &error else {
        panic!("expected Error::Api, got {error:?}")
    };
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.errors().len(), 1);
    assert_eq!(api.errors()[0].code, 7003);
    assert_eq!(api.errors()[0].message, "No route for the URI");
    assert!(api.messages().is_empty());
    assert_eq!(api.cf_ray(), Some("8f1e2d3c4b5a6978-LHR"));
    assert_eq!(api.body_text(), FAILURE_RESPONSE);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        error.to_string(),
        "API error: HTTP 404 Not Found; 7003 No route for the URI"
    );
}

#[tokio::test]
async fn success_false_with_200_is_an_error() {
    let server = server_answering(200, FAILURE_RESPONSE).await;
    let error = client_for(&server)
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .unwrap_err();
    let Error::Unsuccessful(api) = &error else {
        panic!("expected Error::Unsuccessful, got {error:?}")
    };
    assert_eq!(api.status.as_u16(), 200);
    assert_eq!(api.errors()[0].code, 7003);
    assert_eq!(error.api_errors()[0].message, "No route for the URI");
}

#[tokio::test]
async fn malformed_json_keeps_status_and_raw_body() {
    let body = r#"{"success": true, "result": {"id": "#;
    let server = server_answering(200, body).await;
    let error = client_for(&server)
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("expected Error::Decode, got {error:?}")
    };
    assert_eq!(decode.status.as_u16(), 200);
    assert_eq!(decode.body, body.as_bytes());
    assert!(
        decode.source.is_eof(),
        "the body ends early: {}",
        decode.source
    );
}

#[tokio::test]
async fn null_errors_and_messages_decode_as_empty() {
    let body =
        json!({"success": true, "errors": null, "messages": null, "result": {"enabled": true}})
            .to_string();
    let server = server_answering(200, &body).await;
    let response = client_for(&server)
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .expect("lenient decode");
    assert!(response.messages().is_empty());
    assert_eq!(response.result.as_ref().and_then(|c| c.enabled), Some(true));
}

#[tokio::test]
async fn unknown_enum_values_and_fields_are_kept_or_ignored() {
    let body = json!({
        "success": true, "errors": [], "messages": [],
        "result": {"verification": {"status": "revoked", "expires": "never"}, "new_field": 1},
        "brand_new_top_level": {}
    })
    .to_string();
    let server = server_answering(200, &body).await;
    let response = client_for(&server)
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .expect("lenient decode");
    let status = response
        .result
        .clone()
        .and_then(|c| c.verification)
        .and_then(|v| v.status);
    assert_eq!(
        status,
        Some(SsoConnectorVerificationStatus::Unknown(
            "revoked".to_string()
        ))
    );
    // The unknown value serializes back unchanged.
    assert_eq!(
        serde_json::to_string(&status).expect("serializes"),
        r#""revoked""#
    );
}

#[tokio::test]
async fn six_digit_fractions_decode() {
    let body = json!({"success": true, "errors": [], "messages": [], "result": {"created_on": "2021-11-12T21:01:17.744476Z"}})
        .to_string();
    let server = server_answering(200, &body).await;
    let response = client_for(&server)
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .expect("decodes");
    let created = response
        .result
        .as_ref()
        .and_then(|c| c.created_on)
        .expect("has created_on");
    assert_eq!(created.as_offset_date_time().microsecond(), 744_476);
    assert_eq!(created.to_string(), "2021-11-12T21:01:17.744476Z");
}

#[tokio::test]
async fn an_invalid_id_is_rejected_before_sending() {
    let server = server_answering(200, SEED_RESPONSE).await;
    let short = &ACCOUNT[..31];
    let error = client_for(&server)
        .account(short)
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .unwrap_err();
    let Error::InvalidInput(invalid) = &error else {
        panic!("expected Error::InvalidInput, got {error:?}")
    };
    assert_eq!(invalid.target, "AccountIdentifier");
    assert_eq!(invalid.argument, Some("account_id"));
    assert_eq!(invalid.reason, "must be exactly 32 characters long, got 31");
    assert_eq!(
        error.to_string(),
        "invalid input: `account_id` (AccountIdentifier): must be exactly 32 characters long, got 31"
    );
    assert_eq!(
        server
            .received_requests()
            .await
            .expect("recording is on")
            .len(),
        0
    );
}

#[tokio::test]
async fn missing_credentials_are_reported_before_sending() {
    let server = server_answering(200, SEED_RESPONSE).await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("key")
        .build()
        .expect("client builds");
    let error = client
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &enable())
        .await
        .unwrap_err();
    let Error::MissingCredentials {
        operation,
        accepted,
    } = &error
    else {
        panic!("expected Error::MissingCredentials, got {error:?}")
    };
    assert_eq!(*operation, "update-sso-connector-state");
    assert_eq!(accepted, "api_token");
    assert_eq!(
        server
            .received_requests()
            .await
            .expect("recording is on")
            .len(),
        0
    );
}

#[test]
fn ids_are_validated_on_decode() {
    let valid = serde_json::from_str::<cloudflare_api::models::SsoConnector>(
        r#"{"id":"023e105f4ecef8ad9ca31a8372d0c353"}"#,
    );
    assert!(valid.is_ok());
    let invalid = serde_json::from_str::<cloudflare_api::models::SsoConnector>(r#"{"id":"short"}"#)
        .unwrap_err();
    assert_eq!(
        invalid.to_string(),
        "SsoConnectorIdentifier: must be exactly 32 characters long, got 5 at line 1 column 14"
    );
}

#[test]
fn debug_output_never_shows_the_token() {
    let client = Client::builder()
        .api_token(TOKEN)
        .build()
        .expect("client builds");
    let debug = format!("{client:?}");
    assert!(!debug.contains(TOKEN), "token leaked: {debug}");
    assert!(
        debug.contains("<redacted>"),
        "credential presence is shown: {debug}"
    );
}

#[test]
fn from_env_reads_token_and_base_url() {
    let vars = [
        ("CLOUDFLARE_API_TOKEN", TOKEN),
        ("CLOUDFLARE_BASE_URL", "http://127.0.0.1:9/client/v4/"),
    ];
    let lookup = |name: &str| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    let client = Client::from_env_with(lookup).expect("client builds");
    assert_eq!(client.base_url(), "http://127.0.0.1:9/client/v4");
    assert_eq!(
        Client::new(TOKEN).expect("client builds").base_url(),
        "https://api.cloudflare.com/client/v4"
    );
    let error = Client::from_env_with(|_| None).unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
}
