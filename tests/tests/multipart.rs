//! Multipart uploads, generated from `tests/fixtures/upload.yaml` into
//! `tests/upload-client/`, against a real HTTP server on 127.0.0.1 whose
//! requests are read back with a real multipart parser (`multer`): every
//! part's name, file name, content type and exact bytes, and a retry that
//! re-sends the same body under the same boundary.

use cloudflare_upload::models::{
    CloudflareImagesUploadAnImageViaUrlForm, WorkerScriptPutContentForm,
    WorkerScriptPutContentFormMetadata,
};
use cloudflare_upload::{Client, Error, FilePart};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const TOKEN: &str = "Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY";
/// A PNG signature and a few bytes that are not UTF-8, CRLF included.
const IMAGE: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\r\n--";

/// One part as the parser read it: name, file name, content type, bytes.
#[derive(Debug, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

fn part(name: &str, file_name: Option<&str>, content_type: Option<&str>, bytes: &[u8]) -> Part {
    Part {
        name: name.to_string(),
        file_name: file_name.map(str::to_string),
        content_type: content_type.map(str::to_string),
        bytes: bytes.to_vec(),
    }
}

/// Parses a request body with `multer`, under the boundary its
/// `Content-Type` names.
async fn parse(content_type: &str, body: Vec<u8>) -> Vec<Part> {
    let boundary = multer::parse_boundary(content_type).expect("a multipart content type");
    let stream = futures::stream::iter([Ok::<_, std::io::Error>(body)]);
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.expect("a well-formed body") {
        let name = field.name().expect("every part is named").to_string();
        let file_name = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(|mime| mime.to_string());
        let bytes = field.bytes().await.expect("the part's bytes").to_vec();
        parts.push(Part {
            name,
            file_name,
            content_type,
            bytes,
        });
    }
    parts
}

fn content_type(request: &wiremock::Request) -> String {
    request
        .headers
        .get("content-type")
        .expect("a content type")
        .to_str()
        .expect("ASCII")
        .to_string()
}

fn image_response() -> serde_json::Value {
    json!({
        "success": true, "errors": [], "messages": [],
        "result": {
            "id": "107b9558-dd06-4bbd-5fef-9c2c16bb7900",
            "filename": "logo.png",
            "requireSignedURLs": true,
            "variants": ["https://imagedelivery.net/Vi7wi5KSItxGFsWRG2Us6Q/107b9558/public"]
        }
    })
}

async fn server_answering(statuses: &[u16], route: &str, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    for status in statuses {
        Mock::given(path(route.to_string()))
            .respond_with(ResponseTemplate::new(*status).set_body_json(body.clone()))
            .up_to_n_times(1)
            .mount(&server)
            .await;
    }
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_token(TOKEN)
        .retry_base_delay(std::time::Duration::from_millis(1))
        .build()
        .expect("client builds")
}

fn images_path() -> String {
    format!("/accounts/{ACCOUNT}/images/v1")
}

/// The image upload: a file with its own name and type, a JSON part, a
/// boolean's text and a string, in the order the spec lists them; the
/// envelope's `result` comes back decoded.
#[tokio::test]
async fn an_image_upload_round_trips_through_a_multipart_parser() {
    let server = server_answering(&[200], &images_path(), image_response()).await;
    let form = CloudflareImagesUploadAnImageViaUrlForm {
        file: Some(
            FilePart::new(IMAGE)
                .file_name("logo.png")
                .content_type("image/png"),
        ),
        metadata: Some([("owner".to_string(), json!("marketing"))].into()),
        require_signed_ur_ls: Some(true),
        id: Some("this/is/my-customid".to_string()),
    };
    let response = client(&server)
        .cloudflare_images_upload_an_image_via_url(ACCOUNT, &form)
        .await
        .expect("the upload succeeds");
    let image = response.result.expect("a result");
    assert_eq!(
        image.id.as_deref(),
        Some("107b9558-dd06-4bbd-5fef-9c2c16bb7900")
    );
    assert_eq!(image.filename.as_deref(), Some("logo.png"));
    assert_eq!(image.require_signed_ur_ls, Some(true));

    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), images_path());
    assert_eq!(
        request.headers.get("authorization").unwrap(),
        &format!("Bearer {TOKEN}")
    );
    let sent = content_type(request);
    let boundary = multer::parse_boundary(&sent).unwrap();
    assert_eq!(sent, format!("multipart/form-data; boundary={boundary}"));
    assert_eq!(
        parse(&sent, request.body.clone()).await,
        vec![
            part("file", Some("logo.png"), Some("image/png"), IMAGE),
            part(
                "metadata",
                None,
                Some("application/json"),
                br#"{"owner":"marketing"}"#
            ),
            part("requireSignedURLs", None, None, b"true"),
            part("id", None, None, b"this/is/my-customid"),
        ]
    );
}

/// Fields left `None` send no part; a file without name or type is named
/// after its part and sent as `application/octet-stream`.
#[tokio::test]
async fn absent_fields_send_no_part() {
    let server = server_answering(&[200], &images_path(), image_response()).await;
    let form = CloudflareImagesUploadAnImageViaUrlForm {
        file: Some(FilePart::new(b"GIF89a".to_vec())),
        ..Default::default()
    };
    client(&server)
        .cloudflare_images_upload_an_image_via_url(ACCOUNT, &form)
        .await
        .expect("the upload succeeds");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        parse(&content_type(&requests[0]), requests[0].body.clone()).await,
        vec![part(
            "file",
            Some("file"),
            Some("application/octet-stream"),
            b"GIF89a"
        )]
    );
}

