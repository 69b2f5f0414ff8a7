use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::error::Error;
use crate::error_body::{ErrorBody, Statuses};
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
    assert_eq!(response.messages()[0].code, 1000);
    assert_eq!(
        response.result_info(),
        Some(&serde_json::json!({"page": 1}))
    );
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

/// How an operation whose failures are envelopes describes its `4XX`.
const ENVELOPE_4XX: &[ErrorBody] = &[ErrorBody {
    statuses: Statuses::Range(4),
    decode: crate::envelope::failure,
    message: &["errors", "[]"],
}];

#[test]
fn non_2xx_bodies_fill_errors_when_they_are_envelopes() {
    let body = r#"{"success":false,"errors":[{"code":7003,"message":"No route"},{"code":7000,"message":"Also"}],"messages":[{"code":1,"message":"note"}],"result":null}"#;
    let enveloped = raw(404, body).into_api_error(ENVELOPE_4XX);
    assert_eq!(
        enveloped.to_string(),
        "API error: HTTP 404 Not Found; 7003 No route; 7000 Also (after 2 attempts)"
    );
    let codes: Vec<i64> = enveloped.api_errors().iter().map(|e| e.code).collect();
    assert_eq!(codes, [7003, 7000]);
    assert_eq!(enveloped.messages()[0].message, "note");
    assert_eq!(enveloped.body(), Some(body.as_bytes()));
    // A 5xx the operation does not describe: the message is still found,
    // but nothing claims to be the envelope's lists.
    let undescribed = raw(503, body).into_api_error(ENVELOPE_4XX);
    assert_eq!(undescribed.api_message(), Some("7003 No route; 7000 Also"));
    assert!(undescribed.api_errors().is_empty());
    let html = raw(502, "<html>bad gateway</html>").into_api_error(ENVELOPE_4XX);
    assert!(html.api_errors().is_empty());
    assert_eq!(html.api_message(), None);
    assert_eq!(
        html.to_string(),
        "API error: HTTP 502 Bad Gateway (after 2 attempts)"
    );
    assert_eq!(html.body(), Some(&b"<html>bad gateway</html>"[..]));
}

/// The envelope's types as serde's derive read and wrote them; the impls
/// through `object.rs` must agree on every input (values and error texts).
/// Same type names, so `Debug` texts compare too.
mod derived {
    #[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
    pub struct ResponseMessage {
        #[serde(default)]
        pub code: i64,
        #[serde(default)]
        pub message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub documentation_url: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub source: Option<MessageSource>,
    }

    #[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
    pub struct MessageSource {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub pointer: Option<String>,
    }

    #[derive(serde::Deserialize)]
    pub struct Envelope<T> {
        #[serde(default)]
        pub success: Option<bool>,
        #[serde(default)]
        pub errors: Option<Vec<ResponseMessage>>,
        #[serde(default)]
        pub messages: Option<Vec<ResponseMessage>>,
        #[serde(default = "none")]
        pub result: Option<T>,
        #[serde(default)]
        pub result_info: Option<serde_json::Value>,
    }

    fn none<T>() -> Option<T> {
        None
    }
}

/// What the envelope decoder makes of `body`, as text: the messages,
/// result and result info; `success: false` and its lists; or the error.
fn ours<T: serde::de::DeserializeOwned + std::fmt::Debug>(body: &str) -> Result<String, String> {
    match raw(200, body).envelope::<T>() {
        Ok(r) => Ok(format!(
            "{:?} {:?} {:?}",
            r.messages(),
            r.result,
            r.result_info()
        )),
        Err(Error::Unsuccessful(api)) => Ok(format!(
            "unsuccessful {:?} {:?}",
            api.errors(),
            api.messages()
        )),
        Err(Error::Decode(decode)) => Err(decode.source.to_string()),
        Err(other) => panic!("{other:?}"),
    }
}

/// The same through the derived envelope.
fn derived<T: serde::de::DeserializeOwned + std::fmt::Debug>(body: &str) -> Result<String, String> {
    let envelope = serde_json::from_str::<derived::Envelope<T>>(body).map_err(|e| e.to_string())?;
    if envelope.success == Some(false) {
        return Ok(format!(
            "unsuccessful {:?} {:?}",
            envelope.errors.unwrap_or_default(),
            envelope.messages.unwrap_or_default()
        ));
    }
    Ok(format!(
        "{:?} {:?} {:?}",
        envelope.messages.unwrap_or_default(),
        envelope.result,
        envelope.result_info
    ))
}

