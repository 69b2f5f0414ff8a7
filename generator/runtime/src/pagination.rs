//! Walking every page of a list operation whose envelope carries a
//! page- or cursor-style `result_info`: [`PagedCall`] is what such an
//! operation returns, awaited for one page or turned into a stream of
//! [`pages`](PagedCall::pages) or [`items`](PagedCall::items).
//!
//! Pages are requested with Cloudflare's query parameters: `page` (and
//! `per_page` when set) for page-style lists, `cursor` for cursor-style
//! ones. Each page is one call through the client's send loop, so
//! retries and timeouts apply per page. The walk stops at the first
//! error (after yielding it), at `total_pages`, on an empty page, on a
//! page shorter than `per_page`, when the server repeats a page number
//! or cursor it already gave, when a cursor-style page names no next
//! cursor, and after [`max_pages`](PagedCall::max_pages) pages. A page
//! whose body repeats one already yielded, byte for byte, is dropped and
//! ends the walk: a server ignoring `page` or `cursor` is never walked
//! in circles, and no item is yielded twice.

use std::collections::{BTreeSet, VecDeque};
use std::future::{Future, IntoFuture};
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::call::{Call, OptionalBody};
use crate::client::Client;
use crate::error::Error;
use crate::request::{Body, Query, Request};
use crate::response::{ApiResponse, RawResponse};

/// The pagination fields of a response's `result_info`, read leniently:
/// a field that is missing, `null` or of another type is `None`
/// (numbers sent as strings are accepted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResultInfo {
    /// The page this response is (1-based).
    pub page: Option<u64>,
    /// Items per page.
    pub per_page: Option<u64>,
    /// Items on this page.
    pub count: Option<u64>,
    /// Items on all pages.
    pub total_count: Option<u64>,
    /// Pages in all.
    pub total_pages: Option<u64>,
    /// The cursor to request the next page with; empty or absent on
    /// the last one.
    pub cursor: Option<String>,
}

impl ResultInfo {
    pub fn from_value(value: &serde_json::Value) -> Self {
        let number = |key: &str| match value.get(key) {
            Some(serde_json::Value::Number(n)) => n.as_u64(),
            Some(serde_json::Value::String(s)) => s.parse().ok(),
            _ => None,
        };
        let cursor = match value.get("cursor") {
            Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        };
        Self {
            page: number("page"),
            per_page: number("per_page"),
            count: number("count"),
            total_count: number("total_count"),
            total_pages: number("total_pages"),
            cursor,
        }
    }
}

/// How an operation's pages are requested, decided by the generator
/// from the shape of its `result_info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Paging {
    /// `?page=N`, counting from the page the first request asked for.
    Page,
    /// `?cursor=C`, with the cursor the previous page gave.
    Cursor,
}

/// A page's result as a list of items: implemented for the result
/// types of paginated operations.
pub trait PageItems {
    type Item;

    fn item_count(&self) -> usize;

    fn into_items(self) -> Vec<Self::Item>;
}

impl<T> PageItems for Vec<T> {
    type Item = T;

    fn item_count(&self) -> usize {
        self.len()
    }

    fn into_items(self) -> Vec<T> {
        self
    }
}

impl<T> PageItems for Option<Vec<T>> {
    type Item = T;

    fn item_count(&self) -> usize {
        self.as_ref().map_or(0, Vec::len)
    }

    fn into_items(self) -> Vec<T> {
        self.unwrap_or_default()
    }
}

/// What a paginated list operation returns: `.await` it for the page
/// the arguments ask for, or walk all of them with [`pages`](Self::pages)
/// or [`items`](Self::items). Headers, an idempotency key and an optional
/// body (`B`, as for [`Call`]) go with every page's request.
#[must_use = "nothing is sent until the call is awaited or its pages polled"]
pub struct PagedCall<R, B = ()> {
    call: Call<R, B>,
    paging: Paging,
    per_page: Option<u64>,
    max_pages: Option<usize>,
}

impl<R> PagedCall<R> {
    pub(crate) fn new(
        client: &Client,
        decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
        paging: Paging,
        build: impl FnOnce() -> Result<Request, Error>,
    ) -> Self {
        Self {
            call: Call::new(client, decode, build),
            paging,
            per_page: None,
            max_pages: None,
        }
    }
}

