//! Walking every page of a list operation: [`PagedCall`] is what such an
//! operation returns, awaited for one page or turned into a stream of
//! [`pages`](PagedCall::pages) or [`items`](PagedCall::items).
//!
//! How pages are asked for is static data the generator decided from the
//! spec ([`Paging`]): where a page's items are in the body, a `has_more`
//! flag, and the next request: a page number (Cloudflare's `result_info`,
//! Hetzner's `meta.pagination`), a token in the body sent back as a query
//! parameter (`cursor`, `next_page`, `last_id` as `after`), the last
//! item's id (Stripe's `starting_after`), a next link in the body
//! (`links.next`, `next`) or in the `Link` header (`rel="next"`). Each page's
//! raw body is read once as JSON for that (the decoded result is never
//! looked into), and each page is one call through the client's send
//! loop, so retries and timeouts apply per page.
//!
//! The walk stops at the first error (after yielding it), on an empty page
//! (not yielded after the first), when `has_more` is `false`, at the last
//! page number (the body's last page, a `null` next page, a page shorter
//! than `per_page`), when a page names no next token or link, when a
//! token, id or link repeats one already asked for or a page number one
//! already received, when a next link leaves the client's base URL
//! (credentials are never sent elsewhere), and after
//! [`max_pages`](PagedCall::max_pages) pages. A page whose body repeats
//! one already yielded, byte for byte, is dropped and ends the walk: a
//! server ignoring the page parameter is never walked in circles, and no
//! item is yielded twice.

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

/// A JSON path: member names from the body's root (`&[]` is the body).
pub(crate) type Path = &'static [&'static str];

/// How an operation's pages are walked, decided by the generator from
/// the spec: where each page's items are, what says it is the last one
/// and how the next one is requested. Static data, read from the raw
/// body and headers of each page (never from the decoded result).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Paging {
    /// The items array (`&["result"]`, `&["data"]`; `&[]` when the body
    /// is the array).
    pub items: Path,
    /// A boolean that is `false` on the last page (`has_more`).
    pub has_more: Option<Path>,
    /// The query parameter [`per_page`](PagedCall::per_page) sets.
    pub page_size: Option<&'static str>,
    /// How the page after this one is asked for.
    pub next: Next,
}

/// How the page after the one received is requested.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// `?param=N+1`, counting from the page the first request asked for
    /// (or the body's own `page`). The walk ends when the body's
    /// `next` page is `null`, at its `last` page, or on a page shorter
    /// than its `per_page` (or the one asked for).
    Page {
        param: &'static str,
        page: Option<Path>,
        next: Option<Path>,
        last: Option<Path>,
        per_page: Option<Path>,
    },
    /// `?param=<the token at `at`>`; no (or an empty) token ends it.
    Token { at: Path, param: &'static str },
    /// `?param=<the last item's `field`>` (Stripe's `starting_after`).
    LastItem {
        field: &'static str,
        param: &'static str,
    },
    /// The URL at `at` (`links.next`, `next`), followed as given.
    Url { at: Path },
    /// The URL of the `Link` header's `rel="next"` (RFC 8288).
    LinkHeader,
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

    /// Asks for `per_page` items per page, replacing any the arguments
    /// set: the operation's own page-size parameter (`per_page`, `limit`,
    /// `page_size`, as its spec names it). Ignored for an operation
    /// declaring none.
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
        let Self {
            call,
            paging,
            per_page,
            ..
        } = self;
        send_page(
            call.client,
            call.request,
            call.decode,
            page_size(paging, per_page),
        )
        .await
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
                if let Some((name, per_page)) = page_size(self.paging, self.per_page) {
                    set_query(&mut request, name, per_page.to_string());
                }
                (Some(request), None)
            }
            Err(error) => (None, Some(error)),
        };
        let first_page = match self.paging.next {
            Next::Page { param, .. } => template
                .as_ref()
                .and_then(|request| query_value(request, param))
                .and_then(|page| page.parse().ok())
                .unwrap_or(1),
            _ => 1,
        };
        Pages {
            client,
            template,
            failed,
            decode,
            paging: self.paging,
            per_page: self.per_page,
            max_pages: self.max_pages,
            next: Ask::First,
            requested_page: first_page,
            seen_pages: BTreeSet::new(),
            seen_next: BTreeSet::new(),
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
        let Self {
            call,
            paging,
            per_page,
            ..
        } = self;
        Box::pin(send_page(
            call.client,
            call.request,
            call.decode,
            page_size(paging, per_page),
        ))
    }
}

