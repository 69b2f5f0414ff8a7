//! One call of the generated `account(..).sso_connectors().edit(..)` against a loopback
//! server, versus a hand-written reqwest call sending the same request and
//! decoding the same response. Prints medians and their ratio.
//!
//! Run: `cargo bench -p workspace-tests --bench call_latency`
//! (`-- <rounds>` to change the number of timed rounds, default 5000).
//!
//! `-- <rounds> --only generated` (or `--only hand-written`, `--only
//! traced`: the `--tracing` side below, with `--subscriber registry|fmt`
//! one of its subscribers) makes only
//! that side's calls, warm-up included, and times nothing: for counting
//! instructions per call under callgrind, where the difference between
//! two round counts is the cost of that many calls (`.ci/call-instructions`).
//!
//! `-- <rounds> --tracing` measures the `tracing` feature instead: the same
//! operation of `tests/sso-group/` (built with `tracing` on, as the tests
//! use it) beside the two sides above, first with no subscriber installed
//! (what the feature costs an application that traces nothing), then with
//! `tracing-subscriber`'s registry alone (spans kept, nothing written), then
//! with a subscriber recording every span, attempts included, and
//! formatting a line as each closes (`fmt` at debug level, writing to a
//! sink). Prints each side's median, ratios against the
//! hand-written call and the median paired difference of the traced call
//! over the generated one.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use cloudflare_api::models::{SsoConnector, UpdateSsoConnectorStateRequest};
use cloudflare_api::{Client, reqwest};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const CONNECTOR: &str = "0b1e5f4ecef8ad9ca31a8372d0c353aa";
const TOKEN: &str = "bench-token";
const WARMUP: usize = 500;

const RESPONSE_BODY: &str = r#"{"success":true,"errors":[],"messages":[],"result":{"id":"0b1e5f4ecef8ad9ca31a8372d0c353aa","email_domain":"example.com","enabled":true,"use_fedramp_language":false,"created_on":"2025-01-01T12:21:02.0000Z","updated_on":"2021-11-12T21:01:17.744476Z","verification":{"code":"cloudflare_dashboard_sso_verification","status":"verified"}}}"#;

/// The hand-written side decodes into the same model type.
#[derive(serde::Deserialize)]
struct Envelope {
    success: bool,
    result: Option<SsoConnector>,
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Generated,
    HandWritten,
    /// `tests/sso-group/`'s method, with the `tracing` feature.
    Traced,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds: usize = args.iter().find_map(|arg| arg.parse().ok()).unwrap_or(5000);
    let only = args.iter().position(|arg| arg == "--only").map(|at| {
        match args.get(at + 1).map(String::as_str) {
            Some("generated") => Side::Generated,
            Some("hand-written") => Side::HandWritten,
            Some("traced") => Side::Traced,
            other => panic!("--only generated|hand-written|traced, not {other:?}"),
        }
    });
    let base_url = start_server();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // One connection pool for both, so both reuse the same keep-alive
    // connection and server thread: only the code in between differs.
    let http = Client::http_client_builder().build().unwrap();
    let generated = Client::builder()
        .base_url(&base_url)
        .api_token(TOKEN)
        .http_client(http.clone())
        .build()
        .unwrap();
    let body = UpdateSsoConnectorStateRequest {
        enabled: Some(true),
        ..Default::default()
    };

    // Built only when measured, so the default run is what it was.
    let traced = || {
        cloudflare_sso::Client::builder()
            .base_url(&base_url)
            .api_token(TOKEN)
            .http_client(http.clone())
            .build()
            .unwrap()
    };
    let traced_body = cloudflare_sso::models::UpdateSsoConnectorStateRequest {
        enabled: Some(true),
        ..Default::default()
    };

    if args.iter().any(|arg| arg == "--tracing") {
        let traced = traced();
        let sides = Sides {
            generated: &generated,
            traced: &traced,
            http: &http,
            base_url: &base_url,
            body: &body,
            traced_body: &traced_body,
        };
        // No subscriber has been installed yet: every callsite is off.
        let quiet = runtime.block_on(sides.rounds(rounds));
        // Spans kept (with their fields) and dropped, nothing written.
        let kept = {
            let _default = tracing::subscriber::set_default(tracing_subscriber::registry());
            runtime.block_on(sides.rounds(rounds))
        };
        let recorded = {
            let _default = tracing::subscriber::set_default(fmt_subscriber());
            runtime.block_on(sides.rounds(rounds))
        };
        report_traced("no subscriber", quiet);
        report_traced(
            "a subscriber keeping spans, writing nothing (registry)",
            kept,
        );
        report_traced(
            "a subscriber recording every span (fmt, debug, a line per closed span, to a sink)",
            recorded,
        );
        return;
    }