/// A Workers script upload: modules under part names the caller chooses
/// (the spec's `<any part name>`), each with its own type, and the
/// required `metadata` as JSON.
#[tokio::test]
async fn script_modules_go_under_the_names_given() {
    let route = format!("/accounts/{ACCOUNT}/workers/scripts/my-script/content");
    let ok = json!({"success": true, "errors": [], "messages": []});
    let server = server_answering(&[200], &route, ok).await;
    let worker = b"export default { fetch() { return new Response('OK') } }";
    let wasm = b"\x00asm\x01\x00\x00\x00";
    let form = WorkerScriptPutContentForm {
        any_part_name: vec![
            (
                "worker.js".to_string(),
                FilePart::new(worker.to_vec())
                    .file_name("worker.js")
                    .content_type("application/javascript+module"),
            ),
            (
                "module \"b\".wasm".to_string(),
                FilePart::new(wasm.to_vec()).content_type("application/wasm"),
            ),
        ],
        metadata: WorkerScriptPutContentFormMetadata {
            main_module: Some("worker.js".to_string()),
            compatibility_flags: Some(vec!["nodejs_compat".to_string()]),
        },
    };
    client(&server)
        .worker_script_put_content(ACCOUNT, "my-script", &form)
        .await
        .expect("the upload succeeds");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "PUT");
    // A quote in a name is percent-encoded (as browsers do); multer,
    // like most servers, hands it over as it is.
    assert_eq!(
        parse(&content_type(&requests[0]), requests[0].body.clone()).await,
        vec![
            part(
                "worker.js",
                Some("worker.js"),
                Some("application/javascript+module"),
                worker
            ),
            part(
                "module %22b%22.wasm",
                Some("module %22b%22.wasm"),
                Some("application/wasm"),
                wasm
            ),
            part(
                "metadata",
                None,
                Some("application/json"),
                br#"{"main_module":"worker.js","compatibility_flags":["nodejs_compat"]}"#
            ),
        ]
    );
}

/// A 503 then a 429 then success: three attempts, the same `Content-Type`
/// (so the same boundary) and the very same bytes each time. (The upload
/// is a `POST`: retried after a 503 without `Retry-After` only with an
/// idempotency key.)
#[tokio::test]
async fn a_retried_upload_resends_the_same_body_and_boundary() {
    let server = server_answering(&[503, 429, 200], &images_path(), image_response()).await;
    let form = CloudflareImagesUploadAnImageViaUrlForm {
        file: Some(FilePart::new(IMAGE).file_name("logo.png")),
        require_signed_ur_ls: Some(false),
        ..Default::default()
    };
    let response = client(&server)
        .cloudflare_images_upload_an_image_via_url(ACCOUNT, &form)
        .idempotency_key("upload-1")
        .await
        .expect("the third attempt succeeds");
    assert_eq!(response.attempts, 3);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    let first = content_type(&requests[0]);
    for retry in &requests[1..] {
        assert_eq!(content_type(retry), first);
        assert_eq!(retry.body, requests[0].body);
    }
    assert_eq!(
        parse(&first, requests[2].body.clone()).await,
        vec![
            part(
                "file",
                Some("logo.png"),
                Some("application/octet-stream"),
                IMAGE
            ),
            part("requireSignedURLs", None, None, b"false"),
        ]
    );
}

/// Two uploads of the same form draw two boundaries; each body parses
/// under its own.
#[tokio::test]
async fn each_upload_draws_its_own_boundary() {
    let server = server_answering(&[200, 200], &images_path(), image_response()).await;
    let form = CloudflareImagesUploadAnImageViaUrlForm {
        id: Some("a".to_string()),
        ..Default::default()
    };
    let client = client(&server);
    for _ in 0..2 {
        client
            .cloudflare_images_upload_an_image_via_url(ACCOUNT, &form)
            .await
            .expect("the upload succeeds");
    }
    let requests = server.received_requests().await.unwrap();
    assert_ne!(content_type(&requests[0]), content_type(&requests[1]));
    for request in &requests {
        assert_eq!(
            parse(&content_type(request), request.body.clone()).await,
            vec![part("id", None, None, b"a")]
        );
    }
}

/// `.content_type(..)` on the call changes the type and keeps the form's
/// boundary, so the body still parses.
#[tokio::test]
async fn an_overridden_content_type_keeps_the_boundary() {
    let server = server_answering(&[200], &images_path(), image_response()).await;
    let form = CloudflareImagesUploadAnImageViaUrlForm {
        id: Some("b".to_string()),
        ..Default::default()
    };
    client(&server)
        .cloudflare_images_upload_an_image_via_url(ACCOUNT, &form)
        .content_type("multipart/form-data; charset=utf-8")
        .await
        .expect("the upload succeeds");
    let requests = server.received_requests().await.unwrap();
    let sent = content_type(&requests[0]);
    let boundary = multer::parse_boundary(&sent).unwrap();
    assert_eq!(
        sent,
        format!("multipart/form-data; charset=utf-8; boundary={boundary}")
    );
    assert_eq!(
        parse(&sent, requests[0].body.clone()).await,
        vec![part("id", None, None, b"b")]
    );
}

/// An invalid path argument fails before anything is sent.
#[tokio::test]
async fn an_invalid_account_is_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let error = client(&server)
        .cloudflare_images_upload_an_image_via_url("x".repeat(33), &Default::default())
        .await
        .expect_err("33 characters are too many");
    match error {
        Error::InvalidInput(error) => assert_eq!(error.argument, Some("account_id")),
        other => panic!("expected invalid input, got {other:?}"),
    }
}