/// The page-size pair `per_page(n)` asks for, if the operation has one.
fn page_size(paging: Paging, per_page: Option<u64>) -> Option<(&'static str, u64)> {
    paging.page_size.zip(per_page)
}

async fn send_page<R>(
    client: Client,
    request: Result<Request, Error>,
    decode: fn(RawResponse) -> Result<ApiResponse<R>, Error>,
    page_size: Option<(&'static str, u64)>,
) -> Result<ApiResponse<R>, Error> {
    let mut request = request?;
    if let Some((name, per_page)) = page_size {
        set_query(&mut request, name, per_page.to_string());
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

/// What the next request asks for.
enum Ask {
    First,
    /// A query parameter set to a page number, token or item id.
    Query(&'static str, String),
    /// A path and query under the client's base URL, from a next link.
    Link(String),
    Done,
}

/// A page as received: its body's digest, its body read as JSON (`null`
/// when it is not), its `Link` header's next URL, and the decoded page.
struct Received<R> {
    digest: u64,
    body: serde_json::Value,
    link_next: Option<String>,
    page: ApiResponse<R>,
}

type PageFuture<R> = Pin<Box<dyn Future<Output = Result<Received<R>, Error>> + Send>>;

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
    next: Ask,
    /// The page number the request in flight asked for.
    requested_page: u64,
    seen_pages: BTreeSet<u64>,
    /// Tokens, item ids and links already asked for.
    seen_next: BTreeSet<String>,
    /// Digests of the bodies of the pages yielded.
    seen_bodies: BTreeSet<u64>,
    fetched: usize,
    in_flight: Option<PageFuture<R>>,
}

impl<R: Send + 'static> Pages<R> {
    fn start(&mut self) -> Option<PageFuture<R>> {
        let mut request = self.template.clone()?;
        match std::mem::replace(&mut self.next, Ask::Done) {
            Ask::First => {}
            Ask::Query(name, value) => {
                if let Next::Page { .. } = self.paging.next {
                    self.requested_page = value.parse().unwrap_or(self.requested_page);
                }
                set_query(&mut request, name, value);
            }
            Ask::Link(path_and_query) => {
                // The link names every parameter itself.
                request.path = path_and_query;
                request.query.clear();
            }
            Ask::Done => return None,
        }
        let client = self.client.clone();
        let decode = self.decode;
        let follows_header = self.paging.next == Next::LinkHeader;
        Some(Box::pin(async move {
            let raw = client.execute(request).await?;
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            raw.body.hash(&mut hasher);
            let body = serde_json::from_slice(&raw.body).unwrap_or(serde_json::Value::Null);
            let link_next = if follows_header {
                link_next(&raw.headers)
            } else {
                None
            };
            Ok(Received {
                digest: hasher.finish(),
                body,
                link_next,
                page: decode(raw)?,
            })
        }))
    }

    /// Decides what follows `received`; `false` when it repeats a page
    /// already yielded (or is an empty page after the first) and is
    /// dropped.
    fn advance(&mut self, received: &Received<R>) -> bool {
        let body = &received.body;
        let items = at(body, self.paging.items).and_then(serde_json::Value::as_array);
        let count = items.map_or(0, Vec::len);
        if count == 0 && self.fetched > 0 {
            return false;
        }
        if !self.seen_bodies.insert(received.digest) {
            return false;
        }
        let mut number = self.requested_page;
        if let Next::Page { page, .. } = self.paging.next {
            number = page
                .and_then(|path| number_at(body, path))
                .unwrap_or(number);
            if !self.seen_pages.insert(number) {
                return false;
            }
        }
        self.fetched += 1;
        let no_more = self
            .paging
            .has_more
            .and_then(|path| at(body, path))
            .and_then(serde_json::Value::as_bool)
            == Some(false);
        let last = count == 0 || no_more || self.max_pages.is_some_and(|max| self.fetched >= max);
        self.next = if last {
            Ask::Done
        } else {
            self.after(body, items, count, number, received.link_next.as_deref())
        };
        true
    }

    /// The request after page `number` (with `count` items), or `Done`.
    fn after(
        &mut self,
        body: &serde_json::Value,
        items: Option<&Vec<serde_json::Value>>,
        count: usize,
        number: u64,
        link_next: Option<&str>,
    ) -> Ask {
        let (param, value) = match self.paging.next {
            Next::Page {
                param,
                next,
                last,
                per_page,
                ..
            } => {
                let per_page = per_page
                    .and_then(|path| number_at(body, path))
                    .or(self.per_page);
                let beyond_last = last
                    .and_then(|path| number_at(body, path))
                    .is_some_and(|last| number >= last);
                if beyond_last || per_page.is_some_and(|per_page| (count as u64) < per_page) {
                    return Ask::Done;
                }
                // A `next` page the body names is `null` on the last one.
                let next = match next {
                    Some(path) => number_at(body, path),
                    None => Some(number + 1),
                };
                return match next {
                    Some(next) => Ask::Query(param, next.to_string()),
                    None => Ask::Done,
                };
            }
            Next::Token { at: path, param } => match text_at(body, path) {
                Some(token) => (param, token),
                None => return Ask::Done,
            },
            Next::LastItem { field, param } => {
                let last = items.and_then(|items| items.last());
                match last.and_then(|item| text_at(item, &[field])) {
                    Some(id) => (param, id),
                    None => return Ask::Done,
                }
            }
            Next::Url { at: path } => return self.follow(text_at(body, path).as_deref()),
            Next::LinkHeader => return self.follow(link_next),
        };
        // A token given again means the server goes round in circles.
        if !self.seen_next.insert(value.clone()) {
            return Ask::Done;
        }
        Ask::Query(param, value)
    }

    /// The request for a next link: only one under the client's base URL
    /// is followed (credentials go nowhere else), and only once.
    fn follow(&mut self, link: Option<&str>) -> Ask {
        let base_url = &self.client.inner.base_url;
        let Some(path) = link.and_then(|link| under_base(base_url, link)) else {
            return Ask::Done;
        };
        if !self.seen_next.insert(path.clone()) {
            return Ask::Done;
        }
        Ask::Link(path)
    }
}

/// The member at `path` (`&[]` is `value` itself).
fn at<'v>(value: &'v serde_json::Value, path: &[&str]) -> Option<&'v serde_json::Value> {
    path.iter().try_fold(value, |value, key| value.get(key))
}

