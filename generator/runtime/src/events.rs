//! Server-sent events: what an operation answering `text/event-stream`
//! returns from its `_stream` method. [`EventCall`] sends the request
//! through the client's send loop (credentials, hooks, rate limits and
//! retries, all before any byte of the stream is read); awaiting it gives
//! an [`EventStream`] of [`Event`]s, each event's `data` decoded as the
//! spec's type.
//!
//! The parser follows the WHATWG `text/event-stream` format: lines end
//! with CRLF, LF or CR; a leading byte-order mark is dropped; `data:`
//! lines of one event are joined with `\n`; `event:`, `id:` and `retry:`
//! set those fields; lines starting with `:` are comments; a blank line
//! ends an event (one without `data` is not dispatched), and an event the
//! stream ends in the middle of is dropped. Events and lines may be split
//! across chunks anywhere.
//!
//! The stream ends when the server closes it, or at an event whose data
//! is `[DONE]` (OpenAI's sentinel), which is not yielded. The client's
//! timeout bounds the wait for the response headers and then each wait
//! for more bytes, never the whole stream.

use std::collections::VecDeque;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::call::{OptionalBody, add_header};
use crate::client::Client;
use crate::error::{DecodeError, Error};
use crate::request::{Body, Request};
use crate::send::{Answer, Failure};

/// The data that ends a stream, as OpenAI sends it.
const DONE: &str = "[DONE]";

/// One server-sent event, its `data` decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Event<T> {
    /// The `event:` field; `message` when the event has none.
    pub event: String,
    /// The last `id:` the stream gave (it carries over to later events);
    /// `None` before any, or after an empty one.
    pub id: Option<String>,
    /// The reconnection time an event's `retry:` field asked for.
    pub retry: Option<Duration>,
    /// The event's data, decoded.
    pub data: T,
}

/// An event as parsed, before its data is decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawEvent {
    pub event: String,
    pub id: Option<String>,
    pub retry: Option<Duration>,
    pub data: String,
}

/// The `text/event-stream` parser: fed bytes as they come, it queues the
/// events they complete.
#[derive(Debug, Default)]
pub(crate) struct Parser {
    /// The bytes of a line not ended yet.
    line: Vec<u8>,
    /// The last byte seen was a CR: an LF right after it ends nothing.
    after_cr: bool,
    /// Whether a first line was ended (the byte-order mark is only
    /// looked for in it).
    started: bool,
    data: String,
    has_data: bool,
    event: String,
    id: String,
    retry: Option<Duration>,
    /// Events complete and not yet taken.
    pub events: VecDeque<RawEvent>,
}

impl Parser {
    /// Reads `bytes`, queueing every event they complete.
    pub(crate) fn push(&mut self, mut bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        if self.after_cr && bytes.first() == Some(&b'\n') {
            bytes = &bytes[1..];
        }
        self.after_cr = false;
        while let Some(end) = bytes.iter().position(|&b| b == b'\r' || b == b'\n') {
            self.line.extend_from_slice(&bytes[..end]);
            self.end_line();
            let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
            if bytes[end] == b'\r' && end + 1 == bytes.len() {
                self.after_cr = true;
            }
            bytes = &bytes[end + if crlf { 2 } else { 1 }..];
        }
        self.line.extend_from_slice(bytes);
    }

    /// How many bytes the event being read holds so far.
    pub(crate) fn pending(&self) -> usize {
        self.line.len() + self.data.len() + self.event.len()
    }

    fn end_line(&mut self) {
        let mut line = std::mem::take(&mut self.line);
        if !self.started {
            self.started = true;
            if line.starts_with(b"\xEF\xBB\xBF") {
                line.drain(..3);
            }
        }
        let line = String::from_utf8_lossy(&line);
        if line.is_empty() {
            self.dispatch();
            return;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (&*line, ""),
        };
        match field {
            // A comment.
            "" => {}
            "event" => value.clone_into(&mut self.event),
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "id" if !value.contains('\0') => value.clone_into(&mut self.id),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok().map(Duration::from_millis);
            }
            _ => {}
        }
    }

    fn dispatch(&mut self) {
        let event = std::mem::take(&mut self.event);
        let data = std::mem::take(&mut self.data);
        let retry = self.retry.take();
        if !std::mem::take(&mut self.has_data) {
            return;
        }
        self.events.push_back(RawEvent {
            event: if event.is_empty() {
                "message".to_string()
            } else {
                event
            },
            id: (!self.id.is_empty()).then(|| self.id.clone()),
            retry,
            data,
        });
    }
}

/// How a stream's event data becomes `T`.
pub(crate) type Decode<T> = fn(&str) -> Result<T, serde_json::Error>;

/// Event data that is JSON of type `T`.
pub(crate) fn json<T: serde::de::DeserializeOwned>(data: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(data)
}

