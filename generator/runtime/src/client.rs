//! The API client, its builder and the settings they share. The
//! credentials, their builder setters and `Client::from_env` depend on the
//! spec's security schemes and live in `auth.rs`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::DEFAULT_BASE_URL;
use crate::auth::Credentials;
use crate::error::Error;

/// How long one attempt may take, from sending to the end of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Retries after the first attempt; 0 turns retries off.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// The first backoff delay; it doubles with each retry up to 16 times
/// this (0.5 s → 8 s), less up to a quarter of jitter.
pub const DEFAULT_RETRY_BASE_DELAY: Duration = Duration::from_millis(500);

/// The largest response body read (32 MiB); a larger one is
/// [`Error::ResponseTooLarge`] instead of unbounded memory.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 32 * 1024 * 1024;

/// The longest a call spends waiting between retries, in all: a retry
/// whose wait would pass it is not made, and the last failure is
/// returned. Room for the default two retries at the longest
/// `Retry-After` honoured (under 60 s each).
pub const DEFAULT_MAX_RETRY_TIME: Duration = Duration::from_secs(120);

const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Per-call overrides of a client's settings, applied with
/// [`Client::with_options`]; `None` keeps the client's setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// How long one attempt may take.
    pub timeout: Option<Duration>,
    /// Retries after the first attempt; `Some(0)` turns them off.
    pub max_retries: Option<u32>,
}

impl RequestOptions {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// `self`'s settings where set, `fallback`'s elsewhere.
    fn or(self, fallback: Self) -> Self {
        Self {
            timeout: self.timeout.or(fallback.timeout),
            max_retries: self.max_retries.or(fallback.max_retries),
        }
    }
}

/// A hook run on every attempt's request just before it is sent
/// ([`ClientBuilder::on_request`]).
pub(crate) type RequestHook = Arc<dyn Fn(&mut reqwest::Request) + Send + Sync>;

/// A hook run on every response ([`ClientBuilder::on_response`]).
pub(crate) type ResponseHook = Arc<dyn Fn(&Attempt<'_>) + Send + Sync>;

/// What a response hook sees of one attempt: never a URL or a credential
/// (the operation names what was called).
#[derive(Debug)]
#[non_exhaustive]
pub struct Attempt<'a> {
    /// The spec's `operationId`.
    pub operation: &'static str,
    pub method: &'a reqwest::Method,
    /// 1 for the first attempt, 2 for the first retry, …
    pub number: u32,
    pub status: reqwest::StatusCode,
    pub headers: &'a HeaderMap,
    /// From sending the request to the end of the response's headers.
    pub elapsed: Duration,
}

/// A client for the API. Cheap to clone: clones share one connection
/// pool and configuration.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
    options: RequestOptions,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    /// The base URL carries a user name or password, so errors must
    /// not show request URLs.
    pub(crate) base_url_has_userinfo: bool,
    pub(crate) credentials: Credentials,
    pub(crate) user_agent: HeaderValue,
    /// Values marked sensitive: a user may put secrets here.
    pub(crate) default_headers: HeaderMap,
    timeout: Duration,
    max_retries: u32,
    pub(crate) retry_base_delay: Duration,
    pub(crate) max_response_size: usize,
    pub(crate) max_retry_time: Duration,
    /// Adds an `Idempotency-Key` to retried requests that are not
    /// idempotent and carry none.
    pub(crate) idempotency_keys: bool,
    /// Shared by every clone: they are one client to the server.
    pub(crate) rate_limiter: Option<crate::rate_limit::RateLimiter>,
    /// When the server last said its budget is spent, and until when.
    pub(crate) server_budget: crate::rate_limit::ServerBudget,
    pub(crate) on_request: Option<RequestHook>,
    pub(crate) on_response: Option<ResponseHook>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Client")
            .field("base_url", &printable_url(&inner.base_url))
            .field("credentials", &inner.credentials)
            .field("user_agent", &inner.user_agent)
            .field("default_headers", &header_names(&inner.default_headers))
            .field("timeout", &self.timeout())
            .field("max_retries", &self.max_retries())
            .field("max_response_size", &inner.max_response_size)
            .field("max_retry_time", &inner.max_retry_time)
            .field("idempotency_keys", &inner.idempotency_keys)
            .field(
                "rate_limit",
                &inner.rate_limiter.as_ref().map(|l| l.limit()),
            )
            .finish_non_exhaustive()
    }
}

/// A URL fit to print: a user name or password in it is replaced.
fn printable_url(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(parsed) if parsed.username().is_empty() && parsed.password().is_none() => {
            url.to_string()
        }
        Ok(mut parsed) => {
            let _ = parsed.set_password(None);
            let _ = parsed.set_username("redacted");
            parsed.to_string()
        }
        Err(_) if url.contains('@') => "<redacted>".to_string(),
        Err(_) => url.to_string(),
    }
}

/// Header names only: values may be secrets.
fn header_names(headers: &HeaderMap) -> Vec<&str> {
    headers.keys().map(HeaderName::as_str).collect()
}

