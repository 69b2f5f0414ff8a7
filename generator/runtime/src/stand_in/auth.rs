//! Not copied: stands in for the `auth.rs` the generator writes from a
//! spec's security schemes, with one scheme per placement kind the
//! runtime's tests need. Its shape follows `generator/src/emit/auth.rs`.

use std::fmt;

use crate::client::{Client, ClientBuilder};
use crate::error::Error;
use crate::security::{Placement, Secret};

/// Credentials, one optional value per security scheme of the spec.
#[derive(Clone, Default)]
pub struct Credentials {
    api_token: Option<Secret>,
    api_key: Option<Secret>,
    query_key: Option<Secret>,
    basic: Option<Secret>,
}

impl Credentials {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn api_token(mut self, value: impl Into<String>) -> Self {
        self.api_token = Some(Secret::new(value.into()));
        self
    }

    pub fn api_key(mut self, value: impl Into<String>) -> Self {
        self.api_key = Some(Secret::new(value.into()));
        self
    }

    pub fn query_key(mut self, value: impl Into<String>) -> Self {
        self.query_key = Some(Secret::new(value.into()));
        self
    }

    pub fn basic(mut self, user: impl AsRef<str>, password: impl AsRef<str>) -> Self {
        self.basic = Some(Secret::new(crate::security::basic_credentials(
            user.as_ref(),
            password.as_ref(),
        )));
        self
    }

    /// Whether no credential is set.
    pub fn is_empty(&self) -> bool {
        self.api_token.is_none()
            && self.api_key.is_none()
            && self.query_key.is_none()
            && self.basic.is_none()
    }

    pub(crate) fn secret(&self, scheme: Scheme) -> Option<&str> {
        match scheme {
            Scheme::ApiToken => self.api_token.as_ref().map(Secret::expose),
            Scheme::ApiKey => self.api_key.as_ref().map(Secret::expose),
            Scheme::QueryKey => self.query_key.as_ref().map(Secret::expose),
            Scheme::Basic => self.basic.as_ref().map(Secret::expose),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("api_token", &self.api_token)
            .field("api_key", &self.api_key)
            .field("query_key", &self.query_key)
            .field("basic", &self.basic)
            .finish()
    }
}

/// A security scheme of the spec.
#[allow(dead_code)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    ApiToken,
    ApiKey,
    QueryKey,
    Basic,
}

impl Scheme {
    pub(crate) fn key(self) -> &'static str {
        match self {
            Self::ApiToken => "api_token",
            Self::ApiKey => "api_key",
            Self::QueryKey => "query_key",
            Self::Basic => "basic",
        }
    }

    pub(crate) fn placement(self) -> Placement {
        match self {
            Self::ApiToken => Placement::Bearer,
            Self::ApiKey => Placement::Header("X-Auth-Key"),
            Self::QueryKey => Placement::Query("key"),
            Self::Basic => Placement::Basic,
        }
    }
}

// The distinct security requirements of the operations, each named after
// its schemes (`_AND_` within an AND-group, `_OR_` between groups).
#[allow(dead_code)]
pub(crate) const NONE: &[&[Scheme]] = &[];
#[allow(dead_code)]
pub(crate) const API_TOKEN_OR_API_KEY: &[&[Scheme]] = &[&[Scheme::ApiToken], &[Scheme::ApiKey]];
#[allow(dead_code)]
pub(crate) const QUERY_KEY: &[&[Scheme]] = &[&[Scheme::QueryKey]];
#[allow(dead_code)]
pub(crate) const BASIC: &[&[Scheme]] = &[&[Scheme::Basic]];

impl ClientBuilder {
    pub fn api_token(mut self, value: impl Into<String>) -> Self {
        self.credentials = self.credentials.api_token(value);
        self
    }

    pub fn api_key(mut self, value: impl Into<String>) -> Self {
        self.credentials = self.credentials.api_key(value);
        self
    }

    pub fn query_key(mut self, value: impl Into<String>) -> Self {
        self.credentials = self.credentials.query_key(value);
        self
    }

    pub fn basic(mut self, user: impl AsRef<str>, password: impl AsRef<str>) -> Self {
        self.credentials = self.credentials.basic(user, password);
        self
    }
}

impl Client {
    pub fn new(api_token: impl Into<String>) -> Result<Self, Error> {
        Self::builder().api_token(api_token).build()
    }

    pub fn from_env() -> Result<Self, Error> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let mut builder = Self::builder();
        if let Some(value) = lookup("EXAMPLE_API_TOKEN").filter(|v| !v.is_empty()) {
            builder = builder.api_token(value);
        }
        if let Some(value) = lookup("EXAMPLE_API_BASIC").filter(|v| !v.is_empty()) {
            let (user, password) = value.split_once(':').unwrap_or((&value, ""));
            builder = builder.basic(user, password);
        }
        if builder.credentials.is_empty() {
            return Err(Error::Config(
                "none of EXAMPLE_API_TOKEN, EXAMPLE_API_BASIC is set".to_string(),
            ));
        }
        if let Some(base_url) = lookup("EXAMPLE_BASE_URL").filter(|v| !v.is_empty()) {
            builder = builder.base_url(base_url);
        }
        builder.build()
    }
}
