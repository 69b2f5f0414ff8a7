//! Error bodies: which of an operation's error responses a status picks,
//! the body decoded as that response's type, and the server's message
//! found where the spec puts it (or where APIs usually do).

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::send::{client, serve};
use crate::error::Error;
use crate::error_body::{ErrorBody, Statuses, message_at, typed};
use crate::response::RawResponse;

/// `message_at(body, path)` for each case: the text found, or `None`.
#[test]
fn messages_are_read_where_the_path_says() {
    let cases: &[(&str, &[&str], Option<&str>)] = &[
        (
            r#"{"error":{"message":"No such customer: 'cus_x'","type":"invalid_request_error"}}"#,
            &["error", "message"],
            Some("No such customer: 'cus_x'"),
        ),
        (
            r#"{"message":"Not Found","documentation_url":"https://docs.github.com"}"#,
            &["message"],
            Some("Not Found"),
        ),
        // Each item of a list, with its code first.
        (
            r#"{"errors":[{"code":7003,"message":"No route"},{"code":"E1","message":"Bad"}]}"#,
            &["errors", "[]"],
            Some("7003 No route; E1 Bad"),
        ),
        // JSON:API errors: `detail`, else `title`.
        (
            r#"{"errors":[{"status":"404","detail":"No widget 7"},{"title":"Gone"}]}"#,
            &["errors", "[]"],
            Some("No widget 7; Gone"),
        ),
        (
            r#"[{"detail":"a"},{"detail":"b"}]"#,
            &["[]", "detail"],
            Some("a; b"),
        ),
        // Nothing that is text there.
        (r#"{"error":{"message":42}}"#, &["error", "message"], None),
        (r#"{"error":"denied"}"#, &["error", "message"], None),
        (r#"{"message":""}"#, &["message"], None),
        (r#"{"errors":[]}"#, &["errors", "[]"], None),
        (r#"{"errors":{"message":"x"}}"#, &["errors", "[]"], None),
    ];
    for (body, path, expected) in cases {
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            message_at(&value, path).as_deref(),
            *expected,
            "{body} at {path:?}"
        );
    }
}

fn raw(status: u16, body: &str) -> RawResponse {
    RawResponse {
        status: StatusCode::from_u16(status).unwrap(),
        headers: HeaderMap::new(),
        body: body.as_bytes().to_vec(),
        attempts: 1,
    }
}

/// A typed body per status, as a generated operation declares them:
/// `404` a number, `4XX` a list of strings, `default` an object whose
/// message is `reason`.
const DECLARED: &[ErrorBody] = &[
    ErrorBody {
        statuses: Statuses::Default,
        decode: typed::<serde_json::Map<String, serde_json::Value>>,
        message: &["reason"],
    },
    ErrorBody {
        statuses: Statuses::Range(4),
        decode: typed::<Vec<String>>,
        message: &["[]"],
    },
    ErrorBody {
        statuses: Statuses::Code(404),
        decode: typed::<u32>,
        message: &[],
    },
];

#[test]
fn an_exact_status_beats_a_range_which_beats_default() {
    let not_found = raw(404, "7").into_api_error(DECLARED);
    assert_eq!(not_found.api_body::<u32>(), Some(&7));
    assert_eq!(not_found.api_body::<Vec<String>>(), None);
    let bad = raw(400, r#"["a","b"]"#).into_api_error(DECLARED);
    assert_eq!(
        bad.api_body::<Vec<String>>(),
        Some(&vec!["a".to_string(), "b".to_string()])
    );
    assert_eq!(bad.api_message(), Some("a; b"));
    assert_eq!(bad.to_string(), "API error: HTTP 400 Bad Request; a; b");
    let server =
        raw(500, r#"{"reason":"overloaded","message":"not this"}"#).into_api_error(DECLARED);
    assert_eq!(server.api_message(), Some("overloaded"));
    let body = server
        .api_body::<serde_json::Map<String, serde_json::Value>>()
        .unwrap();
    assert_eq!(body["reason"], "overloaded");
}

#[test]
fn a_body_that_is_not_the_spec_s_keeps_status_body_and_message() {
    // The 4XX type is a list; this body is not one.
    let error = raw(409, r#"{"error":{"message":"conflict"}}"#).into_api_error(DECLARED);
    assert_eq!(error.status(), Some(StatusCode::CONFLICT));
    assert_eq!(error.api_body::<Vec<String>>(), None);
    // The declared place has no text; the usual places have.
    assert_eq!(error.api_message(), Some("conflict"));
    assert_eq!(
        error.body(),
        Some(&br#"{"error":{"message":"conflict"}}"#[..])
    );
}

#[test]
fn an_undescribed_status_finds_the_message_where_apis_usually_put_it() {
    let cases = [
        (
            r#"{"error":{"message":"Incorrect API key"}}"#,
            "Incorrect API key",
        ),
        (r#"{"message":"Bad credentials"}"#, "Bad credentials"),
        (
            r#"{"errors":[{"code":10000,"message":"Authentication error"}]}"#,
            "10000 Authentication error",
        ),
        (
            r#"{"type":"about:blank","detail":"Out of credit"}"#,
            "Out of credit",
        ),
        (
            r#"{"error":"invalid_grant","error_description":"expired"}"#,
            "expired",
        ),
        (r#"{"error":"invalid_grant"}"#, "invalid_grant"),
    ];
    for (body, message) in cases {
        let error = raw(401, body).into_api_error(&[]);
        assert_eq!(error.api_message(), Some(message), "{body}");
        assert_eq!(
            error.to_string(),
            format!("API error: HTTP 401 Unauthorized; {message}")
        );
    }
    let plain = raw(401, "denied").into_api_error(&[]);
    assert_eq!(plain.api_message(), None);
    assert_eq!(plain.to_string(), "API error: HTTP 401 Unauthorized");
}

/// Through a real call: the stand-in `create_customer` declares a `404`
/// with its message at `error.message` and a `default` list of details.
#[tokio::test]
async fn a_call_s_error_carries_the_typed_body_and_the_server_s_message() {
    const NOT_FOUND: &str =
        r#"{"error":{"message":"No such customer: 'cus_x'","type":"invalid_request_error"}}"#;
    const INVALID: &str = r#"[{"detail":"email is invalid"},{"detail":"name is missing"}]"#;
    let (base_url, _) = serve(vec![(404, NOT_FOUND), (422, INVALID)]).await;
    let client = client(&base_url).max_retries(0).build().unwrap();
    let body = serde_json::json!({"email": "x"});
    let error = client.create_customer(&body, &None).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "API error: HTTP 404 Not Found; No such customer: 'cus_x'"
    );
    let typed = error.api_body::<serde_json::Value>().unwrap();
    assert_eq!(typed["error"]["type"], "invalid_request_error");
    assert_eq!(error.body(), Some(NOT_FOUND.as_bytes()));
    let Error::Api(api) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(api.status, StatusCode::NOT_FOUND);

    let error = client.create_customer(&body, &None).await.unwrap_err();
    assert_eq!(
        error.api_message(),
        Some("email is invalid; name is missing")
    );
    assert_eq!(error.api_body::<Vec<serde_json::Value>>().unwrap().len(), 2);
}
