//! Credentials: which are sent, where they come from, that they never show
//! in `Debug`/`Display`, and that they do not follow a redirect to another
//! host.

mod runtime_support;

use std::collections::HashMap;

use cloudflare_api::reqwest::redirect::Policy;
use cloudflare_api::{Client, Credentials, Error};
use runtime_support::{PATH, TOKEN, builder, call, client, received, success_body};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const API_KEY: &str = "global-key-c2a9f1e0d8b7";
const EMAIL: &str = "admin@example.com";
const SERVICE_KEY: &str = "v1.0-service-key-9b8a7c";
const HEADER_SECRET: &str = "hunter2-default-header";

async fn succeeding_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_body()))
        .mount(&server)
        .await;
    server
}

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[tokio::test]
async fn bearer_token_is_the_only_credential_sent() {
    let server = succeeding_server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_token(TOKEN)
        .api_key(API_KEY)
        .api_email(EMAIL)
        .build()
        .unwrap();
    call(&client).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["authorization"], format!("Bearer {TOKEN}"));
    assert_eq!(request.headers.get_all("authorization").iter().count(), 1);
    assert!(
        request.headers.get("x-auth-key").is_none(),
        "the operation accepts api_token only"
    );
    assert!(request.headers.get("x-auth-email").is_none());
}

#[tokio::test]
async fn from_env_reads_the_documented_variables() {
    let server = succeeding_server().await;
    let lookup = env(&[
        ("CLOUDFLARE_API_TOKEN", TOKEN),
        ("CLOUDFLARE_BASE_URL", &server.uri()),
    ]);
    let client = Client::from_env_with(lookup).unwrap();
    assert_eq!(client.base_url(), server.uri());
    call(&client).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["authorization"], format!("Bearer {TOKEN}"));
}

#[tokio::test]
async fn from_env_without_credentials_names_every_variable() {
    let error = Client::from_env_with(env(&[])).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid client configuration: none of CLOUDFLARE_EMAIL, CLOUDFLARE_API_KEY, \
         CLOUDFLARE_API_TOKEN, CLOUDFLARE_API_USER_SERVICE_KEY is set"
    );
    let empty_values = env(&[("CLOUDFLARE_API_TOKEN", ""), ("CLOUDFLARE_API_KEY", "")]);
    assert!(matches!(
        Client::from_env_with(empty_values),
        Err(Error::Config(_))
    ));
}

#[tokio::test]
async fn key_and_email_from_env_do_not_satisfy_a_token_only_operation() {
    let server = succeeding_server().await;
    let lookup = env(&[
        ("CLOUDFLARE_API_KEY", API_KEY),
        ("CLOUDFLARE_EMAIL", EMAIL),
        ("CLOUDFLARE_API_USER_SERVICE_KEY", SERVICE_KEY),
        ("CLOUDFLARE_BASE_URL", &server.uri()),
    ]);
    let error = call(&Client::from_env_with(lookup).unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            Error::MissingCredentials { operation: "update-sso-connector-state", accepted }
                if accepted == "api_token"
        ),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 0);
    assert_eq!(
        received(&server).await,
        0,
        "nothing is sent without credentials"
    );
}

