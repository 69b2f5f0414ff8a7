//! The send loop: one call becomes one or more attempts, retried as the
//! client is configured, and a response read in full (up to the size
//! limit) or an [`Error`].

use reqwest::header::{
    ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, InvalidHeaderValue, USER_AGENT,
};

use crate::auth::Scheme;
use crate::client::Client;
use crate::error::{Error, ValidationError};
use crate::error_body::ErrorBody;
use crate::request::Request;
use crate::response::RawResponse;
use crate::retry::Retry;
use crate::trace::CallTrace;

/// Why an attempt failed, before deciding whether to try again.
pub(crate) enum Failure {
    Transport(reqwest::Error),
    Status(RawResponse),
    TooLarge {
        status: reqwest::StatusCode,
        limit: usize,
    },
    /// An event stream's response headers did not come within the
    /// timeout (reqwest's own would bound the whole stream).
    Stalled(std::time::Duration),
}

impl Failure {
    fn retry(&self) -> Retry {
        match self {
            // Not sent at all, or a redirect loop: the same again.
            Self::Transport(error) if error.is_builder() || error.is_redirect() => Retry::Never,
            // No connection (refused, no route, DNS, TLS handshake): the
            // request never left.
            Self::Transport(error) if error.is_connect() => Retry::Unprocessed,
            // A timeout, or the connection lost after the request may
            // have been sent, or while reading the response.
            Self::Transport(_) | Self::Stalled(_) => Retry::Ambiguous,
            Self::Status(raw) => crate::retry::status_retry(raw.status, &raw.headers),
            Self::TooLarge { .. } => Retry::Never,
        }
    }

    /// A `429`'s `Retry-After`: how long the server wants every request
    /// of this client held back.
    fn rate_limited_for(&self) -> Option<std::time::Duration> {
        match self {
            Self::Status(raw) if raw.status == reqwest::StatusCode::TOO_MANY_REQUESTS => {
                crate::retry::retry_after(&raw.headers)
            }
            _ => None,
        }
    }

    pub(crate) fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Self::Status(raw) => Some(&raw.headers),
            _ => None,
        }
    }

    /// The response's status, if one came.
    #[cfg(feature = "tracing")]
    pub(crate) fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            Self::Status(raw) => Some(raw.status),
            Self::TooLarge { status, .. } => Some(*status),
            Self::Transport(_) | Self::Stalled(_) => None,
        }
    }

    fn into_error(self, attempts: u32, settling: Settling) -> Error {
        match self {
            Self::Transport(source) => {
                let source = if settling.hide_url {
                    source.without_url()
                } else {
                    source
                };
                if source.is_timeout() {
                    Error::Timeout { source, attempts }
                } else {
                    Error::Transport { source, attempts }
                }
            }
            Self::Status(mut raw) => {
                raw.attempts = attempts;
                raw.into_api_error(settling.errors)
            }
            Self::TooLarge { status, limit } => Error::ResponseTooLarge {
                status,
                limit,
                attempts,
            },
            Self::Stalled(waited) => Error::StreamTimeout { waited, attempts },
        }
    }
}

/// How a failure becomes the call's error.
#[derive(Clone, Copy)]
struct Settling {
    /// Drop the URL from transport errors: it carries a credential (in
    /// its query or user info).
    hide_url: bool,
    /// The operation's error responses.
    errors: &'static [ErrorBody],
}

/// The call's result once no more attempts will be made.
fn settle<A: Answer>(
    outcome: Result<A, Failure>,
    attempts: u32,
    settling: Settling,
    trace: &CallTrace,
) -> Result<A, Error> {
    trace.finish(&outcome, attempts);
    match outcome {
        Ok(answer) => Ok(answer.after(attempts)),
        Err(failure) => Err(failure.into_error(attempts, settling)),
    }
}

/// What an attempt answered with a 2xx: a body read in full
/// ([`RawResponse`]) or, for an event stream, the response whose body is
/// still to come (`events::Opened`). A non-2xx is read in full either way and
/// fails the attempt as [`Failure::Status`].
pub(crate) trait Answer: Sized + Send {
    /// Whether reqwest's timeout is set on the request, bounding the body
    /// too; otherwise `headers` bounds the wait for the headers itself.
    const TIMEOUT_ON_BODY: bool;

    /// The response's headers, once sent.
    fn headers(
        sent: impl Future<Output = reqwest::Result<reqwest::Response>> + Send,
        timeout: std::time::Duration,
    ) -> impl Future<Output = Result<reqwest::Response, Failure>> + Send;

