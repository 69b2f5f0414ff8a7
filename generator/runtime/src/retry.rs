//! When to send a request again, and how long to wait first.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Server hints this long or longer are ignored in favour of backoff,
/// so a misconfigured server cannot park a caller for hours.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Backoff doubles from the base delay up to this multiple of it.
const MAX_BACKOFF_FACTOR: u32 = 16;

/// Statuses where the next attempt may well succeed: request timeout,
/// lock conflict, rate limit, server errors.
pub(crate) fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The wait before retry number `retry` (from 1): the server's hint
/// when usable, else exponential backoff with jitter.
pub(crate) fn delay(retry: u32, base: Duration, headers: Option<&HeaderMap>) -> Duration {
    headers
        .and_then(retry_after)
        .unwrap_or_else(|| backoff(retry, base))
}

fn backoff(retry: u32, base: Duration) -> Duration {
    let factor = 2u32
        .saturating_pow(retry.saturating_sub(1))
        .min(MAX_BACKOFF_FACTOR);
    // Up to a quarter less, so clients that failed together spread out.
    base.saturating_mul(factor)
        .mul_f64(1.0 - 0.25 * fastrand::f64())
}

/// `Retry-After-Ms` (milliseconds), else `Retry-After` (seconds or an
/// HTTP date), when strictly between zero and [`MAX_RETRY_AFTER`].
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = |name| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    };
    let delay = text("retry-after-ms")
        .and_then(|ms| ms.parse::<f64>().ok())
        .and_then(|ms| seconds(ms / 1000.0))
        .or_else(|| text("retry-after").and_then(parse_retry_after))?;
    (!delay.is_zero() && delay < MAX_RETRY_AFTER).then_some(delay)
}

/// Fractional seconds are accepted too, as some servers send them.
fn parse_retry_after(text: &str) -> Option<Duration> {
    if let Ok(value) = text.parse::<f64>() {
        return seconds(value);
    }
    let date = httpdate::parse_http_date(text).ok()?;
    date.duration_since(SystemTime::now()).ok()
}

/// `None` for negative, NaN or absurdly large values.
fn seconds(value: f64) -> Option<Duration> {
    Duration::try_from_secs_f64(value).ok()
}
