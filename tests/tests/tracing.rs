//! The `tracing` feature of generated crates, captured by a subscriber
//! while `tests/sso-group/`, `tests/query-styles/` and
//! `tests/events-client/` (all built with `tracing` on) call wiremock on
//! 127.0.0.1:
//!
//! - a call retried once: its `call` span with OpenTelemetry's HTTP client
//!   fields, exactly, two `attempt` children (status, `cf-ray`,
//!   `error.type`, the resend count) and the `retrying` event with the
//!   server's `Retry-After-Ms` wait;
//! - calls that fail: on a status, before sending (no credentials) and on
//!   a refused connection, each with its `error.type`;
//! - waits for the client's rate limit and for a budget the server said is
//!   spent, as `rate limit wait` events;
//! - a stream call (server-sent events) traced like any other;
//! - no captured field or message holds the token, a query credential, a
//!   query value or a path argument, in any spelling.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const CONNECTOR: &str = "f174e90afafe4643bbbc4a0ed4fc8415";
const TOKEN: &str = "Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY";
const SSO_TEMPLATE: &str = "/accounts/{account_id}/sso_connectors/{sso_connector_id}";

/// A span or an event as the subscriber saw it.
#[derive(Clone, Debug)]
struct Captured {
    /// `span` or `event`.
    kind: &'static str,
    /// The span's name, or the event's message.
    name: String,
    target: String,
    level: Level,
    /// Index in the capture of the span it belongs to.
    parent: Option<usize>,
    /// Every field but an event's message, as text.
    fields: BTreeMap<String, String>,
}

/// A layer keeping every span (with the fields recorded on it later) and
/// every event, in the order they began.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Captured>>>);

/// The capture index of a span, kept in its extensions.
struct Index(usize);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_string(), value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0
            .insert(field.name().to_string(), format!("{value:?}"));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> tracing_subscriber::Layer<S> for Capture {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, context: Context<'_, S>) {
        let span = context.span(id).expect("a new span is registered");
        let parent = span
            .parent()
            .and_then(|parent| parent.extensions().get::<Index>().map(|index| index.0));
        let mut fields = BTreeMap::new();
        attributes.record(&mut Fields(&mut fields));
        let mut captured = self.0.lock().unwrap();
        span.extensions_mut().insert(Index(captured.len()));
        captured.push(Captured {
            kind: "span",
            name: attributes.metadata().name().to_string(),
            target: attributes.metadata().target().to_string(),
            level: *attributes.metadata().level(),
            parent,
            fields,
        });
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, context: Context<'_, S>) {
        let span = context.span(id).expect("a recorded span is registered");
        let index = span.extensions().get::<Index>().expect("captured").0;
        values.record(&mut Fields(&mut self.0.lock().unwrap()[index].fields));
    }

    fn on_event(&self, event: &Event<'_>, context: Context<'_, S>) {
        let parent = context
            .event_span(event)
            .and_then(|span| span.extensions().get::<Index>().map(|index| index.0));
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let name = fields.remove("message").unwrap_or_default();
        self.0.lock().unwrap().push(Captured {
            kind: "event",
            name,
            target: event.metadata().target().to_string(),
            level: *event.metadata().level(),
            parent,
            fields,
        });
    }
}

/// Runs `calls` with the capturing subscriber as this thread's default
/// (each test runs on its own current-thread runtime), and returns what
/// the generated crates traced: spans and events whose target is a
/// generated crate's `runtime::trace`, parents renumbered among them.
async fn capture<F: Future<Output = ()>>(calls: F) -> Vec<Captured> {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    {
        let _default = tracing::subscriber::set_default(subscriber);
        calls.await;
    }
    let all = capture.0.lock().unwrap().clone();
    let kept: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].target.ends_with("::runtime::trace"))
        .collect();
    kept.iter()
        .map(|&i| {
            let mut captured = all[i].clone();
            captured.parent = captured
                .parent
                .map(|p| kept.iter().position(|&k| k == p).expect("parent is ours"));
            captured
        })
        .collect()
}

/// `pairs` as a field map.
fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

/// Takes `elapsed_ms` out of `fields`, checking it is a time in
/// milliseconds below `most`.
fn take_elapsed(fields: &mut BTreeMap<String, String>, most: f64) -> f64 {
    let elapsed: f64 = fields
        .remove("elapsed_ms")
        .expect("elapsed_ms recorded")
        .parse()
        .expect("a number");
    assert!((0.0..most).contains(&elapsed), "elapsed_ms {elapsed}");
    elapsed
}

