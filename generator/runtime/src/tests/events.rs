//! Server-sent events: the parser on exact inputs (every line ending, the
//! byte-order mark, fields, comments, events split anywhere), and the
//! stand-in's `_stream` methods against wiremock and against a loopback
//! server sending a chunked stream slowly.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::Client;
use crate::error::Error;
use crate::events::{Event, Parser, RawEvent};

fn raw(event: &str, id: Option<&str>, retry: Option<u64>, data: &str) -> RawEvent {
    RawEvent {
        event: event.to_string(),
        id: id.map(str::to_string),
        retry: retry.map(Duration::from_millis),
        data: data.to_string(),
    }
}

/// Every event `chunks` make, fed one after the other.
fn parse(chunks: &[&[u8]]) -> Vec<RawEvent> {
    let mut parser = Parser::default();
    for chunk in chunks {
        parser.push(chunk);
    }
    parser.events.into_iter().collect()
}

#[test]
fn data_lines_are_joined_and_fields_read() {
    let stream = b"\xEF\xBB\xBF: a comment\nevent: delta\nid: 7\nretry: 1500\ndata: first\ndata:second\ndata\n\n\
        data: {\"a\": 1}\n\nunknown: x\nid\n\n";
    assert_eq!(
        parse(&[stream]),
        vec![
            raw("delta", Some("7"), Some(1500), "first\nsecond\n"),
            // The id carries over; a `retry` only goes with its event.
            raw("message", Some("7"), None, "{\"a\": 1}"),
        ]
    );
}

#[test]
fn every_line_ending_ends_a_line() {
    let expected = vec![
        raw("message", None, None, "a\nb"),
        raw("x", None, None, "c"),
    ];
    assert_eq!(
        parse(&[b"data: a\r\ndata: b\r\n\r\nevent: x\r\ndata: c\r\n\r\n"]),
        expected
    );
    assert_eq!(
        parse(&[b"data: a\rdata: b\r\revent: x\rdata: c\r\r"]),
        expected
    );
    assert_eq!(
        parse(&[b"data: a\ndata: b\n\nevent: x\ndata: c\n\n"]),
        expected
    );
}

/// Split at every byte, including between a CR and its LF and inside the
/// byte-order mark and a multi-byte character: the same events.
#[test]
fn events_split_anywhere_are_the_same() {
    let stream = "\u{FEFF}event: é\r\ndata: ü1\r\n\r\ndata: 2\r\rdata: 3\n\n".as_bytes();
    let whole = parse(&[stream]);
    assert_eq!(
        whole,
        vec![
            raw("é", None, None, "ü1"),
            raw("message", None, None, "2"),
            raw("message", None, None, "3"),
        ]
    );
    for split in 0..=stream.len() {
        let (head, tail) = stream.split_at(split);
        assert_eq!(parse(&[head, tail]), whole, "split at {split}");
    }
    let bytes: Vec<&[u8]> = stream.chunks(1).collect();
    assert_eq!(parse(&bytes), whole);
}

#[test]
fn events_without_data_or_unfinished_are_not_dispatched() {
    // An `id` with a NUL is ignored; a `retry` that is not digits too.
    assert_eq!(
        parse(&[b"event: ping\n\nid: a\0b\nretry: 1s\ndata: x\n\ndata: cut off"]),
        vec![raw("message", None, None, "x")]
    );
    // A BOM is dropped only at the very start.
    assert_eq!(
        parse(&[b"data: a\n\n\xEF\xBB\xBFdata: b\n\n"]),
        vec![raw("message", None, None, "a")]
    );
}

fn client(base_url: &str) -> crate::client::ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .api_token("t")
        .retry_base_delay(Duration::from_millis(1))
}

fn event_stream(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "text/event-stream")
}

/// Typed chunks as OpenAI sends them: the body gets `stream: true`, the
/// request accepts `text/event-stream`, each event decodes to its exact
/// value, `[DONE]` ends the stream and nothing after it is read.
#[tokio::test]
async fn typed_events_until_done() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/chat/completions"))
        .and(header("accept", "text/event-stream"))
        .and(header("authorization", "Bearer t"))
        .and(body_json(json!({"model": "m", "stream": true})))
        .respond_with(event_stream(
            "data: {\"id\":\"c1\",\"delta\":\"Hel\"}\n\n\
             event: chunk\nid: 2\ndata: {\"id\":\"c1\",\n\
             data: \"delta\":\"lo\"}\n\n\
             data: [DONE]\n\n\
             data: {\"after\":\"done\"}\n\n",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server.uri()).build().unwrap();
    let stream = client
        .create_chat_completion_stream(&json!({"model": "m", "stream": false}))
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert_eq!(stream.header("content-type"), Some("text/event-stream"));
    assert_eq!(stream.attempts(), 1);
    let events: Vec<Event<Value>> = stream.map(Result::unwrap).collect().await;
    assert_eq!(
        events,
        vec![
            Event {
                event: "message".to_string(),
                id: None,
                retry: None,
                data: json!({"id": "c1", "delta": "Hel"}),
            },
            Event {
                event: "chunk".to_string(),
                id: Some("2".to_string()),
                retry: None,
                data: json!({"id": "c1", "delta": "lo"}),
            },
        ]
    );
}

