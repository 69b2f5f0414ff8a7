//! The rate limiter on tokio's paused clock (no wall-clock assertions),
//! and the retry budget and shared pacing against a loopback mock
//! (counts only).

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::Client;
use crate::rate_limit::{RateLimit, RateLimiter};

/// When each of `count` callers, asking at once, was let through,
/// relative to the start, in whole milliseconds.
async fn release_times(limiter: Arc<RateLimiter>, count: usize) -> Vec<u128> {
    let start = Instant::now();
    let mut handles = Vec::new();
    for _ in 0..count {
        let limiter = Arc::clone(&limiter);
        handles.push(tokio::spawn(async move {
            limiter.acquire().await;
            start.elapsed().as_millis()
        }));
    }
    let mut times = Vec::new();
    for handle in handles {
        times.push(handle.await.unwrap());
    }
    times.sort();
    times
}

/// The most of `times` (sorted, ms) in any half-open window of `period`.
fn busiest_window(times: &[u128], period: u128) -> usize {
    (0..times.len())
        .map(|i| {
            times[i..]
                .iter()
                .take_while(|t| **t < times[i] + period)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[tokio::test(start_paused = true)]
async fn a_burst_then_one_per_interval_never_more_than_the_rate() {
    let limiter = Arc::new(RateLimiter::new(
        RateLimit::new(4, Duration::from_secs(4)).burst(2),
    ));
    // Paced after the burst, and the fifth waits for the first to leave
    // the window.
    let times = release_times(limiter, 6).await;
    assert_eq!(times, [0, 0, 1000, 2000, 4000, 4000]);
    assert_eq!(busiest_window(&times, 4000), 4);
}

#[tokio::test(start_paused = true)]
async fn a_full_burst_is_followed_by_a_full_period() {
    // A bucket alone would let 7 of 10 through in the first second.
    let limiter = Arc::new(RateLimiter::new(RateLimit::new(4, Duration::from_secs(1))));
    let times = release_times(limiter, 10).await;
    assert_eq!(times, [0, 0, 0, 0, 1000, 1000, 1000, 1000, 2000, 2000]);
}

#[tokio::test(start_paused = true)]
async fn cloudflare_sized_budgets_hold_in_every_window() {
    let limiter = Arc::new(RateLimiter::new(RateLimit::cloudflare()));
    let times = release_times(limiter, 3000).await;
    assert_eq!(busiest_window(&times, 300_000), 1200);
    assert_eq!(
        (times[1199], times[1200], times[2400]),
        (0, 300_000, 600_000)
    );
}

#[tokio::test(start_paused = true)]
async fn an_idle_bucket_refills_only_to_its_burst() {
    let limiter = Arc::new(RateLimiter::new(
        RateLimit::new(4, Duration::from_secs(4)).burst(2),
    ));
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert_eq!(release_times(limiter, 4).await, [0, 0, 1000, 2000]);
}

/// Records when each request reached the server.
struct Arrivals(Arc<std::sync::Mutex<Vec<std::time::Instant>>>);

impl wiremock::Respond for Arrivals {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        self.0.lock().unwrap().push(std::time::Instant::now());
        ResponseTemplate::new(200).set_body_string("{}")
    }
}

#[tokio::test]
async fn at_the_server_no_window_sees_more_than_the_rate() {
    let server = MockServer::start().await;
    let arrivals = Arc::new(std::sync::Mutex::new(Vec::new()));
    Mock::given(method("GET"))
        .respond_with(Arrivals(Arc::clone(&arrivals)))
        .mount(&server)
        .await;
    let client = client(&server)
        .rate_limit(RateLimit::new(4, Duration::from_millis(500)))
        .build()
        .unwrap();
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.status().await.map(|_| ()) })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    let mut times = arrivals.lock().unwrap().clone();
    times.sort();
    let first = times[0];
    let ms: Vec<u128> = times.iter().map(|t| (*t - first).as_millis()).collect();
    // Three waves, 500 ms apart; up to 200 ms allowed between leaving
    // the limiter and arriving (a loaded machine).
    assert_eq!(busiest_window(&ms, 300), 4, "{ms:?}");
    assert!(ms[4] >= 300 && ms[8] >= 800 && ms[9] < 3000, "{ms:?}");
}

