//! An optional client-side rate limiter shared by every clone of a
//! client, which delays requests rather than failing them, and which a
//! `429` with `Retry-After` pauses for everyone. It never lets more than
//! `requests` go out in any window of `per` (a sliding window over the
//! send times of the last `requests`), and paces them so that at most
//! `burst` go back to back (a token bucket, GCRA).
//!
//! Off by default: Cloudflare's global limit is 1,200 requests per five
//! minutes per user ([`RateLimit::cloudflare`]), but many endpoints have
//! their own, and a limiter in one process cannot know what others with
//! the same token send. Turn it on with
//! [`ClientBuilder::rate_limit`](crate::ClientBuilder::rate_limit).

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// How many requests may be sent per period; up to `burst` at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub requests: u32,
    pub per: Duration,
    /// Requests that may go out back to back before pacing starts;
    /// defaults to `requests`.
    pub burst: u32,
}

impl RateLimit {
    /// `requests` per `per`, all of them allowed in a burst.
    pub fn new(requests: u32, per: Duration) -> Self {
        Self {
            requests: requests.max(1),
            per,
            burst: requests.max(1),
        }
    }

    /// Cloudflare's global API limit: 1,200 requests per 5 minutes.
    pub fn cloudflare() -> Self {
        Self::new(1200, Duration::from_secs(300))
    }

    /// At most `burst` requests back to back (at least 1, at most
    /// `requests`: more could not go out within one period anyway).
    pub fn burst(mut self, burst: u32) -> Self {
        self.burst = burst.clamp(1, self.requests);
        self
    }

    fn interval(&self) -> Duration {
        self.per / self.requests
    }
}

/// The shared bucket. Time is tokio's, so tests can pause it.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limit: RateLimit,
    pub(crate) state: Mutex<State>,
}

#[derive(Debug)]
pub(crate) struct State {
    /// The theoretical arrival time of the next request (GCRA): each
    /// request moves it on by one interval; a request may go out as
    /// soon as it is at most `burst - 1` intervals ahead.
    next: Instant,
    /// No request goes out before this (a server's `Retry-After`).
    pub(crate) paused_until: Option<Instant>,
    /// When the last `requests` requests were let out, oldest first: the
    /// next may go one period after the oldest.
    sent: VecDeque<Instant>,
}

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        // The fields are public: a limit built by hand is made sound here.
        let requests = limit.requests.max(1);
        let limit = RateLimit {
            requests,
            burst: limit.burst.clamp(1, requests),
            ..limit
        };
        Self {
            limit,
            state: Mutex::new(State {
                next: Instant::now(),
                paused_until: None,
                sent: VecDeque::with_capacity(limit.requests as usize),
            }),
        }
    }

    /// Takes a token, waiting until one is free (and any pause is
    /// over). Each caller's place is reserved at once, so waiters go out
    /// in the order they asked.
    pub(crate) async fn acquire(&self) {
        let wait = self.reserve(Instant::now());
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }

    pub(crate) fn limit(&self) -> RateLimit {
        self.limit
    }

    /// The wait for the next token at `now`, with the token taken.
    fn reserve(&self, now: Instant) -> Duration {
        let interval = self.limit.interval();
        let tolerance = interval * (self.limit.burst - 1);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let start = match state.paused_until {
            Some(until) if until > now => until,
            _ => now,
        };
        let next = state.next.max(start);
        let paced = next.checked_sub(tolerance).unwrap_or(start).max(start);
        // Reservations are made in order and never move back, so `sent`
        // stays sorted.
        let window_open = if state.sent.len() < self.limit.requests as usize {
            start
        } else {
            state
                .sent
                .front()
                .map_or(start, |oldest| *oldest + self.limit.per)
        };
        let send_at = paced.max(window_open);
        state.next = next + interval;
        if state.sent.len() == self.limit.requests as usize {
            state.sent.pop_front();
        }
        state.sent.push_back(send_at);
        send_at.saturating_duration_since(now)
    }

    /// Holds every request of every clone until `wait` has passed: the
    /// server said so (`Retry-After` on a 429).
    pub(crate) fn pause_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.paused_until.is_none_or(|current| current < until) {
            state.paused_until = Some(until);
        }
    }
}

/// When the server says its budget is spent, how long until it resets:
/// read from the IETF draft's `RateLimit` field (`"default";r=0;t=30`,
/// as Cloudflare sends it; any policy at `r=0`), its older split form
/// (`RateLimit-Remaining: 0` with `RateLimit-Reset: 30`) or the common
/// `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset` (seconds, or a
/// Unix time when it is one, as GitHub sends it). A policy at `r=0`
/// without its reset `t` waits for its window, the `w` of the policy of
/// the same name in `RateLimit-Policy` (`"default";q=1200;w=300`): the
/// budget is back by then at the latest. Budget left, or a header that
/// does not parse, is `None`: never an error.
pub(crate) fn spent_for(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(field) = list_field(headers, "ratelimit") {
        let policies = list_field(headers, "ratelimit-policy").unwrap_or_default();
        return structured_spent_for(&field, &policies);
    }
    for (remaining, reset) in [
        ("ratelimit-remaining", "ratelimit-reset"),
        ("x-ratelimit-remaining", "x-ratelimit-reset"),
    ] {
        let spent = text(remaining).and_then(|r| r.trim().parse::<u64>().ok()) == Some(0);
        if spent {
            let reset: u64 = text(reset)?.trim().parse().ok()?;
            return Some(Duration::from_secs(seconds_until(reset)));
        }
    }
    None
}

