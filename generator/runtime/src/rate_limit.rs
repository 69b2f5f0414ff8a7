//! An optional client-side rate limiter: a token bucket shared by every
//! clone of a client, which delays requests rather than failing them,
//! and which a `429` with `Retry-After` pauses for everyone.
//!
//! Off by default: Cloudflare's global limit is 1,200 requests per five
//! minutes per user ([`RateLimit::cloudflare`]), but many endpoints have
//! their own, and a limiter in one process cannot know what others with
//! the same token send. Turn it on with
//! [`ClientBuilder::rate_limit`](crate::ClientBuilder::rate_limit).

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

    /// At most `burst` requests back to back (at least 1).
    pub fn burst(mut self, burst: u32) -> Self {
        self.burst = burst.max(1);
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
}

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            state: Mutex::new(State {
                next: Instant::now(),
                paused_until: None,
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
        let send_at = next.checked_sub(tolerance).unwrap_or(start).max(start);
        state.next = next + interval;
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