/// Configures a [`Client`]. `Debug` never shows credentials or
/// default header values.
#[derive(Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    /// Set through [`Self::credentials`] and the per-scheme setters of
    /// `auth.rs`.
    pub(crate) credentials: Credentials,
    http: Option<reqwest::Client>,
    user_agent: Option<String>,
    default_headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    retry_base_delay: Option<Duration>,
    max_response_size: Option<usize>,
    max_retry_time: Option<Duration>,
    idempotency_keys: Option<bool>,
    rate_limit: Option<crate::rate_limit::RateLimit>,
    on_request: Option<RequestHook>,
    on_response: Option<ResponseHook>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self
            .default_headers
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url.as_deref().map(printable_url))
            .field("credentials", &self.credentials)
            .field("custom_http_client", &self.http.is_some())
            .field("user_agent", &self.user_agent)
            .field("default_headers", &header_names)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_base_delay", &self.retry_base_delay)
            .field("max_response_size", &self.max_response_size)
            .field("idempotency_keys", &self.idempotency_keys)
            .field("on_request", &self.on_request.is_some())
            .field("on_response", &self.on_response.is_some())
            .finish()
    }
}

impl ClientBuilder {
    /// The API root, e.g. a mock server; defaults to [`DEFAULT_BASE_URL`].
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Replaces all credentials at once.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// A preconfigured HTTP client (proxies, TLS roots, pools); start
    /// from [`Client::http_client_builder`].
    ///
    /// Its redirect policy is used as configured. The default client
    /// follows no redirects; reqwest's default policy follows them and
    /// drops only `Authorization` and `Cookie` when the host changes,
    /// so API keys sent in other headers would reach the new host.
    /// Keep `reqwest::redirect::Policy::none()` unless every redirect
    /// target is trusted. This client's timeout applies to each
    /// attempt in place of the HTTP client's own.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Defaults to `<crate name>/<crate version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A header sent with every request; operation parameters and
    /// credentials take precedence over it. Checked by [`Self::build`].
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// How long one attempt may take, from sending to the end of the
    /// body. Defaults to [`DEFAULT_TIMEOUT`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Retries after the first attempt on connection errors, timeouts
    /// (including a body cut short), 408, 409, 429 and 5xx. Defaults
    /// to [`DEFAULT_MAX_RETRIES`]; 0 turns retries off.
    ///
    /// A request whose method is not idempotent (`POST`, `PATCH`) is
    /// retried after a failure that leaves unknown whether the server
    /// acted on it (a timeout, a connection lost once the request may
    /// have been sent, a body cut short, a 5xx other than a 503 with
    /// `Retry-After`) only when it carries an `Idempotency-Key` (see
    /// [`Self::idempotency_keys`] and `Call::idempotency_key`), so it is
    /// not applied twice. Failures that prove the server did not act (no
    /// connection, 408, 409, 429, a 503 with `Retry-After`) are retried
    /// for every method.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// The first backoff delay, used when the server sends no usable
    /// `Retry-After`. Defaults to [`DEFAULT_RETRY_BASE_DELAY`]; tests
    /// set it tiny.
    pub fn retry_base_delay(mut self, delay: Duration) -> Self {
        self.retry_base_delay = Some(delay);
        self
    }