/// A structured-field list, which may come split over several lines of
/// the same field (RFC 9651, section 3.1): the lines joined by commas.
/// `None` without the field or with a line that is not text.
fn list_field(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    let mut lines = headers.get_all(name).iter().peekable();
    lines.peek()?;
    let lines: Option<Vec<&str>> = lines.map(|line| line.to_str().ok()).collect();
    Some(lines?.join(","))
}

/// `"burst";r=0;t=2, "day";r=0, "hour";r=4;t=900` with the policies
/// `"day";q=1000;w=86400`: the longest wait among the policies with
/// nothing remaining, each its `t`, else its policy's window `w`. A
/// member that does not parse, or whose `r`, `t` or `w` is not a
/// non-negative integer, is left out; the others still count.
fn structured_spent_for(field: &str, policies: &str) -> Option<Duration> {
    let policies: Vec<Item> = list_items(policies).collect();
    list_items(field)
        .filter_map(|limit| {
            if limit.integer("r")?? != 0 {
                return None;
            }
            match limit.integer("t") {
                Some(reset) => reset,
                None => policies
                    .iter()
                    .find(|policy| policy.name == limit.name)?
                    .integer("w")?,
            }
        })
        .max()
        .map(Duration::from_secs)
}

/// One member of the draft's lists: a policy's name (a string or a
/// token; `"default"` and `default` are one name) and its parameters,
/// each key and the text of its value (`true` for a bare key).
#[derive(Debug)]
struct Item<'a> {
    name: String,
    parameters: Vec<(&'a str, &'a str)>,
}

impl Item<'_> {
    /// The parameter `key` (the last, if repeated): `None` when absent,
    /// `Some(None)` when it is not a non-negative integer.
    fn integer(&self, key: &str) -> Option<Option<u64>> {
        let (_, value) = self.parameters.iter().rev().find(|(k, _)| *k == key)?;
        let digits = value.len() <= 15 && value.bytes().all(|b| b.is_ascii_digit());
        Some(digits.then(|| value.parse().ok()).flatten())
    }
}

/// The members of a list that parse, in order; the others are skipped.
fn list_items(field: &str) -> impl Iterator<Item = Item<'_>> {
    split_outside_strings(field, ',').filter_map(|member| {
        let mut parts = split_outside_strings(member, ';');
        let name = bare_name(parts.next()?.trim())?;
        let mut parameters = Vec::new();
        for part in parts {
            let (key, value) = part.split_once('=').unwrap_or((part, "true"));
            let key = key.trim();
            let valid_key = key.starts_with(|c: char| c.is_ascii_lowercase() || c == '*')
                && key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-.*".contains(&b));
            if !valid_key {
                return None;
            }
            parameters.push((key, value.trim()));
        }
        Some(Item { name, parameters })
    })
}

/// A quoted string (its escapes `\"` and `\\` undone) or a token.
fn bare_name(text: &str) -> Option<String> {
    if let Some(quoted) = text.strip_prefix('"') {
        let mut name = String::new();
        let mut chars = quoted.chars();
        loop {
            match chars.next()? {
                '"' => return chars.as_str().is_empty().then_some(name),
                '\\' => match chars.next()? {
                    c @ ('"' | '\\') => name.push(c),
                    _ => return None,
                },
                c if c == ' ' || c.is_ascii_graphic() => name.push(c),
                _ => return None,
            }
        }
    }
    let token = text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '*')
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~:/".contains(&b));
    token.then(|| text.to_string())
}

/// `text` cut at each `separator` outside a quoted string (where `\"`
/// does not end the string).
fn split_outside_strings(text: &str, separator: char) -> impl Iterator<Item = &str> {
    let mut in_string = false;
    let mut escaped = false;
    let mut start = 0;
    let mut cuts = Vec::new();
    for (index, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            c if c == separator && !in_string => {
                cuts.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    cuts.push(&text[start..]);
    cuts.into_iter()
}

/// A reset given as seconds from now, or as a Unix time (anything past
/// 2001, which no window lasts).
fn seconds_until(reset: u64) -> u64 {
    const UNIX_TIME_FROM: u64 = 1_000_000_000;
    if reset < UNIX_TIME_FROM {
        return reset;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    reset.saturating_sub(now)
}

/// The time the server's announced budget resets, shared by every clone
/// of a client; kept whether or not a [`RateLimit`] is configured.
#[derive(Debug, Default)]
pub(crate) struct ServerBudget {
    spent_until: Mutex<Option<Instant>>,
}

impl ServerBudget {
    /// The server said its budget is spent for `wait` (from now).
    pub(crate) fn spent_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut spent = self.spent_until.lock().unwrap_or_else(|e| e.into_inner());
        if spent.is_none_or(|current| current < until) {
            *spent = Some(until);
        }
    }

    /// Waits until the budget resets, unless that is further off than
    /// `longest`: then the request goes now and the server's answer
    /// decides (a wait that long is the caller's call, not ours).
    pub(crate) async fn wait(&self, longest: Duration) {
        let until = *self.spent_until.lock().unwrap_or_else(|e| e.into_inner());
        let Some(until) = until else {
            return;
        };
        let wait = until.saturating_duration_since(Instant::now());
        if !wait.is_zero() && wait <= longest {
            tokio::time::sleep(wait).await;
        }
    }
}