#[test]
fn a_burst_is_at_most_the_rate() {
    let limit = RateLimit::new(1, Duration::from_secs(1)).burst(2);
    assert_eq!(limit.burst, 1);
    assert_eq!(RateLimit::new(4, Duration::from_secs(1)).burst(0).burst, 1);
    // Built by hand, a limit of nothing still lets one through per period.
    let by_hand = RateLimit {
        requests: 0,
        per: Duration::from_secs(1),
        burst: 9,
    };
    assert_eq!(RateLimiter::new(by_hand).limit().burst, 1);
}

#[tokio::test(start_paused = true)]
async fn a_pause_holds_everyone_back() {
    let limiter = Arc::new(RateLimiter::new(RateLimit::cloudflare()));
    limiter.pause_for(Duration::from_secs(3));
    // Burst of 1,200: only the pause delays them.
    assert_eq!(release_times(Arc::clone(&limiter), 3).await, [3000; 3]);
    // A shorter pause does not shorten a longer one.
    limiter.pause_for(Duration::from_secs(2));
    limiter.pause_for(Duration::from_secs(1));
    assert_eq!(release_times(limiter, 1).await, [2000]);
}

#[test]
fn cloudflare_limit() {
    let limit = RateLimit::cloudflare();
    assert_eq!(
        (limit.requests, limit.per, limit.burst),
        (1200, Duration::from_secs(300), 1200)
    );
}

fn client(server: &MockServer) -> crate::client::ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .retry_base_delay(Duration::from_millis(1))
}

async fn always(status: u16, header: (&str, &str)) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(status).insert_header(header.0, header.1))
        .mount(&server)
        .await;
    server
}