/// No text captured anywhere contains any of `secrets`.
fn assert_never_recorded(captured: &[Captured], secrets: &[&str]) {
    for item in captured {
        let texts = std::iter::once(&item.name)
            .chain(item.fields.keys())
            .chain(item.fields.values());
        for text in texts {
            for secret in secrets {
                assert!(
                    !text.contains(secret),
                    "{secret:?} recorded in {} {:?}: {text:?}",
                    item.kind,
                    item.name
                );
            }
        }
    }
}

fn envelope() -> serde_json::Value {
    json!({"errors": [], "messages": [], "success": true, "result": {"id": CONNECTOR, "enabled": true}})
}

fn sso_client(server: &MockServer) -> cloudflare_sso::ClientBuilder {
    cloudflare_sso::Client::builder()
        .base_url(server.uri())
        .api_token(TOKEN)
}

fn port(server: &MockServer) -> String {
    server.address().port().to_string()
}

/// A 503 with `Retry-After-Ms: 20`, then a 200: one call span, two
/// attempts under it, one retry event; every field exact but the times.
#[tokio::test]
async fn a_retried_call_is_one_span_with_an_attempt_span_each() {
    let server = MockServer::start().await;
    let route = format!("/accounts/{ACCOUNT}/sso_connectors/{CONNECTOR}");
    Mock::given(method("PATCH"))
        .and(path(route.as_str()))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("retry-after-ms", "20")
                .insert_header("cf-ray", "8f1c2a3b4d5e6f70-SJC")
                .set_body_json(json!({"errors": [{"code": 10000, "message": "busy"}], "messages": [], "success": false, "result": null})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(route.as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("cf-ray", "8f1c2a3b4d5e6f71-SJC")
                .set_body_json(envelope()),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = sso_client(&server).build().expect("client builds");
    let body = cloudflare_sso::models::UpdateSsoConnectorStateRequest {
        enabled: Some(true),
        ..Default::default()
    };
    let captured = capture(async {
        let response = client
            .update_sso_connector_state(ACCOUNT, CONNECTOR, &body)
            .await
            .expect("the retry succeeds");
        assert_eq!(response.attempts, 2);
    })
    .await;

    let shape: Vec<(&str, &str, Option<usize>)> = captured
        .iter()
        .map(|c| (c.kind, c.name.as_str(), c.parent))
        .collect();
    assert_eq!(
        shape,
        vec![
            ("span", "call", None),
            ("span", "attempt", Some(0)),
            ("event", "retrying", Some(0)),
            ("span", "attempt", Some(0)),
        ]
    );
    assert!(
        captured
            .iter()
            .all(|c| c.target == "cloudflare_sso::runtime::trace")
    );
    let levels: Vec<Level> = captured.iter().map(|c| c.level).collect();
    assert_eq!(
        levels,
        vec![Level::INFO, Level::DEBUG, Level::INFO, Level::DEBUG]
    );
    let port = port(&server);
    assert_eq!(
        captured[0].fields,
        fields(&[
            ("otel.name", &format!("PATCH {SSO_TEMPLATE}")),
            ("operation.id", "update-sso-connector-state"),
            ("http.request.method", "PATCH"),
            ("url.template", SSO_TEMPLATE),
            ("server.address", "127.0.0.1"),
            ("server.port", &port),
            ("http.response.status_code", "200"),
            ("http.response.header.cf-ray", "8f1c2a3b4d5e6f71-SJC"),
            ("http.request.resend_count", "1"),
        ])
    );
    let mut first = captured[1].fields.clone();
    take_elapsed(&mut first, 5_000.0);
    assert_eq!(
        first,
        fields(&[
            ("attempt", "1"),
            ("http.response.status_code", "503"),
            ("http.response.header.cf-ray", "8f1c2a3b4d5e6f70-SJC"),
            ("error.type", "503"),
        ])
    );
    assert_eq!(
        captured[2].fields,
        fields(&[
            ("attempt", "1"),
            ("error.type", "503"),
            ("retry.wait_ms", "20.0"),
        ])
    );
    let mut second = captured[3].fields.clone();
    take_elapsed(&mut second, 5_000.0);
    assert_eq!(
        second,
        fields(&[
            ("attempt", "2"),
            ("http.request.resend_count", "1"),
            ("http.response.status_code", "200"),
            ("http.response.header.cf-ray", "8f1c2a3b4d5e6f71-SJC"),
        ])
    );
    assert_never_recorded(&captured, &[TOKEN, ACCOUNT, CONNECTOR, &route, "Bearer"]);
}

/// An error status, a call refused before sending and a refused
/// connection: the call span says why (`error.type`), with the status
/// when there was one.
#[tokio::test]
async fn a_failed_call_records_its_error_type() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"errors": [{"code": 7003, "message": "No route for the URI"}], "messages": [], "success": false, "result": null})))
        .expect(1)
        .mount(&server)
        .await;
    let client = sso_client(&server)
        .max_retries(0)
        .build()
        .expect("client builds");
    let anonymous = cloudflare_sso::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client builds");
    // A port nothing listens on: bound, then closed.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let closed_port = closed.local_addr().expect("bound").port();
    drop(closed);
    let unreachable = cloudflare_sso::Client::builder()
        .base_url(format!("http://127.0.0.1:{closed_port}"))
        .api_token(TOKEN)
        .max_retries(0)
        .build()
        .expect("client builds");
    let captured = capture(async {
        client
            .get_sso_connector(ACCOUNT, CONNECTOR)
            .await
            .expect_err("404");
        anonymous
            .get_sso_connector(ACCOUNT, CONNECTOR)
            .await
            .expect_err("no token");
        unreachable
            .get_sso_connector(ACCOUNT, CONNECTOR)
            .await
            .expect_err("refused");
    })
    .await;
    let calls: Vec<&Captured> = captured.iter().filter(|c| c.name == "call").collect();
    assert_eq!(calls.len(), 3);
    let template = "/accounts/{account_id}/sso_connectors/{sso_connector_id}";
    let common = [
        ("otel.name", format!("GET {template}")),
        ("operation.id", "get-sso-connector".to_string()),
        ("http.request.method", "GET".to_string()),
        ("url.template", template.to_string()),
    ];
    let with = |extra: &[(&str, &str)]| {
        let mut map: BTreeMap<String, String> = common
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        map.extend(fields(extra));
        map
    };
    let port = port(&server);
    assert_eq!(
        calls[0].fields,
        with(&[
            ("server.address", "127.0.0.1"),
            ("server.port", &port),
            ("http.response.status_code", "404"),
            ("error.type", "404"),
        ])
    );
    // Nothing was sent: no server, no attempt.
    assert_eq!(
        calls[1].fields,
        with(&[("error.type", "missing_credentials")])
    );
    let closed_port = closed_port.to_string();
    assert_eq!(
        calls[2].fields,
        with(&[
            ("server.address", "127.0.0.1"),
            ("server.port", &closed_port),
            ("error.type", "connect"),
        ])
    );
    let attempts: Vec<(Option<usize>, Option<&str>)> = captured
        .iter()
        .filter(|c| c.name == "attempt")
        .map(|c| (c.parent, c.fields.get("error.type").map(String::as_str)))
        .collect();
    let index = |call: &Captured| captured.iter().position(|c| std::ptr::eq(c, call));
    assert_eq!(
        attempts,
        vec![
            (index(calls[0]), Some("404")),
            (index(calls[2]), Some("connect")),
        ]
    );
    assert_never_recorded(&captured, &[TOKEN, ACCOUNT, CONNECTOR]);
}