    /// The largest response body read, in bytes. Defaults to
    /// [`DEFAULT_MAX_RESPONSE_SIZE`].
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = Some(bytes);
        self
    }

    /// The longest a call spends waiting between retries, in all.
    /// Defaults to [`DEFAULT_MAX_RETRY_TIME`].
    pub fn max_retry_time(mut self, total: Duration) -> Self {
        self.max_retry_time = Some(total);
        self
    }

    /// Whether a `POST` or `PATCH` request that carries no
    /// `Idempotency-Key` gets one: a fresh random value (a version 4
    /// UUID) per call, the same on each of its retries, so that a server
    /// which honours the header applies the request once and the call can
    /// be retried after a timeout or a 5xx. Added only when the call may
    /// be retried (`max_retries` above 0); a key the call sets
    /// (`Call::idempotency_key`, `Call::header`, a parameter) wins.
    /// Defaults to [`DEFAULT_IDEMPOTENCY_KEYS`](crate::DEFAULT_IDEMPOTENCY_KEYS):
    /// on when the spec declares an `Idempotency-Key` header. Turning it on
    /// for an API that ignores the header brings back those retries
    /// without making them safe.
    pub fn idempotency_keys(mut self, add: bool) -> Self {
        self.idempotency_keys = Some(add);
        self
    }

    /// Paces requests on the client side: a request that would exceed
    /// `limit` waits for its turn (it never fails for it), and a `429`
    /// with `Retry-After` holds back every request of the client and its
    /// clones until then. Off by default; [`RateLimit::cloudflare`] is
    /// Cloudflare's global limit (1,200 requests per 5 minutes).
    ///
    /// [`RateLimit::cloudflare`]: crate::RateLimit::cloudflare
    pub fn rate_limit(mut self, limit: crate::rate_limit::RateLimit) -> Self {
        self.rate_limit = Some(limit);
        self
    }

    /// Runs `hook` on every attempt's request just before it is sent,
    /// retries included, after the credentials and headers are set: it
    /// may read and change the method, URL and headers (to sign a
    /// request, or add a header to every call). What it puts in is sent
    /// as given.
    pub fn on_request(
        mut self,
        hook: impl Fn(&mut reqwest::Request) + Send + Sync + 'static,
    ) -> Self {
        self.on_request = Some(Arc::new(hook));
        self
    }

    /// Runs `hook` on every response, retried ones included: its
    /// operation, method, attempt number, status, headers and time taken
    /// (for metrics). It never sees the URL or a credential.
    pub fn on_response(mut self, hook: impl Fn(&Attempt<'_>) + Send + Sync + 'static) -> Self {
        self.on_response = Some(Arc::new(hook));
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let base_url = self
            .base_url
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
        let base_url = base_url.trim_end_matches('/').to_string();
        let parsed = reqwest::Url::parse(&base_url).map_err(|error| {
            Error::Config(format!(
                "invalid base URL `{}`: {error}",
                printable_url(&base_url)
            ))
        })?;
        let base_url_has_userinfo = !parsed.username().is_empty() || parsed.password().is_some();
        let user_agent = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let user_agent = HeaderValue::try_from(user_agent)
            .map_err(|_| Error::Config(format!("invalid user agent `{user_agent}`")))?;
        let default_headers = header_map(self.default_headers)?;
        let http = match self.http {
            Some(http) => http,
            None => default_http_client()?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                base_url_has_userinfo,
                credentials: self.credentials,
                user_agent,
                default_headers,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
                retry_base_delay: self.retry_base_delay.unwrap_or(DEFAULT_RETRY_BASE_DELAY),
                max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
                max_retry_time: self.max_retry_time.unwrap_or(DEFAULT_MAX_RETRY_TIME),
                idempotency_keys: self
                    .idempotency_keys
                    .unwrap_or(crate::DEFAULT_IDEMPOTENCY_KEYS),
                rate_limiter: self.rate_limit.map(crate::rate_limit::RateLimiter::new),
                server_budget: crate::rate_limit::ServerBudget::default(),
                on_request: self.on_request,
                on_response: self.on_response,
            }),
            options: RequestOptions::default(),
        })
    }
}

/// Validates default headers; an error names the header, never its value.
fn header_map(headers: Vec<(String, String)>) -> Result<HeaderMap, Error> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let header = HeaderName::try_from(name.as_str())
            .map_err(|_| Error::Config(format!("invalid default header name `{name}`")))?;
        let mut value = HeaderValue::try_from(value)
            .map_err(|_| Error::Config(format!("invalid value for default header `{name}`")))?;
        value.set_sensitive(true);
        map.append(header, value);
    }
    Ok(map)
}

fn default_http_client() -> Result<reqwest::Client, Error> {
    Client::http_client_builder()
        .build()
        .map_err(|error| Error::Config(format!("cannot build the HTTP client: {error}")))
}

// Every method of an `impl Client` block is a name no operation may take:
// the generator's reserved list is checked against these blocks.
impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The HTTP client settings this crate uses, to extend (proxies,
    /// TLS roots, pool sizes) and pass to [`ClientBuilder::http_client`]:
    /// rustls with the ring backend, installed as the process default
    /// when none is (this crate's reqwest has no built-in provider, so
    /// `reqwest::Client::new()` would panic), and no redirects, since
    /// following one could carry credentials to another host.
    pub fn http_client_builder() -> reqwest::ClientBuilder {
        // Err means a provider is already installed, which is all we need.
        // rustls 0.23.48 deprecates ring's provider (no post-quantum key
        // exchange); its replacement, aws-lc-rs, needs a C toolchain and
        // minutes of build, so ring stays, without failing `-D warnings`
        // on a fresh resolution. No 0.23 release has an undeprecated way
        // to build it (its random source and key provider are private),
        // and `allow`, not `expect`: a user's lock file may pin a 0.23
        // from before the deprecation.
        #[allow(deprecated)]
        let provider = rustls::crypto::ring::default_provider();
        let _ = provider.install_default();
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none())
    }

    /// A clone of this client (sharing its connection pool) whose
    /// calls use `options` where set; the [crate documentation](crate)
    /// has an example.
    pub fn with_options(&self, options: RequestOptions) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            options: options.or(self.options),
        }
    }

    /// The API root requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// How long one attempt may take for this client's calls.
    pub fn timeout(&self) -> Duration {
        self.options.timeout.unwrap_or(self.inner.timeout)
    }

    /// Retries after the first attempt for this client's calls.
    pub fn max_retries(&self) -> u32 {
        self.options.max_retries.unwrap_or(self.inner.max_retries)
    }
}
