//! Shared by the runtime test files (`faults.rs`, `auth.rs`): a client aimed
//! at a mock server, the one call under test, canned bodies, and a raw TCP
//! server for faults a well-behaved HTTP mock cannot produce.

// Each test file uses a different subset.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use cloudflare_api::models::{SsoConnector, UpdateSsoConnectorStateRequest};
use cloudflare_api::{ApiResponse, Client, ClientBuilder, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::MockServer;

pub const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
pub const CONNECTOR: &str = "0b1e5f4ecef8ad9ca31a8372d0c353aa";
pub const TOKEN: &str = "secret-token-Y5tq0VZ3kq3Zp8";
pub const PATH: &str =
    "/accounts/023e105f4ecef8ad9ca31a8372d0c353/sso_connectors/0b1e5f4ecef8ad9ca31a8372d0c353aa";

/// Backoff short enough that retries cost milliseconds, not seconds.
pub const FAST_RETRY: Duration = Duration::from_millis(1);

/// A client for `base_url` with a bearer token and millisecond backoff.
pub fn builder(base_url: &str) -> ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .api_token(TOKEN)
        .retry_base_delay(FAST_RETRY)
}

pub fn client(server: &MockServer) -> Client {
    builder(&server.uri())
        .build()
        .expect("a valid client configuration")
}

/// The operation under test, with `enabled: true`.
pub async fn call(client: &Client) -> Result<ApiResponse<Option<SsoConnector>>, Error> {
    let body = UpdateSsoConnectorStateRequest {
        enabled: Some(true),
        ..Default::default()
    };
    client
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &body)
        .await
}

/// The key [`keyed_call`] sends.
pub const KEY: &str = "a6b1c7e0-3f1d-4c57-9a3e-2f0e6f1d9c42";

/// The operation under test with an `Idempotency-Key`: a `PATCH` is
/// retried after a timeout, a lost connection or a 5xx only with one.
pub async fn keyed_call(client: &Client) -> Result<ApiResponse<Option<SsoConnector>>, Error> {
    let body = UpdateSsoConnectorStateRequest {
        enabled: Some(true),
        ..Default::default()
    };
    client
        .account(ACCOUNT)
        .sso_connectors()
        .edit(CONNECTOR, &body)
        .idempotency_key(KEY)
        .await
}

/// The seed's successful response.
pub fn success_body() -> serde_json::Value {
    serde_json::json!({
        "success": true,
        "errors": [],
        "messages": [],
        "result": {
            "id": CONNECTOR,
            "email_domain": "example.com",
            "enabled": true,
            "use_fedramp_language": false,
            "created_on": "2025-01-01T12:21:02.0000Z",
            "updated_on": "2021-11-12T21:01:17.744476Z",
            "verification": {"code": "cloudflare_dashboard_sso_verification", "status": "verified"}
        }
    })
}

pub fn failure_body(code: i64, message: &str) -> serde_json::Value {
    serde_json::json!({
        "success": false,
        "errors": [{"code": code, "message": message}],
        "messages": [],
        "result": null
    })
}

pub async fn received(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map_or(0, |requests| requests.len())
}

/// What the raw server does with the n-th request it reads.
#[derive(Clone)]
pub enum RawReply {
    /// Write these bytes, then close the connection.
    Bytes(Vec<u8>),
    /// Close with a TCP reset before answering.
    Reset,
}

impl RawReply {
    /// A complete response with a JSON body.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        let body = body.to_string();
        Self::Bytes(
            format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
        )
    }

    /// Headers promising `promised` bytes, then only `sent`, then close.
    pub fn cut_short(promised: usize, sent: &str) -> Self {
        Self::Bytes(
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {promised}\r\n\r\n{sent}"
            )
            .into_bytes(),
        )
    }
}

/// An HTTP/1.1 server on 127.0.0.1 that answers the n-th request with the
/// n-th reply (the last one repeats) and counts requests.
pub struct RawServer {
    pub uri: String,
    requests: Arc<AtomicUsize>,
}

impl RawServer {
    pub async fn start(replies: Vec<RawReply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let uri = format!("http://{}", listener.local_addr().expect("bound address"));
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&requests);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let index = counter.fetch_add(1, Ordering::SeqCst);
                let reply = replies[index.min(replies.len() - 1)].clone();
                tokio::spawn(serve(stream, reply));
            }
        });
        Self { uri, requests }
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, reply: RawReply) {
    read_request(&mut stream).await;
    match reply {
        RawReply::Bytes(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        RawReply::Reset => {
            let _ = stream.set_zero_linger();
        }
    }
}

/// Reads one request's head and body, so the client sees it fully sent.
async fn read_request(stream: &mut TcpStream) {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let Ok(read) = stream.read(&mut buffer).await else {
            return;
        };
        if read == 0 {
            return;
        }
        data.extend_from_slice(&buffer[..read]);
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return;
            }
        }
    }
}
