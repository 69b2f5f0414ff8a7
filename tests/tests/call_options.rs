//! What a call adds to its request, on the wire of a server on 127.0.0.1:
//! the crate `tests/call-options/`, generated from
//! `tests/fixtures/call_options.yaml`, sends optional bodies of every kind
//! only when given (no body and no `Content-Type` otherwise), the caller's
//! own headers, and idempotency keys: automatic ones (the spec declares an
//! `Idempotency-Key` header), the same on every retry of a call and fresh
//! for the next, or the caller's. A `POST` without a key is retried after a
//! failure that proves the server did not act, never after one that leaves
//! it unknown.

mod runtime_support;

use std::time::Duration;

use fixture_call_options::models::{
    Charge, ChargeInput, ChargeUpdate, CreateChargeParams, EventFilter, Expand, SearchEventsParams,
    UploadAttachmentForm,
};
use fixture_call_options::{Client, ClientBuilder, Error, FilePart};
use futures::StreamExt;
use runtime_support::{RawReply, RawServer};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const ID: &str = "ch_1";

fn builder(base_url: &str) -> ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .bearer("sk_test_1")
        .retry_base_delay(Duration::from_millis(1))
}

fn charge() -> Value {
    json!({"id": ID, "amount": 2000, "currency": "usd"})
}

fn input() -> ChargeInput {
    ChargeInput {
        amount: 2000,
        currency: "usd".to_string(),
        description: None,
    }
}

/// A server answering `verb path` with `replies` in order, the last one
/// for every later request too.
async fn server(verb: &str, at: &str, replies: Vec<ResponseTemplate>) -> MockServer {
    let server = MockServer::start().await;
    let last = replies.len() - 1;
    for (index, reply) in replies.into_iter().enumerate() {
        let mock = Mock::given(method(verb)).and(path(at)).respond_with(reply);
        let mock = if index < last {
            mock.up_to_n_times(1)
        } else {
            mock
        };
        mock.mount(&server).await;
    }
    server
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().expect("ASCII"))
}

/// Every value of `name` the request carried.
fn headers<'r>(request: &'r Request, name: &str) -> Vec<&'r str> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().expect("ASCII"))
        .collect()
}

