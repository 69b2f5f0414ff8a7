//! The `tracing` feature: a span for each call, a child span for each of
//! its attempts, and events for retries and rate-limit waits, with
//! OpenTelemetry's HTTP client field names where it has one. Without the
//! feature these types hold nothing and every function is empty, so the
//! send loop costs what it did.
//!
//! What is recorded is never a secret nor a value the caller sent: the
//! spec's `operationId`, the method, the spec's path template (never the
//! filled path, never the query), the server's host and port, statuses,
//! `cf-ray`, times, and why an attempt failed. Credentials, other headers,
//! URLs and bodies are not read here.
//!
//! - span `call` (level INFO), target the crate's module path:
//!   `otel.name` (`PATCH /accounts/{account_id}`), `operation.id`,
//!   `http.request.method`, `url.template`, `server.address`,
//!   `server.port`; at its end `http.response.status_code` and
//!   `http.response.header.cf-ray` (the last response's),
//!   `http.request.resend_count` (retries made, if any) and `error.type`
//!   (why the call failed, if it did);
//! - span `attempt` (level DEBUG), a child of `call`: `attempt` (1, 2…),
//!   `http.request.resend_count` (from the second on),
//!   `http.response.status_code`, `http.response.header.cf-ray` (when
//!   sent), `error.type`, `elapsed_ms` (sending to the end of the body, or
//!   of the headers for an event stream);
//! - event `retrying` (INFO) in `call`: `attempt` (the one that failed),
//!   `error.type`, `retry.wait_ms`, and `rate_limit.pause_ms` when a
//!   `429`'s `Retry-After` pauses the client's rate limiter; event `not
//!   retried` when the wait would pass the retry time budget;
//! - event `rate limit wait` (INFO) in `call`: `attempt`, `rate_limit.source`
//!   (`server`: a budget the server said is spent; `client`: the
//!   configured `RateLimit`), `rate_limit.wait_ms`, for a wait of a
//!   millisecond or more.
//!
//! `error.type` is the status code (`"503"`) for an error response, else
//! `timeout`, `connect`, `transport`, `response_too_large`,
//! `stream_timeout`, and before sending `missing_credentials`,
//! `invalid_input`, `config` or `_OTHER`.

// The functions take what they would record whether or not they record it.
#![cfg_attr(not(feature = "tracing"), allow(unused_variables))]

use std::time::Duration;

use crate::error::Error;
use crate::request::Request;
use crate::send::{Answer, Failure};

/// The span of one call: its attempts, and the waits between them.
pub(crate) struct CallTrace {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

/// The span of one attempt, a child of its call's.
pub(crate) struct AttemptTrace {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    /// When the request went out, if the span is recorded.
    #[cfg(feature = "tracing")]
    sent: Option<std::time::Instant>,
}

/// When a wait began, if it is recorded.
pub(crate) struct Since {
    #[cfg(feature = "tracing")]
    at: Option<std::time::Instant>,
}

impl CallTrace {
    #[inline]
    pub(crate) fn start(request: &Request) -> Self {
        Self {
            #[cfg(feature = "tracing")]
            span: {
                let method = request.method.as_str();
                let template = request.path_template;
                tracing::info_span!(
                    "call",
                    otel.name = %format_args!("{method} {template}"),
                    operation.id = request.operation_id,
                    http.request.method = method,
                    url.template = template,
                    server.address = tracing::field::Empty,
                    server.port = tracing::field::Empty,
                    http.response.status_code = tracing::field::Empty,
                    "http.response.header.cf-ray" = tracing::field::Empty,
                    http.request.resend_count = tracing::field::Empty,
                    "error.type" = tracing::field::Empty,
                )
            },
        }
    }

    /// `future` inside the call's span (the hooks and reqwest's own
    /// events are then the call's).
    #[cfg(feature = "tracing")]
    pub(crate) fn instrument<F: Future>(&self, future: F) -> tracing::instrument::Instrumented<F> {
        tracing::Instrument::instrument(future, self.span.clone())
    }

    #[cfg(not(feature = "tracing"))]
    #[inline]
    pub(crate) fn instrument<F: Future>(&self, future: F) -> F {
        future
    }

    /// The server the request goes to, from its URL: host and port only.
    #[inline]
    pub(crate) fn server(&self, url: &reqwest::Url) {
        #[cfg(feature = "tracing")]
        if !self.span.is_disabled() {
            if let Some(host) = url.host_str() {
                self.span.record("server.address", host);
            }
            if let Some(port) = url.port_or_known_default() {
                self.span.record("server.port", port);
            }
        }
    }

    /// A call that failed before anything was sent.
    #[inline]
    pub(crate) fn unsent(&self, error: Error) -> Error {
        #[cfg(feature = "tracing")]
        self.span.record("error.type", unsent_type(&error));
        error
    }

    /// The span of attempt `number` (1 for the first).
    #[inline]
    pub(crate) fn attempt(&self, number: u32) -> AttemptTrace {
        #[cfg(feature = "tracing")]
        {
            let span = tracing::debug_span!(
                parent: &self.span,
                "attempt",
                attempt = number,
                http.request.resend_count = (number > 1).then(|| number - 1),
                http.response.status_code = tracing::field::Empty,
                "http.response.header.cf-ray" = tracing::field::Empty,
                "error.type" = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
            );
            let sent = (!span.is_disabled()).then(std::time::Instant::now);
            AttemptTrace { span, sent }
        }
        #[cfg(not(feature = "tracing"))]
        AttemptTrace {}
    }