/// Event data as the text it is, for a stream the spec gives no schema.
pub(crate) fn text(data: &str) -> Result<String, serde_json::Error> {
    Ok(data.to_string())
}

/// A JSON body with its `flag` member set to `true`: the request of an
/// operation that streams only when asked to (OpenAI's `stream: true`).
/// A body that is not an object is sent as it is.
pub(crate) fn streaming_body<T: serde::Serialize>(
    value: &T,
    flag: &'static str,
) -> Result<Body, Error> {
    let mut value = serde_json::to_value(value).map_err(Error::Encode)?;
    if let serde_json::Value::Object(members) = &mut value {
        members.insert(flag.to_string(), serde_json::Value::Bool(true));
    }
    crate::request::json_body(&value)
}

/// What an operation's `_stream` method returns: `.await` it to send the
/// request and get the [`EventStream`] once the response headers are in
/// (a non-2xx response is read whole and is the call's error, as for any
/// call). Headers, an idempotency key and an optional body are set as on
/// a [`Call`](crate::Call).
#[must_use = "nothing is sent until the call is awaited"]
pub struct EventCall<T, B = ()> {
    client: Client,
    request: Result<Request, Error>,
    decode: Decode<T>,
    body: B,
}

/// The request accepting an event stream.
fn accepting_events(mut request: Result<Request, Error>) -> Result<Request, Error> {
    if let Ok(request) = &mut request {
        request.accept = Some("text/event-stream");
    }
    request
}

impl<T> EventCall<T> {
    /// `build` checks the arguments and describes the request, at once
    /// (as for [`Call::new`](crate::Call)).
    pub(crate) fn new(
        client: &Client,
        decode: Decode<T>,
        build: impl FnOnce() -> Result<Request, Error>,
    ) -> Self {
        Self {
            client: <Client as Clone>::clone(client),
            request: accepting_events(build()),
            decode,
            body: (),
        }
    }
}

impl<T, U: ?Sized> EventCall<T, OptionalBody<U>> {
    /// [`EventCall::new`] for an operation whose body is optional.
    pub(crate) fn with_optional_body(
        client: &Client,
        decode: Decode<T>,
        encode: fn(&U) -> Result<Body, Error>,
        build: impl FnOnce() -> Result<Request, Error>,
    ) -> Self {
        Self {
            client: <Client as Clone>::clone(client),
            request: accepting_events(build()),
            decode,
            body: OptionalBody::new(encode),
        }
    }

    /// Sends `body` as the request body; see [`Call::body`](crate::Call::body).
    pub fn body(mut self, body: &U) -> Self {
        self.body.set(&mut self.request, body);
        self
    }
}

impl<T, B> EventCall<T, B> {
    /// Adds a header to the request; see [`Call::header`](crate::Call::header).
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        add_header(&mut self.request, name.as_ref(), value.as_ref());
        self
    }

    /// Sends `key` as the `Idempotency-Key` header; see
    /// [`Call::idempotency_key`](crate::Call::idempotency_key).
    pub fn idempotency_key(mut self, key: impl AsRef<str>) -> Self {
        if let Ok(request) = &mut self.request {
            request
                .call_headers
                .retain(|(name, _)| name.as_str() != crate::call::IDEMPOTENCY_KEY);
        }
        add_header(
            &mut self.request,
            crate::call::IDEMPOTENCY_KEY,
            key.as_ref(),
        );
        self
    }

    /// Sends the request; the same as awaiting the call.
    pub async fn send(self) -> Result<EventStream<T>, Error> {
        open(self.client, self.request, self.decode).await
    }
}

async fn open<T>(
    client: Client,
    request: Result<Request, Error>,
    decode: Decode<T>,
) -> Result<EventStream<T>, Error> {
    let opened: Opened = client.send_attempts(request?).await?;
    Ok(EventStream {
        status: opened.status,
        headers: opened.headers,
        attempts: opened.attempts,
        decode,
        timeout: client.timeout(),
        limit: client.inner.max_response_size,
        state: State::Idle(Box::new(Reader {
            response: opened.response,
            parser: Parser::default(),
            ended: false,
        })),
    })
}

impl<T: Send + 'static, B> IntoFuture for EventCall<T, B> {
    type Output = Result<EventStream<T>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(open(self.client, self.request, self.decode))
    }
}

/// A 2xx response whose body is an event stream, not read yet.
pub(crate) struct Opened {
    status: StatusCode,
    headers: HeaderMap,
    response: reqwest::Response,
    attempts: u32,
}

impl Answer for Opened {
    const TIMEOUT_ON_BODY: bool = false;

    async fn headers(
        sent: impl Future<Output = reqwest::Result<reqwest::Response>> + Send,
        timeout: Duration,
    ) -> Result<reqwest::Response, Failure> {
        match tokio::time::timeout(timeout, sent).await {
            Ok(sent) => sent.map_err(Failure::Transport),
            Err(_) => Err(Failure::Stalled(timeout)),
        }
    }

