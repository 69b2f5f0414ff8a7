//! `client.rs`: `Client`, its builder and credentials, generated from the
//! spec's servers and security schemes, and the send loop with retries.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, ident};
use crate::model::{ApiKeyLocation, Model, SecurityKind, SecurityScheme};
use crate::naming::ENV_VAR_RULE;

pub fn emit(model: &Model) -> TokenStream {
    let schemes = &model.auth.schemes;
    let base_url = &model.base_url;
    let credentials = credentials(schemes);
    let scheme_enum = scheme_enum(schemes);
    let config = config();
    // Only credentials hold secrets; a spec without schemes has none.
    let secret = (!schemes.is_empty()).then(|| {
        quote! {
            /// A credential value; never printed.
            #[derive(Clone)]
            struct Secret(String);

            impl fmt::Debug for Secret {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("<redacted>")
                }
            }
        }
    });
    let client = client_type();
    let builder = builder(schemes);
    let constructors = constructors(model);
    let send = send();
    quote! {
        //! The API client, its builder and its credentials.

        use std::fmt;
        use std::sync::Arc;
        use std::time::Duration;

        use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};

        use crate::error::{Error, ValidationError};
        use crate::runtime::{RawResponse, Request};

        /// The server the spec names; override with [`ClientBuilder::base_url`].
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #config

        #secret
        #credentials
        #scheme_enum
        #client
        #builder
        #constructors
        #send
    }
}

fn config() -> TokenStream {
    quote! {
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
    }
}

