//! The fault matrix: every way a response can go wrong, against a real mock
//! server on 127.0.0.1, each asserting the exact typed outcome and the number
//! of attempts the server saw.

mod runtime_support;

use std::time::{Duration, Instant};

use cloudflare_api::models::SsoConnectorVerificationStatus;
use cloudflare_api::{Error, RequestOptions, ResponseMessage};
use runtime_support::{
    KEY, PATH, RawReply, RawServer, builder, call, client, failure_body, keyed_call, received,
    success_body,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn message(code: i64, text: &str) -> ResponseMessage {
    ResponseMessage {
        code,
        message: text.to_string(),
        ..Default::default()
    }
}

/// Mounts `response` for the operation, answering at most `times` requests
/// when given; earlier mounts answer first.
async fn mount(server: &MockServer, response: ResponseTemplate, times: Option<u64>) {
    let mock = Mock::given(method("PATCH"))
        .and(path(PATH))
        .respond_with(response);
    let mock = match times {
        Some(times) => mock.up_to_n_times(times),
        None => mock,
    };
    mock.mount(server).await;
}

async fn server_with(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    mount(&server, response, None).await;
    server
}

fn json(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

fn api_error(error: Error) -> Box<cloudflare_api::ApiError> {
    match error {
        Error::Api(error) => error,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

fn decode_error(error: Error) -> Box<cloudflare_api::DecodeError> {
    match error {
        Error::Decode(error) => error,
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn failure_envelope_with_4xx_keeps_errors_and_cf_ray() {
    let body = failure_body(7003, "No route for the URI");
    let server =
        server_with(json(400, body.clone()).insert_header("cf-ray", "8e8f0a1b2c3d4e5f-LHR")).await;
    let error = call(&client(&server)).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.cf_ray(), Some("8e8f0a1b2c3d4e5f-LHR"));
    assert_eq!(error.attempts(), 1);
    assert!(!error.retried());
    assert_eq!(
        error.to_string(),
        "API error: HTTP 400 Bad Request; 7003 No route for the URI"
    );
    let error = api_error(error);
    assert_eq!(error.errors(), [message(7003, "No route for the URI")]);
    assert!(error.messages().is_empty());
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&error.body).unwrap(),
        body
    );
    assert_eq!(received(&server).await, 1, "a 400 is not retried");
}

#[tokio::test]
async fn unauthorized_is_an_auth_error_and_not_retried() {
    let server = server_with(json(401, failure_body(10000, "Authentication error"))).await;
    let error = call(&client(&server)).await.unwrap_err();
    assert!(error.is_auth());
    assert!(!error.is_not_found() && !error.is_rate_limited());
    assert_eq!(error.api_errors(), [message(10000, "Authentication error")]);
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn forbidden_is_an_auth_error() {
    let server = server_with(json(
        403,
        failure_body(9109, "Unauthorized to access requested resource"),
    ))
    .await;
    let error = call(&client(&server)).await.unwrap_err();
    assert!(error.is_auth());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(
        error.api_errors(),
        [message(9109, "Unauthorized to access requested resource")]
    );
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn not_found() {
    let server = server_with(json(404, failure_body(1000, "Not found"))).await;
    let error = call(&client(&server)).await.unwrap_err();
    assert!(error.is_not_found());
    assert!(!error.is_auth());
    assert_eq!(error.api_errors(), [message(1000, "Not found")]);
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn rate_limited_honours_retry_after_ms_then_succeeds() {
    let server = MockServer::start().await;
    let limited = json(
        429,
        failure_body(
            971,
            "Please wait and consider throttling your request speed",
        ),
    )
    .insert_header("retry-after-ms", "150");
    mount(&server, limited, Some(1)).await;
    mount(&server, json(200, success_body()), None).await;
    let started = Instant::now();
    let response = call(&client(&server)).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "waited only {:?}",
        started.elapsed()
    );
    assert_eq!(response.attempts, 2);
    assert_eq!(response.result.as_ref().and_then(|r| r.enabled), Some(true));
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn rate_limited_honours_retry_after_seconds() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after", "0.2"),
        Some(1),
    )
    .await;
    mount(&server, json(200, success_body()), None).await;
    let started = Instant::now();
    let response = call(&client(&server)).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "waited only {:?}",
        started.elapsed()
    );
    assert_eq!(response.attempts, 2);
}

#[tokio::test]
async fn rate_limited_exhausts_retries_and_ignores_long_retry_after() {
    // 120 s is over the 60 s ceiling: backoff (1 ms here) is used instead.
    let limited = json(429, failure_body(971, "Please wait")).insert_header("retry-after", "120");
    let server = server_with(limited).await;
    let started = Instant::now();
    let error = call(&client(&server)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(error.is_rate_limited());
    assert!(error.retried());
    assert_eq!(error.attempts(), 3);
    assert_eq!(
        error.to_string(),
        "API error: HTTP 429 Too Many Requests; 971 Please wait (after 3 attempts)"
    );
    assert_eq!(
        received(&server).await,
        3,
        "1 attempt + the default 2 retries"
    );
}

#[tokio::test]
async fn server_errors_500_502_503_then_success() {
    let server = MockServer::start().await;
    for status in [500, 502, 503] {
        mount(&server, ResponseTemplate::new(status), Some(1)).await;
    }
    mount(&server, json(200, success_body()), None).await;
    let client = builder(&server.uri()).max_retries(3).build().unwrap();
    let response = keyed_call(&client).await.unwrap();
    assert_eq!(response.attempts, 4);
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(received(&server).await, 4);
}

#[tokio::test]
async fn conflict_408_and_409_are_retried() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(408), Some(1)).await;
    mount(&server, json(409, failure_body(1001, "Conflict")), Some(1)).await;
    mount(&server, json(200, success_body()), None).await;
    let response = call(&client(&server)).await.unwrap();
    assert_eq!(response.attempts, 3);
}

/// Cloudflare's spec declares no `Idempotency-Key` header, so its client
/// adds none: its `PATCH` (and `POST`) is not retried after a failure that
/// leaves unknown whether the server acted on it.
#[tokio::test]
async fn a_patch_without_a_key_is_not_retried_after_an_ambiguous_failure() {
    const { assert!(!cloudflare_api::DEFAULT_IDEMPOTENCY_KEYS) };
    for status in [500, 502, 503, 504] {
        let server = server_with(ResponseTemplate::new(status)).await;
        let error = call(&client(&server)).await.unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(error.attempts(), 1, "{status}");
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1, "{status}");
        assert!(!requests[0].headers.contains_key("idempotency-key"));
    }

    let server = server_with(json(200, success_body()).set_delay(Duration::from_secs(3))).await;
    let client = builder(&server.uri())
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    let error = call(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(received(&server).await, 1);

    // The connection lost once the request was read, or the response cut
    // short: the server may have applied it.
    for reply in [
        RawReply::Reset,
        RawReply::cut_short(500, r#"{"success":true,"#),
    ] {
        let server = RawServer::start(vec![reply, RawReply::json(200, &success_body())]).await;
        let error = call(&builder(&server.uri).build().unwrap())
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::Transport { attempts: 1, .. }),
            "{error:?}"
        );
        assert_eq!(server.requests(), 1);
    }
}

/// Failures that show the server did not act are retried for a `PATCH`
/// without a key too: a 503 with `Retry-After`, a 429, no connection.
#[tokio::test]
async fn a_patch_without_a_key_is_retried_after_a_refusal() {
    for refusal in [
        ResponseTemplate::new(503).insert_header("retry-after", "0.05"),
        ResponseTemplate::new(429),
    ] {
        let server = MockServer::start().await;
        mount(&server, refusal, Some(1)).await;
        mount(&server, json(200, success_body()), None).await;
        let response = call(&client(&server)).await.unwrap();
        assert_eq!(response.attempts, 2);
        assert_eq!(received(&server).await, 2);
    }

    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let unreachable = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let error = call(&builder(&unreachable).build().unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Transport { attempts: 3, .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("request failed: connection refused"),
        "{error}"
    );
}

/// Told to, the client adds a key of its own to the `PATCH`: the same on
/// each retry, and the retry after a 5xx is made.
#[tokio::test]
async fn automatic_keys_can_be_turned_on_for_cloudflare() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(500), Some(1)).await;
    mount(&server, json(200, success_body()), None).await;
    let client = builder(&server.uri())
        .idempotency_keys(true)
        .build()
        .unwrap();
    assert_eq!(call(&client).await.unwrap().attempts, 2);
    let requests = server.received_requests().await.unwrap();
    let keys: Vec<&str> = requests
        .iter()
        .map(|request| request.headers["idempotency-key"].to_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1]);
    assert_eq!(keys[0].len(), 36);
}