#[tokio::test]
async fn secrets_never_appear_in_debug_or_display() {
    let secrets = [TOKEN, API_KEY, EMAIL, SERVICE_KEY, HEADER_SECRET];
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(runtime_support::failure_body(10000, "Authentication error")),
        )
        .mount(&server)
        .await;
    let configured = || {
        builder(&server.uri())
            .api_key(API_KEY)
            .api_email(EMAIL)
            .user_service_key(SERVICE_KEY)
            .default_header("x-extra", HEADER_SECRET)
    };
    let client = configured().build().unwrap();
    let credentials = Credentials::new().api_token(TOKEN).api_key(API_KEY);
    let api_error = call(&client).await.unwrap_err();
    let missing = call(
        &builder(&server.uri())
            .credentials(Credentials::new().api_key(API_KEY))
            .build()
            .unwrap(),
    )
    .await
    .unwrap_err();
    let refused = call(
        &builder("http://127.0.0.1:9")
            .max_retries(0)
            .build()
            .unwrap(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(refused, Error::Transport { attempts: 1, .. }),
        "{refused:?}"
    );
    let printed = [
        format!("{client:?}"),
        format!("{:?}", configured()),
        format!("{credentials:?}"),
        format!("{api_error:?}"),
        api_error.to_string(),
        format!("{missing:?}"),
        missing.to_string(),
        format!("{refused:?}"),
        refused.to_string(),
    ];
    for text in &printed {
        for secret in secrets {
            assert!(!text.contains(secret), "{secret} printed in {text}");
        }
    }
    assert_eq!(
        format!("{credentials:?}"),
        "Credentials { api_email: None, api_key: Some(<redacted>), api_token: Some(<redacted>), \
         user_service_key: None }"
    );
    assert!(
        printed[0].contains("default_headers: [\"x-extra\"]"),
        "{}",
        printed[0]
    );
}

/// Server `a` redirects every request to server `b`, which would accept it.
async fn redirecting_pair() -> (MockServer, MockServer) {
    let (a, b) = (MockServer::start().await, succeeding_server().await);
    Mock::given(method("PATCH"))
        .respond_with(
            ResponseTemplate::new(307).insert_header("location", format!("{}{PATH}", b.uri())),
        )
        .mount(&a)
        .await;
    (a, b)
}

#[tokio::test]
async fn default_client_does_not_follow_redirects() {
    let (a, b) = redirecting_pair().await;
    let error = call(&client(&a)).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    assert_eq!(error.attempts(), 1);
    assert_eq!(received(&b).await, 0, "nothing reaches the other host");
}

#[tokio::test]
async fn following_client_drops_the_bearer_token_at_another_host() {
    // A user-supplied client with reqwest's default policy follows the
    // redirect; reqwest strips `Authorization` when the host or port changes.
    let (a, b) = redirecting_pair().await;
    let http = Client::http_client_builder()
        .redirect(Policy::default())
        .build()
        .unwrap();
    let client = builder(&a.uri()).http_client(http).build().unwrap();
    call(&client).await.unwrap();
    let requests = b.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert!(
        requests[0].headers.get("authorization").is_none(),
        "{:?}",
        requests[0].headers
    );
    assert_eq!(
        requests[0].body, br#"{"enabled":true}"#,
        "a 307 re-sends the body"
    );
}

#[tokio::test]
async fn user_supplied_client_without_redirects_stops_too() {
    let (a, b) = redirecting_pair().await;
    let http = Client::http_client_builder().build().unwrap();
    let error = call(&builder(&a.uri()).http_client(http).build().unwrap())
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    assert_eq!(received(&b).await, 0);
}

#[tokio::test]
async fn a_password_in_the_base_url_is_never_printed() {
    let secret = "pw-in-url-7c1d";
    let base_url = format!("http://deploy:{secret}@127.0.0.1:9");
    let builder = builder(&base_url).max_retries(0);
    let client = builder.clone().build().unwrap();
    let refused = call(&client).await.unwrap_err();
    assert!(
        matches!(refused, Error::Transport { attempts: 1, .. }),
        "{refused:?}"
    );
    let invalid = Client::builder()
        .base_url(format!("http://deploy:{secret}@[::1"))
        .build()
        .unwrap_err();
    assert!(matches!(invalid, Error::Config(_)), "{invalid:?}");
    let printed = [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{refused:?}"),
        refused.to_string(),
        format!("{invalid:?}"),
        invalid.to_string(),
    ];
    for text in &printed {
        assert!(!text.contains(secret), "password printed in {text}");
    }
    assert!(
        printed[1].contains("http://redacted@127.0.0.1:9/"),
        "{}",
        printed[1]
    );
}