    /// Now, if a wait that starts now would be recorded.
    #[inline]
    pub(crate) fn clock(&self) -> Since {
        Since {
            #[cfg(feature = "tracing")]
            at: (!self.span.is_disabled()).then(std::time::Instant::now),
        }
    }

    /// Attempt `number` waited for a rate limit since `since`: `server` for
    /// a budget the server said is spent, `client` for the `RateLimit`.
    #[inline]
    pub(crate) fn rate_limited(&self, since: Since, number: u32, source: &'static str) {
        #[cfg(feature = "tracing")]
        if let Some(at) = since.at {
            let waited = at.elapsed();
            if waited >= Duration::from_millis(1) {
                tracing::info!(
                    parent: &self.span,
                    attempt = number,
                    rate_limit.source = source,
                    rate_limit.wait_ms = milliseconds(waited),
                    "rate limit wait",
                );
            }
        }
    }

    /// Attempt `number` failed and is retried after `wait`; a `429`'s
    /// `Retry-After` also paused the client's limiter for `paused`.
    #[inline]
    pub(crate) fn retrying(
        &self,
        number: u32,
        failure: &Failure,
        wait: Duration,
        paused: Option<Duration>,
    ) {
        #[cfg(feature = "tracing")]
        tracing::info!(
            parent: &self.span,
            attempt = number,
            "error.type" = error_type(failure),
            retry.wait_ms = milliseconds(wait),
            rate_limit.pause_ms = paused.map(milliseconds),
            "retrying",
        );
    }

    /// Attempt `number` failed and could be retried, but waiting `wait`
    /// would pass the client's `max_retry_time`.
    #[inline]
    pub(crate) fn not_retried(&self, number: u32, failure: &Failure, wait: Duration) {
        #[cfg(feature = "tracing")]
        tracing::info!(
            parent: &self.span,
            attempt = number,
            "error.type" = error_type(failure),
            retry.wait_ms = milliseconds(wait),
            "not retried: the wait would pass max_retry_time",
        );
    }

    /// The call's outcome after `attempts` attempts.
    #[inline]
    pub(crate) fn finish<A: Answer>(&self, outcome: &Result<A, Failure>, attempts: u32) {
        #[cfg(feature = "tracing")]
        if !self.span.is_disabled() {
            let (status, headers) = match outcome {
                Ok(answer) => (Some(answer.status()), Some(answer.headers_of())),
                Err(failure) => {
                    self.span.record("error.type", error_type(failure));
                    (failure.status(), failure.headers())
                }
            };
            if let Some(status) = status {
                self.span
                    .record("http.response.status_code", status.as_u16());
            }
            if let Some(ray) = headers.and_then(ray_id) {
                self.span.record("http.response.header.cf-ray", ray);
            }
            if attempts > 1 {
                self.span.record("http.request.resend_count", attempts - 1);
            }
        }
    }
}

impl AttemptTrace {
    /// `future` inside the attempt's span.
    #[cfg(feature = "tracing")]
    pub(crate) fn instrument<F: Future>(&self, future: F) -> tracing::instrument::Instrumented<F> {
        tracing::Instrument::instrument(future, self.span.clone())
    }

    #[cfg(not(feature = "tracing"))]
    #[inline]
    pub(crate) fn instrument<F: Future>(&self, future: F) -> F {
        future
    }

    /// The response's status and `cf-ray`, once its headers are in.
    #[inline]
    pub(crate) fn response(
        &self,
        status: reqwest::StatusCode,
        headers: &reqwest::header::HeaderMap,
    ) {
        #[cfg(feature = "tracing")]
        if !self.span.is_disabled() {
            self.span
                .record("http.response.status_code", status.as_u16());
            if let Some(ray) = ray_id(headers) {
                self.span.record("http.response.header.cf-ray", ray);
            }
        }
    }

    /// The attempt's outcome.
    #[inline]
    pub(crate) fn finish<A>(&self, outcome: &Result<A, Failure>) {
        #[cfg(feature = "tracing")]
        if let Some(sent) = self.sent {
            self.span.record("elapsed_ms", milliseconds(sent.elapsed()));
            if let Err(failure) = outcome {
                self.span.record("error.type", error_type(failure));
            }
        }
    }
}

/// The `cf-ray` header, Cloudflare's id of the request, when sent.
#[cfg(feature = "tracing")]
fn ray_id(headers: &reqwest::header::HeaderMap) -> Option<&str> {
    headers.get("cf-ray").and_then(|value| value.to_str().ok())
}

/// Milliseconds, to the microsecond.
#[cfg(feature = "tracing")]
fn milliseconds(duration: Duration) -> f64 {
    duration.as_micros() as f64 / 1000.0
}

/// OpenTelemetry's `error.type` of a failed attempt: the status code of an
/// error response, else the kind of failure.
#[cfg(feature = "tracing")]
fn error_type(failure: &Failure) -> &str {
    match failure {
        Failure::Status(raw) => raw.status.as_str(),
        Failure::Transport(error) if error.is_timeout() => "timeout",
        Failure::Transport(error) if error.is_connect() => "connect",
        Failure::Transport(_) => "transport",
        Failure::TooLarge { .. } => "response_too_large",
        Failure::Stalled(_) => "stream_timeout",
    }
}

/// `error.type` of a call refused before sending.
#[cfg(feature = "tracing")]
fn unsent_type(error: &Error) -> &'static str {
    match error {
        Error::MissingCredentials { .. } => "missing_credentials",
        Error::InvalidInput(_) => "invalid_input",
        Error::Config(_) => "config",
        _ => "_OTHER",
    }
}
