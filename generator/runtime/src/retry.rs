//! When to send a request again, and how long to wait first.
//!
//! A failure either proves the server did not act on the request, or
//! leaves it unknown ([`Retry`]). The first kind is retried for every
//! method. The second only for a request that may safely be applied
//! twice: an idempotent method (`GET`, `HEAD`, `OPTIONS`, `TRACE`, `PUT`,
//! `DELETE`) or one carrying an `Idempotency-Key`, which a server that
//! honours it uses to apply the request once.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Server hints this long or longer are ignored in favour of backoff,
/// so a misconfigured server cannot park a caller for hours.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Backoff doubles from the base delay up to this multiple of it.
const MAX_BACKOFF_FACTOR: u32 = 16;

/// Whether a failed attempt is worth another, and for which requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Retry {
    /// The same request would fail the same way.
    Never,
    /// The server did not act on the request (it could not be sent, or
    /// the server said so): retried whatever the method.
    Unprocessed,
    /// The server may have acted on it: retried only when that is safe.
    Ambiguous,
}

impl Retry {
    /// Whether to try again; `repeatable`: the request is idempotent or
    /// carries an idempotency key.
    pub(crate) fn allows(self, repeatable: bool) -> bool {
        match self {
            Self::Never => false,
            Self::Unprocessed => true,
            Self::Ambiguous => repeatable,
        }
    }
}

/// What a status says: request timeout (the request was not received in
/// full), conflict and rate limit are refusals, and so is a `503` that
/// says when to come back (`Retry-After` or `Retry-After-Ms`); any other
/// server error may come after the work was done.
pub(crate) fn status_retry(status: StatusCode, headers: &HeaderMap) -> Retry {
    match status.as_u16() {
        408 | 409 | 429 => Retry::Unprocessed,
        503 if headers.contains_key("retry-after") || headers.contains_key("retry-after-ms") => {
            Retry::Unprocessed
        }
        _ if status.is_server_error() => Retry::Ambiguous,
        _ => Retry::Never,
    }
}

/// Whether a request may be sent twice to the same effect without a
/// key: its method is idempotent (RFC 9110: `GET`, `HEAD`, `OPTIONS`,
/// `TRACE`, `PUT`, `DELETE`), or it carries an `Idempotency-Key`.
pub(crate) fn repeatable(method: &reqwest::Method, headers: &HeaderMap) -> bool {
    method.is_idempotent() || headers.contains_key(crate::call::IDEMPOTENCY_KEY)
}

/// A fresh idempotency key: 122 random bits from the operating system,
/// written as a version 4 UUID (`0f8fad5b-d9cb-469f-a165-70867728950e`),
/// the form Stripe's own libraries send.
pub(crate) fn idempotency_key() -> Result<reqwest::header::HeaderValue, crate::error::Error> {
    let failed = |reason: &dyn std::fmt::Display| {
        crate::error::Error::Config(format!("cannot make an idempotency key: {reason}"))
    };
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|error| failed(&error))?;
    // Hex digits and dashes: always a valid value.
    reqwest::header::HeaderValue::try_from(uuid_v4(bytes)).map_err(|error| failed(&error))
}

/// `bytes` as a version 4 (random) UUID: the version and variant bits
/// set, the rest kept.
pub(crate) fn uuid_v4(mut bytes: [u8; 16]) -> String {
    use std::fmt::Write;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut text = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        let _ = write!(text, "{byte:02x}");
    }
    text
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
