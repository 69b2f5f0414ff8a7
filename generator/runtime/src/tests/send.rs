//! The send loop against a loopback server that answers from a script,
//! one connection per response, and records what it received.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::client::Client;
use crate::error::Error;

/// Serves `responses` in order (status, body) and returns the base URL
/// and the raw requests received.
pub(super) async fn serve(
    responses: Vec<(u16, &'static str)>,
) -> (String, Arc<Mutex<Vec<String>>>) {
    serve_with_headers(responses.into_iter().map(|(s, b)| (s, "", b)).collect()).await
}

/// As [`serve`], each response with these header lines too
/// (`retry-after: 1\r\n`).
pub(super) async fn serve_with_headers(
    responses: Vec<(u16, &'static str, &'static str)>,
) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    tokio::spawn(async move {
        for (status, headers, body) in responses {
            let (mut socket, _) = listener.accept().await.unwrap();
            let request = read_request(&mut socket).await;
            record.lock().unwrap().push(request);
            let reply = format!(
                "HTTP/1.1 {status} X\r\n{headers}content-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            socket.write_all(reply.as_bytes()).await.unwrap();
        }
    });
    (base_url, seen)
}

pub(super) async fn read_request(socket: &mut tokio::net::TcpStream) -> String {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let read = socket.read(&mut buffer).await.unwrap();
        data.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&data).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|line| line.strip_prefix("content-length: "))
                .map_or(0, |value| value.trim().parse::<usize>().unwrap());
            if data.len() >= end + 4 + length {
                return text;
            }
        }
        if read == 0 {
            return text;
        }
    }
}

pub(super) fn client(base_url: &str) -> crate::client::ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .retry_base_delay(Duration::from_millis(1))
}