    /// What a 2xx response becomes.
    fn receive(
        client: &Client,
        status: reqwest::StatusCode,
        headers: HeaderMap,
        response: reqwest::Response,
    ) -> impl Future<Output = Result<Self, Failure>> + Send;

    /// The answer of the last of `attempts` attempts.
    fn after(self, attempts: u32) -> Self;

    /// The response's status.
    #[cfg(feature = "tracing")]
    fn status(&self) -> reqwest::StatusCode;

    /// The response's headers.
    #[cfg(feature = "tracing")]
    fn headers_of(&self) -> &HeaderMap;
}

impl Answer for RawResponse {
    const TIMEOUT_ON_BODY: bool = true;

    async fn headers(
        sent: impl Future<Output = reqwest::Result<reqwest::Response>> + Send,
        _: std::time::Duration,
    ) -> Result<reqwest::Response, Failure> {
        sent.await.map_err(Failure::Transport)
    }

    async fn receive(
        client: &Client,
        status: reqwest::StatusCode,
        headers: HeaderMap,
        response: reqwest::Response,
    ) -> Result<Self, Failure> {
        let body = read_body(response, client.inner.max_response_size).await?;
        Ok(RawResponse {
            status,
            headers,
            body,
            attempts: 1,
        })
    }

    fn after(self, attempts: u32) -> Self {
        RawResponse { attempts, ..self }
    }

    #[cfg(feature = "tracing")]
    fn status(&self) -> reqwest::StatusCode {
        self.status
    }

    #[cfg(feature = "tracing")]
    fn headers_of(&self) -> &HeaderMap {
        &self.headers
    }
}

impl Client {
    /// Sends a request, retrying as configured, and reads the whole
    /// response; a non-2xx status becomes [`Error::Api`]. A failure that
    /// leaves unknown whether the server acted is retried only for a
    /// request that may be applied twice (`retry.rs`).
    pub(crate) async fn execute(&self, request: Request) -> Result<RawResponse, Error> {
        self.send_attempts(request).await
    }

    /// [`Client::execute`]'s attempts, answering with a body read in
    /// full or a response still open ([`Answer`]), in the call's span
    /// when the `tracing` feature is on (`trace.rs`).
    pub(crate) async fn send_attempts<A: Answer>(&self, request: Request) -> Result<A, Error> {
        let trace = CallTrace::start(&request);
        trace.instrument(attempts(self, request, &trace)).await
    }

    /// The request as sent on every attempt: URL, headers, credentials
    /// and body, built once, so an automatic idempotency key (added when
    /// `retried` and the client adds them) is the same on every attempt.
    /// The timeout is set on each request sent: the original is usually
    /// never sent, and reqwest keeps the timeout in an extension map that
    /// costs three allocations.
    fn prepare(
        &self,
        request: Request,
        schemes: &[Scheme],
        retried: bool,
    ) -> Result<reqwest::Request, Error> {
        let inner = &*self.inner;
        let mut url = reqwest::Url::parse(&format!("{}{}", inner.base_url, request.path))
            .map_err(|error| Error::Config(format!("invalid request URL: {error}")))?;
        let query_credentials: Vec<(&'static str, &str)> = schemes
            .iter()
            .filter_map(|scheme| inner.credentials.query_pair(*scheme))
            .collect();
        // Set once, as written: the URL keeps `,`, `|`, brackets and `%20`
        // as they are. No `?` when nothing was written (an empty array).
        let mut query = url.query().unwrap_or_default().to_string();
        crate::request::write_query(&mut query, &request.query, &query_credentials);
        if !query.is_empty() {
            url.set_query(Some(&query));
        }
        // The builder only for what it does to the URL (a user name or
        // password in it becomes `Authorization: Basic`, a URL without a
        // host is refused); headers go straight into the request, which
        // spares a move of the builder and a parse per header.
        let mut prepared = inner
            .http
            .request(request.method, url)
            .build()
            .map_err(|error| unbuildable(request.operation_id, error))?;
        let headers = prepared.headers_mut();
        // A header that is not valid fails the call, but only once the
        // credentials have had their say, as it did through the builder.
        let mut invalid = false;
        headers.append(USER_AGENT, inner.user_agent.clone());
        if let Some(accept) = request.accept {
            let overridden = request
                .headers
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case("accept"));
            if !overridden {
                invalid |= !append(headers, ACCEPT, value_of(accept));
            }
        }
        for (name, value) in request.headers {
            invalid |= !append(headers, name, HeaderValue::try_from(value));
        }
        for scheme in schemes {
            if let Some((name, value)) = inner.credentials.header(*scheme)? {
                invalid |= !append(headers, name, Ok(value));
            }
        }
        if invalid {
            return Err(unbuildable_by_header(request.operation_id));
        }
        if let Some(body) = request.body {
            let content_type = crate::request::content_type(&body, request.content_type.as_deref());
            if !append(headers, CONTENT_TYPE, value_of(&content_type)) {
                return Err(unbuildable_by_header(request.operation_id));
            }
            *prepared.body_mut() = Some(body.bytes.into());
        }
        let headers = prepared.headers_mut();
        // The caller's own headers replace any of the same name.
        for (name, _) in &request.call_headers {
            headers.remove(name);
        }
        for (name, value) in request.call_headers {
            headers.append(name, value);
        }
        add_defaults(headers, &inner.default_headers);
        let method = prepared.method();
        if retried
            && inner.idempotency_keys
            && !crate::retry::repeatable(method, prepared.headers())
        {
            let key = crate::retry::idempotency_key()?;
            prepared
                .headers_mut()
                .insert(crate::call::IDEMPOTENCY_KEY, key);
        }
        Ok(prepared)
    }