/// The client's `RateLimit` (one call per 300 ms) holds the second call,
/// and a budget the server says is spent (`RateLimit: "default";r=0;t=1`)
/// holds the next: each wait is an event of the call that waited.
#[tokio::test]
async fn rate_limit_waits_are_events_of_the_waiting_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope()))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("ratelimit", "\"default\";r=0;t=1")
                .set_body_json(envelope()),
        )
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope()))
        .with_priority(3)
        .mount(&server)
        .await;
    let client = sso_client(&server)
        .rate_limit(cloudflare_sso::RateLimit::new(
            1,
            Duration::from_millis(300),
        ))
        .build()
        .expect("client builds");
    let limited = sso_client(&server).build().expect("client builds");
    let captured = capture(async {
        for _ in 0..2 {
            client
                .get_sso_connector(ACCOUNT, CONNECTOR)
                .await
                .expect("200");
        }
        // The third response says the budget is spent for a second.
        for _ in 0..2 {
            limited
                .get_sso_connector(ACCOUNT, CONNECTOR)
                .await
                .expect("200");
        }
    })
    .await;
    let calls: Vec<usize> = (0..captured.len())
        .filter(|&i| captured[i].name == "call")
        .collect();
    assert_eq!(calls.len(), 4);
    let waits: Vec<(Option<usize>, BTreeMap<String, String>)> = captured
        .iter()
        .filter(|c| c.kind == "event")
        .map(|c| (c.parent, c.fields.clone()))
        .collect();
    assert_eq!(waits.len(), 2, "{captured:#?}");
    let expected = [
        (calls[1], "client", 100.0, 400.0),
        (calls[3], "server", 500.0, 1_200.0),
    ];
    for ((parent, fields), (call, source, least, most)) in waits.into_iter().zip(expected) {
        assert_eq!(parent, Some(call));
        let mut fields = fields;
        let waited: f64 = fields
            .remove("rate_limit.wait_ms")
            .expect("the wait")
            .parse()
            .expect("a number");
        assert!(
            (least..most).contains(&waited),
            "{source}: waited {waited} ms"
        );
        assert_eq!(
            fields,
            self::fields(&[("attempt", "1"), ("rate_limit.source", source)])
        );
    }
    assert!(
        captured
            .iter()
            .filter(|c| c.kind == "event")
            .all(|c| c.name == "rate limit wait")
    );
}