    if let Some(side) = only {
        let traced = (side == Side::Traced).then(traced);
        // `--subscriber registry|fmt`: the `--tracing` subscribers, for
        // counting what they cost (`registry` and `fmt` as below).
        let subscriber = args.iter().position(|arg| arg == "--subscriber").map(|at| {
            match args.get(at + 1).map(String::as_str) {
                Some("registry") => tracing::Dispatch::new(tracing_subscriber::registry()),
                Some("fmt") => tracing::Dispatch::new(fmt_subscriber()),
                other => panic!("--subscriber registry|fmt, not {other:?}"),
            }
        });
        let _default = subscriber.map(|dispatch| tracing::dispatcher::set_default(&dispatch));
        runtime.block_on(async {
            for _ in 0..WARMUP + rounds {
                match side {
                    Side::Generated => generated_call(&generated, &body).await,
                    Side::HandWritten => hand_written_call(&http, &base_url, &body).await,
                    Side::Traced => traced_call(traced.as_ref().unwrap(), &traced_body).await,
                }
            }
        });
        return;
    }

    let (mut ours, mut theirs) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    runtime.block_on(async {
        for round in 0..WARMUP + rounds {
            // Alternate which goes first, so drift in machine load and any
            // cost of going first or second hit both sides alike.
            let (a, b) = if round % 2 == 0 {
                let a = time(|| generated_call(&generated, &body)).await;
                (a, time(|| hand_written_call(&http, &base_url, &body)).await)
            } else {
                let b = time(|| hand_written_call(&http, &base_url, &body)).await;
                (time(|| generated_call(&generated, &body)).await, b)
            };
            if round >= WARMUP {
                ours.push(a);
                theirs.push(b);
            }
        }
    });
    report(&ours, &theirs);
}

/// Every span recorded, attempts included, and a line formatted as each
/// closes, written to a sink.
fn fmt_subscriber() -> impl tracing::Subscriber + Send + Sync {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(std::io::sink)
        .finish()
}

async fn time<F: Future<Output = ()>>(call: impl FnOnce() -> F) -> Duration {
    let started = Instant::now();
    call().await;
    started.elapsed()
}

async fn generated_call(client: &Client, body: &UpdateSsoConnectorStateRequest) {
    let response = client
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, body)
        .await
        .unwrap();
    assert_eq!(response.result.as_ref().and_then(|r| r.enabled), Some(true));
}

async fn traced_call(
    client: &cloudflare_sso::Client,
    body: &cloudflare_sso::models::UpdateSsoConnectorStateRequest,
) {
    let response = client
        .update_sso_connector_state(ACCOUNT, CONNECTOR, body)
        .await
        .unwrap();
    assert_eq!(response.result.as_ref().and_then(|r| r.enabled), Some(true));
}

/// The three sides of `--tracing`.
struct Sides<'a> {
    generated: &'a Client,
    traced: &'a cloudflare_sso::Client,
    http: &'a reqwest::Client,
    base_url: &'a str,
    body: &'a UpdateSsoConnectorStateRequest,
    traced_body: &'a cloudflare_sso::models::UpdateSsoConnectorStateRequest,
}

/// One timed call of each side per round, in `[generated, hand-written,
/// traced]` order of the results.
type Round = [Duration; 3];

impl Sides<'_> {
    async fn call(&self, side: Side) -> Duration {
        match side {
            Side::Generated => time(|| generated_call(self.generated, self.body)).await,
            Side::HandWritten => {
                time(|| hand_written_call(self.http, self.base_url, self.body)).await
            }
            Side::Traced => time(|| traced_call(self.traced, self.traced_body)).await,
        }
    }

    /// Warm-up, then `rounds` timed rounds; the order of the sides turns
    /// each round, so load drift and going first hit all three alike.
    async fn rounds(&self, rounds: usize) -> Vec<Round> {
        const ORDER: [Side; 3] = [Side::Generated, Side::HandWritten, Side::Traced];
        let mut timed = Vec::with_capacity(rounds);
        for round in 0..WARMUP + rounds {
            let mut times = [Duration::ZERO; 3];
            for turn in 0..3 {
                let index = (round + turn) % 3;
                times[index] = self.call(ORDER[index]).await;
            }
            if round >= WARMUP {
                timed.push(times);
            }
        }
        timed
    }
}

