//! `client.rs`: `Client`, its builder and credentials, generated from the
//! spec's servers and security schemes.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, ident};
use crate::model::{ApiKeyLocation, Model, SecurityKind, SecurityScheme};

pub fn emit(model: &Model) -> TokenStream {
    let schemes = &model.auth.schemes;
    let base_url = &model.base_url;
    let base_url_var = format!("{}_BASE_URL", model.auth.env_prefix);
    let credentials = credentials(schemes);
    let scheme_enum = scheme_enum(schemes);
    let builder_setters = schemes.iter().map(builder_setter);
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
    let credential_vars = schemes
        .iter()
        .map(|s| s.env_var.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let missing_env = format!("none of {credential_vars} is set");
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
    quote! {
        //! The API client, its builder and its credentials.

        use std::fmt;
        use std::sync::Arc;
        use std::time::Duration;

        use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue, USER_AGENT};

        use crate::error::{Error, ValidationError};
        use crate::runtime::{RawResponse, Request};

        /// The server the spec names; override with [`ClientBuilder::base_url`].
        pub const DEFAULT_BASE_URL: &str = #base_url;

        /// How long one request may take, from sending to the end of the body.
        pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

        const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

        /// A credential value; never printed.
        #[derive(Clone)]
        struct Secret(String);

        impl fmt::Debug for Secret {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }

        #credentials
        #scheme_enum

        /// A client for the API. Cheap to clone: clones share one connection pool.
        #[derive(Clone)]
        pub struct Client {
            inner: Arc<Inner>,
        }

        struct Inner {
            http: reqwest::Client,
            base_url: String,
            credentials: Credentials,
            user_agent: String,
            timeout: Duration,
        }

        impl fmt::Debug for Client {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.inner.base_url)
                    .field("credentials", &self.inner.credentials)
                    .field("user_agent", &self.inner.user_agent)
                    .field("timeout", &self.inner.timeout)
                    .finish()
            }
        }

        /// Configures a [`Client`].
        #[derive(Clone, Debug, Default)]
        pub struct ClientBuilder {
            base_url: Option<String>,
            credentials: Credentials,
            http: Option<reqwest::Client>,
            user_agent: Option<String>,
            timeout: Option<Duration>,
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

            /// A preconfigured HTTP client (proxies, TLS roots, pools).
            /// Its redirect policy is used as configured.
            pub fn http_client(mut self, http: reqwest::Client) -> Self {
                self.http = Some(http);
                self
            }

            /// Defaults to `<crate name>/<crate version>`.
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.user_agent = Some(user_agent.into());
                self
            }

            /// Defaults to [`DEFAULT_TIMEOUT`].
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.timeout = Some(timeout);
                self
            }

            pub fn build(self) -> Result<Client, Error> {
                let base_url = self.base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
                let base_url = base_url.trim_end_matches('/').to_string();
                if let Err(error) = reqwest::Url::parse(&base_url) {
                    return Err(Error::Config(format!("invalid base URL `{base_url}`: {error}")));
                }
                let http = match self.http {
                    Some(http) => http,
                    None => default_http_client()?,
                };
                Ok(Client {
                    inner: Arc::new(Inner {
                        http,
                        base_url,
                        credentials: self.credentials,
                        user_agent: self.user_agent.unwrap_or_else(|| DEFAULT_USER_AGENT.to_string()),
                        timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                    }),
                })
            }
        }

        /// rustls with the ring backend, and no redirects: an API client has
        /// no use for them, and following one could carry credentials to
        /// another host.
        fn default_http_client() -> Result<reqwest::Client, Error> {
            // Err means a provider is already installed, which is all we need.
            let _ = rustls::crypto::ring::default_provider().install_default();
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(Error::Transport)
        }

        impl Client {
            #new_fn

            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// A client configured from the environment:
            #( #[doc = #env_vars_doc] )*
            #[doc = concat!(" - `", #base_url_var, "`: the base URL (optional)")]
            pub fn from_env() -> Result<Self, Error> {
                Self::from_env_with(|name| std::env::var(name).ok())
            }

            /// Like [`Client::from_env`], reading variables through `lookup`.
            pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
                let mut builder = Self::builder();
                #( #env_reads )*
                if builder.credentials.is_empty() {
                    return Err(Error::Config(#missing_env.to_string()));
                }
                if let Some(base_url) = lookup(#base_url_var).filter(|v| !v.is_empty()) {
                    builder = builder.base_url(base_url);
                }
                builder.build()
            }

            /// The API root requests go to.
            pub fn base_url(&self) -> &str {
                &self.inner.base_url
            }

            /// Sends a request and reads the whole response; a non-2xx status
            /// becomes [`Error::Api`].
            pub(crate) async fn execute(&self, request: Request) -> Result<RawResponse, Error> {
                let inner = &*self.inner;
                let schemes = inner.credentials.select(request.security, request.operation_id)?;
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
                    .timeout(inner.timeout)
                    .header(USER_AGENT, &inner.user_agent);
                for (name, value) in request.headers {
                    builder = builder.header(name, value);
                }
                for scheme in schemes {
                    builder = inner.credentials.apply(*scheme, builder)?;
                }
                if let Some(body) = request.body {
                    builder = builder.header(CONTENT_TYPE, body.content_type).body(body.bytes);
                }
                let response = builder.send().await.map_err(Error::from_reqwest)?;
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await.map_err(Error::from_reqwest)?.to_vec();
                let raw = RawResponse { status, headers, body };
                if status.is_success() { Ok(raw) } else { Err(raw.into_api_error()) }
            }
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