fn decode(body: &str) -> Result<String, String> {
    let value = ours::<serde_json::Value>(body);
    assert_eq!(value, derived::<serde_json::Value>(body), "{body}");
    let typed = ours::<Vec<i64>>(body);
    assert_eq!(typed, derived::<Vec<i64>>(body), "{body}");
    let ignored = ours::<serde::de::IgnoredAny>(body);
    assert_eq!(ignored, derived::<serde::de::IgnoredAny>(body), "{body}");
    value
}

#[test]
fn envelopes_read_like_the_derive() {
    let bodies = [
        r#"{"success":true,"errors":[],"messages":[],"result":[1,2]}"#,
        r#"{"result":[3]}"#,
        r#"{}"#,
        r#"{"success":null,"errors":null,"messages":null,"result":null,"result_info":null}"#,
        r#"{"success":true,"messages":[{}],"result":[],"result_info":{"page":2},"other":[{"a":null}]}"#,
        r#"{"messages":[{"code":7,"message":"m","documentation_url":"u","source":{"pointer":"/a"},"x":1}]}"#,
        r#"{"messages":[{"code":7,"documentation_url":null,"source":{}}]}"#,
        r#"{"success":false,"errors":[{"code":1003,"message":"bad"}],"result":null}"#,
    ];
    for body in bodies {
        assert!(decode(body).is_ok(), "{body}");
    }
    assert_eq!(
        decode(bodies[5]).unwrap(),
        r#"[ResponseMessage { code: 7, message: "m", documentation_url: Some("u"), source: Some(MessageSource { pointer: Some("/a") }) }] None None"#
    );
    assert_eq!(
        decode(bodies[6]).unwrap(),
        r#"[ResponseMessage { code: 7, message: "", documentation_url: None, source: Some(MessageSource { pointer: None }) }] None None"#
    );
}

#[test]
fn envelope_errors_have_the_derives_text() {
    let cases = [
        (
            r#"{"success":"yes"}"#,
            "invalid type: string \"yes\", expected a boolean at line 1 column 16",
        ),
        (
            r#"{"success":true,"success":true}"#,
            "duplicate field `success` at line 1 column 25",
        ),
        (
            r#"{"messages":[{"code":"7"}]}"#,
            "invalid type: string \"7\", expected i64 at line 1 column 24",
        ),
        (
            r#"{"messages":[1]}"#,
            "invalid type: integer `1`, expected struct ResponseMessage at line 1 column 14",
        ),
        (
            r#"{"messages":[{"source":"s"}]}"#,
            "invalid type: string \"s\", expected struct MessageSource at line 1 column 26",
        ),
        (
            r#"{"messages":[{"code":1,"code":2}]}"#,
            "duplicate field `code` at line 1 column 29",
        ),
        (
            r#""text""#,
            "invalid type: string \"text\", expected struct Envelope at line 1 column 6",
        ),
        (
            r#"{"result":1"#,
            "EOF while parsing an object at line 1 column 11",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(decode(body), Err(expected.to_string()), "{body}");
    }
    // The result's own errors: typed as `Vec<i64>` here.
    let body = r#"{"result":{"a":1}}"#;
    assert_eq!(ours::<Vec<i64>>(body), derived::<Vec<i64>>(body));
    assert!(ours::<Vec<i64>>(body).is_err());
}

#[test]
fn messages_write_like_the_derive() {
    let cases = [
        derived::ResponseMessage::default(),
        derived::ResponseMessage {
            code: 1000,
            message: "a \"b\"".into(),
            documentation_url: Some("https://x".into()),
            source: Some(derived::MessageSource {
                pointer: Some("/p".into()),
            }),
        },
        derived::ResponseMessage {
            source: Some(derived::MessageSource::default()),
            ..Default::default()
        },
    ];
    let expected = [
        r#"{"code":0,"message":""}"#,
        r#"{"code":1000,"message":"a \"b\"","documentation_url":"https://x","source":{"pointer":"/p"}}"#,
        r#"{"code":0,"message":"","source":{}}"#,
    ];
    for (derived, expected) in cases.into_iter().zip(expected) {
        let text = serde_json::to_string(&derived).unwrap();
        assert_eq!(text, expected);
        let ours: crate::message::ResponseMessage = serde_json::from_str(&text).unwrap();
        assert_eq!(format!("{ours:?}"), format!("{derived:?}"));
        assert_eq!(serde_json::to_string(&ours).unwrap(), expected);
    }
}
