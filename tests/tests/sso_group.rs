//! All six SSO connector operations, generated from
//! `tests/fixtures/sso_group.yaml` into `tests/sso-group/`, against a real
//! HTTP server on 127.0.0.1: list (with pagination info), create, get,
//! update, delete (nullable `{id}` result) and begin verification (an
//! envelope without `result`).

use cloudflare_sso::models::{
    InitNewSsoConnectorRequest, SsoConnectorVerificationStatus, UpdateSsoConnectorStateRequest,
};
use cloudflare_sso::{Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const CONNECTOR: &str = "f174e90afafe4643bbbc4a0ed4fc8415";
const TOKEN: &str = "Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY";

fn connector(id: &str, status: &str) -> Value {
    json!({
        "id": id,
        "created_on": "2025-01-01T12:21:02.0000Z",
        "email_domain": "example.com",
        "enabled": false,
        "updated_on": "2021-11-12T21:01:17.744476Z",
        "use_fedramp_language": false,
        "verification": {"code": format!("cloudflare_dashboard_sso={id}"), "status": status}
    })
}

fn envelope(result: Value) -> Value {
    json!({"errors": [], "messages": [], "success": true, "result": result})
}

/// A server answering `verb path` with `body`, and a client pointed at it.
async fn serve(verb: &str, route: &str, body: Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_token(TOKEN)
        .build()
        .expect("client builds");
    (server, client)
}

/// The one request the server received: method, path and JSON body.
async fn received(server: &MockServer) -> (String, String, Option<Value>) {
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request");
    let request = &requests[0];
    assert_eq!(
        request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok()),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let body = (!request.body.is_empty())
        .then(|| serde_json::from_slice(&request.body).expect("JSON body"));
    (
        request.method.to_string(),
        request.url.path().to_string(),
        body,
    )
}

fn connectors_path() -> String {
    format!("/accounts/{ACCOUNT}/sso_connectors")
}

fn connector_path() -> String {
    format!("/accounts/{ACCOUNT}/sso_connectors/{CONNECTOR}")
}

#[tokio::test]
async fn lists_connectors_with_pagination_info() {
    let mut body = envelope(json!([
        connector(ACCOUNT, "verified"),
        connector(CONNECTOR, "awaiting")
    ]));
    body["result_info"] = json!({"count": 2, "page": 1, "per_page": 20, "total_count": 2});
    let (server, client) = serve("GET", &connectors_path(), body).await;
    let response = client
        .get_all_sso_connectors(ACCOUNT)
        .await
        .expect("list succeeds");
    assert_eq!(
        received(&server).await,
        ("GET".to_string(), connectors_path(), None)
    );
    let connectors = response.result.clone().expect("a list");
    let ids: Vec<&str> = connectors
        .iter()
        .filter_map(|c| c.id.as_ref())
        .map(|id| id.as_str())
        .collect();
    assert_eq!(ids, [ACCOUNT, CONNECTOR]);
    let statuses: Vec<_> = connectors
        .iter()
        .filter_map(|c| c.verification.as_ref()?.status.clone())
        .collect();
    assert_eq!(
        statuses,
        [
            SsoConnectorVerificationStatus::Verified,
            SsoConnectorVerificationStatus::Awaiting
        ]
    );
    assert_eq!(
        response.result_info(),
        Some(&json!({"count": 2, "page": 1, "per_page": 20, "total_count": 2}))
    );
    let info = response.page_info().expect("result_info");
    assert_eq!(
        (info.page, info.per_page, info.total_count),
        (Some(1), Some(20), Some(2))
    );
}

/// A hex id of 32 characters for connector `n`.
fn connector_id(n: usize) -> String {
    format!("{n:032x}")
}

#[tokio::test]
async fn walks_every_page_of_connectors() {
    use futures::StreamExt;
    use wiremock::matchers::{query_param, query_param_is_missing};

    // 5 connectors, 2 per page: pages 1 and 2 are full, page 3 is short.
    let server = MockServer::start().await;
    for page in 1..=3usize {
        let ids = ((page - 1) * 2..(page * 2).min(5)).map(connector_id);
        let mut body = envelope(ids.map(|id| connector(&id, "verified")).collect());
        body["result_info"] =
            json!({"count": 2, "page": page, "per_page": 2, "total_count": 5, "total_pages": 3});
        let mock = Mock::given(method("GET")).and(path(connectors_path()));
        let mock = if page == 1 {
            mock.and(query_param_is_missing("page"))
        } else {
            mock.and(query_param("page", page.to_string()))
        };
        mock.and(query_param("per_page", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = Client::builder()
        .base_url(server.uri())
        .api_token(TOKEN)
        .build()
        .expect("client builds");
    let connectors: Vec<_> = client
        .get_all_sso_connectors(ACCOUNT)
        .per_page(2)
        .items()
        .collect()
        .await;
    let ids: Vec<String> = connectors
        .into_iter()
        .map(|c| c.expect("page succeeds").id.expect("an id").into_inner())
        .collect();
    assert_eq!(ids, (0..5).map(connector_id).collect::<Vec<_>>());
    server.verify().await;
}

#[tokio::test]
async fn creates_a_connector_sending_only_what_is_set() {
    let (server, client) = serve(
        "POST",
        &connectors_path(),
        envelope(connector(CONNECTOR, "pending")),
    )
    .await;
    let body = InitNewSsoConnectorRequest {
        email_domain: "example.com".to_string(),
        begin_verification: None,
        use_fedramp_language: Some(true),
    };
    let response = client
        .init_new_sso_connector(ACCOUNT, &body)
        .await
        .expect("create succeeds");
    let expected_body = json!({"email_domain": "example.com", "use_fedramp_language": true});
    assert_eq!(
        received(&server).await,
        ("POST".to_string(), connectors_path(), Some(expected_body))
    );
    let created = response.into_result().expect("a connector");
    assert_eq!(
        created.id.map(|id| id.into_inner()),
        Some(CONNECTOR.to_string())
    );
    assert_eq!(
        created.verification.and_then(|v| v.status),
        Some(SsoConnectorVerificationStatus::Pending)
    );
}

#[tokio::test]
async fn gets_a_connector() {
    let (server, client) = serve(
        "GET",
        &connector_path(),
        envelope(connector(CONNECTOR, "failed")),
    )
    .await;
    let response = client
        .get_sso_connector(ACCOUNT, CONNECTOR)
        .await
        .expect("get succeeds");
    assert_eq!(
        received(&server).await,
        ("GET".to_string(), connector_path(), None)
    );
    let got = response.into_result().expect("a connector");
    assert_eq!(got.email_domain.as_deref(), Some("example.com"));
    assert_eq!(
        got.updated_on.map(|t| t.to_string()).as_deref(),
        Some("2021-11-12T21:01:17.744476Z")
    );
    assert_eq!(
        got.verification.and_then(|v| v.status),
        Some(SsoConnectorVerificationStatus::Failed)
    );
}

#[tokio::test]
async fn updates_a_connector_like_the_hand_authored_spec() {
    let (server, client) = serve(
        "PATCH",
        &connector_path(),
        envelope(connector(CONNECTOR, "verified")),
    )
    .await;
    let body = UpdateSsoConnectorStateRequest {
        enabled: Some(true),
        use_fedramp_language: None,
    };
    let response = client
        .update_sso_connector_state(ACCOUNT, CONNECTOR, &body)
        .await
        .expect("update succeeds");
    assert_eq!(
        received(&server).await,
        (
            "PATCH".to_string(),
            connector_path(),
            Some(json!({"enabled": true}))
        )
    );
    assert_eq!(response.result.and_then(|c| c.enabled), Some(false));
}

#[tokio::test]
async fn deletes_a_connector_and_tolerates_a_null_result() {
    let (server, client) = serve(
        "DELETE",
        &connector_path(),
        envelope(json!({"id": CONNECTOR})),
    )
    .await;
    let response = client
        .delete_sso_connector(ACCOUNT, CONNECTOR)
        .await
        .expect("delete succeeds");
    assert_eq!(
        received(&server).await,
        ("DELETE".to_string(), connector_path(), None)
    );
    assert_eq!(
        response
            .into_result()
            .and_then(|r| r.id)
            .map(|id| id.into_inner()),
        Some(CONNECTOR.to_string())
    );

    let (_server, client) = serve("DELETE", &connector_path(), envelope(Value::Null)).await;
    let response = client
        .delete_sso_connector(ACCOUNT, CONNECTOR)
        .await
        .expect("a null result is allowed");
    assert_eq!(response.result, None);
}

#[tokio::test]
async fn begins_verification_with_an_envelope_without_result() {
    let route = format!("{}/begin_verification", connector_path());
    let body = json!({"errors": [], "messages": [{"code": 1000, "message": "verification started"}], "success": true});
    let (server, client) = serve("POST", &route, body).await;
    let response = client
        .begin_sso_connector_verification(ACCOUNT, CONNECTOR)
        .await
        .expect("begin succeeds");
    assert_eq!(received(&server).await, ("POST".to_string(), route, None));
    assert_eq!(response.result, ());
    assert_eq!(response.messages().len(), 1);
    assert_eq!(response.messages()[0].message, "verification started");
}

#[tokio::test]
async fn every_operation_rejects_a_bad_id_before_sending() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_token(TOKEN)
        .build()
        .expect("client builds");
    let short = &CONNECTOR[..10];
    let create = InitNewSsoConnectorRequest {
        email_domain: "example.com".into(),
        begin_verification: None,
        use_fedramp_language: None,
    };
    let errors = [
        client.get_all_sso_connectors(short).await.map(|_| ()),
        client
            .init_new_sso_connector(short, &create)
            .await
            .map(|_| ()),
        client.get_sso_connector(ACCOUNT, short).await.map(|_| ()),
        client
            .update_sso_connector_state(ACCOUNT, short, &Default::default())
            .await
            .map(|_| ()),
        client
            .delete_sso_connector(ACCOUNT, short)
            .await
            .map(|_| ()),
        client
            .begin_sso_connector_verification(ACCOUNT, short)
            .await
            .map(|_| ()),
    ];
    for error in errors {
        let Err(Error::InvalidInput(invalid)) = error else {
            panic!("expected InvalidInput, got {error:?}")
        };
        assert_eq!(invalid.reason, "must be exactly 32 characters long, got 10");
    }
    assert_eq!(
        server
            .received_requests()
            .await
            .expect("recording is on")
            .len(),
        0
    );
}
