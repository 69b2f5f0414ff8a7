//! How credentials reach a request, whatever the spec's schemes: which
//! AND-group of an operation's requirements is used, and where each secret
//! goes. The schemes themselves and the `Credentials` type are generated
//! in `auth.rs`.

use std::fmt;

use reqwest::header::HeaderValue;

use crate::auth::{Credentials, Scheme};
use crate::error::{Error, ValidationError};

/// A credential value; never printed.
#[derive(Clone)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Where a scheme's credential goes in a request.
pub(crate) enum Placement {
    Bearer,
    /// `Authorization: Basic <secret>`, the secret already encoded by
    /// [`basic_credentials`] when it was set.
    Basic,
    Header(&'static str),
    Query(&'static str),
    // Written by a generated `auth.rs` for an `apiKey` scheme in a cookie;
    // the stand-in has none.
    #[allow(dead_code)]
    Cookie(&'static str),
}

impl Credentials {
    /// The first AND-group of `requirements` whose credentials are all set.
    pub(crate) fn select(
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
            .ok_or_else(|| Error::MissingCredentials {
                operation,
                accepted: describe(requirements),
            })
    }

    pub(crate) fn query_pair(&self, scheme: Scheme) -> Option<(&'static str, &str)> {
        match scheme.placement() {
            Placement::Query(name) => self.secret(scheme).map(|value| (name, value)),
            _ => None,
        }
    }

    /// The header carrying `scheme`'s credential, if it goes in one and
    /// is set. The name is checked where the request is put together, as
    /// every other header name is.
    pub(crate) fn header(
        &self,
        scheme: Scheme,
    ) -> Result<Option<(&'static str, HeaderValue)>, Error> {
        let Some(secret) = self.secret(scheme) else {
            return Ok(None);
        };
        let key = scheme.key();
        Ok(Some(match scheme.placement() {
            Placement::Bearer => ("authorization", sensitive(format!("Bearer {secret}"), key)?),
            Placement::Basic => ("authorization", sensitive(format!("Basic {secret}"), key)?),
            Placement::Header(name) => (name, sensitive(secret.to_string(), key)?),
            Placement::Cookie(name) => ("cookie", sensitive(format!("{name}={secret}"), key)?),
            Placement::Query(_) => return Ok(None),
        }))
    }
}

/// Whether any of `schemes` puts its secret in the URL, so the URL must
/// not appear in errors.
pub(crate) fn in_query(schemes: &[Scheme]) -> bool {
    schemes
        .iter()
        .any(|scheme| matches!(scheme.placement(), Placement::Query(_)))
}

fn describe(requirements: &[&[Scheme]]) -> String {
    let groups: Vec<String> = requirements
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|scheme| scheme.key())
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect();
    groups.join(", or ")
}

fn sensitive(value: String, scheme: &'static str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::try_from(value).map_err(|_| {
        Error::InvalidInput(ValidationError::new(
            scheme,
            "credential contains characters not allowed in an HTTP header".to_string(),
        ))
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// The credentials of HTTP Basic authentication (RFC 7617): `user:password`
/// in base64 (RFC 4648, with padding), the text after `Basic ` in the
/// `Authorization` header (`user`, `pass` → `dXNlcjpwYXNz`). The text is
/// sent as its UTF-8 bytes.
pub(crate) fn basic_credentials(user: &str, password: &str) -> String {
    base64(format!("{user}:{password}").as_bytes())
}

/// Standard base64 with padding; a dependency would be more code to build
/// than these lines.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |group, (i, byte)| {
            group | u32::from(*byte) << (16 - 8 * i)
        });
        // Three bytes are four characters; one or two bytes are two or
        // three, then `=` to four.
        for i in 0..4 {
            if i <= chunk.len() {
                let index = (group >> (18 - 6 * i)) & 0x3f;
                text.push(char::from(ALPHABET[index as usize]));
            } else {
                text.push('=');
            }
        }
    }
    text
}
