//! Server-sent events on the wire: the crate `tests/events-client/`,
//! generated from `tests/fixtures/events.yaml` (OpenAI's chat completions
//! shape), against wiremock on 127.0.0.1.
//!
//! - the stream method sends the JSON method's request with `stream:
//!   true` and `Accept: text/event-stream`, decodes each chunk as the
//!   spec's chunk type, exactly, and ends at `data: [DONE]`;
//! - the JSON method of the same operation still answers JSON;
//! - a stream without a schema yields each event's data as text, with an
//!   optional body;
//! - a 4xx before the stream is the call's error;
//! - the summary counts the stream methods, typed and text.

use fixture_events::models::{CreateChatCompletionRequest, Message, TailLogRequest};
use fixture_events::{Client, Error, Event};
use futures::StreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key_auth("sk-test")
        .max_retries(0)
        .build()
        .expect("client builds")
}

fn request() -> CreateChatCompletionRequest {
    CreateChatCompletionRequest::new(vec![Message::new("Hi", "user")], "gpt-4o")
}

const CHUNKS: &str = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n\
data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n\
: keep-alive\n\n\
data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo!\"},\"finish_reason\":\"stop\"}]}\n\n\
data: [DONE]\n\n";

#[tokio::test]
async fn chunks_decode_exactly_until_done() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/chat/completions"))
        .and(header("accept", "text/event-stream"))
        .and(header("authorization", "Bearer sk-test"))
        .and(body_json(json!({
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": "Hi"}],
            "stream": true,
        })))
        .respond_with(ResponseTemplate::new(200).set_body_raw(CHUNKS, "text/event-stream"))
        .expect(1)
        .mount(&server)
        .await;
    let stream = client(&server)
        .create_chat_completion_stream(&request())
        .await
        .expect("the stream opens");
    assert_eq!(stream.status(), 200);
    let events: Vec<Event<_>> = stream
        .map(|event| event.expect("every chunk decodes"))
        .collect()
        .await;
    assert_eq!(events.len(), 3);
    assert!(events.iter().all(|event| event.event == "message"
        && event.id.is_none()
        && event.data.id == "c1"
        && event.data.choices.len() == 1));
    let deltas: Vec<(Option<&str>, Option<&str>, Option<&str>)> = events
        .iter()
        .map(|event| {
            let choice = &event.data.choices[0];
            assert_eq!(choice.index, 0);
            (
                choice.delta.role.as_deref(),
                choice.delta.content.as_deref(),
                choice.finish_reason.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        deltas,
        vec![
            (Some("assistant"), Some(""), None),
            (None, Some("Hel"), None),
            (None, Some("lo!"), Some("stop")),
        ]
    );
}

/// The JSON form of the same operation is unchanged: no `stream` member
/// added, JSON accepted and decoded.
#[tokio::test]
async fn the_json_method_still_answers_json() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/chat/completions"))
        .and(header("accept", "application/json"))
        .and(body_json(json!({
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": "Hi"}],
        })))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"id":"c2","choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"}}]}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let completion = client(&server)
        .create_chat_completion(&request())
        .await
        .expect("the completion decodes")
        .into_result();
    assert_eq!(completion.id, "c2");
    assert_eq!(completion.choices[0].message.role, "assistant");
    assert_eq!(completion.choices[0].message.content, "Hello!");
}

/// A stream without a schema: each event's data is its text (lines
/// joined), its `event` and `id` kept; the optional body is sent as given.
#[tokio::test]
async fn a_stream_without_schema_yields_text() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/logs/app%201/tail"))
        .and(header("accept", "text/event-stream"))
        .and(body_json(json!({"level": "warn"})))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            "event: line\r\nid: 41\r\ndata: disk 91% full\r\n\r\nevent: line\r\nid: 42\r\ndata: first\r\ndata: second\r\n\r\n",
            "text/event-stream",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let level = TailLogRequest {
        level: Some("warn".to_string()),
    };
    let events: Vec<Event<String>> = client(&server)
        .tail_log_stream("app 1")
        .body(&level)
        .await
        .expect("the stream opens")
        .map(|event| event.expect("text always decodes"))
        .collect()
        .await;
    let seen: Vec<(&str, Option<&str>, &str)> = events
        .iter()
        .map(|event| {
            (
                event.event.as_str(),
                event.id.as_deref(),
                event.data.as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("line", Some("41"), "disk 91% full"),
            ("line", Some("42"), "first\nsecond"),
        ]
    );
}

/// A 4xx is read whole and is the call's error, as for the JSON method.
#[tokio::test]
async fn a_4xx_is_the_calls_error() {
    let server = MockServer::start().await;
    let body =
        r#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}"#;
    Mock::given(method("POST"))
        .and(path("/chat/completions"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .create_chat_completion_stream(&request())
        .await
        .err()
        .expect("a 401 fails the call");
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    assert_eq!(error.body(), Some(body.as_bytes()));
}

/// The summary counts the operations with a stream method, typed and
/// text, and the media type no method reads.
#[test]
fn the_summary_counts_event_streams() {
    let generation = workspace_tests::EVENTS_CLIENT.generate();
    let summary = &generation.summary;
    assert_eq!(
        (summary.typed_event_streams, summary.text_event_streams),
        (1, 1)
    );
    let printed = summary.to_string();
    assert!(
        printed.contains(
            "\n  skipped: 1 response media type (not supported)\n\
             \x20 types: 8 (0 of them aliases of a structurally identical type)\n\
             \x20 event streams: 2 operations with a `_stream` method (1 typed, 1 text)\n"
        ),
        "{printed}"
    );
}