#[tokio::test]
async fn retries_resend_the_same_request() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(503), Some(1)).await;
    mount(&server, json(200, success_body()), None).await;
    keyed_call(&client(&server)).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.body, br#"{"enabled":true}"#);
        assert_eq!(request.headers["idempotency-key"], KEY);
        assert_eq!(
            request.headers["authorization"],
            format!("Bearer {}", runtime_support::TOKEN)
        );
        assert_eq!(request.headers["content-type"], "application/json");
        assert_eq!(request.url.path(), PATH);
    }
}

#[tokio::test]
async fn zero_retries_sends_once() {
    let server = server_with(ResponseTemplate::new(503)).await;
    let client = builder(&server.uri()).max_retries(0).build().unwrap();
    let error = call(&client).await.unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(api_error(error).status.as_u16(), 503);
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn timeout_then_success() {
    let server = MockServer::start().await;
    mount(
        &server,
        json(200, success_body()).set_delay(Duration::from_secs(3)),
        Some(1),
    )
    .await;
    mount(&server, json(200, success_body()), None).await;
    let client = builder(&server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let response = keyed_call(&client).await.unwrap();
    assert_eq!(response.attempts, 2);
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn timeout_exhausting_retries() {
    let server = server_with(json(200, success_body()).set_delay(Duration::from_secs(3))).await;
    let client = builder(&server.uri())
        .timeout(Duration::from_millis(150))
        .max_retries(1)
        .build()
        .unwrap();
    let error = keyed_call(&client).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(matches!(error, Error::Timeout { attempts: 2, .. }));
    assert_eq!(error.status(), None);
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn per_call_options_override_timeout_and_retries() {
    let server = MockServer::start().await;
    mount(
        &server,
        json(200, success_body()).set_delay(Duration::from_secs(3)),
        None,
    )
    .await;
    let client = builder(&server.uri())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let hurried = client.with_options(
        RequestOptions::new()
            .timeout(Duration::from_millis(100))
            .max_retries(0),
    );
    assert_eq!(hurried.timeout(), Duration::from_millis(100));
    assert_eq!(
        client.timeout(),
        Duration::from_secs(30),
        "the original client keeps its settings"
    );
    let error = call(&hurried).await.unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn connection_reset_exhausts_retries() {
    let server = RawServer::start(vec![RawReply::Reset]).await;
    let client = builder(&server.uri).build().unwrap();
    let error = keyed_call(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::Transport { attempts: 3, .. }),
        "{error:?}"
    );
    assert_eq!(server.requests(), 3);
}

#[tokio::test]
async fn server_closing_mid_body_is_retried() {
    let replies = vec![
        RawReply::cut_short(500, r#"{"success":true,"errors":[],"res"#),
        RawReply::json(200, &success_body()),
    ];
    let server = RawServer::start(replies).await;
    let response = keyed_call(&builder(&server.uri).build().unwrap())
        .await
        .unwrap();
    assert_eq!(response.attempts, 2);
    assert_eq!(
        response
            .result
            .as_ref()
            .and_then(|r| r.email_domain.as_deref()),
        Some("example.com")
    );
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn server_closing_mid_body_without_retries_is_a_transport_error() {
    let server = RawServer::start(vec![RawReply::cut_short(500, r#"{"success":tr"#)]).await;
    let client = builder(&server.uri).max_retries(0).build().unwrap();
    let error = call(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::Transport { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(error.body(), None);
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn malformed_json_keeps_the_raw_body() {
    let server =
        server_with(ResponseTemplate::new(200).set_body_raw("{success: yes}", "application/json"))
            .await;
    let error = decode_error(call(&client(&server)).await.unwrap_err());
    assert_eq!(error.status.as_u16(), 200);
    assert_eq!(error.body, b"{success: yes}");
    assert_eq!(error.attempts, 1);
    assert_eq!(
        received(&server).await,
        1,
        "a decode failure is not retried"
    );
}

#[tokio::test]
async fn html_error_page_with_502_is_retried_then_kept() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let server = server_with(ResponseTemplate::new(502).set_body_raw(page, "text/html")).await;
    let error = keyed_call(&client(&server)).await.unwrap_err();
    assert_eq!(error.api_errors(), []);
    assert_eq!(error.body(), Some(page.as_bytes()));
    let error = api_error(error);
    assert_eq!(error.status.as_u16(), 502);
    assert_eq!(error.attempts, 3);
    assert_eq!(error.body_text(), page);
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn empty_body_with_200_is_a_decode_error() {
    let server = server_with(ResponseTemplate::new(200)).await;
    let error = decode_error(call(&client(&server)).await.unwrap_err());
    assert_eq!(error.status.as_u16(), 200);
    assert_eq!(error.body, b"");
    assert!(error.source.is_eof(), "{:?}", error.source);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_the_body() {
    let truncated = r#"{"success":true,"errors":[],"messages":[],"result":{"id":"0b1e"#;
    let server =
        server_with(ResponseTemplate::new(200).set_body_raw(truncated, "application/json")).await;
    let error = decode_error(call(&client(&server)).await.unwrap_err());
    assert_eq!(error.body_text(), truncated);
    assert!(error.source.is_eof(), "{:?}", error.source);
}

#[tokio::test]
async fn success_false_with_200_is_an_error() {
    let server = server_with(json(200, failure_body(1002, "Invalid connector state"))).await;
    let error = call(&client(&server)).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(
        error.to_string(),
        "API reported failure: HTTP 200 OK; 1002 Invalid connector state"
    );
    match error {
        Error::Unsuccessful(error) => {
            assert_eq!(error.errors(), [message(1002, "Invalid connector state")])
        }
        other => panic!("expected Error::Unsuccessful, got {other:?}"),
    }
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn null_errors_and_messages_on_success_are_empty() {
    let mut body = success_body();
    body["errors"] = serde_json::Value::Null;
    body["messages"] = serde_json::Value::Null;
    let server = server_with(json(200, body)).await;
    let response = call(&client(&server)).await.unwrap();
    assert!(response.messages().is_empty());
    assert_eq!(response.result.as_ref().and_then(|r| r.enabled), Some(true));
}

#[tokio::test]
async fn unknown_fields_and_enum_values_are_kept_or_ignored() {
    let mut body = success_body();
    body["result"]["verification"]["status"] = "quarantined".into();
    body["result"]["brand_new_field"] = serde_json::json!({"nested": [1, 2]});
    body["brand_new_top_level"] = true.into();
    let server = server_with(json(200, body)).await;
    let connector = call(&client(&server)).await.unwrap().into_result().unwrap();
    let status = connector.verification.and_then(|v| v.status);
    assert_eq!(
        status,
        Some(SsoConnectorVerificationStatus::Unknown(
            "quarantined".to_string()
        ))
    );
    assert_eq!(status.unwrap().as_str(), "quarantined");
}

#[tokio::test]
async fn wrong_content_type_is_decoded_by_its_body() {
    let server = server_with(
        ResponseTemplate::new(200).set_body_raw(success_body().to_string(), "text/plain"),
    )
    .await;
    let response = call(&client(&server)).await.unwrap();
    assert_eq!(response.header("content-type"), Some("text/plain"));
    assert_eq!(
        response
            .result
            .as_ref()
            .and_then(|r| r.email_domain.as_deref()),
        Some("example.com")
    );
}

#[tokio::test]
async fn body_over_the_cap_is_an_error() {
    let big = format!(
        r#"{{"success":true,"errors":[],"messages":[],"result":{{"email_domain":"{}"}}}}"#,
        "x".repeat(4096)
    );
    let server =
        server_with(ResponseTemplate::new(200).set_body_raw(big, "application/json")).await;
    let client = builder(&server.uri())
        .max_response_size(1024)
        .build()
        .unwrap();
    let error = call(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { limit: 1024, attempts: 1, status } if status.as_u16() == 200),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "response body (HTTP 200 OK) exceeds the 1024-byte limit"
    );
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn chunked_body_over_the_cap_stops_reading() {
    // No Content-Length: the cap must hold while streaming.
    let chunk = "x".repeat(1000);
    let mut response = String::from("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    for _ in 0..8 {
        response.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    response.push_str("0\r\n\r\n");
    let server = RawServer::start(vec![RawReply::Bytes(response.into_bytes())]).await;
    let client = builder(&server.uri)
        .max_response_size(2500)
        .build()
        .unwrap();
    let error = call(&client).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                limit: 2500,
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn default_cap_accepts_a_large_ordinary_body() {
    let mut body = success_body();
    body["messages"] = serde_json::Value::Array(vec![
        serde_json::json!({"code": 1000, "message": "m".repeat(1 << 20)}),
    ]);
    let server = server_with(json(200, body)).await;
    let response = call(&client(&server)).await.unwrap();
    assert_eq!(response.messages()[0].message.len(), 1 << 20);
}
