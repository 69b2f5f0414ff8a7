//! A user's own HTTP client (a proxy setting) and the request and
//! response hooks, observed at a loopback server.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::Client;

#[tokio::test]
async fn a_request_hook_adds_a_header_to_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("x-signature", "signed GET /status"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .retry_base_delay(Duration::from_millis(1))
        .on_request(|request| {
            let signature = format!("signed {} {}", request.method(), request.url().path());
            request
                .headers_mut()
                .insert("x-signature", signature.parse().unwrap());
        })
        .build()
        .unwrap();
    let response = client.status().await.unwrap();
    assert_eq!(response.attempts, 2);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    for request in &received {
        assert_eq!(request.headers["x-signature"], "signed GET /status");
    }
}

#[tokio::test]
async fn a_response_hook_sees_every_attempt_but_no_url_or_secret() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "r-2")
                .set_body_string("{}"),
        )
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let client = Client::builder()
        .base_url(server.uri())
        .query_key("secret-key")
        .retry_base_delay(Duration::from_millis(1))
        .on_response(move |attempt| {
            log.lock().unwrap().push(format!(
                "{} {} #{} {} {:?} {}",
                attempt.operation,
                attempt.method,
                attempt.number,
                attempt.status.as_u16(),
                attempt.headers.get("x-request-id"),
                attempt.elapsed < Duration::from_secs(5),
            ));
            assert!(!format!("{attempt:?}").contains("secret-key"));
        })
        .build()
        .unwrap();
    client.status().await.unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "/status GET #1 429 None true",
            "/status GET #2 200 Some(\"r-2\") true"
        ]
    );
}

#[tokio::test]
async fn a_client_of_ones_own_with_a_proxy_is_used() {
    // The proxy is the loopback server; the API host does not exist, so
    // only a request through the proxy can succeed.
    let proxy = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/status"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&proxy)
        .await;
    let http = Client::http_client_builder()
        .proxy(reqwest::Proxy::http(proxy.uri()).unwrap())
        .build()
        .unwrap();
    let client = Client::builder()
        .base_url("http://api.example.invalid")
        .http_client(http)
        .build()
        .unwrap();
    client.status().await.unwrap();
    let received = proxy.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].url.host_str(), Some("api.example.invalid"));
}