/// A query credential and query values: the call span has the template
/// and the host, and neither the key nor any value in any spelling.
#[tokio::test]
async fn query_credentials_and_values_are_never_recorded() {
    const KEY: &str = "qk-7f3a9c1e5b";
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/windows"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = fixture_query_styles::Client::builder()
        .base_url(server.uri())
        .api_key(KEY)
        .max_retries(0)
        .build()
        .expect("client builds");
    let params = fixture_query_styles::models::ListWindowsParams {
        zone: vec!["zone value&more".to_string()],
        window: fixture_query_styles::models::ListWindowsWindow {
            start: fixture_query_styles::Timestamp::parse("2024-01-02T03:04:05Z").unwrap(),
            end: None,
        },
        x_ids: vec![4242],
        x_trace: "header-value-9".to_string(),
    };
    let captured = capture(async {
        client.list_windows(&params).await.expect("204");
    })
    .await;
    let requests = server.received_requests().await.expect("recording is on");
    let query = requests[0].url.query().expect("a query").to_string();
    assert_eq!(
        query,
        format!("zone=zone%20value%26more&window[start]=2024-01-02T03%3A04%3A05Z&api_key={KEY}")
    );
    let port = port(&server);
    assert_eq!(
        captured[0].fields,
        fields(&[
            ("otel.name", "GET /windows"),
            ("operation.id", "list-windows"),
            ("http.request.method", "GET"),
            ("url.template", "/windows"),
            ("server.address", "127.0.0.1"),
            ("server.port", &port),
            ("http.response.status_code", "204"),
        ])
    );
    assert_never_recorded(
        &captured,
        &[
            KEY,
            &query,
            "4242",
            "header-value-9",
            "zone value",
            "zone%20value",
            "zone+value",
            "2024-01-02",
            "api_key",
        ],
    );
}

/// A stream method's call is traced like any other, until its headers.
#[tokio::test]
async fn a_stream_call_is_traced() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/logs/app%201/tail"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("cf-ray", "8f1c2a3b4d5e6f72-LHR")
                .set_body_raw("data: first\n\n", "text/event-stream"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = fixture_events::Client::builder()
        .base_url(server.uri())
        .api_key_auth("sk-stream-secret")
        .max_retries(0)
        .build()
        .expect("client builds");
    let captured = capture(async {
        use futures::StreamExt;
        let events: Vec<_> = client
            .tail_log_stream("app 1")
            .await
            .expect("the stream opens")
            .collect()
            .await;
        assert_eq!(events.len(), 1);
    })
    .await;
    let port = port(&server);
    let shape: Vec<(&str, Option<usize>)> = captured
        .iter()
        .map(|c| (c.name.as_str(), c.parent))
        .collect();
    assert_eq!(shape, vec![("call", None), ("attempt", Some(0))]);
    assert_eq!(
        captured[0].fields,
        fields(&[
            ("otel.name", "POST /logs/{log_id}/tail"),
            ("operation.id", "tailLog"),
            ("http.request.method", "POST"),
            ("url.template", "/logs/{log_id}/tail"),
            ("server.address", "127.0.0.1"),
            ("server.port", &port),
            ("http.response.status_code", "200"),
            ("http.response.header.cf-ray", "8f1c2a3b4d5e6f72-LHR"),
        ])
    );
    let mut attempt = captured[1].fields.clone();
    take_elapsed(&mut attempt, 5_000.0);
    assert_eq!(
        attempt,
        fields(&[
            ("attempt", "1"),
            ("http.response.status_code", "200"),
            ("http.response.header.cf-ray", "8f1c2a3b4d5e6f72-LHR"),
        ])
    );
    assert_never_recorded(&captured, &["sk-stream-secret", "app 1", "app%201"]);
}
