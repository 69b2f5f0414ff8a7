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

#[tokio::test(start_paused = true)]
async fn a_burst_then_one_per_interval() {
    let limiter = Arc::new(RateLimiter::new(
        RateLimit::new(4, Duration::from_secs(4)).burst(2),
    ));
    assert_eq!(release_times(limiter, 5).await, [0, 0, 1000, 2000, 3000]);
}

#[tokio::test(start_paused = true)]
async fn an_idle_bucket_refills_only_to_its_burst() {
    let limiter = Arc::new(RateLimiter::new(
        RateLimit::new(1, Duration::from_secs(1)).burst(2),
    ));
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert_eq!(release_times(limiter, 4).await, [0, 0, 1000, 2000]);
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
