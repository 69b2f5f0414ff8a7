//! `Call`: what every operation method returns. Awaiting it sends the
//! request and decodes the response. Before that, the caller may add
//! headers of its own, an idempotency key, and an operation's optional
//! body.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use reqwest::header::{HeaderName, HeaderValue};

use crate::client::Client;
use crate::error::{Error, ValidationError};
use crate::request::{Body, Request};
use crate::response::{ApiResponse, RawResponse};

/// The header that carries an idempotency key.
pub(crate) const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// A request an operation method has prepared: `.await` it to send it
/// and decode the response. Invalid arguments surface here, before
/// anything is sent.
///
/// `B` is `()` for an operation whose body, if it has one, is an
/// argument of its method, and [`OptionalBody<T>`] for one whose body is
/// optional: set it with [`body`](Call::body), or send none.
#[must_use = "nothing is sent until the call is awaited"]
pub struct Call<R, B = ()> {
    pub(crate) client: Client,
    pub(crate) request: Result<Request, Error>,
    pub(crate) decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
    pub(crate) body: B,
}

/// The optional request body of type `T` a [`Call`] (or a `PagedCall`)
/// takes with `.body(..)`: JSON, a form or
/// bytes, encoded as the spec says. Without one, nothing is sent: no body
/// and no `Content-Type`.
pub struct OptionalBody<T: ?Sized> {
    encode: fn(&T) -> Result<Body, Error>,
    body: PhantomData<fn(&T)>,
}

impl<T: ?Sized> OptionalBody<T> {
    pub(crate) fn new(encode: fn(&T) -> Result<Body, Error>) -> Self {
        Self {
            encode,
            body: PhantomData,
        }
    }

    /// Encodes `body` into the request, replacing any body set before.
    pub(crate) fn set(&self, request: &mut Result<Request, Error>, body: &T) {
        if let Ok(prepared) = request {
            match (self.encode)(body) {
                Ok(body) => prepared.body = Some(body),
                Err(error) => *request = Err(error),
            }
        }
    }
}

impl<R> Call<R> {
    /// `build` checks the arguments and describes the request; it runs
    /// here, at once (a closure so that its `?`s end up in the call).
    pub(crate) fn new(
        client: &Client,
        decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
        build: impl FnOnce() -> Result<Request, Error>,
    ) -> Self {
        Self {
            // Spelled out: an operation may not be called `clone`, but
            // this must not depend on it.
            client: <Client as Clone>::clone(client),
            request: build(),
            decode,
            body: (),
        }
    }
}

impl<R, T: ?Sized> Call<R, OptionalBody<T>> {
    /// [`Call::new`] for an operation whose body is optional: one of type
    /// `T` given to [`Call::body`] is turned into the request's body by
    /// `encode`.
    pub(crate) fn with_optional_body(
        client: &Client,
        decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
        encode: fn(&T) -> Result<Body, Error>,
        build: impl FnOnce() -> Result<Request, Error>,
    ) -> Self {
        Self {
            client: <Client as Clone>::clone(client),
            request: build(),
            decode,
            body: OptionalBody::new(encode),
        }
    }

    /// Sends `body` as the request body (encoded at once; a value that
    /// cannot be encoded becomes the call's error). Without it, the
    /// request has no body and no `Content-Type`.
    pub fn body(mut self, body: &T) -> Self {
        self.body.set(&mut self.request, body);
        self
    }
}

impl<R, B> Call<R, B> {
    /// Adds a header to this request, replacing any header of the same
    /// name the request would otherwise carry (parameters, credentials,
    /// `Accept`, the client's default headers); repeating a name sends
    /// each value. A name or value that is not valid in HTTP becomes the
    /// call's error ([`Error::InvalidInput`], naming the header but not
    /// the value); nothing is sent.
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        add_header(&mut self.request, name.as_ref(), value.as_ref());
        self
    }

    /// Sends `key` as the `Idempotency-Key` header (replacing any other),
    /// on every attempt. A request that is not idempotent (`POST`,
    /// `PATCH`) is retried after a failure that leaves unknown whether
    /// the server acted on it (a timeout, a connection lost after
    /// sending, a `5xx`) only when it carries one; see
    /// [`ClientBuilder::idempotency_keys`](crate::ClientBuilder::idempotency_keys).
    pub fn idempotency_key(mut self, key: impl AsRef<str>) -> Self {
        if let Ok(request) = &mut self.request {
            request
                .call_headers
                .retain(|(name, _)| name.as_str() != IDEMPOTENCY_KEY);
        }
        add_header(&mut self.request, IDEMPOTENCY_KEY, key.as_ref());
        self
    }

    /// Sends the body with this `Content-Type` instead of the media
    /// type the spec names (e.g. the boundary of a multipart body you
    /// built). A typed form keeps its boundary unless the type given
    /// names one. No effect on a call without a body.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        if let Ok(request) = &mut self.request {
            request.content_type = Some(content_type.into());
        }
        self
    }

    /// Sends the request; the same as awaiting the call.
    pub async fn send(self) -> Result<ApiResponse<R>, Error> {
        send(self.client, self.request, self.decode).await
    }
}

/// The request with `name: value` among the caller's headers, or the
/// error that the header is not valid.
pub(crate) fn add_header(request: &mut Result<Request, Error>, name: &str, value: &str) {
    let Ok(prepared) = request else {
        return;
    };
    let operation = prepared.operation_id;
    let invalid = |reason: String| Error::InvalidInput(ValidationError::new(operation, reason));
    let Ok(name) = HeaderName::try_from(name) else {
        *request = Err(invalid(format!("`{name}` is not a valid header name")));
        return;
    };
    let Ok(mut value) = HeaderValue::try_from(value) else {
        *request = Err(invalid(format!(
            "the value of header `{name}` is not valid"
        )));
        return;
    };
    // Callers put secrets in headers too.
    value.set_sensitive(true);
    prepared.call_headers.push((name, value));
}

async fn send<R>(
    client: Client,
    request: Result<Request, Error>,
    decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
) -> Result<ApiResponse<R>, Error> {
    let raw = client.execute(request?).await?;
    decode(raw)
}

impl<R: Send + 'static, B> IntoFuture for Call<R, B> {
    type Output = Result<ApiResponse<R>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        // One future type per result type, whatever the body's type.
        Box::pin(send(self.client, self.request, self.decode))
    }
}
