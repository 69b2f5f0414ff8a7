//! `Call`: what every operation method returns. Awaiting it sends the
//! request and decodes the response.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use crate::client::Client;
use crate::error::Error;
use crate::request::Request;
use crate::response::{ApiResponse, RawResponse};

/// A request an operation method has prepared: `.await` it to send it
/// and decode the response. Invalid arguments surface here, before
/// anything is sent.
#[must_use = "nothing is sent until the call is awaited"]
pub struct Call<R> {
    pub(crate) client: Client,
    pub(crate) request: Result<Request, Error>,
    pub(crate) decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
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
        }
    }

    /// Sends the body with this `Content-Type` instead of the media
    /// type the spec names (e.g. the boundary of a multipart body you
    /// built). A typed form keeps its boundary unless the type given
    /// names one. No effect on a call without a body.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        if let Ok(Request {
            body: Some(body), ..
        }) = &mut self.request
        {
            let content_type = content_type.into();
            let kept = crate::multipart::boundary_of(&body.content_type)
                .filter(|_| crate::multipart::boundary_of(&content_type).is_none());
            body.content_type = std::borrow::Cow::Owned(match kept {
                Some(boundary) => format!("{content_type}; boundary={boundary}"),
                None => content_type,
            });
        }
        self
    }

    /// Sends the request; the same as awaiting the call.
    pub async fn send(self) -> Result<ApiResponse<R>, Error> {
        let raw = self.client.execute(self.request?).await?;
        (self.decode)(raw)
    }
}

impl<R: Send + 'static> IntoFuture for Call<R> {
    type Output = Result<ApiResponse<R>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