/// A non-negative number at `path`, also when sent as a string.
fn number_at(value: &serde_json::Value, path: Path) -> Option<u64> {
    match at(value, path)? {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A non-empty string (or a number, as text) at `path`.
fn text_at(value: &serde_json::Value, path: &[&str]) -> Option<String> {
    match at(value, path)? {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `link`, resolved against `base_url`, as the path and query to send
/// under it; `None` when it points anywhere else.
pub(crate) fn under_base(base_url: &str, link: &str) -> Option<String> {
    let base = reqwest::Url::parse(base_url).ok()?;
    let resolved = base.join(link).ok()?;
    let rest = resolved
        .as_str()
        .strip_prefix(base.as_str().trim_end_matches('/'))?;
    (rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')).then(|| rest.to_string())
}

/// The target of the `rel="next"` link of the `Link` headers (RFC 8288:
/// `<url>; rel="next", <url>; rel="last"`; `rel` may name several
/// relations, separated by spaces).
fn link_next(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(next_in_link)
}

/// `text` split at each `separator` that is not inside double quotes.
fn outside_quotes(text: &str, separator: char) -> impl Iterator<Item = &str> {
    let mut quoted = false;
    text.split(move |c: char| {
        if c == '"' {
            quoted = !quoted;
        }
        c == separator && !quoted
    })
}

/// The `rel="next"` target of one `Link` header value.
pub(crate) fn next_in_link(value: &str) -> Option<String> {
    let mut rest = value;
    loop {
        let open = rest.find('<')?;
        let close = open + rest[open..].find('>')?;
        let target = &rest[open + 1..close];
        rest = &rest[close + 1..];
        // The link's parameters run to the next `<` outside quotes.
        let mut end = rest.len();
        let mut quoted = false;
        for (index, c) in rest.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '<' if !quoted => {
                    end = index;
                    break;
                }
                _ => {}
            }
        }
        let is_next = outside_quotes(&rest[..end], ';').any(|param| {
            let Some((name, value)) = param.split_once('=') else {
                return false;
            };
            name.trim().eq_ignore_ascii_case("rel")
                && value
                    .trim()
                    .trim_end_matches(',')
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|rel| rel.eq_ignore_ascii_case("next"))
        });
        if is_next {
            return Some(target.to_string());
        }
        rest = &rest[end..];
    }
}

impl<R: Send + 'static> Stream for Pages<R> {
    type Item = Result<ApiResponse<R>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let Some(error) = this.failed.take() {
            this.next = Ask::Done;
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
                    this.next = Ask::Done;
                    return Poll::Ready(Some(Err(error)));
                }
                Ok(received) => {
                    if this.advance(&received) {
                        return Poll::Ready(Some(Ok(received.page)));
                    }
                    this.next = Ask::Done;
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
