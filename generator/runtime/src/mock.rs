//! Mocks for your own tests (cargo feature `mock`, off by default): a
//! real HTTP server on 127.0.0.1 ([`wiremock`]) with one typed `expect_<operation>`
//! method per operation that expects its request and answers in the Cloudflare
//! envelope. With the feature on, response types also implement
//! `Serialize` and request types `Deserialize`.
//!
//! ```ignore
//! let mock = MockApi::start().await;
//! mock.expect_get_sso_connector(ACCOUNT, CONNECTOR).respond(SsoConnector::default()).await;
//! mock.expect_delete_sso_connector(ACCOUNT, CONNECTOR).fail(404, 7003, "No route").await;
//! let client = mock.client_builder().api_token("test").build()?;
//! ```
//!
//! Every expectation must be met at least once (or exactly
//! [`times`](Expect::times)) by the time the `MockApi` is dropped, or the
//! test fails with a report naming each expectation by its method, HTTP
//! method and path (`get_sso_connector: GET /accounts/…`). A request no
//! expectation matches is answered `404` with a body saying so, and fails
//! the test too (`unexpected request: no expectation matches it`). Operations whose response is not JSON get no method;
//! mount a [`wiremock::Mock`] on [`MockApi::server`] for those.

use std::marker::PhantomData;

pub use wiremock;

use crate::client::{Client, ClientBuilder};
use crate::error::Error;

/// A mock of the API on a loopback port.
pub struct MockApi {
    server: wiremock::MockServer,
}

/// What every request no expectation matches gets: the lowest priority.
const UNEXPECTED: u8 = u8::MAX;

impl MockApi {
    pub async fn start() -> Self {
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(
                wiremock::ResponseTemplate::new(404)
                    .set_body_string("unexpected request: no expectation of this mock matches it"),
            )
            .with_priority(UNEXPECTED)
            .named("unexpected request: no expectation matches it")
            .expect(0)
            .mount(&server)
            .await;
        Self { server }
    }

    /// The server, to mount mocks of your own or read the requests it
    /// received.
    pub fn server(&self) -> &wiremock::MockServer {
        &self.server
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// A client builder pointed at this server, without retries; add
    /// the credentials the operations need (any value works).
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder().base_url(self.uri()).max_retries(0)
    }
}

/// How an operation's successful response is written.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Reply {
    /// `{"success":true,"errors":[],"messages":[],"result":…}`.
    Envelope,
    /// The value itself, as JSON.
    Json,
    /// No body.
    Empty,
}

/// An expected request of one operation; answer it with
/// [`respond`](Self::respond) or [`fail`](Self::fail), which mount it.
#[must_use = "an expectation is only mounted by `respond` or `fail`"]
pub struct Expect<'a, T> {
    api: &'a MockApi,
    /// The client method the expectation stands for.
    operation: &'static str,
    method: &'static str,
    path: Result<crate::path::Path, Error>,
    reply: Reply,
    times: Option<u64>,
    result_info: Option<serde_json::Value>,
    result: PhantomData<fn(T)>,
}

impl<'a, T: serde::Serialize> Expect<'a, T> {
    pub(crate) fn new(
        api: &'a MockApi,
        operation: &'static str,
        method: &'static str,
        path: Result<crate::path::Path, Error>,
        reply: Reply,
    ) -> Self {
        Self {
            api,
            operation,
            method,
            path,
            reply,
            times: None,
            result_info: None,
            result: PhantomData,
        }
    }

    /// Expects exactly `times` requests instead of at least one.
    pub fn times(mut self, times: u64) -> Self {
        self.times = Some(times);
        self
    }

    /// Adds a `result_info` (pagination) to the envelope.
    pub fn result_info(mut self, result_info: serde_json::Value) -> Self {
        self.result_info = Some(result_info);
        self
    }

    /// Answers with `result`, in the envelope when the operation has one.
    pub async fn respond(self, result: T) {
        let result = serde_json::to_value(&result).expect("the result serializes");
        let template = match self.reply {
            Reply::Envelope => {
                let mut body = serde_json::json!({
                    "success": true,
                    "errors": [],
                    "messages": [],
                    "result": result,
                });
                if let Some(info) = &self.result_info {
                    body["result_info"] = info.clone();
                }
                wiremock::ResponseTemplate::new(200).set_body_json(body)
            }
            Reply::Json => wiremock::ResponseTemplate::new(200).set_body_json(result),
            Reply::Empty => wiremock::ResponseTemplate::new(200),
        };
        self.mount(template).await;
    }

    /// Answers with `status` and `body` as JSON: an error body as the
    /// API sends it.
    pub async fn fail_with(self, status: u16, body: serde_json::Value) {
        self.mount(wiremock::ResponseTemplate::new(status).set_body_json(body))
            .await;
    }

    /// Answers with `status` and a Cloudflare error envelope holding one
    /// error.
    pub async fn fail(self, status: u16, code: i64, message: &str) {
        let body = serde_json::json!({
            "success": false,
            "errors": [{"code": code, "message": message}],
            "messages": [],
            "result": null,
        });
        self.mount(wiremock::ResponseTemplate::new(status).set_body_json(body))
            .await;
    }

    async fn mount(self, template: wiremock::ResponseTemplate) {
        let path = match self.path {
            Ok(path) => path.path,
            Err(error) => panic!(
                "mock path for {} ({}) cannot be built: {error}",
                self.operation, self.method
            ),
        };
        let name = format!("{}: {} {path}", self.operation, self.method);
        let mock = wiremock::Mock::given(wiremock::matchers::method(self.method))
            .and(wiremock::matchers::path(path))
            .respond_with(template)
            .named(name);
        let mock = match self.times {
            Some(times) => mock.expect(times),
            None => mock.expect(1..),
        };
        mock.mount(&self.api.server).await;
    }
}
