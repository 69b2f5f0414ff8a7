//! What a `Call` adds before it is sent: an optional body, headers of the
//! caller's own, an idempotency key; and which failures are retried for
//! which requests, against the scripted loopback server of `send.rs`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;

use super::send::{client, serve, serve_with_headers};
use crate::error::Error;

const OK: &str = r#"{"found":1}"#;

/// The value of every `name:` header line of a raw request, in order.
fn header_values<'r>(request: &'r str, name: &str) -> Vec<&'r str> {
    let head = request.split("\r\n\r\n").next().unwrap_or_default();
    head.lines()
        .filter_map(|line| line.split_once(": "))
        .filter(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
        .collect()
}

fn body_of(request: &str) -> &str {
    request.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

#[tokio::test]
async fn an_optional_body_is_sent_only_when_given() {
    let (base_url, seen) = serve(vec![(200, OK), (200, OK), (200, OK)]).await;
    let client = client(&base_url).build().unwrap();
    client.search_things().await.unwrap();
    client
        .search_things()
        .body(&serde_json::json!({"q": "a b"}))
        .await
        .unwrap();
    // The caller's type applies whether it comes before or after the body.
    client
        .search_things()
        .content_type("application/merge-patch+json")
        .body(&serde_json::json!([1]))
        .await
        .unwrap();
    let seen = seen.lock().unwrap();
    assert!(
        seen[0].starts_with("POST /things/search HTTP/1.1\r\n"),
        "{}",
        seen[0]
    );
    assert_eq!(header_values(&seen[0], "content-type"), [] as [&str; 0]);
    assert_eq!(body_of(&seen[0]), "");
    assert_eq!(
        header_values(&seen[1], "content-type"),
        ["application/json"]
    );
    assert_eq!(header_values(&seen[1], "content-length"), ["11"]);
    assert_eq!(body_of(&seen[1]), r#"{"q":"a b"}"#);
    assert_eq!(
        header_values(&seen[2], "content-type"),
        ["application/merge-patch+json"]
    );
    assert_eq!(body_of(&seen[2]), "[1]");
}

#[tokio::test]
async fn a_body_that_cannot_be_encoded_is_the_calls_error() {
    use std::collections::BTreeMap;
    let client = client("http://127.0.0.1:9").build().unwrap();
    let call = crate::call::Call::with_optional_body(
        &client,
        crate::response::RawResponse::json::<serde_json::Value>,
        crate::request::json_body::<BTreeMap<Vec<u8>, u8>>,
        || {
            Ok(crate::request::Request::new(
                reqwest::Method::POST,
                "post-map",
                crate::auth::NONE,
                crate::path::fill("/map", &[]).unwrap(),
            ))
        },
    );
    let map: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
    let error = call.body(&map).await.unwrap_err();
    assert!(matches!(error, Error::Encode(_)), "{error:?}");
    assert_eq!(error.attempts(), 0);
}

#[tokio::test]
async fn call_headers_go_on_the_wire_replacing_others_of_their_name() {
    let (base_url, seen) = serve(vec![(
        200,
        r#"{"success":true,"errors":[],"messages":[],"result":{}}"#,
    )])
    .await;
    let client = client(&base_url)
        .api_token("client-token")
        .default_header("x-team", "default")
        .build()
        .unwrap();
    client
        .update_thing("a", &serde_json::json!({}))
        .header("X-Trace", "one")
        .header("x-trace", "two")
        .header("Accept", "application/problem+json")
        .header("Authorization", "Bearer call-token")
        .header("X-Team", "mine")
        .await
        .unwrap();
    let seen = seen.lock().unwrap();
    let request = &seen[0];
    assert_eq!(header_values(request, "x-trace"), ["one", "two"]);
    assert_eq!(
        header_values(request, "accept"),
        ["application/problem+json"]
    );
    assert_eq!(
        header_values(request, "authorization"),
        ["Bearer call-token"]
    );
    assert_eq!(header_values(request, "x-team"), ["mine"]);
    assert_eq!(header_values(request, "content-type"), ["application/json"]);
}

#[tokio::test]
async fn an_invalid_call_header_is_the_calls_error_and_nothing_is_sent() {
    let client = client("http://127.0.0.1:9").api_token("t").build().unwrap();
    let body = serde_json::json!({});
    let error = client
        .update_thing("a", &body)
        .header("x a", "v")
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid input: update-thing: `x a` is not a valid header name"
    );
    assert_eq!(error.attempts(), 0);
    let error = client
        .update_thing("a", &body)
        .header("x-secret", "s3cret\nvalue")
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid input: update-thing: the value of header `x-secret` is not valid"
    );
    assert!(!format!("{error:?}").contains("s3cret"), "{error:?}");
    let error = client
        .update_thing("a", &body)
        .idempotency_key("line\nbreak")
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid input: update-thing: the value of header `idempotency-key` is not valid"
    );
    // The first error stays: an argument checked before the header.
    let error = client
        .update_thing(&"x".repeat(33), &body)
        .header("x a", "v")
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidInput(e) if e.argument == Some("id")),
        "{error:?}"
    );
}