impl<R, T: ?Sized> PagedCall<R, OptionalBody<T>> {
    /// [`PagedCall::new`] for an operation whose body is optional (see
    /// [`Call::with_optional_body`]).
    pub(crate) fn with_optional_body(
        client: &Client,
        decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
        paging: Paging,
        encode: fn(&T) -> Result<Body, Error>,
        build: impl FnOnce() -> Result<Request, Error>,
    ) -> Self {
        Self {
            call: Call::with_optional_body(client, decode, encode, build),
            paging,
            per_page: None,
            max_pages: None,
        }
    }

    /// Sends `body` with every page's request (encoded at once; a value
    /// that cannot be encoded becomes the call's error). Without it, the
    /// requests have no body and no `Content-Type`.
    pub fn body(mut self, body: &T) -> Self {
        self.call = self.call.body(body);
        self
    }
}

impl<R, B> PagedCall<R, B> {
    /// Adds a header to every page's request; see [`Call::header`].
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.call = self.call.header(name, value);
        self
    }

    /// Sends `key` as the `Idempotency-Key` header of every page's
    /// request; see [`Call::idempotency_key`].
    pub fn idempotency_key(mut self, key: impl AsRef<str>) -> Self {
        self.call = self.call.idempotency_key(key);
        self
    }

    /// Asks for `per_page` items per page (the `per_page` query
    /// parameter), replacing any the arguments set.
    pub fn per_page(mut self, per_page: u64) -> Self {
        self.per_page = Some(per_page);
        self
    }

    /// Stops the walk after this many pages (at least one is fetched).
    pub fn max_pages(mut self, max_pages: usize) -> Self {
        self.max_pages = Some(max_pages.max(1));
        self
    }

    /// Sends the request for one page; the same as awaiting the call.
    pub async fn send(self) -> Result<ApiResponse<R>, Error> {
        let Self { call, per_page, .. } = self;
        send_page(call.client, call.request, call.decode, per_page).await
    }

    /// Every page, in order, as a stream of responses.
    pub fn pages(self) -> Pages<R> {
        let Call {
            client,
            request,
            decode,
            ..
        } = self.call;
        let (template, failed) = match request {
            Ok(mut request) => {
                if let Some(per_page) = self.per_page {
                    set_query(&mut request, "per_page", per_page.to_string());
                }
                (Some(request), None)
            }
            Err(error) => (None, Some(error)),
        };
        let first_page = template
            .as_ref()
            .and_then(|request| query_value(request, "page"))
            .and_then(|page| page.parse().ok())
            .unwrap_or(1);
        Pages {
            client,
            template,
            failed,
            decode,
            paging: self.paging,
            per_page: self.per_page,
            max_pages: self.max_pages,
            next: Next::First,
            requested_page: first_page,
            seen_pages: BTreeSet::new(),
            seen_cursors: BTreeSet::new(),
            seen_bodies: BTreeSet::new(),
            fetched: 0,
            in_flight: None,
        }
    }

    /// Every item of every page, in order.
    pub fn items(self) -> Items<R>
    where
        R: PageItems,
    {
        Items {
            pages: self.pages(),
            buffer: VecDeque::new(),
        }
    }
}

impl<R: Send + 'static, B> IntoFuture for PagedCall<R, B> {
    type Output = Result<ApiResponse<R>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        // One future type per result type, whatever the body's type.
        let Self { call, per_page, .. } = self;
        Box::pin(send_page(call.client, call.request, call.decode, per_page))
    }
}

async fn send_page<R>(
    client: Client,
    request: Result<Request, Error>,
    decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
    per_page: Option<u64>,
) -> Result<ApiResponse<R>, Error> {
    let mut request = request?;
    if let Some(per_page) = per_page {
        set_query(&mut request, "per_page", per_page.to_string());
    }
    decode(client.execute(request).await?)
}

/// Replaces every `name` pair of the request's query with one.
fn set_query(request: &mut Request, name: &'static str, value: String) {
    request.query.retain(|entry| entry.name() != name);
    request.query.push(Query::One { name, value });
}

fn query_value<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.query.iter().find_map(|entry| match entry {
        Query::One { name: key, value } if *key == name => Some(value.as_str()),
        _ => None,
    })
}

enum Next {
    First,
    Page(u64),
    Cursor(String),
    Done,
}

/// A page and a digest of its body.
type PageFuture<R> = Pin<Box<dyn Future<Output = Result<(u64, ApiResponse<R>), Error>> + Send>>;

