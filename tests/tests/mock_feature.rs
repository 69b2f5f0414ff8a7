//! The `mock` feature of a generated crate, used the way a consumer's own
//! test would: typed expectations on a real loopback server.

use cloudflare_sso::Error;
use cloudflare_sso::mock::MockApi;
use cloudflare_sso::models::{
    SsoConnector, SsoConnectorIdentifier, SsoConnectorVerification, SsoConnectorVerificationStatus,
    UpdateSsoConnectorStateRequest,
};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const CONNECTOR: &str = "f174e90afafe4643bbbc4a0ed4fc8415";

fn connector() -> SsoConnector {
    SsoConnector {
        id: Some(SsoConnectorIdentifier::new(CONNECTOR).unwrap()),
        email_domain: Some("example.com".to_string()),
        enabled: Some(true),
        verification: Some(SsoConnectorVerification {
            status: Some(SsoConnectorVerificationStatus::Verified),
            ..SsoConnectorVerification::default()
        }),
        ..SsoConnector::default()
    }
}

#[tokio::test]
async fn typed_responses_in_the_envelope() {
    let mock = MockApi::start().await;
    mock.expect_get_sso_connector(ACCOUNT, CONNECTOR)
        .times(1)
        .respond(connector())
        .await;
    mock.expect_get_all_sso_connectors(ACCOUNT)
        .result_info(serde_json::json!({"page": 1, "per_page": 20, "total_pages": 1}))
        .respond(vec![connector(), connector()])
        .await;
    let client = mock.client_builder().api_token("test").build().unwrap();

    let got = client.get_sso_connector(ACCOUNT, CONNECTOR).await.unwrap();
    assert_eq!(got.result, Some(connector()));
    let listed = client.get_all_sso_connectors(ACCOUNT).await.unwrap();
    assert_eq!(listed.result.as_ref().map(Vec::len), Some(2));
    assert_eq!(
        listed.page_info().and_then(|info| info.total_pages),
        Some(1)
    );
}

#[tokio::test]
async fn error_envelopes_and_empty_results() {
    let mock = MockApi::start().await;
    mock.expect_delete_sso_connector(ACCOUNT, CONNECTOR)
        .fail(404, 7003, "No route for the URI")
        .await;
    mock.expect_begin_sso_connector_verification(ACCOUNT, CONNECTOR)
        .respond(())
        .await;
    let client = mock.client_builder().api_token("test").build().unwrap();

    let error = client
        .delete_sso_connector(ACCOUNT, CONNECTOR)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.api_errors()[0].code, 7003);
    client
        .begin_sso_connector_verification(ACCOUNT, CONNECTOR)
        .await
        .unwrap();
}

/// `fail_with` sends the body given as it is: here a gateway's error that
/// is not the API's envelope, whose message is found where APIs usually
/// put it, and no envelope lists claimed.
#[tokio::test]
async fn any_error_body_with_fail_with() {
    let mock = MockApi::start().await;
    let body = serde_json::json!({"error": {"message": "upstream timed out"}});
    mock.expect_get_sso_connector(ACCOUNT, CONNECTOR)
        .fail_with(504, body.clone())
        .await;
    let client = mock
        .client_builder()
        .api_token("test")
        .max_retries(0)
        .build()
        .unwrap();
    let error = client
        .get_sso_connector(ACCOUNT, CONNECTOR)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(504));
    assert_eq!(error.api_message(), Some("upstream timed out"));
    assert_eq!(
        error.to_string(),
        "API error: HTTP 504 Gateway Timeout; upstream timed out"
    );
    assert!(error.api_errors().is_empty());
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(error.body().unwrap()).unwrap(),
        body
    );
}

#[tokio::test]
async fn request_bodies_read_back_as_their_types() {
    let mock = MockApi::start().await;
    mock.expect_update_sso_connector_state(ACCOUNT, CONNECTOR)
        .respond(connector())
        .await;
    let client = mock.client_builder().api_token("test").build().unwrap();
    let sent = UpdateSsoConnectorStateRequest {
        enabled: Some(false),
        ..UpdateSsoConnectorStateRequest::default()
    };
    client
        .update_sso_connector_state(ACCOUNT, CONNECTOR, &sent)
        .await
        .unwrap();
    let requests = mock.server().received_requests().await.unwrap();
    let received: UpdateSsoConnectorStateRequest =
        serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(received, sent);
}

/// The panic message of verifying `mock`'s expectations now, then the
/// expectations cleared, so dropping the mock passes.
async fn verification_failure(mock: &MockApi) -> String {
    let server = mock.uri();
    let checked = {
        let server = mock.server();
        // `verify` panics with wiremock's report; run it where a panic is
        // caught.
        let report = std::panic::AssertUnwindSafe(server.verify());
        futures::FutureExt::catch_unwind(report).await
    };
    mock.server().reset().await;
    let payload = checked.expect_err(&format!("verification of {server} passes"));
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[tokio::test]
async fn an_unmet_expectation_names_its_operation_method_and_path() {
    let mock = MockApi::start().await;
    mock.expect_get_sso_connector(ACCOUNT, CONNECTOR)
        .respond(connector())
        .await;
    let report = verification_failure(&mock).await;
    assert!(
        report.contains(&format!(
            "get_sso_connector: GET /accounts/{ACCOUNT}/sso_connectors/{CONNECTOR}"
        )),
        "{report}"
    );
}

#[tokio::test]
async fn an_unexpected_request_is_answered_404_and_fails_the_test() {
    let mock = MockApi::start().await;
    let client = mock.client_builder().api_token("test").build().unwrap();
    let error = client
        .get_sso_connector(ACCOUNT, CONNECTOR)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        api.body,
        b"unexpected request: no expectation of this mock matches it"
    );
    let report = verification_failure(&mock).await;
    assert!(
        report.contains("unexpected request: no expectation matches it"),
        "{report}"
    );
}