    async fn receive(
        _: &Client,
        status: StatusCode,
        headers: HeaderMap,
        response: reqwest::Response,
    ) -> Result<Self, Failure> {
        Ok(Opened {
            status,
            headers,
            response,
            attempts: 1,
        })
    }

    fn after(self, attempts: u32) -> Self {
        Opened { attempts, ..self }
    }

    #[cfg(feature = "tracing")]
    fn status(&self) -> StatusCode {
        self.status
    }

    #[cfg(feature = "tracing")]
    fn headers_of(&self) -> &HeaderMap {
        &self.headers
    }
}

/// The events of a streamed response, in order: `Ok` for each event
/// whose data decodes, `Err` for one that does not
/// ([`Error::Decode`], keeping the raw data as its body; the stream goes
/// on), and a last `Err` when the connection fails, stalls past the
/// timeout ([`Error::StreamTimeout`]) or an event grows past the client's
/// `max_response_size`. It ends when the server closes the stream or
/// sends `data: [DONE]`.
#[must_use = "streams do nothing unless polled"]
pub struct EventStream<T> {
    status: StatusCode,
    headers: HeaderMap,
    attempts: u32,
    decode: Decode<T>,
    timeout: Duration,
    limit: usize,
    state: State,
}

/// Reading goes through a boxed future that owns the response and hands
/// it back: `chunk` borrows it, and the stream must not.
enum State {
    Idle(Box<Reader>),
    Reading(Pin<Box<dyn Future<Output = Read> + Send>>),
    Done,
}

/// The reader back, and whether its chunk was read.
type Read = (Box<Reader>, Result<(), Error>);

struct Reader {
    response: reqwest::Response,
    parser: Parser,
    ended: bool,
}

impl Reader {
    /// Reads the next chunk into the parser, within `timeout`.
    async fn read(
        mut self: Box<Self>,
        timeout: Duration,
        limit: usize,
        status: StatusCode,
        attempts: u32,
    ) -> (Box<Self>, Result<(), Error>) {
        let outcome = match tokio::time::timeout(timeout, self.response.chunk()).await {
            Err(_) => Err(Error::StreamTimeout {
                waited: timeout,
                attempts,
            }),
            // The URL may carry a query credential.
            Ok(Err(source)) if source.is_timeout() => Err(Error::Timeout {
                source: source.without_url(),
                attempts,
            }),
            Ok(Err(source)) => Err(Error::Transport {
                source: source.without_url(),
                attempts,
            }),
            Ok(Ok(None)) => {
                self.ended = true;
                Ok(())
            }
            Ok(Ok(Some(bytes))) => {
                self.parser.push(&bytes);
                if self.parser.pending() > limit {
                    Err(Error::ResponseTooLarge {
                        status,
                        limit,
                        attempts,
                    })
                } else {
                    Ok(())
                }
            }
        };
        (self, outcome)
    }
}

impl<T> EventStream<T> {
    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A response header as text, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// Requests sent, retries included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    fn decoded(&self, raw: RawEvent) -> Result<Event<T>, Error> {
        match (self.decode)(&raw.data) {
            Ok(data) => Ok(Event {
                event: raw.event,
                id: raw.id,
                retry: raw.retry,
                data,
            }),
            Err(source) => Err(Error::Decode(Box::new(DecodeError {
                status: self.status,
                headers: self.headers.clone(),
                body: raw.data.into_bytes(),
                source,
                attempts: self.attempts,
            }))),
        }
    }
}

// Nothing in an `EventStream` is pinned in place: its future is boxed.
impl<T> Unpin for EventStream<T> {}

impl<T> Stream for EventStream<T> {
    type Item = Result<Event<T>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                State::Done => return Poll::Ready(None),
                State::Idle(reader) => {
                    if let Some(raw) = reader.parser.events.pop_front() {
                        if raw.data == DONE {
                            this.state = State::Done;
                            return Poll::Ready(None);
                        }
                        return Poll::Ready(Some(this.decoded(raw)));
                    }
                    if reader.ended {
                        this.state = State::Done;
                        return Poll::Ready(None);
                    }
                    let State::Idle(reader) = std::mem::replace(&mut this.state, State::Done)
                    else {
                        unreachable!("the state was just matched as idle");
                    };
                    this.state = State::Reading(Box::pin(reader.read(
                        this.timeout,
                        this.limit,
                        this.status,
                        this.attempts,
                    )));
                }
                State::Reading(reading) => {
                    let (reader, outcome) = match reading.as_mut().poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(read) => read,
                    };
                    if let Err(error) = outcome {
                        this.state = State::Done;
                        return Poll::Ready(Some(Err(error)));
                    }
                    this.state = State::Idle(reader);
                }
            }
        }
    }
}