fn client_type() -> TokenStream {
    quote! {
        /// A client for the API. Cheap to clone: clones share one connection
        /// pool and configuration.
        #[derive(Clone)]
        pub struct Client {
            inner: Arc<Inner>,
            options: RequestOptions,
        }

        struct Inner {
            http: reqwest::Client,
            base_url: String,
            /// The base URL carries a user name or password, so errors must
            /// not show request URLs.
            base_url_has_userinfo: bool,
            credentials: Credentials,
            user_agent: HeaderValue,
            /// Values marked sensitive: a user may put secrets here.
            default_headers: HeaderMap,
            timeout: Duration,
            max_retries: u32,
            retry_base_delay: Duration,
            max_response_size: usize,
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
                    .finish_non_exhaustive()
            }
        }

        /// A URL fit to print: a user name or password in it is replaced.
        fn printable_url(url: &str) -> String {
            match reqwest::Url::parse(url) {
                Ok(parsed) if parsed.username().is_empty() && parsed.password().is_none() => url.to_string(),
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
    }
}

fn builder(schemes: &[SecurityScheme]) -> TokenStream {
    let builder_setters = schemes.iter().map(builder_setter);
    quote! {
        /// Configures a [`Client`]. `Debug` never shows credentials or
        /// default header values.
        #[derive(Clone, Default)]
        pub struct ClientBuilder {
            base_url: Option<String>,
            credentials: Credentials,
            http: Option<reqwest::Client>,
            user_agent: Option<String>,
            default_headers: Vec<(String, String)>,
            timeout: Option<Duration>,
            max_retries: Option<u32>,
            retry_base_delay: Option<Duration>,
            max_response_size: Option<usize>,
        }

        impl fmt::Debug for ClientBuilder {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let header_names: Vec<&str> = self.default_headers.iter().map(|(name, _)| name.as_str()).collect();
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

            #( #builder_setters )*

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
            /// Every method is retried, as Cloudflare's own SDKs do, so a
            /// `POST` whose response was lost may be applied twice; turn
            /// retries off for such a call with [`Client::with_options`].
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

            pub fn build(self) -> Result<Client, Error> {
                let base_url = self.base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
                let base_url = base_url.trim_end_matches('/').to_string();
                let parsed = reqwest::Url::parse(&base_url).map_err(|error| {
                    Error::Config(format!("invalid base URL `{}`: {error}", printable_url(&base_url)))
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
    }
}

fn constructors(model: &Model) -> TokenStream {
    let schemes = &model.auth.schemes;
    let base_url_var = format!("{}_BASE_URL", model.auth.env_prefix);
    let env_reads = schemes.iter().map(|scheme| {
        let setter = ident(&scheme.rust_name);
        let var = &scheme.env_var;
        quote! {
            if let Some(value) = lookup(#var).filter(|v| !v.is_empty()) {
                builder = builder.#setter(value);
            }
        }
    });
    let env_vars_doc: Vec<String> = schemes
        .iter()
        .map(|s| format!(" - `{}`: {}", s.env_var, s.key))
        .collect();
    let base_url_doc = format!(" - `{base_url_var}`: the base URL (optional)");
    let rule_doc = format!(" {ENV_VAR_RULE}");
    let credential_vars = schemes
        .iter()
        .map(|s| s.env_var.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // A spec without security schemes needs no credentials at all.
    let require_credentials = (!schemes.is_empty()).then(|| {
        let missing_env = format!("none of {credential_vars} is set");
        quote! {
            if builder.credentials.is_empty() {
                return Err(Error::Config(#missing_env.to_string()));
            }
        }
    });
    let new_fn = schemes
        .iter()
        .find(|s| s.kind == SecurityKind::Bearer)
        .map(|bearer| {
            let setter = ident(&bearer.rust_name);
            let doc = format!(
                " A client that authenticates with a bearer token (`{}`).",
                bearer.key
            );
            quote! {
                #[doc = #doc]
                pub fn new(#setter: impl Into<String>) -> Result<Self, Error> {
                    Self::builder().#setter(#setter).build()
                }
            }
        });
    let lib = &model.package.lib_name;
    let with_options_example: Vec<String> = format!(
        "```no_run\n# fn example(client: &{lib}::Client) {{\nuse std::time::Duration;\nuse {lib}::RequestOptions;\n\n\
         let patient = client.with_options(RequestOptions::new().timeout(Duration::from_secs(300)).max_retries(0));\n# }}\n```"
    )
    .lines()
    .map(|line| format!(" {line}"))
    .collect();
    quote! {
        impl Client {
            #new_fn

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
                let _ = rustls::crypto::ring::default_provider().install_default();
                reqwest::Client::builder().redirect(reqwest::redirect::Policy::none())
            }

            /// A client configured from the environment, one variable per
            /// security scheme of the spec:
            #( #[doc = #env_vars_doc] )*
            #[doc = #base_url_doc]
            ///
            #[doc = #rule_doc]
            pub fn from_env() -> Result<Self, Error> {
                Self::from_env_with(|name| std::env::var(name).ok())
            }

            /// Like [`Client::from_env`], reading variables through `lookup`.
            pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
                let mut builder = Self::builder();
                #( #env_reads )*
                #require_credentials
                if let Some(base_url) = lookup(#base_url_var).filter(|v| !v.is_empty()) {
                    builder = builder.base_url(base_url);
                }
                builder.build()
            }

            /// A clone of this client (sharing its connection pool) whose
            /// calls use `options` where set:
            ///
            #( #[doc = #with_options_example] )*
            pub fn with_options(&self, options: RequestOptions) -> Client {
                Client { inner: Arc::clone(&self.inner), options: options.or(self.options) }
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
    }
}

fn send() -> TokenStream {
    quote! {
        /// Why an attempt failed, before deciding whether to try again.
        enum Failure {
            Transport(reqwest::Error),
            Status(RawResponse),
            TooLarge { status: reqwest::StatusCode, limit: usize },
        }

        impl Failure {
            fn is_retryable(&self) -> bool {
                match self {
                    // Not sent at all, or a redirect loop: the same again.
                    Self::Transport(error) => !(error.is_builder() || error.is_redirect()),
                    Self::Status(raw) => crate::retry::retryable_status(raw.status),
                    Self::TooLarge { .. } => false,
                }
            }

            fn headers(&self) -> Option<&HeaderMap> {
                match self {
                    Self::Status(raw) => Some(&raw.headers),
                    _ => None,
                }
            }

            /// `hide_url` drops the URL from transport errors when it carries
            /// a credential (in its query or user info).
            fn into_error(self, attempts: u32, hide_url: bool) -> Error {
                match self {
                    Self::Transport(source) => {
                        let source = if hide_url { source.without_url() } else { source };
                        if source.is_timeout() {
                            Error::Timeout { source, attempts }
                        } else {
                            Error::Transport { source, attempts }
                        }
                    }
                    Self::Status(mut raw) => {
                        raw.attempts = attempts;
                        raw.into_api_error()
                    }
                    Self::TooLarge { status, limit } => Error::ResponseTooLarge { status, limit, attempts },
                }
            }
        }

        /// The call's result once no more attempts will be made.
        fn settle(outcome: Result<RawResponse, Failure>, attempts: u32, hide_url: bool) -> Result<RawResponse, Error> {
            match outcome {
                Ok(raw) => Ok(RawResponse { attempts, ..raw }),
                Err(failure) => Err(failure.into_error(attempts, hide_url)),
            }
        }

        impl Client {
            /// Sends a request, retrying as configured, and reads the whole
            /// response; a non-2xx status becomes [`Error::Api`].
            pub(crate) async fn execute(&self, request: Request) -> Result<RawResponse, Error> {
                let schemes = self.inner.credentials.select(request.security, request.operation_id)?;
                let hide_url = self.inner.base_url_has_userinfo
                    || schemes.iter().any(|scheme| matches!(scheme.placement(), Placement::Query(_)));
                let prepared = self.prepare(request, schemes)?;
                let max_retries = self.max_retries();
                let mut attempts = 1;
                loop {
                    // The last attempt sends the original; earlier ones a copy
                    // (byte bodies always clone; one that cannot is sent once).
                    let copy = if attempts <= max_retries { prepared.try_clone() } else { None };
                    let Some(copy) = copy else {
                        return settle(self.attempt(prepared).await, attempts, hide_url);
                    };
                    match self.attempt(copy).await {
                        Err(failure) if failure.is_retryable() => {
                            let wait = crate::retry::delay(attempts, self.inner.retry_base_delay, failure.headers());
                            tokio::time::sleep(wait).await;
                            attempts += 1;
                        }
                        outcome => return settle(outcome, attempts, hide_url),
                    }
                }
            }

            /// The request as sent on every attempt: URL, headers, credentials
            /// and body, built once.
            fn prepare(&self, request: Request, schemes: &[Scheme]) -> Result<reqwest::Request, Error> {
                let inner = &*self.inner;
                let mut url = reqwest::Url::parse(&format!("{}{}", inner.base_url, request.path))
                    .map_err(|error| Error::Config(format!("invalid request URL: {error}")))?;
                let query_credentials: Vec<(&'static str, &str)> =
                    schemes.iter().filter_map(|scheme| inner.credentials.query_pair(*scheme)).collect();
                if !request.query.is_empty() || !query_credentials.is_empty() {
                    let mut pairs = url.query_pairs_mut();
                    for (name, value) in &request.query {
                        pairs.append_pair(name, value);
                    }
                    for (name, value) in query_credentials {
                        pairs.append_pair(name, value);
                    }
                }
                let mut builder = inner
                    .http
                    .request(request.method, url)
                    .timeout(self.timeout())
                    .header(USER_AGENT, inner.user_agent.clone());
                for (name, value) in request.headers {
                    builder = builder.header(name, value);
                }
                for scheme in schemes {
                    builder = inner.credentials.apply(*scheme, builder)?;
                }
                if let Some(body) = request.body {
                    builder = builder.header(CONTENT_TYPE, body.content_type).body(body.bytes);
                }
                let mut prepared = builder.build().map_err(|error| {
                    Error::InvalidInput(ValidationError {
                        target: request.operation_id,
                        reason: format!("the request cannot be built: {}", error.without_url()),
                    })
                })?;
                add_defaults(prepared.headers_mut(), &inner.default_headers);
                Ok(prepared)
            }

            async fn attempt(&self, request: reqwest::Request) -> Result<RawResponse, Failure> {
                let mut response = self.inner.http.execute(request).await.map_err(Failure::Transport)?;
                let status = response.status();
                let headers = std::mem::take(response.headers_mut());
                let body = read_body(response, self.inner.max_response_size).await?;
                let raw = RawResponse { status, headers, body, attempts: 1 };
                if status.is_success() { Ok(raw) } else { Err(Failure::Status(raw)) }
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

        fn sensitive(value: String, scheme: &'static str) -> Result<HeaderValue, Error> {
            let mut value = HeaderValue::try_from(value).map_err(|_| {
                Error::InvalidInput(ValidationError {
                    target: scheme,
                    reason: "credential contains characters not allowed in an HTTP header".to_string(),
                })
            })?;
            value.set_sensitive(true);
            Ok(value)
        }
    }
}

fn credentials(schemes: &[SecurityScheme]) -> TokenStream {
    let fields: Vec<_> = schemes.iter().map(|s| ident(&s.rust_name)).collect();
    let field_docs = schemes.iter().map(scheme_doc);
    let keys: Vec<&str> = schemes.iter().map(|s| s.key.as_str()).collect();
    let setters = schemes.iter().map(|scheme| {
        let field = ident(&scheme.rust_name);
        let doc = scheme_doc(scheme);
        quote! {
            #doc
            pub fn #field(mut self, value: impl Into<String>) -> Self {
                self.#field = Some(Secret(value.into()));
                self
            }
        }
    });
    let variants: Vec<_> = schemes.iter().map(|s| ident(&s.variant)).collect();
    let all_none = if fields.is_empty() {
        quote!(true)
    } else {
        quote!(#( self.#fields.is_none() )&&*)
    };
    quote! {
        /// Credentials, one optional value per security scheme of the spec.
        /// `Debug` shows which are set, never their values.
        #[derive(Clone, Default)]
        pub struct Credentials {
            #( #field_docs #fields: Option<Secret>, )*
        }

        impl Credentials {
            pub fn new() -> Self {
                Self::default()
            }

            #( #setters )*

            /// Whether no credential is set.
            pub fn is_empty(&self) -> bool {
                #all_none
            }

            fn secret(&self, scheme: Scheme) -> Option<&str> {
                match scheme {
                    #( Scheme::#variants => self.#fields.as_ref().map(|s| s.0.as_str()), )*
                }
            }

            /// The first AND-group of `requirements` whose credentials are all set.
            fn select(
                &self,
                requirements: &'static [&'static [Scheme]],
                operation: &'static str,
            ) -> Result<&'static [Scheme], Error> {
                if requirements.is_empty() {
                    return Ok(&[]);
                }
                requirements
                    .iter()
                    .copied()
                    .find(|group| group.iter().all(|scheme| self.secret(*scheme).is_some()))
                    .ok_or_else(|| Error::MissingCredentials { operation, accepted: describe(requirements) })
            }

            fn query_pair(&self, scheme: Scheme) -> Option<(&'static str, &str)> {
                match scheme.placement() {
                    Placement::Query(name) => self.secret(scheme).map(|value| (name, value)),
                    _ => None,
                }
            }

            fn apply(&self, scheme: Scheme, builder: reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder, Error> {
                let Some(secret) = self.secret(scheme) else { return Ok(builder) };
                Ok(match scheme.placement() {
                    Placement::Bearer => builder.header(AUTHORIZATION, sensitive(format!("Bearer {secret}"), scheme.key())?),
                    Placement::Basic => builder.header(AUTHORIZATION, sensitive(format!("Basic {secret}"), scheme.key())?),
                    Placement::Header(name) => builder.header(name, sensitive(secret.to_string(), scheme.key())?),
                    Placement::Cookie(name) => {
                        builder.header(reqwest::header::COOKIE, sensitive(format!("{name}={secret}"), scheme.key())?)
                    }
                    Placement::Query(_) => builder,
                })
            }
        }

        impl fmt::Debug for Credentials {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Credentials")
                    #( .field(#keys, &self.#fields) )*
                    .finish()
            }
        }

        fn describe(requirements: &[&[Scheme]]) -> String {
            let groups: Vec<String> = requirements
                .iter()
                .map(|group| group.iter().map(|scheme| scheme.key()).collect::<Vec<_>>().join(" + "))
                .collect();
            groups.join(", or ")
        }
    }
}

fn scheme_enum(schemes: &[SecurityScheme]) -> TokenStream {
    let variants: Vec<_> = schemes.iter().map(|s| ident(&s.variant)).collect();
    let keys = schemes.iter().map(|s| s.key.as_str());
    let placements = schemes.iter().map(|s| match &s.kind {
        SecurityKind::Bearer => quote!(Placement::Bearer),
        SecurityKind::Basic => quote!(Placement::Basic),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Header,
            name,
        } => quote!(Placement::Header(#name)),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Query,
            name,
        } => quote!(Placement::Query(#name)),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Cookie,
            name,
        } => quote!(Placement::Cookie(#name)),
    });
    let v2 = variants.clone();
    quote! {
        /// A security scheme of the spec. Operations may use only some.
        #[allow(dead_code)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum Scheme {
            #( #variants, )*
        }

        /// Where a scheme's credential goes in a request. Every kind exists
        /// whether or not this spec uses it.
        #[allow(dead_code)]
        enum Placement {
            Bearer,
            Basic,
            Header(&'static str),
            Query(&'static str),
            Cookie(&'static str),
        }

        impl Scheme {
            fn key(self) -> &'static str {
                match self {
                    #( Self::#variants => #keys, )*
                }
            }

            fn placement(self) -> Placement {
                match self {
                    #( Self::#v2 => #placements, )*
                }
            }
        }
    }
}

fn scheme_doc(scheme: &SecurityScheme) -> TokenStream {
    let placement = match &scheme.kind {
        SecurityKind::Bearer => "Sent as `Authorization: Bearer <value>`.".to_string(),
        SecurityKind::Basic => {
            "Sent as `Authorization: Basic <value>`; give it already encoded.".to_string()
        }
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Header,
            name,
        } => format!("Sent in the `{name}` header."),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Query,
            name,
        } => format!("Sent as the `{name}` query parameter."),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Cookie,
            name,
        } => format!("Sent as the `{name}` cookie."),
    };
    let text = match &scheme.doc {
        Some(description) => format!(
            "{description}\n\n{placement} Security scheme `{}`.",
            scheme.key
        ),
        None => format!("{placement} Security scheme `{}`.", scheme.key),
    };
    doc(Some(&text))
}

fn builder_setter(scheme: &SecurityScheme) -> TokenStream {
    let setter = ident(&scheme.rust_name);
    let doc = scheme_doc(scheme);
    quote! {
        #doc
        pub fn #setter(mut self, value: impl Into<String>) -> Self {
            self.credentials = self.credentials.#setter(value);
            self
        }
    }
}
