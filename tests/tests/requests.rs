//! What goes on the wire besides credentials: path encoding, user agent,
//! default headers, configuration errors.

mod runtime_support;

use cloudflare_api::models::UpdateSsoConnectorStateRequest;
use cloudflare_api::{Error, ValidationError};
use runtime_support::{ACCOUNT, CONNECTOR, PATH, builder, call, client, received, success_body};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn any_patch_succeeds() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_body()))
        .mount(&server)
        .await;
    server
}

/// The path the server saw for a call with these IDs.
async fn path_for(account: &str, connector: &str) -> String {
    let server = any_patch_succeeds().await;
    client(&server)
        .account(account)
        .sso_connectors()
        .edit(connector, &UpdateSsoConnectorStateRequest::default())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.query(), None, "no value may add a query");
    requests[0].url.path().to_string()
}

#[tokio::test]
async fn reserved_characters_stay_inside_one_segment() {
    let account = "a/b?c#d%e..fffffffffffffffffffff";
    assert_eq!(account.chars().count(), 32);
    let path = path_for(account, CONNECTOR).await;
    assert_eq!(
        path,
        format!("/accounts/a%2Fb%3Fc%23d%25e..fffffffffffffffffffff/sso_connectors/{CONNECTOR}")
    );
}

#[tokio::test]
async fn dot_segments_cannot_climb_the_path() {
    let climbing = "../".repeat(10) + "..";
    assert_eq!(climbing.len(), 32);
    let path = path_for(ACCOUNT, &climbing).await;
    assert_eq!(
        path,
        format!(
            "/accounts/{ACCOUNT}/sso_connectors/..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F.."
        )
    );
}

#[tokio::test]
async fn spaces_and_non_ascii_are_percent_encoded() {
    let account = "é ü+&=;".to_string() + &"0".repeat(25);
    assert_eq!(account.chars().count(), 32);
    let path = path_for(&account, CONNECTOR).await;
    assert_eq!(
        path,
        format!(
            "/accounts/%C3%A9%20%C3%BC%2B%26%3D%3B{}/sso_connectors/{CONNECTOR}",
            "0".repeat(25)
        )
    );
}

#[tokio::test]
async fn wrong_length_id_is_rejected_before_sending() {
    let server = any_patch_succeeds().await;
    let error = client(&server)
        .account("../admin")
        .sso_connectors()
        .edit(CONNECTOR, &UpdateSsoConnectorStateRequest::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            Error::InvalidInput(ValidationError { target: "AccountIdentifier", reason, .. })
                if reason == "must be exactly 32 characters long, got 8"
        ),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 0);
    assert_eq!(received(&server).await, 0);
}

#[tokio::test]
async fn default_user_agent_names_the_crate_and_version() {
    let server = any_patch_succeeds().await;
    call(&client(&server)).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    // The version regeneration gave the crate (it moves with the code).
    let manifest = include_str!("../../generated/Cargo.toml");
    let version = manifest
        .lines()
        .find_map(|line| line.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap();
    assert_eq!(
        request.headers["user-agent"],
        format!("cloudflare-api/{version}")
    );
    assert_eq!(request.url.path(), PATH);
}

#[tokio::test]
async fn custom_user_agent_and_default_headers_are_sent() {
    let server = any_patch_succeeds().await;
    let client = builder(&server.uri())
        .user_agent("sso-sync/2.1")
        .default_header("x-team", "identity")
        .default_header("authorization", "Bearer not-this-one")
        .build()
        .unwrap();
    call(&client).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["user-agent"], "sso-sync/2.1");
    assert_eq!(request.headers["x-team"], "identity");
    let authorization: Vec<_> = request.headers.get_all("authorization").iter().collect();
    assert_eq!(
        authorization,
        [format!("Bearer {}", runtime_support::TOKEN).as_str()]
    );
}

#[test]
fn invalid_configuration_is_reported_at_build() {
    let message = |builder: cloudflare_api::ClientBuilder| match builder.build() {
        Err(Error::Config(message)) => message,
        other => panic!("expected Error::Config, got {other:?}"),
    };
    assert_eq!(
        message(builder("not a url")),
        "invalid base URL `not a url`: relative URL without a base"
    );
    assert_eq!(
        message(builder("http://127.0.0.1").user_agent("bad\nagent")),
        "invalid user agent `bad\nagent`"
    );
    assert_eq!(
        message(builder("http://127.0.0.1").default_header("x-key", "line\nbreak")),
        "invalid value for default header `x-key`"
    );
    assert_eq!(
        message(builder("http://127.0.0.1").default_header("bad header", "v")),
        "invalid default header name `bad header`"
    );
}

#[test]
fn defaults_match_the_documented_values() {
    use std::time::Duration;
    let client = builder("http://127.0.0.1").build().unwrap();
    assert_eq!(client.timeout(), Duration::from_secs(60));
    assert_eq!(client.max_retries(), 2);
    assert_eq!(
        cloudflare_api::DEFAULT_RETRY_BASE_DELAY,
        Duration::from_millis(500)
    );
    assert_eq!(cloudflare_api::DEFAULT_MAX_RESPONSE_SIZE, 32 * 1024 * 1024);
    assert_eq!(
        cloudflare_api::DEFAULT_BASE_URL,
        "https://api.cloudflare.com/client/v4"
    );
}