/// A version 4 UUID in lowercase hex, as the client writes its keys.
fn is_uuid_v4(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && key
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

#[tokio::test]
async fn optional_bodies_left_out_send_no_body_and_no_content_type() {
    let get = server("GET", "/charges/ch_1", vec![ok(charge())]).await;
    let patch = server("PATCH", "/charges/ch_1", vec![ok(charge())]).await;
    let note = server("POST", "/notes", vec![ResponseTemplate::new(204)]).await;
    let upload = server("POST", "/attachments", vec![ResponseTemplate::new(204)]).await;
    let charge = builder(&get.uri()).build().unwrap().get_charge(ID).await;
    assert_eq!(charge.unwrap().result.amount, Some(2000));
    builder(&patch.uri())
        .build()
        .unwrap()
        .update_charge(ID)
        .await
        .unwrap();
    let client = builder(&note.uri()).build().unwrap();
    client.create_note().await.unwrap();
    builder(&upload.uri())
        .build()
        .unwrap()
        .upload_attachment()
        .await
        .unwrap();
    for server in [&get, &patch, &note, &upload] {
        let requests = received(server).await;
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(request.body, b"", "{} {}", request.method, request.url);
        assert_eq!(header(request, "content-type"), None, "{}", request.url);
    }
    assert_eq!(
        header(&received(&get).await[0], "accept"),
        Some("application/json")
    );
}

#[tokio::test]
async fn optional_bodies_given_are_sent_as_the_spec_says() {
    let get = server("GET", "/charges/ch_1", vec![ok(charge())]).await;
    let patch = server("PATCH", "/charges/ch_1", vec![ok(charge())]).await;
    let note = server("POST", "/notes", vec![ResponseTemplate::new(204)]).await;
    let upload = server("POST", "/attachments", vec![ResponseTemplate::new(204)]).await;
    let expand = Expand {
        expand: Some(vec!["customer".to_string(), "invoice".to_string()]),
    };
    builder(&get.uri())
        .build()
        .unwrap()
        .get_charge(ID)
        .body(&expand)
        .await
        .unwrap();
    let update = ChargeUpdate {
        description: Some("Refund for order 6735".to_string()),
    };
    builder(&patch.uri())
        .build()
        .unwrap()
        .update_charge(ID)
        .body(&update)
        .await
        .unwrap();
    builder(&note.uri())
        .build()
        .unwrap()
        .create_note()
        .body(b"hello, world")
        .await
        .unwrap();
    let form = UploadAttachmentForm {
        file: Some(FilePart::new(b"%PDF-1.7".to_vec()).file_name("receipt.pdf")),
        caption: Some("Receipt".to_string()),
    };
    builder(&upload.uri())
        .build()
        .unwrap()
        .upload_attachment()
        .body(&form)
        .await
        .unwrap();

    let request = &received(&get).await[0];
    assert_eq!(header(request, "content-type"), Some("application/json"));
    assert_eq!(request.body, br#"{"expand":["customer","invoice"]}"#);
    let request = &received(&patch).await[0];
    assert_eq!(header(request, "content-type"), Some("application/json"));
    assert_eq!(request.body, br#"{"description":"Refund for order 6735"}"#);
    let request = &received(&note).await[0];
    assert_eq!(header(request, "content-type"), Some("text/plain"));
    assert_eq!(request.body, b"hello, world");

    let request = &received(&upload).await[0];
    let content_type = header(request, "content-type").expect("a content type");
    let boundary = multer::parse_boundary(content_type).expect("a multipart content type");
    let stream = futures::stream::iter([Ok::<_, std::io::Error>(request.body.clone())]);
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.expect("a well-formed body") {
        let name = field.name().map(str::to_string);
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.expect("the part's bytes").to_vec();
        parts.push((name, file_name, bytes));
    }
    assert_eq!(
        parts,
        [
            (
                Some("file".to_string()),
                Some("receipt.pdf".to_string()),
                b"%PDF-1.7".to_vec()
            ),
            (Some("caption".to_string()), None, b"Receipt".to_vec()),
        ]
    );
}

#[tokio::test]
async fn every_page_of_a_list_carries_its_body_and_headers() {
    let page = |number: u64, id: &str| {
        ok(json!({
            "success": true, "errors": [], "messages": [],
            "result": [{"id": id, "kind": "login"}],
            "result_info": {"page": number, "per_page": 1, "total_pages": 2},
        }))
    };
    let server = server(
        "POST",
        "/events/search",
        vec![page(1, "ev_1"), page(2, "ev_2")],
    )
    .await;
    let filter = EventFilter {
        kind: Some("login".to_string()),
    };
    let events: Vec<_> = builder(&server.uri())
        .build()
        .unwrap()
        .search_events(&SearchEventsParams::default())
        .body(&filter)
        .header("Stripe-Account", "acct_1")
        .items()
        .collect()
        .await;
    let ids: Vec<String> = events
        .into_iter()
        .map(|event| event.unwrap().id.unwrap())
        .collect();
    assert_eq!(ids, ["ev_1", "ev_2"]);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].url.query(), Some("page=2"));
    for request in &requests {
        assert_eq!(request.body, br#"{"kind":"login"}"#);
        assert_eq!(header(request, "content-type"), Some("application/json"));
        assert_eq!(header(request, "stripe-account"), Some("acct_1"));
        // A page walk's POSTs get a key each: one call per page.
        assert!(is_uuid_v4(header(request, "idempotency-key").unwrap()));
    }
    assert_ne!(
        header(&requests[0], "idempotency-key"),
        header(&requests[1], "idempotency-key")
    );
}

#[tokio::test]
async fn call_headers_arrive_and_bad_ones_fail_the_call() {
    let server = server("GET", "/charges/ch_1", vec![ok(charge())]).await;
    let client = builder(&server.uri())
        .default_header("Stripe-Version", "2023-10-16")
        .build()
        .unwrap();
    client
        .get_charge(ID)
        .header("Stripe-Account", "acct_1")
        .header("Stripe-Version", "2024-06-20")
        .header("Authorization", "Bearer sk_test_other")
        .await
        .unwrap();
    let request = &received(&server).await[0];
    assert_eq!(headers(request, "stripe-account"), ["acct_1"]);
    assert_eq!(headers(request, "stripe-version"), ["2024-06-20"]);
    assert_eq!(headers(request, "authorization"), ["Bearer sk_test_other"]);

    let error = client
        .get_charge(ID)
        .header("Stripe Account", "acct_1")
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid input: get-charge: `Stripe Account` is not a valid header name"
    );
    let error = client
        .get_charge(ID)
        .header("Stripe-Account", "acct_1\r\nX-Injected: 1")
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid input: get-charge: the value of header `stripe-account` is not valid"
    );
    assert!(matches!(error, Error::InvalidInput(_)));
    assert_eq!(received(&server).await.len(), 1, "nothing more was sent");
}