    async fn attempt<A: Answer>(
        &self,
        mut request: reqwest::Request,
        operation: &'static str,
        number: u32,
        timeout: std::time::Duration,
        trace: &crate::trace::AttemptTrace,
    ) -> Result<A, Failure> {
        if let Some(hook) = &self.inner.on_request {
            hook(&mut request);
        }
        // Only a response hook needs these: nothing is spent without one.
        let observed = self
            .inner
            .on_response
            .as_ref()
            .map(|hook| (hook, request.method().clone(), std::time::Instant::now()));
        let mut response = A::headers(self.inner.http.execute(request), timeout).await?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        trace.response(status, &headers);
        if let Some((hook, method, started)) = observed {
            hook(&crate::client::Attempt {
                operation,
                method: &method,
                number,
                status,
                headers: &headers,
                elapsed: started.elapsed(),
            });
        }
        if let Some(wait) = crate::rate_limit::spent_for(&headers) {
            self.inner.server_budget.spent_for(wait);
        }
        if status.is_success() {
            return A::receive(self, status, headers, response).await;
        }
        // A non-2xx body is read whole, within the timeout for a stream
        // too, and fails the attempt as for any call.
        let read = read_body(response, self.inner.max_response_size);
        let body = match A::TIMEOUT_ON_BODY {
            true => read.await?,
            false => tokio::time::timeout(timeout, read)
                .await
                .map_err(|_| Failure::Stalled(timeout))??,
        };
        Err(Failure::Status(RawResponse {
            status,
            headers,
            body,
            attempts: 1,
        }))
    }
}

/// The attempts of one call (a function, not a method: `Client` methods
/// are names operations may not take).
async fn attempts<A: Answer>(
    client: &Client,
    request: Request,
    trace: &CallTrace,
) -> Result<A, Error> {
    let schemes = client
        .inner
        .credentials
        .select(request.security, request.operation_id)
        .map_err(|error| trace.unsent(error))?;
    let settling = Settling {
        hide_url: client.inner.base_url_has_userinfo || crate::security::in_query(schemes),
        errors: request.errors,
    };
    let request_operation = request.operation_id;
    let max_retries = client.max_retries();
    let mut prepared = client
        .prepare(request, schemes, max_retries > 0)
        .map_err(|error| trace.unsent(error))?;
    trace.server(prepared.url());
    let repeatable = crate::retry::repeatable(prepared.method(), prepared.headers());
    let timeout = client.timeout();
    let request_timeout = A::TIMEOUT_ON_BODY.then_some(timeout);
    let limiter = client.inner.rate_limiter.as_ref();
    let mut waited = std::time::Duration::ZERO;
    let mut attempts = 1;
    loop {
        let since = trace.clock();
        client
            .inner
            .server_budget
            .wait(client.inner.max_retry_time)
            .await;
        trace.rate_limited(since, attempts, "server");
        if let Some(limiter) = limiter {
            let since = trace.clock();
            limiter.acquire().await;
            trace.rate_limited(since, attempts, "client");
        }
        // The last attempt sends the original; earlier ones a copy
        // (byte bodies always clone; one that cannot is sent once).
        let copy = if attempts <= max_retries {
            copy(&prepared, request_timeout)
        } else {
            None
        };
        let Some(copy) = copy else {
            *prepared.timeout_mut() = request_timeout;
            let outcome = traced_attempt(
                client,
                prepared,
                request_operation,
                attempts,
                timeout,
                trace,
            )
            .await;
            return settle(outcome, attempts, settling, trace);
        };
        match traced_attempt(client, copy, request_operation, attempts, timeout, trace).await {
            Err(failure) if failure.retry().allows(repeatable) => {
                let wait =
                    crate::retry::delay(attempts, client.inner.retry_base_delay, failure.headers());
                // Retrying stops where its waits would pass the budget.
                if waited + wait > client.inner.max_retry_time {
                    trace.not_retried(attempts, &failure, wait);
                    return settle(Err(failure), attempts, settling, trace);
                }
                waited += wait;
                let paused = limiter.and(failure.rate_limited_for());
                if let (Some(limiter), Some(hint)) = (limiter, paused) {
                    limiter.pause_for(hint);
                }
                trace.retrying(attempts, &failure, wait, paused);
                tokio::time::sleep(wait).await;
                attempts += 1;
            }
            outcome => return settle(outcome, attempts, settling, trace),
        }
    }
}