/// An event whose data is not JSON is an `Error::Decode` item keeping the
/// data; the events after it still come. Raw streams yield the text.
#[tokio::test]
async fn a_bad_event_is_an_error_item_and_the_stream_goes_on() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/chat/completions"))
        .respond_with(event_stream(
            "data: {\"n\":1}\n\ndata: not json\n\ndata: {\"n\":2}\n\n",
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/logs/a"))
        .and(header("accept", "text/event-stream"))
        .respond_with(event_stream(
            "data: line 1\ndata: line 2\n\ndata: [DONE]\n\n",
        ))
        .mount(&server)
        .await;
    let client = client(&server.uri()).build().unwrap();
    let items: Vec<Result<Event<Value>, Error>> = client
        .create_chat_completion_stream(&json!({}))
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap().data, json!({"n": 1}));
    match &items[1] {
        Err(Error::Decode(error)) => {
            assert_eq!(error.body, b"not json");
            assert_eq!(error.status, 200);
            assert_eq!(
                error.source.to_string(),
                "expected ident at line 1 column 2"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(items[2].as_ref().unwrap().data, json!({"n": 2}));

    let lines: Vec<String> = client
        .tail_logs_stream("a")
        .await
        .unwrap()
        .map(|event| event.unwrap().data)
        .collect()
        .await;
    assert_eq!(lines, vec!["line 1\nline 2".to_string()]);
}

/// A 4xx before the stream is the call's error, as for any call; a 503
/// is retried before any byte of the stream is read.
#[tokio::test]
async fn errors_before_the_stream_are_the_calls() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/logs/missing"))
        .respond_with(ResponseTemplate::new(404).set_body_string("{\"error\":\"no such log\"}"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/logs/busy"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/logs/busy"))
        .respond_with(event_stream("data: up\n\n"))
        .mount(&server)
        .await;
    let client = client(&server.uri()).build().unwrap();
    let error = client.tail_logs_stream("missing").await.err().unwrap();
    assert!(matches!(&error, Error::Api(_)), "{error:?}");
    assert_eq!(error.status(), Some(reqwest::StatusCode::NOT_FOUND));
    assert_eq!(error.body(), Some(&b"{\"error\":\"no such log\"}"[..]));
    assert_eq!(error.attempts(), 1);

    let stream = client.tail_logs_stream("busy").await.unwrap();
    assert_eq!(stream.attempts(), 2);
    let data: Vec<String> = stream.map(|event| event.unwrap().data).collect().await;
    assert_eq!(data, vec!["up".to_string()]);
}

/// Serves one chunked `text/event-stream` response: each piece after its
/// delay, in a chunk of its own; returns the base URL.
async fn serve_slowly(pieces: Vec<(u64, &'static str)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        super::send::read_request(&mut socket).await;
        socket
            .write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\
                  transfer-encoding: chunked\r\nconnection: close\r\n\r\n",
            )
            .await
            .unwrap();
        for (delay, piece) in pieces {
            tokio::time::sleep(Duration::from_millis(delay)).await;
            let chunk = format!("{:x}\r\n{piece}\r\n", piece.len());
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
            socket.flush().await.unwrap();
        }
        let _ = socket.write_all(b"0\r\n\r\n").await;
    });
    base_url
}

/// The timeout bounds each wait, not the stream: chunks 150 ms apart
/// under a 400 ms timeout all come, though the stream takes longer than
/// the timeout; events split across chunks come whole.
#[tokio::test]
async fn a_slow_stream_outlives_the_timeout() {
    let base_url = serve_slowly(vec![
        (0, "data: {\"n\""),
        (150, ":1}\n"),
        (150, "\ndata: {\"n\":2}\n\nda"),
        (150, "ta: {\"n\":3}\r\n"),
        (150, "\r\n"),
    ])
    .await;
    let client = client(&base_url)
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let started = Instant::now();
    let data: Vec<Value> = client
        .create_chat_completion_stream(&json!({}))
        .await
        .unwrap()
        .map(|event| event.unwrap().data)
        .collect()
        .await;
    assert_eq!(
        data,
        vec![json!({"n": 1}), json!({"n": 2}), json!({"n": 3})]
    );
    assert!(started.elapsed() > Duration::from_millis(500));
}

/// A wait longer than the timeout ends the stream with
/// `Error::StreamTimeout`, after the events that came before it.
#[tokio::test]
async fn a_stalled_stream_ends_with_a_timeout() {
    let base_url = serve_slowly(vec![
        (0, "data: {\"n\":1}\n\n"),
        (2_000, "data: {\"n\":2}\n\n"),
    ])
    .await;
    let client = client(&base_url)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let items: Vec<Result<Event<Value>, Error>> = client
        .create_chat_completion_stream(&json!({}))
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().data, json!({"n": 1}));
    let error = items[1].as_ref().unwrap_err();
    assert!(
        matches!(
            error,
            Error::StreamTimeout {
                waited,
                attempts: 1
            } if *waited == Duration::from_millis(200)
        ),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert_eq!(
        error.to_string(),
        "event stream timed out: nothing for 200ms"
    );
}

/// Headers that never come time out like any call's, retried for a
/// request with an idempotency key.
#[tokio::test]
async fn headers_that_never_come_time_out() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let held = Arc::new(Mutex::new(Vec::new()));
    let sockets = Arc::clone(&held);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            sockets.lock().unwrap().push(socket);
        }
    });
    let client = client(&base_url)
        .timeout(Duration::from_millis(100))
        .max_retries(1)
        .build()
        .unwrap();
    let error = client
        .create_chat_completion_stream(&json!({}))
        .idempotency_key("k")
        .await
        .err()
        .unwrap();
    assert!(
        matches!(error, Error::StreamTimeout { attempts: 2, .. }),
        "{error:?}"
    );
    assert_eq!(held.lock().unwrap().len(), 2);
}
