use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::error::Error;
use crate::response::RawResponse;

fn raw(status: u16, body: &str) -> RawResponse {
    let mut headers = HeaderMap::new();
    headers.insert("cf-ray", "8d1f-LHR".parse().unwrap());
    RawResponse {
        status: StatusCode::from_u16(status).unwrap(),
        headers,
        body: body.as_bytes().to_vec(),
        attempts: 2,
    }
}

#[test]
fn the_result_is_unwrapped_and_null_lists_are_empty() {
    let body = r#"{"success":true,"errors":null,"messages":[{"code":1000,"message":"ok","extra":1}],"result":{"id":"x"},"result_info":{"page":1}}"#;
    let response = raw(200, body)
        .envelope_required::<serde_json::Value>()
        .unwrap();
    assert_eq!(response.result, serde_json::json!({"id": "x"}));
    assert_eq!(response.messages[0].code, 1000);
    assert_eq!(response.result_info, Some(serde_json::json!({"page": 1})));
    assert_eq!(response.attempts, 2);
    assert_eq!(response.cf_ray(), Some("8d1f-LHR"));
}

#[test]
fn success_false_is_an_error_even_on_2xx() {
    let body = r#"{"success":false,"errors":[{"code":7003,"message":"No route for the URI"}],"messages":[],"result":null}"#;
    let error = raw(200, body).envelope_empty().unwrap_err();
    assert!(matches!(error, Error::Unsuccessful(_)), "{error:?}");
    assert_eq!(error.api_errors()[0].code, 7003);
    assert_eq!(error.cf_ray(), Some("8d1f-LHR"));
    assert_eq!(error.attempts(), 2);
}

#[test]
fn a_missing_required_result_keeps_the_body() {
    let body = r#"{"success":true,"errors":[],"messages":[]}"#;
    let error = raw(200, body)
        .envelope_required::<serde_json::Value>()
        .unwrap_err();
    match error {
        Error::Decode(decode) => {
            assert_eq!(decode.body_text(), body);
            assert!(decode.source.to_string().contains("result"), "{decode}");
        }
        other => panic!("{other:?}"),
    }
    let optional = raw(200, body).envelope::<serde_json::Value>().unwrap();
    assert_eq!(optional.result, None);
}

#[test]
fn non_2xx_bodies_fill_errors_when_they_are_envelopes() {
    let enveloped = raw(
        404,
        r#"{"success":false,"errors":[{"code":7003,"message":"No route"}],"messages":[],"result":null}"#,
    )
    .into_api_error();
    assert_eq!(
        enveloped.to_string(),
        "API error: HTTP 404 Not Found; 7003 No route (after 2 attempts)"
    );
    let html = raw(502, "<html>bad gateway</html>").into_api_error();
    assert!(html.api_errors().is_empty());
    assert_eq!(html.body(), Some(&b"<html>bad gateway</html>"[..]));
}