#[tokio::test]
async fn an_automatic_key_is_the_same_on_every_retry_and_fresh_for_the_next_call() {
    const { assert!(fixture_call_options::DEFAULT_IDEMPOTENCY_KEYS) };
    let server = server(
        "POST",
        "/charges",
        vec![
            ResponseTemplate::new(500),
            ResponseTemplate::new(503),
            ok(charge()),
        ],
    )
    .await;
    let client = builder(&server.uri()).build().unwrap();
    let params = CreateChargeParams::default();
    let first = client.create_charge(&params, &input()).await.unwrap();
    assert_eq!(first.attempts, 3);
    let second = client.create_charge(&params, &input()).await.unwrap();
    assert_eq!(second.attempts, 1);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 4);
    let keys: Vec<&str> = requests
        .iter()
        .map(|request| {
            let keys = headers(request, "idempotency-key");
            assert_eq!(keys.len(), 1);
            keys[0]
        })
        .collect();
    assert!(is_uuid_v4(keys[0]), "{}", keys[0]);
    assert_eq!(keys[1], keys[0]);
    assert_eq!(keys[2], keys[0]);
    assert!(is_uuid_v4(keys[3]), "{}", keys[3]);
    assert_ne!(keys[3], keys[0], "the next call has a key of its own");
    for request in &requests {
        assert_eq!(request.body, br#"{"amount":2000,"currency":"usd"}"#);
    }

    // Also after a timeout: the retry carries the first attempt's key.
    let slow = self::server(
        "PATCH",
        "/charges/ch_1",
        vec![ok(charge()).set_delay(Duration::from_secs(3)), ok(charge())],
    )
    .await;
    let client = builder(&slow.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    assert_eq!(client.update_charge(ID).await.unwrap().attempts, 2);
    let requests = received(&slow).await;
    assert_eq!(requests.len(), 2);
    let key = header(&requests[0], "idempotency-key").unwrap();
    assert!(is_uuid_v4(key), "{key}");
    assert_eq!(header(&requests[1], "idempotency-key"), Some(key));
}

#[tokio::test]
async fn idempotent_methods_get_no_key_and_are_retried_anyway() {
    let get = server(
        "GET",
        "/charges/ch_1",
        vec![ResponseTemplate::new(502), ok(charge())],
    )
    .await;
    let delete = server(
        "DELETE",
        "/charges/ch_1",
        vec![ResponseTemplate::new(500), ResponseTemplate::new(204)],
    )
    .await;
    let client = builder(&get.uri()).build().unwrap();
    assert_eq!(client.get_charge(ID).await.unwrap().attempts, 2);
    let client = builder(&delete.uri())
        .idempotency_keys(false)
        .build()
        .unwrap();
    assert_eq!(client.delete_charge(ID).await.unwrap().attempts, 2);
    for server in [&get, &delete] {
        for request in received(server).await {
            assert_eq!(header(&request, "idempotency-key"), None);
        }
    }
}

#[tokio::test]
async fn the_callers_key_wins() {
    let server = server(
        "POST",
        "/charges",
        vec![ResponseTemplate::new(500), ok(charge())],
    )
    .await;
    let client = builder(&server.uri()).build().unwrap();
    let params = CreateChargeParams {
        idempotency_key: Some("order-6735".to_string()),
    };
    assert_eq!(
        client
            .create_charge(&params, &input())
            .await
            .unwrap()
            .attempts,
        2
    );
    // The call's own key replaces the parameter's.
    client
        .create_charge(&params, &input())
        .idempotency_key("order-6736")
        .await
        .unwrap();
    let requests = received(&server).await;
    let keys: Vec<Vec<&str>> = requests
        .iter()
        .map(|request| headers(request, "idempotency-key"))
        .collect();
    assert_eq!(
        keys,
        [vec!["order-6735"], vec!["order-6735"], vec!["order-6736"]]
    );
}

/// The attempts a `POST` without a key makes (automatic keys off).
async fn attempts_without_a_key(replies: Vec<ResponseTemplate>) -> (u32, usize) {
    let server = server("POST", "/charges", replies).await;
    let client = builder(&server.uri())
        .idempotency_keys(false)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let outcome = client
        .create_charge(&CreateChargeParams::default(), &input())
        .await;
    let attempts = match &outcome {
        Ok(response) => response.attempts,
        Err(error) => error.attempts(),
    };
    let requests = received(&server).await;
    for request in &requests {
        assert_eq!(header(request, "idempotency-key"), None);
    }
    (attempts, requests.len())
}

#[tokio::test]
async fn a_post_without_a_key_is_retried_only_after_a_refusal() {
    let then_ok = |first: ResponseTemplate| vec![first, ok(charge())];
    // Ambiguous: the server may have charged.
    for status in [500, 502, 503, 504] {
        assert_eq!(
            attempts_without_a_key(then_ok(ResponseTemplate::new(status))).await,
            (1, 1),
            "{status}"
        );
    }
    let slow = ok(charge()).set_delay(Duration::from_secs(3));
    assert_eq!(
        attempts_without_a_key(then_ok(slow)).await,
        (1, 1),
        "timeout"
    );
    // Refusals: nothing was done.
    for refusal in [
        ResponseTemplate::new(429),
        ResponseTemplate::new(503).insert_header("Retry-After", "0.05"),
        ResponseTemplate::new(408),
        ResponseTemplate::new(409),
    ] {
        assert_eq!(attempts_without_a_key(then_ok(refusal)).await, (2, 2));
    }

    // The connection lost after the request was read: ambiguous.
    let raw = RawServer::start(vec![RawReply::Reset, RawReply::json(200, &charge())]).await;
    let client = builder(&raw.uri).idempotency_keys(false).build().unwrap();
    let error = client
        .create_charge(&CreateChargeParams::default(), &input())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Transport { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(raw.requests(), 1);
    // With the automatic key, the same failure is retried.
    let raw = RawServer::start(vec![RawReply::Reset, RawReply::json(200, &charge())]).await;
    let client = builder(&raw.uri).build().unwrap();
    let response = client
        .create_charge(&CreateChargeParams::default(), &input())
        .await
        .unwrap();
    assert_eq!(response.attempts, 2);

    // No connection at all: retried for every method.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let unreachable = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let client = builder(&unreachable)
        .idempotency_keys(false)
        .build()
        .unwrap();
    let error = client
        .create_charge(&CreateChargeParams::default(), &input())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Transport { attempts: 3, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn mocks_expect_calls_with_or_without_their_optional_body() {
    use fixture_call_options::mock::MockApi;
    let mock = MockApi::start().await;
    let expected = Charge {
        id: Some(ID.to_string()),
        amount: Some(2000),
        ..Default::default()
    };
    mock.expect_get_charge(ID)
        .times(2)
        .respond(expected.clone())
        .await;
    mock.expect_create_note().times(1).respond(()).await;
    let client = mock.client_builder().bearer("test").build().unwrap();
    let plain = client.get_charge(ID).await.unwrap().result;
    let expanded = client
        .get_charge(ID)
        .body(&Expand::default())
        .await
        .unwrap()
        .result;
    assert_eq!(plain.id, expected.id);
    assert_eq!(expanded.amount, Some(2000));
    client.create_note().body(b"note").await.unwrap();
    let requests = received(mock.server()).await;
    assert_eq!(requests[1].body, b"{}");
    assert_eq!(requests[2].body, b"note");
}
