//! Multipart forms: the exact bytes of an encoded form, escaped names,
//! a boundary that never occurs in a part, and forms on the wire.

use crate::client::Client;
use crate::multipart::{FilePart, Form, boundary_of, random_boundary};

/// The exact bytes of a form under a fixed boundary: a file (its own
/// name and type), a file without either (the field's name and the
/// spec's type), a JSON part, repeated text parts and absent ones.
#[test]
fn a_form_encodes_to_these_bytes() {
    let image = FilePart::new(b"\x89PNG".to_vec())
        .file_name("logo.png")
        .content_type("image/png");
    let bare = FilePart::new(b"raw".to_vec());
    let metadata = serde_json::json!({"owner": "me"});
    let tags = vec!["a".to_string(), "b c".to_string()];
    let absent: Option<bool> = None;
    let body = Form::default()
        .files("file", None, Some(&image))
        .files("extra", Some("text/csv"), Some(&bare))
        .json("metadata", "application/json", Some(&metadata))
        .unwrap()
        .text("requireSignedURLs", None, Some(&true))
        .text("tag", None, &tags)
        .text("absent", None, &absent)
        .encode("XyZ");
    let expected = b"--XyZ\r\n\
Content-Disposition: form-data; name=\"file\"; filename=\"logo.png\"\r\n\
Content-Type: image/png\r\n\
\r\n\
\x89PNG\r\n\
--XyZ\r\n\
Content-Disposition: form-data; name=\"extra\"; filename=\"extra\"\r\n\
Content-Type: text/csv\r\n\
\r\n\
raw\r\n\
--XyZ\r\n\
Content-Disposition: form-data; name=\"metadata\"\r\n\
Content-Type: application/json\r\n\
\r\n\
{\"owner\":\"me\"}\r\n\
--XyZ\r\n\
Content-Disposition: form-data; name=\"requireSignedURLs\"\r\n\
\r\n\
true\r\n\
--XyZ\r\n\
Content-Disposition: form-data; name=\"tag\"\r\n\
\r\n\
a\r\n\
--XyZ\r\n\
Content-Disposition: form-data; name=\"tag\"\r\n\
\r\n\
b c\r\n\
--XyZ--\r\n";
    assert_eq!(
        String::from_utf8_lossy(&body),
        String::from_utf8_lossy(expected)
    );
    assert_eq!(body, expected);
}

#[test]
fn an_empty_form_is_only_the_closing_delimiter() {
    assert_eq!(Form::default().encode("b"), b"--b--\r\n");
}

/// A quote or a line break cannot end the quoted name or the header:
/// they are percent-encoded; other text, UTF-8 included, is kept.
#[test]
fn names_and_file_names_are_escaped() {
    let file = FilePart::new(b"x".to_vec())
        .file_name("say \"hi\"\r\n.txt")
        .content_type("text/plain;\r\n charset=utf-8");
    let named = vec![("module \"ä\".js".to_string(), file)];
    let body = Form::default().named_files(None, &named).encode("b");
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "--b\r\n\
Content-Disposition: form-data; name=\"module %22ä%22.js\"; filename=\"say %22hi%22%0D%0A.txt\"\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
x\r\n\
--b--\r\n"
    );
}

/// A boundary found in a part's content is drawn again: the same seed
/// first draws the boundary planted in the file.
#[test]
fn a_boundary_that_occurs_in_a_part_is_drawn_again() {
    fastrand::seed(9);
    let first = random_boundary();
    let second = random_boundary();
    assert_ne!(first, second);
    let file = FilePart::new(format!("before\r\n--{first}\r\nafter").into_bytes());
    let form = Form::default().files("file", None, Some(&file));
    assert!(form.contains(first.as_bytes()));
    assert!(!form.contains(second.as_bytes()));
    fastrand::seed(9);
    let body = form.into_body();
    assert_eq!(
        body.content_type,
        format!("multipart/form-data; boundary={second}")
    );
    let text = String::from_utf8(body.bytes).unwrap();
    assert!(text.starts_with(&format!("--{second}\r\n")), "{text}");
    assert!(text.ends_with(&format!("--{second}--\r\n")), "{text}");
    assert!(text.contains(&format!("\r\nbefore\r\n--{first}\r\nafter\r\n")));
}

#[test]
fn random_boundaries_are_long_and_plain() {
    let boundary = random_boundary();
    assert_eq!(boundary.len(), "----form-boundary-".len() + 32);
    assert!(boundary.starts_with("----form-boundary-"));
    assert!(
        boundary[18..].bytes().all(|b| b.is_ascii_alphanumeric()),
        "{boundary}"
    );
}

#[test]
fn the_boundary_parameter_is_found() {
    assert_eq!(
        boundary_of("multipart/form-data; boundary=abc"),
        Some("abc")
    );
    assert_eq!(
        boundary_of("multipart/form-data;charset=x; BOUNDARY=\"a b\""),
        Some("a b")
    );
    assert_eq!(boundary_of("multipart/form-data"), None);
    assert_eq!(boundary_of("text/plain; charset=utf-8"), None);
}

#[test]
fn file_parts_print_their_size_not_their_bytes() {
    let file = FilePart::new(b"secret".to_vec()).file_name("a.txt");
    assert_eq!(
        format!("{file:?}"),
        "FilePart { bytes: 6 bytes, file_name: Some(\"a.txt\"), content_type: None }"
    );
}

/// On the wire: the request's `Content-Type` names the boundary the body
/// uses, a retry re-sends the very same bytes, and a content type set on
/// the call keeps the boundary.
#[tokio::test]
async fn a_form_is_sent_with_its_boundary_and_resent_unchanged() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/forms"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/forms"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"success":true,"errors":[],"messages":[]}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .retry_base_delay(std::time::Duration::from_millis(1))
        .build()
        .unwrap();
    let file = FilePart::new(b"hello".to_vec()).file_name("h.txt");
    let meta = serde_json::json!({"k": 1});
    let tags = ["x".to_string()];
    // A `POST` is retried after a 503 without `Retry-After` only with a key.
    let response = client
        .upload_form(&file, &meta, &tags)
        .idempotency_key("upload-1")
        .await
        .unwrap();
    assert_eq!(response.attempts, 2);
    client
        .upload_form(&file, &meta, &tags)
        .content_type("multipart/mixed")
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    let content_type = |index: usize| {
        requests[index]
            .headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    };
    let sent = content_type(0);
    let boundary = boundary_of(&sent).unwrap().to_string();
    assert_eq!(sent, format!("multipart/form-data; boundary={boundary}"));
    let expected = Form::default()
        .files("file", None, Some(&file))
        .json("meta", "application/json", Some(&meta))
        .unwrap()
        .text("tag", None, &tags)
        .encode(&boundary);
    assert_eq!(requests[0].body, expected);
    // The retry: the same type and the same bytes.
    assert_eq!(content_type(1), sent);
    assert_eq!(requests[1].body, requests[0].body);
    // The override keeps the boundary of its own body.
    let overridden = content_type(2);
    let own = boundary_of(&overridden).unwrap();
    assert_eq!(overridden, format!("multipart/mixed; boundary={own}"));
    assert!(
        requests[2]
            .body
            .starts_with(format!("--{own}\r\n").as_bytes())
    );
}
