use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::retry::{delay, retry_after, retryable_status};

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, value.parse().unwrap());
    }
    map
}

#[test]
fn reads_every_form_of_retry_after() {
    let ms = headers(&[("retry-after-ms", "250"), ("retry-after", "9")]);
    assert_eq!(retry_after(&ms), Some(Duration::from_millis(250)));
    assert_eq!(
        retry_after(&headers(&[("retry-after", "3")])),
        Some(Duration::from_secs(3))
    );
    assert_eq!(
        retry_after(&headers(&[("retry-after", "0.5")])),
        Some(Duration::from_millis(500))
    );
    let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
    let wait = retry_after(&headers(&[("retry-after", &soon)])).unwrap();
    assert!(
        wait > Duration::from_secs(28) && wait <= Duration::from_secs(30),
        "{wait:?}"
    );
}

#[test]
fn ignores_unusable_retry_after() {
    for value in [
        "0",
        "60",
        "3600",
        "-1",
        "NaN",
        "soon",
        "Wed, 21 Oct 2015 07:28:00 GMT",
    ] {
        assert_eq!(
            retry_after(&headers(&[("retry-after", value)])),
            None,
            "{value}"
        );
    }
    assert_eq!(retry_after(&HeaderMap::new()), None);
}

#[test]
fn backoff_doubles_to_a_cap_with_jitter() {
    let base = Duration::from_millis(500);
    for (retry, full) in [
        (1, 500),
        (2, 1000),
        (3, 2000),
        (5, 8000),
        (9, 8000),
        (40, 8000),
    ] {
        let full = Duration::from_millis(full);
        let wait = delay(retry, base, None);
        assert!(
            wait <= full && wait >= full.mul_f64(0.75),
            "retry {retry}: {wait:?}"
        );
    }
}

#[test]
fn a_usable_hint_wins_over_backoff() {
    let hint = headers(&[("retry-after", "2")]);
    assert_eq!(
        delay(5, Duration::from_millis(500), Some(&hint)),
        Duration::from_secs(2)
    );
}

#[test]
fn retries_only_statuses_that_may_change() {
    let retried: Vec<u16> = (100..600)
        .filter(|code| retryable_status(StatusCode::from_u16(*code).unwrap()))
        .filter(|code| *code < 500)
        .collect();
    assert_eq!(retried, [408, 409, 429]);
    assert!(retryable_status(StatusCode::BAD_GATEWAY));
}
