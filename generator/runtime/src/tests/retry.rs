use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::retry::{Retry, delay, repeatable, retry_after, status_retry, uuid_v4};

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
fn statuses_are_refusals_or_ambiguous() {
    let none = HeaderMap::new();
    let of =
        |code: u16, headers: &HeaderMap| status_retry(StatusCode::from_u16(code).unwrap(), headers);
    let refused: Vec<u16> = (100..600)
        .filter(|code| of(*code, &none) == Retry::Unprocessed)
        .collect();
    assert_eq!(refused, [408, 409, 429]);
    let ambiguous: Vec<u16> = (100..600)
        .filter(|code| of(*code, &none) == Retry::Ambiguous)
        .collect();
    assert_eq!(ambiguous, (500..600).collect::<Vec<u16>>());
    // A 503 that says when to come back did not do the work; nor a 429
    // either way. Other server errors stay ambiguous with the header.
    for pairs in [
        [("retry-after", "2")],
        [("retry-after-ms", "150")],
        [("retry-after", "3600")],
    ] {
        let hinted = headers(&pairs);
        assert_eq!(of(503, &hinted), Retry::Unprocessed, "{pairs:?}");
        assert_eq!(of(429, &hinted), Retry::Unprocessed, "{pairs:?}");
        assert_eq!(of(500, &hinted), Retry::Ambiguous, "{pairs:?}");
        assert_eq!(of(502, &hinted), Retry::Ambiguous, "{pairs:?}");
    }
    assert_eq!(of(400, &headers(&[("retry-after", "2")])), Retry::Never);
}

#[test]
fn ambiguous_failures_are_retried_only_for_repeatable_requests() {
    assert_eq!(
        [Retry::Never, Retry::Unprocessed, Retry::Ambiguous].map(|retry| retry.allows(false)),
        [false, true, false]
    );
    assert_eq!(
        [Retry::Never, Retry::Unprocessed, Retry::Ambiguous].map(|retry| retry.allows(true)),
        [false, true, true]
    );
}

#[test]
fn idempotent_methods_or_a_key_make_a_request_repeatable() {
    use reqwest::Method;
    let none = HeaderMap::new();
    let keyed = headers(&[("idempotency-key", "k")]);
    let methods = [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::TRACE,
        Method::PUT,
        Method::DELETE,
        Method::POST,
        Method::PATCH,
        Method::from_bytes(b"PURGE").unwrap(),
    ];
    let bare: Vec<bool> = methods.iter().map(|m| repeatable(m, &none)).collect();
    assert_eq!(
        bare,
        [true, true, true, true, true, true, false, false, false]
    );
    assert!(methods.iter().all(|m| repeatable(m, &keyed)));
    // Header names are case-insensitive.
    let mut spelled = HeaderMap::new();
    spelled.insert("Idempotency-Key", "k".parse().unwrap());
    assert!(repeatable(&Method::POST, &spelled));
}

#[test]
fn idempotency_keys_are_version_4_uuids() {
    assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    assert_eq!(
        uuid_v4([
            0x0f, 0x8f, 0xad, 0x5b, 0xd9, 0xcb, 0x46, 0x9f, 0xa1, 0x65, 0x70, 0x86, 0x77, 0x28,
            0x95, 0x0e
        ]),
        "0f8fad5b-d9cb-469f-a165-70867728950e"
    );
    let first = crate::retry::idempotency_key().unwrap();
    let second = crate::retry::idempotency_key().unwrap();
    assert_ne!(first, second);
    let text = first.to_str().unwrap();
    assert_eq!(text.len(), 36);
    assert_eq!(&text[14..15], "4");
    assert!(matches!(&text[19..20], "8" | "9" | "a" | "b"), "{text}");
}