/// The attempts a `POST` without a key makes for each failure: refusals
/// are retried, ambiguous failures are not.
#[tokio::test]
async fn a_post_without_a_key_is_retried_only_after_a_refusal() {
    let cases: [(u16, &str, u32); 8] = [
        (500, "", 1),
        (502, "", 1),
        (504, "", 1),
        (503, "", 1),
        (503, "retry-after: 0.01\r\n", 2),
        (429, "", 2),
        (409, "", 2),
        (408, "", 2),
    ];
    for (status, headers, attempts) in cases {
        let (base_url, seen) =
            serve_with_headers(vec![(status, headers, "{}"), (200, "", OK)]).await;
        let client = client(&base_url).build().unwrap();
        let outcome = client.search_things().await;
        let made = match &outcome {
            Ok(response) => response.attempts,
            Err(error) => error.attempts(),
        };
        assert_eq!(made, attempts, "{status} {headers:?}: {outcome:?}");
        assert_eq!(seen.lock().unwrap().len(), attempts as usize);
    }
}

#[tokio::test]
async fn idempotent_methods_and_keyed_requests_are_retried_after_a_5xx() {
    let (base_url, _) = serve(vec![(500, "{}"), (200, r#"{"up":true}"#)]).await;
    let client = client(&base_url).build().unwrap();
    assert_eq!(client.status().await.unwrap().attempts, 2, "GET");

    let (base_url, seen) = serve(vec![(502, "{}"), (200, OK)]).await;
    let client = self::client(&base_url).build().unwrap();
    let response = client
        .search_things()
        .idempotency_key("order-6735")
        .await
        .unwrap();
    assert_eq!(response.attempts, 2);
    for request in seen.lock().unwrap().iter() {
        assert_eq!(header_values(request, "idempotency-key"), ["order-6735"]);
    }

    // A key set as a plain header counts too.
    let (base_url, _) = serve(vec![(500, "{}"), (200, OK)]).await;
    let client = self::client(&base_url).build().unwrap();
    let response = client
        .search_things()
        .header("Idempotency-Key", "h")
        .await
        .unwrap();
    assert_eq!(response.attempts, 2);
}

#[tokio::test]
async fn automatic_keys_are_one_per_call_and_kept_across_its_retries() {
    let (base_url, seen) = serve(vec![
        (500, "{}"),
        (503, "{}"),
        (200, OK),
        (200, OK),
        (200, r#"{"up":true}"#),
    ])
    .await;
    let client = client(&base_url)
        .idempotency_keys(true)
        .max_retries(2)
        .build()
        .unwrap();
    assert_eq!(client.search_things().await.unwrap().attempts, 3);
    assert_eq!(client.search_things().await.unwrap().attempts, 1);
    client.status().await.unwrap();
    let seen = seen.lock().unwrap();
    let keys: Vec<Vec<&str>> = seen
        .iter()
        .map(|request| header_values(request, "idempotency-key"))
        .collect();
    let first = keys[0][0];
    assert_eq!(first.len(), 36, "{first}");
    assert_eq!(keys[1], [first]);
    assert_eq!(keys[2], [first]);
    assert_eq!(keys[3].len(), 1);
    assert_ne!(keys[3][0], first, "the next call has a key of its own");
    assert_eq!(keys[4], [] as [&str; 0], "a GET gets none");
}

#[tokio::test]
async fn a_key_the_call_sets_wins_and_none_is_added_without_retries() {
    let (base_url, seen) = serve(vec![(200, OK), (200, OK), (200, OK), (200, OK)]).await;
    let client = client(&base_url).idempotency_keys(true).build().unwrap();
    client
        .search_things()
        .idempotency_key("first")
        .idempotency_key("mine")
        .await
        .unwrap();
    client
        .search_things()
        .header("idempotency-key", "by-header")
        .await
        .unwrap();
    client
        .with_options(crate::client::RequestOptions::new().max_retries(0))
        .search_things()
        .await
        .unwrap();
    // Off by default for this stand-in spec.
    self::client(&base_url)
        .build()
        .unwrap()
        .search_things()
        .await
        .unwrap();
    let seen = seen.lock().unwrap();
    let keys: Vec<Vec<&str>> = seen
        .iter()
        .map(|request| header_values(request, "idempotency-key"))
        .collect();
    assert_eq!(keys, [vec!["mine"], vec!["by-header"], vec![], vec![]]);
}

/// Accepts connections and never answers: every attempt times out.
async fn silent_server() -> (String, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(Mutex::new(0));
    let count = Arc::clone(&accepted);
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            *count.lock().unwrap() += 1;
            held.push(socket);
        }
    });
    (base_url, accepted)
}

#[tokio::test]
async fn a_timeout_is_retried_only_for_a_repeatable_request() {
    let (base_url, accepted) = silent_server().await;
    let client = client(&base_url)
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let error = client.search_things().await.unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 1, .. }),
        "{error:?}"
    );
    let error = client
        .search_things()
        .idempotency_key("k")
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 3, .. }),
        "{error:?}"
    );
    let error = client.status().await.unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 3, .. }),
        "{error:?}"
    );
    assert_eq!(*accepted.lock().unwrap(), 7);
}

#[tokio::test]
async fn a_refused_connection_is_retried_for_every_method() {
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let unreachable = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let client = client(&unreachable).build().unwrap();
    let error = client.search_things().await.unwrap_err();
    assert!(
        matches!(error, Error::Transport { attempts: 3, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("connection refused"), "{error}");
}