async fn received(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn a_retry_that_would_pass_the_budget_is_not_made() {
    // The server asks for 1 s; the budget is 100 ms: one attempt.
    let server = always(503, ("retry-after", "1")).await;
    let client = client(&server)
        .max_retries(5)
        .max_retry_time(Duration::from_millis(100))
        .build()
        .unwrap();
    let error = client.status().await.unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn the_budget_counts_every_wait_of_a_call() {
    // 40 ms per retry, 100 ms in all: two retries fit, the third not.
    let server = always(503, ("retry-after-ms", "40")).await;
    let client = client(&server)
        .max_retries(5)
        .max_retry_time(Duration::from_millis(100))
        .build()
        .unwrap();
    let error = client.status().await.unwrap_err();
    assert_eq!(error.attempts(), 3);
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn a_limited_client_delays_rather_than_fails_and_clones_share_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let client = client(&server)
        .rate_limit(RateLimit::new(1, Duration::from_millis(5)))
        .build()
        .unwrap();
    let clone = client.with_options(crate::client::RequestOptions::new().max_retries(0));
    assert!(std::ptr::eq(
        client.inner.rate_limiter.as_ref().unwrap(),
        clone.inner.rate_limiter.as_ref().unwrap()
    ));
    for _ in 0..3 {
        client.status().await.unwrap();
        clone.status().await.unwrap();
    }
    assert_eq!(received(&server).await, 6);
    assert!(format!("{client:?}").contains("rate_limit: Some(RateLimit { requests: 1"));
}

#[tokio::test]
async fn a_429_pauses_the_shared_limiter() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after-ms", "30"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let client = client(&server)
        .rate_limit(RateLimit::cloudflare())
        .build()
        .unwrap();
    let response = client.status().await.unwrap();
    assert_eq!(response.attempts, 2);
    let limiter = client.inner.rate_limiter.as_ref().unwrap();
    assert!(limiter.state.lock().unwrap().paused_until.is_some());
}

fn headers(pairs: &[(&'static str, &str)]) -> reqwest::header::HeaderMap {
    pairs
        .iter()
        .map(|(name, value)| {
            (
                reqwest::header::HeaderName::from_static(name),
                value.parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_spent_budget_is_read_from_each_header_form() {
    use crate::rate_limit::spent_for;
    let secs = |s| Some(Duration::from_secs(s));
    // The IETF draft's structured field, as Cloudflare sends it.
    assert_eq!(
        spent_for(&headers(&[("ratelimit", "\"default\";r=0;t=30")])),
        secs(30)
    );
    assert_eq!(
        spent_for(&headers(&[("ratelimit", "\"default\";r=7;t=30")])),
        None
    );
    assert_eq!(
        spent_for(&headers(&[(
            "ratelimit",
            "\"burst\";r=0;t=2, \"day\";r=0;t=90, \"hour\";r=4;t=900"
        )])),
        secs(90)
    );
    // The draft's older split fields, and the common X- ones.
    let split = [("ratelimit-remaining", "0"), ("ratelimit-reset", "12")];
    assert_eq!(spent_for(&headers(&split)), secs(12));
    let x = [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "5")];
    assert_eq!(spent_for(&headers(&x)), secs(5));
    // GitHub's reset is a Unix time.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let at = (now + 40).to_string();
    let github = [
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset", at.as_str()),
    ];
    let wait = spent_for(&headers(&github)).unwrap().as_secs();
    assert!((39..=40).contains(&wait), "{wait}");
    // Malformed or incomplete: ignored.
    for bad in [
        &[("ratelimit", "default;r=zero;t=30")][..],
        &[("ratelimit", "\"default\";r=0")][..],
        &[("x-ratelimit-remaining", "0")][..],
        &[
            ("x-ratelimit-remaining", "none"),
            ("x-ratelimit-reset", "5"),
        ][..],
        &[("ratelimit-remaining", "3"), ("ratelimit-reset", "5")][..],
    ] {
        assert_eq!(spent_for(&headers(bad)), None, "{bad:?}");
    }
}

#[test]
fn a_spent_policy_without_a_reset_waits_for_the_window_of_its_policy() {
    use crate::rate_limit::spent_for;
    let secs = |s| Some(Duration::from_secs(s));
    let spent = |limit: &str, policy: &str| {
        spent_for(&headers(&[
            ("ratelimit", limit),
            ("ratelimit-policy", policy),
        ]))
    };
    // Cloudflare's fields: the policy of the same name gives the window.
    assert_eq!(
        spent("\"default\";r=0", "\"default\";q=1200;w=300"),
        secs(300)
    );
    // A reset given wins over the window.
    assert_eq!(
        spent("\"default\";r=0;t=30", "\"default\";q=1200;w=300"),
        secs(30)
    );
    // Budget left: no wait, whatever the policy.
    assert_eq!(spent("\"default\";r=1", "\"default\";q=1200;w=300"), None);
    // Names match whether strings or tokens, among several policies, in
    // any order of parameters; of the spent ones the longest wait.
    assert_eq!(spent("default;r=0", "\"default\";w=60;q=5"), secs(60));
    assert_eq!(
        spent(
            "\"burst\";r=0, \"day\";r=3;t=100",
            "\"day\";q=1000;w=86400, \"burst\";q=100;w=60"
        ),
        secs(60)
    );
    assert_eq!(
        spent("\"burst\";r=0, \"hour\";r=0;t=900", "\"burst\";q=100;w=60"),
        secs(900)
    );
    // Other parameters, a `;` or `,` inside a string, a byte sequence.
    assert_eq!(
        spent(
            "\"a,b\";r=0;pk=:cHE0Zg==:",
            "\"x\";q=1;w=1, \"a,b\";q=10;qu=\"one;two\";w=7;pk=:cHE0Zg==:"
        ),
        secs(7)
    );
    // Either list split over several lines of its field.
    let split = [
        ("ratelimit", "\"burst\";r=4;t=1"),
        ("ratelimit", "\"day\";r=0"),
        ("ratelimit-policy", "\"burst\";q=100;w=60"),
        ("ratelimit-policy", "\"day\";q=1000;w=86400"),
    ];
    assert_eq!(spent_for(&headers(&split)), secs(86400));
    // A malformed member is left out; the others still count.
    assert_eq!(
        spent("\"burst\";r=zero, \"day\";r=0", "\"day\";q=1000;w=90"),
        secs(90)
    );
    // Ignored, never an error: no policy of that name, no window, a
    // window or reset that is not a non-negative integer, broken syntax.
    for (limit, policy) in [
        ("\"default\";r=0", ""),
        ("\"default\";r=0", "\"burst\";q=100;w=60"),
        ("\"default\";r=0", "\"default\";q=1200"),
        ("\"default\";r=0", "\"default\";q=1200;w=soon"),
        ("\"default\";r=0", "\"default\";q=1200;w=-300"),
        ("\"default\";r=0", "\"default\";q=1200;w=300.5"),
        ("\"default\";r=0", "\"default\";q=1200;w="),
        ("\"default\";r=0", "default\";q=1200;w=300"),
        ("\"default\";r=0", "\"default;q=1200;w=300"),
        ("\"default\";r=0", "\"default\";Q=1;w=300"),
        ("\"default\";r=0;t=soon", "\"default\";q=1200;w=300"),
        ("\"default;r=0", "\"default\";q=1200;w=300"),
        ("\"default\";r=-0", "\"default\";q=1200;w=300"),
        ("\"default\"", "\"default\";q=1200;w=300"),
        ("", "\"default\";q=1200;w=300"),
    ] {
        assert_eq!(spent(limit, policy), None, "{limit:?} {policy:?}");
    }
    // A policy alone says nothing of what is left.
    assert_eq!(
        spent_for(&headers(&[("ratelimit-policy", "\"default\";q=0;w=300")])),
        None
    );
}

/// Answers every request with `headers`; records arrival times.
struct ArrivalsAnswering {
    times: Arc<std::sync::Mutex<Vec<std::time::Instant>>>,
    headers: Vec<(&'static str, &'static str)>,
}

impl wiremock::Respond for ArrivalsAnswering {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        self.times.lock().unwrap().push(std::time::Instant::now());
        let mut template = ResponseTemplate::new(200).set_body_string("{}");
        for (name, value) in &self.headers {
            template = template.insert_header(*name, *value);
        }
        template
    }
}

/// The gap between the arrivals of two calls in a row, at a server
/// answering both with `headers`.
async fn gap_between_two_calls(headers: Vec<(&'static str, &'static str)>) -> Duration {
    let server = MockServer::start().await;
    let times = Arc::new(std::sync::Mutex::new(Vec::new()));
    Mock::given(method("GET"))
        .respond_with(ArrivalsAnswering {
            times: Arc::clone(&times),
            headers,
        })
        .mount(&server)
        .await;
    // No `RateLimit` configured: the server's word is enough.
    let client = client(&server).build().unwrap();
    client.status().await.unwrap();
    client.status().await.unwrap();
    let times = times.lock().unwrap().clone();
    assert_eq!(times.len(), 2);
    times[1] - times[0]
}

#[tokio::test]
async fn a_spent_policy_without_a_reset_holds_the_next_request_for_its_window() {
    // A 1 s window: the second call reaches the server no sooner, and
    // not much later (without the wait it comes within milliseconds).
    let gap = gap_between_two_calls(vec![
        ("ratelimit", "\"default\";r=0"),
        ("ratelimit-policy", "\"default\";q=1;w=1"),
    ])
    .await;
    assert!(
        gap >= Duration::from_secs(1) && gap < Duration::from_millis(1500),
        "{gap:?}"
    );
    // The same with a policy of another name: nothing to wait for.
    let gap = gap_between_two_calls(vec![
        ("ratelimit", "\"default\";r=0"),
        ("ratelimit-policy", "\"burst\";q=1;w=1"),
    ])
    .await;
    assert!(gap < Duration::from_millis(500), "{gap:?}");
}

#[tokio::test]
async fn after_the_server_says_its_budget_is_spent_the_next_request_waits_for_the_reset() {
    let server = MockServer::start().await;
    let arrivals = Arc::new(std::sync::Mutex::new(Vec::new()));
    Mock::given(method("GET"))
        .respond_with(SpentArrivals(Arc::clone(&arrivals)))
        .mount(&server)
        .await;
    // No `RateLimit` configured: the server's word is enough.
    let client = client(&server).build().unwrap();
    client.status().await.unwrap();
    client.status().await.unwrap();
    let times = arrivals.lock().unwrap().clone();
    assert_eq!(times.len(), 2);
    let gap = times[1] - times[0];
    assert!(
        gap >= Duration::from_millis(950) && gap < Duration::from_secs(3),
        "{gap:?}"
    );
}

#[tokio::test]
async fn a_reset_further_off_than_the_retry_budget_is_not_waited_for() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("ratelimit", "\"default\";r=0;t=3600")
                .set_body_string("{}"),
        )
        .mount(&server)
        .await;
    let client = client(&server)
        .max_retry_time(Duration::from_secs(5))
        .build()
        .unwrap();
    let started = Instant::now();
    client.status().await.unwrap();
    client.status().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(received(&server).await, 2);
}

/// Records arrival times; the first answer says the budget is spent for
/// a second.
struct SpentArrivals(Arc<std::sync::Mutex<Vec<std::time::Instant>>>);

impl wiremock::Respond for SpentArrivals {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let mut arrivals = self.0.lock().unwrap();
        arrivals.push(std::time::Instant::now());
        let template = ResponseTemplate::new(200).set_body_string("{}");
        if arrivals.len() == 1 {
            template.insert_header("ratelimit", "\"default\";r=0;t=1")
        } else {
            template.insert_header("ratelimit", "\"default\";r=99;t=1")
        }
    }
}