#[tokio::test]
async fn sends_the_described_request_and_retries_a_5xx() {
    let (base_url, seen) = serve(vec![
        (503, "{}"),
        (
            200,
            r#"{"success":true,"errors":[],"messages":[],"result":{"ok":true}}"#,
        ),
    ])
    .await;
    let client = client(&base_url).api_token("secret-token").build().unwrap();
    // A `PATCH` is retried after a 5xx only with an idempotency key.
    let response = client
        .update_thing("a/b", &serde_json::json!({"enabled": true}))
        .idempotency_key("key-1")
        .await
        .unwrap();
    assert_eq!(response.result, serde_json::json!({"ok": true}));
    assert_eq!(response.attempts, 2);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    for request in seen.iter() {
        assert!(
            request.starts_with("PATCH /things/a%2Fb HTTP/1.1\r\n"),
            "{request}"
        );
        assert!(
            request.contains("authorization: Bearer secret-token\r\n"),
            "{request}"
        );
        assert!(
            request.contains("content-type: application/json\r\n"),
            "{request}"
        );
        assert!(
            request.contains("accept: application/json\r\n"),
            "{request}"
        );
        assert!(request.contains("idempotency-key: key-1\r\n"), "{request}");
        assert!(request.ends_with(r#"{"enabled":true}"#), "{request}");
    }
}

#[tokio::test]
async fn invalid_input_and_missing_credentials_send_nothing() {
    let client = client("http://127.0.0.1:9").build().unwrap();
    let error = client
        .update_thing(&"x".repeat(33), &serde_json::json!({}))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    let error = client
        .update_thing("x", &serde_json::json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "no credentials configured for `update-thing`; it accepts api_token, or api_key"
    );
    assert_eq!(error.attempts(), 0);
}

#[tokio::test]
async fn query_credentials_are_sent_and_kept_out_of_errors() {
    let (base_url, seen) =
        serve(vec![(200, r#"{"success":true,"errors":[],"messages":[]}"#)]).await;
    let client = client(&base_url).query_key("k&1").build().unwrap();
    let response = client.list_things(Some(2)).await.unwrap();
    assert_eq!(response.result, None);
    let request = seen.lock().unwrap()[0].clone();
    assert!(
        request.starts_with("GET /things?page=2&key=k%261 HTTP/1.1"),
        "{request}"
    );

    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let unreachable = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let client = self::client(&unreachable)
        .query_key("k&1")
        .max_retries(0)
        .build()
        .unwrap();
    let error = client.list_things(None).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(!format!("{error} {error:?}").contains("k%261"), "{error:?}");
}

#[tokio::test]
async fn every_decoder_is_reachable() {
    let (base_url, _) = serve(vec![
        (200, r#"{"success":true,"errors":[],"messages":[]}"#),
        (200, r#"{"up":true}"#),
        (200, ""),
        (200, "raw"),
    ])
    .await;
    let client = client(&base_url).build().unwrap();
    client.delete_things().await.unwrap();
    assert_eq!(
        client.status().await.unwrap().result,
        serde_json::json!({"up": true})
    );
    client.ping().await.unwrap();
    assert_eq!(
        client.upload(b"bytes".to_vec()).await.unwrap().result,
        b"raw"
    );
}

#[test]
fn debug_output_never_shows_secrets() {
    let client = Client::builder()
        .base_url("https://user:pass@example.com")
        .api_token("secret-token")
        .default_header("x-custom", "hidden-value")
        .build()
        .unwrap();
    let text = format!("{client:?} {:?}", Client::builder().api_key("secret-key"));
    for secret in ["secret-token", "secret-key", "hidden-value", "pass"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains("<redacted>"), "{text}");
}

#[test]
fn from_env_needs_a_credential() {
    let error = Client::from_env_with(|_| None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid client configuration: none of EXAMPLE_API_TOKEN, EXAMPLE_API_BASIC is set"
    );
    let client = Client::from_env_with(|name| match name {
        "EXAMPLE_API_TOKEN" => Some("t".to_string()),
        "EXAMPLE_BASE_URL" => Some("http://localhost:1/v4/".to_string()),
        _ => None,
    })
    .unwrap();
    assert_eq!(client.base_url(), "http://localhost:1/v4");
}

#[tokio::test]
async fn raw_bodies_keep_the_spec_content_type_unless_overridden() {
    let (base_url, seen) = serve(vec![(200, "a"), (503, ""), (200, "b")]).await;
    let client = client(&base_url).build().unwrap();
    client.upload(b"one".to_vec()).await.unwrap();
    let boundary = "multipart/form-data; boundary=xyz";
    let response = client
        .upload(b"two".to_vec())
        .content_type(boundary)
        .idempotency_key("k")
        .await
        .unwrap();
    assert_eq!(response.attempts, 2);
    let seen = seen.lock().unwrap();
    assert!(
        seen[0].contains("content-type: application/octet-stream\r\n"),
        "{}",
        seen[0]
    );
    // The retry re-sends the same body with the same type.
    for request in &seen[1..] {
        assert!(
            request.contains(&format!("content-type: {boundary}\r\n")),
            "{request}"
        );
        assert!(request.ends_with("two"), "{request}");
    }
}

/// A form body and a `deepObject` query parameter as they reach the
/// server: brackets as written, everything else encoded, the form's
/// content type; a retry re-sends the same bytes.
#[tokio::test]
async fn a_form_body_and_a_deep_object_go_on_the_wire_as_written() {
    // A 429: a POST without an idempotency key is retried after it.
    let (base_url, seen) = serve(vec![(429, ""), (200, "{}")]).await;
    let client = client(&base_url).build().unwrap();
    let body = serde_json::json!({
        "email": "a+b@example.com",
        "expand": ["tax"],
        "metadata": {"order_id": "6735"},
        "tags": ["x", "y z"],
    });
    let created = Some(serde_json::json!({"gt": 1700000000}));
    let response = client.create_customer(&body, &created).await.unwrap();
    assert_eq!(response.attempts, 2);
    let seen = seen.lock().unwrap();
    for request in seen.iter() {
        assert_eq!(
            request.lines().next().unwrap(),
            "POST /customers?created[gt]=1700000000 HTTP/1.1"
        );
        assert!(
            request.contains("content-type: application/x-www-form-urlencoded\r\n"),
            "{request}"
        );
        assert!(
            request.ends_with(
                "\r\n\r\nemail=a%2Bb%40example.com&expand[]=tax&metadata[order_id]=6735&tags=x,y%20z"
            ),
            "{request}"
        );
    }
}

/// Query and header values of every array style, as the send loop puts
/// them on the wire: delimiters and brackets as written, items encoded,
/// an empty array left out, query credentials after the parameters.
#[tokio::test]
async fn each_query_style_goes_on_the_wire_as_written() {
    use crate::request::{Query, Request, join};
    let (base_url, seen) = serve(vec![(204, "")]).await;
    let client = client(&base_url).query_key("k&1").build().unwrap();
    let mut query: Vec<Query> = Query::exploded("a", &[1, 2]).collect();
    query.extend([
        Query::joined("b", &[1, 2], ','),
        Query::joined("c", &["x", "y z"], ' '),
        Query::joined("d", &["x|y", "z"], '|'),
        Query::joined::<i64>("e", &[], ','),
        Query::Pairs {
            name: "f",
            pairs: crate::form::pairs("f", &serde_json::json!({"gt": 1})).unwrap(),
        },
        Query::one("q", "a,b&c=d e"),
    ]);
    let mut request = Request::new(
        reqwest::Method::GET,
        "list-items",
        &[&[crate::auth::Scheme::QueryKey]],
        crate::path::fill("/items", &[]).unwrap(),
    )
    .headers(vec![("x-tags", join(&["one", "two"], ','))])
    .accept_any();
    request.query = query;
    crate::call::Call::new(&client, crate::response::RawResponse::empty, || Ok(request))
        .await
        .unwrap();
    let seen = seen.lock().unwrap();
    let request_line = seen[0].lines().next().unwrap();
    assert_eq!(
        request_line,
        "GET /items?a=1&a=2&b=1,2&c=x%20y%20z&d=x%7Cy|z&f[gt]=1&q=a%2Cb%26c%3Dd%20e&key=k%261 HTTP/1.1"
    );
    assert!(seen[0].contains("x-tags: one,two\r\n"), "{}", seen[0]);
}

/// Nothing to write, nothing written: no bare `?`.
#[tokio::test]
async fn an_empty_query_leaves_no_question_mark() {
    use crate::request::{Query, Request};
    let (base_url, seen) = serve(vec![(204, "")]).await;
    let client = client(&base_url).build().unwrap();
    let mut request = Request::new(
        reqwest::Method::GET,
        "list-items",
        &[],
        crate::path::fill("/items", &[]).unwrap(),
    )
    .accept_any();
    request.query = vec![Query::joined::<i64>("ids", &[], '|')];
    crate::call::Call::new(&client, crate::response::RawResponse::empty, || Ok(request))
        .await
        .unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].lines().next().unwrap(), "GET /items HTTP/1.1");
}

/// A body too large to copy for each attempt is shared with the retry
/// instead, and arrives whole both times.
#[tokio::test]
async fn a_large_body_is_sent_whole_on_every_attempt() {
    let (base_url, seen) = serve(vec![(503, ""), (200, "ok")]).await;
    let client = client(&base_url).build().unwrap();
    let body: Vec<u8> = (0..100_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    let response = client
        .upload(body.clone())
        .idempotency_key("k")
        .await
        .unwrap();
    assert_eq!(response.attempts, 2);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    for request in seen.iter() {
        assert!(request.contains("content-length: 100000\r\n"), "{request}");
        assert!(request.ends_with(std::str::from_utf8(&body).unwrap()));
    }
}

/// The timeout holds for every attempt, the copies sent before the last
/// one as much as the original sent last.
#[tokio::test]
async fn every_attempt_has_the_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(Mutex::new(Vec::new()));
    let held = Arc::clone(&accepted);
    // Accepts and never answers.
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            held.lock().unwrap().push(socket);
        }
    });
    let client = client(&base_url)
        .timeout(Duration::from_millis(100))
        .max_retries(1)
        .build()
        .unwrap();
    let error = client
        .upload(b"x".to_vec())
        .idempotency_key("k")
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 2, .. }),
        "{error:?}"
    );
}

/// A header value that cannot be sent fails the call before anything is
/// sent, in the words it always had.
#[tokio::test]
async fn an_invalid_header_fails_before_sending() {
    let client = client("http://127.0.0.1:9").build().unwrap();
    let request = crate::request::Request::new(
        reqwest::Method::GET,
        "get-thing",
        crate::auth::NONE,
        crate::path::fill("/x", &[]).unwrap(),
    )
    .header("x-a", "bad\nvalue");
    match client.execute(request).await {
        Err(Error::InvalidInput(error)) => {
            assert_eq!(error.target, "get-thing");
            assert_eq!(error.reason, "the request cannot be built: builder error");
        }
        Err(other) => panic!("{other:?}"),
        Ok(_) => panic!("sent"),
    }
}
