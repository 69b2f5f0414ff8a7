//! `Cargo.toml` of the generated crate. Dependencies are few and chosen for
//! build time: rustls with ring (no OpenSSL, no C-heavy aws-lc), no HTTP/2,
//! no proxy or charset detection. Retries add only `fastrand` (jitter) and
//! `httpdate` (`Retry-After` dates), both dependency-free, tokio's timer,
//! which reqwest already builds on, and `getrandom` 0.2 (idempotency keys),
//! which rustls's `ring` already builds on. Pagination streams add `futures-core`
//! without default features (the `Stream` trait), which reqwest already
//! depends on. The `tracing` feature adds `tracing` without default
//! features (reqwest's own dependencies already build it).

use crate::model::Model;

pub fn emit(model: &Model, version: &str, standalone: bool) -> String {
    let package = &model.package;
    let description = format!(
        "Client for the {} ({}), generated from its OpenAPI spec",
        package.title, package.api_version
    );
    let workspace = if standalone {
        "\n# Builds on its own, even inside another workspace's directory.\n[workspace]\n"
    } else {
        ""
    };
    let groups: Vec<String> = model
        .groups
        .iter()
        .map(|g| format!("{:?}", g.feature))
        .collect();
    let group_features: String = model
        .groups
        .iter()
        .map(|g| format!("{} = []\n", g.feature))
        .collect();
    format!(
        r#"[package]
name = "{name}"
version = "{version}"
edition = "2024"
rust-version = "1.85"
description = {description:?}
publish = false

[dependencies]
fastrand = "2"
futures-core = {{ version = "0.3", default-features = false }}
getrandom = "0.2"
httpdate = "1"
percent-encoding = "2"
reqwest = {{ version = "0.13", default-features = false, features = ["rustls-no-provider"] }}
rustls = {{ version = "0.23", default-features = false, features = ["ring", "std", "tls12"] }}
serde = "1"
serde_json = "1"
time = {{ version = "0.3", features = ["formatting", "parsing"] }}
tokio = {{ version = "1", default-features = false, features = ["time"] }}
tracing = {{ version = "0.1", default-features = false, optional = true }}
wiremock = {{ version = "0.6", optional = true }}

# One feature per API group. `default` enables all of them so the crate works
# as a plain dependency; to compile only what you use, depend on it with
# `default-features = false, features = ["<group>", ...]`.
[features]
default = ["full"]
full = [{all}]
# Test helpers on a real mock server (`mock::MockApi`), and `Serialize` on
# response types and `Deserialize` on request types; off by default.
mock = ["dep:wiremock"]
# A `tracing` span for every call and attempt, and events for retries and
# rate-limit waits (OpenTelemetry's HTTP field names); off by default.
tracing = ["dep:tracing"]
{group_features}{workspace}"#,
        all = groups.join(", "),
        name = package.name,
        version = version,
    )
}