/// One attempt, in a span of its own when traced.
async fn traced_attempt<A: Answer>(
    client: &Client,
    request: reqwest::Request,
    operation: &'static str,
    number: u32,
    timeout: std::time::Duration,
    trace: &CallTrace,
) -> Result<A, Failure> {
    let attempt = trace.attempt(number);
    let outcome = attempt
        .instrument(client.attempt(request, operation, number, timeout, &attempt))
        .await;
    attempt.finish(&outcome);
    outcome
}

/// A body up to this size is copied for an attempt that may be followed
/// by another; a larger one is shared through `try_clone`.
const COPIED_BODY: usize = 64 * 1024;

/// What `reqwest::Request::try_clone` makes, with the timeout set, less
/// its copy of the original's extensions (there are none: see `prepare`).
/// Reqwest shares a body only through `try_clone`, so a large one still
/// goes that way.
fn copy(
    request: &reqwest::Request,
    timeout: Option<std::time::Duration>,
) -> Option<reqwest::Request> {
    let body = match request.body().map(reqwest::Body::as_bytes) {
        None => None,
        Some(Some(bytes)) if bytes.len() <= COPIED_BODY => Some(bytes.to_vec().into()),
        Some(_) => {
            let mut copy = request.try_clone()?;
            *copy.timeout_mut() = timeout;
            return Some(copy);
        }
    };
    let mut copy = reqwest::Request::new(request.method().clone(), request.url().clone());
    *copy.timeout_mut() = timeout;
    *copy.headers_mut() = request.headers().clone();
    *copy.version_mut() = request.version();
    *copy.body_mut() = body;
    Some(copy)
}

/// Why a request could not be put together; reqwest's own wording for a
/// header it refuses is kept, as the message was before headers skipped
/// its builder.
fn unbuildable(operation: &'static str, error: reqwest::Error) -> Error {
    Error::InvalidInput(ValidationError::new(
        operation,
        format!("the request cannot be built: {}", error.without_url()),
    ))
}

fn unbuildable_by_header(operation: &'static str) -> Error {
    Error::InvalidInput(ValidationError::new(
        operation,
        "the request cannot be built: builder error".to_string(),
    ))
}

/// A header value from text; `application/json`, which nearly every call
/// sends and accepts, without checking and copying it each time.
fn value_of(text: &str) -> Result<HeaderValue, InvalidHeaderValue> {
    const JSON: &str = "application/json";
    if text == JSON {
        return Ok(HeaderValue::from_static(JSON));
    }
    HeaderValue::from_str(text)
}

/// Appends the header as reqwest's builder would; false if its name or
/// value is not valid.
fn append<N>(
    headers: &mut HeaderMap,
    name: N,
    value: Result<HeaderValue, InvalidHeaderValue>,
) -> bool
where
    HeaderName: TryFrom<N>,
{
    match (HeaderName::try_from(name), value) {
        (Ok(name), Ok(value)) => {
            headers.append(name, value);
            true
        }
        _ => false,
    }
}

/// Default headers fill in only names the request does not set, so
/// parameters and credentials win over them.
fn add_defaults(headers: &mut HeaderMap, defaults: &HeaderMap) {
    for name in defaults.keys() {
        if !headers.contains_key(name) {
            for value in defaults.get_all(name) {
                headers.append(name.clone(), value.clone());
            }
        }
    }
}

/// Reads a body of at most `limit` bytes, a chunk at a time, so an
/// oversized body costs at most `limit` bytes of memory.
async fn read_body(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, Failure> {
    let status = response.status();
    let too_large = || Failure::TooLarge { status, limit };
    let announced = response.content_length().unwrap_or(0);
    if announced > limit as u64 {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(announced as usize);
    while let Some(chunk) = response.chunk().await.map_err(Failure::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
