//! Every `Error` variant, built for real where it can be: its `Display`
//! never repeats what its `source()` chain says, transport errors name
//! their cause, and validation errors name the argument.

use std::collections::BTreeSet;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::client::Client;
use crate::error::Error;

/// Answers every connection with `reply` (written as is), or keeps it
/// open without answering when `reply` is `None`.
async fn raw_server(reply: Option<&'static str>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                match reply {
                    Some(reply) => {
                        let _ = socket.write_all(reply.as_bytes()).await;
                    }
                    None => tokio::time::sleep(Duration::from_secs(30)).await,
                }
            });
        }
    });
    base_url
}

fn reply(status: u16, body: &str) -> &'static str {
    Box::leak(
        format!(
            "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_boxed_str(),
    )
}

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .api_token("token")
        .max_retries(0)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap()
}

async fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    base_url
}

/// One error of each variant, with a name for failure messages.
async fn every_variant() -> Vec<(&'static str, Error)> {
    let thing = serde_json::json!({});
    let mut errors = Vec::new();
    let ok = raw_server(Some(reply(200, r#"{"success":true}"#))).await;
    errors.push((
        "InvalidInput",
        client(&ok).update_thing("", &thing).await.unwrap_err(),
    ));
    errors.push(("Config", Error::Config("no base URL".to_string())));
    let anonymous = Client::builder().base_url(&ok).build().unwrap();
    errors.push((
        "MissingCredentials",
        anonymous.update_thing("x", &thing).await.unwrap_err(),
    ));
    let silent = raw_server(None).await;
    errors.push(("Timeout", client(&silent).status().await.unwrap_err()));
    errors.push((
        "Transport (refused)",
        client(&refused_url().await).status().await.unwrap_err(),
    ));
    let cut = raw_server(Some(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\nconnection: close\r\n\r\n{\"succ",
    ))
    .await;
    errors.push(("Transport (cut)", client(&cut).status().await.unwrap_err()));
    let failure = r#"{"success":false,"errors":[{"code":7003,"message":"No route"}],"messages":[],"result":null}"#;
    let not_found = raw_server(Some(reply(404, failure))).await;
    errors.push(("Api", client(&not_found).status().await.unwrap_err()));
    let unsuccessful = raw_server(Some(reply(200, failure))).await;
    errors.push((
        "Unsuccessful",
        client(&unsuccessful).delete_things().await.unwrap_err(),
    ));
    let garbage = raw_server(Some(reply(200, "{not json"))).await;
    errors.push(("Decode", client(&garbage).status().await.unwrap_err()));
    let large = Client::builder()
        .base_url(&ok)
        .max_response_size(4)
        .build()
        .unwrap();
    errors.push(("ResponseTooLarge", large.status().await.unwrap_err()));
    let unencodable =
        serde_json::to_vec(&std::collections::BTreeMap::from([(vec![1u8], 1)])).unwrap_err();
    errors.push(("Encode", Error::Encode(unencodable)));
    errors
}

/// The error and its sources, one text each, as `anyhow`'s `{:#}` and
/// error reporters print them.
fn chain(error: &Error) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = current {
        lines.push(error.to_string());
        current = error.source();
    }
    lines
}

#[tokio::test]
async fn no_text_repeats_along_a_source_chain() {
    for (name, error) in every_variant().await {
        let lines = chain(&error);
        // No line repeats, and no line contains the line after it.
        let unique: BTreeSet<&String> = lines.iter().collect();
        assert_eq!(unique.len(), lines.len(), "{name}: {lines:#?}");
        for pair in lines.windows(2) {
            assert!(
                !pair[0].contains(pair[1].as_str()),
                "{name}: `{}` repeats its source `{}`",
                pair[0],
                pair[1]
            );
        }
    }
}

#[tokio::test]
async fn each_variant_says_what_happened() {
    let texts: Vec<(&str, String)> = every_variant()
        .await
        .into_iter()
        .map(|(name, error)| (name, error.to_string()))
        .collect();
    let text = |name: &str| texts.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    assert_eq!(
        text("InvalidInput"),
        "invalid input: `id` (Id): must be at least 1 characters long, got 0"
    );
    assert_eq!(text("Timeout"), "request timed out");
    assert_eq!(
        text("Transport (refused)"),
        "request failed: connection refused"
    );
    assert_eq!(
        text("Transport (cut)"),
        "request failed: response body cut off"
    );
    assert_eq!(
        text("Decode"),
        "could not decode the response body (HTTP 200 OK)"
    );
    assert_eq!(text("Api"), "API error: HTTP 404 Not Found; 7003 No route");
    assert_eq!(text("Encode"), "could not encode the request body");
}

#[tokio::test]
async fn errors_are_classified() {
    let errors = every_variant().await;
    let get = |name: &str| &errors.iter().find(|(n, _)| *n == name).unwrap().1;
    assert!(get("Timeout").is_timeout());
    assert!(matches!(
        get("Transport (refused)"),
        Error::Transport { .. }
    ));
    assert!(matches!(get("Transport (cut)"), Error::Transport { .. }));
    assert!(matches!(get("Decode"), Error::Decode(_)));
    let Error::InvalidInput(invalid) = get("InvalidInput") else {
        panic!("{:?}", get("InvalidInput"));
    };
    assert_eq!(invalid.argument, Some("id"));
    assert_eq!(invalid.target, "Id");
}