fn report_traced(setting: &str, rounds: Vec<Round>) {
    let side = |index: usize| -> Vec<Duration> { rounds.iter().map(|r| r[index]).collect() };
    let (mut generated, mut hand_written, mut traced) = (side(0), side(1), side(2));
    let mut differences: Vec<f64> = rounds
        .iter()
        .map(|r| r[2].as_secs_f64() - r[0].as_secs_f64())
        .collect();
    differences.sort_unstable_by(f64::total_cmp);
    let difference = differences[differences.len() / 2];
    let generated_median = percentile(&mut generated, 50);
    let hand_written_median = percentile(&mut hand_written, 50);
    let traced_median = percentile(&mut traced, 50);
    let ratio = |median: Duration| median.as_secs_f64() / hand_written_median.as_secs_f64();
    println!("tracing feature, {setting} ({} rounds):", rounds.len());
    println!(
        "  traced       median {traced_median:>9.1?}  p90 {:>9.1?}  ratio to hand-written {:.3}",
        percentile(&mut traced, 90),
        ratio(traced_median)
    );
    println!(
        "  generated    median {generated_median:>9.1?}  p90 {:>9.1?}  ratio to hand-written {:.3}",
        percentile(&mut generated, 90),
        ratio(generated_median)
    );
    println!(
        "  hand-written median {hand_written_median:>9.1?}  p90 {:>9.1?}",
        percentile(&mut hand_written, 90)
    );
    println!(
        "  median paired difference, traced - generated: {:+.2} µs",
        difference * 1e6
    );
}

/// What a careful hand-written call does: format the URL from the IDs,
/// serialize, send, check the status, decode the envelope.
async fn hand_written_call(
    http: &reqwest::Client,
    base_url: &str,
    body: &UpdateSsoConnectorStateRequest,
) {
    let url = format!("{base_url}/accounts/{ACCOUNT}/sso_connectors/{CONNECTOR}");
    let response = http
        .patch(url)
        .timeout(Duration::from_secs(60))
        .header("user-agent", "cloudflare-api/0.1.0")
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("content-type", "application/json")
        .body(serde_json::to_vec(body).unwrap())
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let bytes = response.bytes().await.unwrap();
    let envelope: Envelope = serde_json::from_slice(&bytes).unwrap();
    assert!(envelope.success);
    assert_eq!(envelope.result.and_then(|r| r.enabled), Some(true));
}

fn report(ours: &[Duration], theirs: &[Duration]) {
    // Same-round differences cancel load from other processes, which moves
    // both sides of a round together.
    let mut differences: Vec<f64> = ours
        .iter()
        .zip(theirs)
        .map(|(a, b)| a.as_secs_f64() - b.as_secs_f64())
        .collect();
    differences.sort_unstable_by(f64::total_cmp);
    let median_difference = differences[differences.len() / 2];
    let (mut ours, mut theirs) = (ours.to_vec(), theirs.to_vec());
    let (ours_median, theirs_median) = (percentile(&mut ours, 50), percentile(&mut theirs, 50));
    println!("rounds: {}", ours.len());
    println!(
        "generated    median {:>9.1?}  p90 {:>9.1?}",
        ours_median,
        percentile(&mut ours, 90)
    );
    println!(
        "hand-written median {:>9.1?}  p90 {:>9.1?}",
        theirs_median,
        percentile(&mut theirs, 90)
    );
    println!(
        "ratio of medians (generated / hand-written): {:.3}",
        ours_median.as_secs_f64() / theirs_median.as_secs_f64()
    );
    println!(
        "median paired difference: {:+.2} µs (ratio {:.3})",
        median_difference * 1e6,
        1.0 + median_difference / theirs_median.as_secs_f64()
    );
}

fn percentile(samples: &mut [Duration], pct: usize) -> Duration {
    samples.sort_unstable();
    samples[(samples.len() - 1) * pct / 100]
}

/// A keep-alive HTTP/1.1 server on 127.0.0.1 answering every request with
/// the same envelope, on its own thread so it never competes with the client
/// for the client's runtime.
fn start_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream));
        }
    });
    format!("http://{address}")
}

fn serve(mut stream: TcpStream) {
    stream.set_nodelay(true).unwrap();
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{RESPONSE_BODY}",
        RESPONSE_BODY.len()
    );
    let mut pending = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        while let Some(length) = complete_request(&pending) {
            pending.drain(..length);
            if stream.write_all(response.as_bytes()).is_err() {
                return;
            }
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(read) => pending.extend_from_slice(&buffer[..read]),
        }
    }
}

/// The length of the first complete request in `data`, head and body.
fn complete_request(data: &[u8]) -> Option<usize> {
    let head_end = data.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&data[..head_end]).to_ascii_lowercase();
    let body = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    (data.len() >= head_end + body).then_some(head_end + body)
}