/// The stream of a paginated operation's pages; see the module docs for
/// when it ends.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<R> {
    client: Client,
    template: Option<Request>,
    failed: Option<Error>,
    decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
    paging: Paging,
    per_page: Option<u64>,
    max_pages: Option<usize>,
    next: Next,
    /// The page number the request in flight asked for.
    requested_page: u64,
    seen_pages: BTreeSet<u64>,
    seen_cursors: BTreeSet<String>,
    /// Digests of the bodies of the pages yielded.
    seen_bodies: BTreeSet<u64>,
    fetched: usize,
    in_flight: Option<PageFuture<R>>,
}

impl<R: PageItems + Send + 'static> Pages<R> {
    fn start(&mut self) -> Option<PageFuture<R>> {
        let mut request = self.template.clone()?;
        match std::mem::replace(&mut self.next, Next::Done) {
            Next::First => {}
            Next::Page(page) => {
                self.requested_page = page;
                set_query(&mut request, "page", page.to_string());
            }
            Next::Cursor(cursor) => set_query(&mut request, "cursor", cursor),
            Next::Done => return None,
        }
        let client = self.client.clone();
        let decode = self.decode;
        Some(Box::pin(async move {
            let raw = client.execute(request).await?;
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            raw.body.hash(&mut hasher);
            Ok((hasher.finish(), decode(raw)?))
        }))
    }

    /// Decides what follows `page` (whose body has digest `body`);
    /// `false` when `page` itself repeats one already yielded (or is an
    /// empty page after the first) and is dropped.
    fn advance(&mut self, page: &ApiResponse<R>, body: u64) -> bool {
        let info = page.page_info().unwrap_or_default();
        let count = page.result.item_count();
        if count == 0 && self.fetched > 0 {
            return false;
        }
        if !self.seen_bodies.insert(body) {
            return false;
        }
        let number = info.page.unwrap_or(self.requested_page);
        if self.paging == Paging::Page && !self.seen_pages.insert(number) {
            return false;
        }
        self.fetched += 1;
        let per_page = info.per_page.or(self.per_page);
        let last = count == 0
            || self.max_pages.is_some_and(|max| self.fetched >= max)
            || per_page.is_some_and(|per_page| (count as u64) < per_page);
        // A cursor given again means the server goes round in circles,
        // whatever the style.
        let cursor_repeats = info
            .cursor
            .as_ref()
            .is_some_and(|cursor| !self.seen_cursors.insert(cursor.clone()));
        self.next = match self.paging {
            _ if last || cursor_repeats => Next::Done,
            Paging::Page => match info.total_pages {
                Some(total) if number >= total => Next::Done,
                _ => Next::Page(number + 1),
            },
            Paging::Cursor => match info.cursor {
                Some(cursor) => Next::Cursor(cursor),
                None => Next::Done,
            },
        };
        true
    }
}

impl<R: PageItems + Send + 'static> Stream for Pages<R> {
    type Item = Result<ApiResponse<R>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let Some(error) = this.failed.take() {
            this.next = Next::Done;
            return Poll::Ready(Some(Err(error)));
        }
        loop {
            if this.in_flight.is_none() {
                match this.start() {
                    Some(future) => this.in_flight = Some(future),
                    None => return Poll::Ready(None),
                }
            }
            let Some(future) = this.in_flight.as_mut() else {
                return Poll::Ready(None);
            };
            let outcome = match future.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(outcome) => outcome,
            };
            this.in_flight = None;
            match outcome {
                Err(error) => {
                    this.next = Next::Done;
                    return Poll::Ready(Some(Err(error)));
                }
                Ok((body, page)) => {
                    if this.advance(&page, body) {
                        return Poll::Ready(Some(Ok(page)));
                    }
                    this.next = Next::Done;
                }
            }
        }
    }
}

/// The stream of every item of a paginated operation, page after page.
#[must_use = "streams do nothing unless polled"]
pub struct Items<R: PageItems> {
    pages: Pages<R>,
    buffer: VecDeque<R::Item>,
}

// Nothing in `Items` is ever pinned: buffered items are moved out.
impl<R: PageItems> Unpin for Items<R> {}

impl<R: PageItems + Send + 'static> Stream for Items<R> {
    type Item = Result<R::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => this.buffer.extend(page.result.into_items()),
            }
        }
    }
}
