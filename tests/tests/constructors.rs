//! Request types built with their constructors and setters, and
//! credentials, as a loopback server receives them: the crate
//! `tests/constructors-client/`, generated from
//! `tests/fixtures/constructors.yaml` (OpenAI's shape), and the implied
//! bearer token of `tests/union-client/` (a spec without security schemes).
//!
//! - OpenAI's one-message chat completion in a few lines: `new` takes the
//!   two required members, fills each message's `role`, and a union member
//!   takes any of its variants' values (`"gpt-4o"`, a message); the
//!   request's 14 optional members have setters;
//! - a 10-field request with 3 required members, and a nested one, their
//!   optional members set in a literal ending in `..Type::new(..)` (fewer
//!   than 12 optional members: no setters);
//! - a parameter struct (a required and a pinned parameter) and a
//!   multipart form with a required file;
//! - setters of members named like methods (`with_default`, `r#type`);
//! - HTTP Basic encoded by the client, from the setter and from the
//!   environment; a spec without schemes takes a token and needs none.

use fixture_constructors::models::{
    Address, ChatCompletionRequestAssistantMessage, ChatCompletionRequestMessage,
    ChatCompletionRequestSystemMessage, ChatCompletionRequestSystemMessageRole,
    ChatCompletionRequestUserMessage, ChatCompletionRequestUserMessageContent,
    ChatCompletionRequestUserMessageRole, CreateChatCompletionRequest, CreateCustomerRequest,
    CreateFileForm, CustomerSettings, ModelIdsShared, SearchCustomersMode, SearchCustomersParams,
};
use fixture_constructors::{Client, FilePart, Nullable};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const COMPLETION: &str = r#"{"id":"chatcmpl-1","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"}}]}"#;

/// A server answering `verb route` with `body`, and a client pointed at it
/// with a bearer token.
async fn serve(verb: &str, route: &str, body: &str) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key_auth("sk-test")
        .max_retries(0)
        .build()
        .expect("client builds");
    (server, client)
}

/// The one request the server received.
async fn received(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn header<'r>(request: &'r wiremock::Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().expect("ASCII"))
}

fn body_text(request: &wiremock::Request) -> String {
    String::from_utf8(request.body.clone()).expect("a UTF-8 body")
}

#[tokio::test]
async fn a_one_message_chat_completion_fits_in_a_few_lines() {
    let (server, client) = serve("POST", "/chat/completions", COMPLETION).await;

    let request = CreateChatCompletionRequest::new(
        vec![ChatCompletionRequestUserMessage::new("Say hello").into()],
        "gpt-4o",
    );
    let completion = client
        .create_chat_completion(&request)
        .await
        .unwrap()
        .result;

    assert_eq!(
        completion.choices[0]
            .message
            .as_ref()
            .unwrap()
            .content
            .as_deref(),
        Some("Hello!")
    );
    let sent = received(&server).await;
    assert_eq!(header(&sent, "authorization"), Some("Bearer sk-test"));
    assert_eq!(
        body_text(&sent),
        r#"{"messages":[{"content":"Say hello","role":"user"}],"model":"gpt-4o"}"#
    );
}

#[test]
fn new_fills_pinned_members_and_leaves_optional_ones_unset() {
    let request = CreateChatCompletionRequest::new(
        vec![ChatCompletionRequestUserMessage::new("Hi").into()],
        "o3",
    );
    // What the few lines above stand for, spelled out.
    let expected = CreateChatCompletionRequest {
        messages: vec![
            ChatCompletionRequestMessage::ChatCompletionRequestUserMessage(
                ChatCompletionRequestUserMessage {
                    content: ChatCompletionRequestUserMessageContent::String("Hi".to_string()),
                    role: ChatCompletionRequestUserMessageRole::User,
                    name: None,
                },
            ),
        ],
        model: ModelIdsShared::String("o3".to_string()),
        metadata: Nullable::Absent,
        temperature: Nullable::Absent,
        top_p: Nullable::Absent,
        user: None,
        service_tier: Nullable::Absent,
        frequency_penalty: Nullable::Absent,
        logit_bias: Nullable::Absent,
        max_completion_tokens: Nullable::Absent,
        n: Nullable::Absent,
        seed: Nullable::Absent,
        stop: Nullable::Absent,
        stream: Nullable::Absent,
        tools: None,
        parallel_tool_calls: None,
    };
    assert_eq!(request, expected);
    // A `const` role is filled the same way as a one-value `enum`.
    assert_eq!(
        ChatCompletionRequestSystemMessage::new("Be brief.").role,
        ChatCompletionRequestSystemMessageRole::System
    );
}

#[tokio::test]
async fn setters_take_the_value_and_nullable_members_can_still_be_null() {
    let (server, client) = serve("POST", "/chat/completions", COMPLETION).await;
    let mut request = CreateChatCompletionRequest::new(
        vec![
            ChatCompletionRequestSystemMessage::new("Be brief.").into(),
            ChatCompletionRequestUserMessage {
                name: Some("ada".to_string()),
                ..ChatCompletionRequestUserMessage::new("Say hello")
            }
            .into(),
            ChatCompletionRequestAssistantMessage {
                content: "Hello!".to_string().into(),
                ..ChatCompletionRequestAssistantMessage::new()
            }
            .into(),
        ],
        "gpt-4o-mini",
    )
    .temperature(0.2)
    .max_completion_tokens(64)
    .stop(vec!["\n".to_string()])
    .user("user-1234")
    .parallel_tool_calls(false);
    request.seed = Nullable::Null;
    client.create_chat_completion(&request).await.unwrap();
    assert_eq!(
        body_text(&received(&server).await),
        concat!(
            r#"{"temperature":0.2,"user":"user-1234","messages":["#,
            r#"{"content":"Be brief.","role":"system"},"#,
            r#"{"content":"Say hello","role":"user","name":"ada"},"#,
            r#"{"content":"Hello!","role":"assistant"}],"#,
            r#""model":"gpt-4o-mini","max_completion_tokens":64,"seed":null,"stop":["\n"],"#,
            r#""parallel_tool_calls":false}"#
        )
    );
}

#[tokio::test]
async fn a_ten_member_request_takes_its_three_required_ones_in_alphabetical_order() {
    let customer = r#"{"id":"cus_1","email":"ada@example.com","name":"Ada","balance":0}"#;
    let (server, client) = serve("POST", "/customers", customer).await;
    // `new(balance, email, name)`.
    let request = CreateCustomerRequest {
        phone: Some("+44 20 7946 0000".to_string()),
        address: Some(Address {
            city: Some("London".to_string()),
            ..Address::new("1 Main St")
        }),
        metadata: Some([("order_id".to_string(), "6735".to_string())].into()),
        preferred_locales: Some(vec!["en-GB".to_string()]),
        ..CreateCustomerRequest::new(0, "ada@example.com", "Ada")
    };
    let created = client.create_customer(&request).await.unwrap().result;
    assert_eq!(created.id.as_deref(), Some("cus_1"));
    assert_eq!(
        body_text(&received(&server).await),
        concat!(
            r#"{"email":"ada@example.com","name":"Ada","balance":0,"phone":"+44 20 7946 0000","#,
            r#""metadata":{"order_id":"6735"},"preferred_locales":["en-GB"],"#,
            r#""address":{"line1":"1 Main St","city":"London"}}"#
        )
    );
}

#[tokio::test]
async fn parameter_structs_take_required_parameters_and_fill_pinned_ones() {
    let (server, client) = serve("GET", "/customers/search", "[]").await;
    let params = SearchCustomersParams {
        limit: Some(10),
        expand: Some(vec!["invoices".to_string(), "tax".to_string()]),
        x_request_id: Some("req-1".to_string()),
        ..SearchCustomersParams::new("email:'ada@example.com'")
    };
    assert_eq!(params.mode, SearchCustomersMode::Strict);
    client.search_customers(&params).await.unwrap();
    let sent = received(&server).await;
    assert_eq!(
        sent.url.query(),
        Some(
            "query=email%3A%27ada%40example.com%27&mode=strict&limit=10&expand=invoices&expand=tax"
        )
    );
    assert_eq!(header(&sent, "x-request-id"), Some("req-1"));
}

#[tokio::test]
async fn a_form_takes_its_required_file_and_text() {
    let (server, client) = serve("POST", "/files", r#"{"id":"file-1"}"#).await;
    let form = CreateFileForm {
        labels: vec!["a".to_string(), "b".to_string()],
        ..CreateFileForm::new(
            FilePart::new(b"{}\n".to_vec()).file_name("data.jsonl"),
            "fine-tune",
        )
    };
    client.create_file(&form).await.unwrap();
    let sent = received(&server).await;
    let content_type = header(&sent, "content-type")
        .expect("a content type")
        .to_string();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart body");
    let part = |headers: &str, value: &str| format!("--{boundary}\r\n{headers}\r\n\r\n{value}\r\n");
    let expected = [
        part(
            "Content-Disposition: form-data; name=\"file\"; filename=\"data.jsonl\"\r\nContent-Type: application/octet-stream",
            "{}\n",
        ),
        part("Content-Disposition: form-data; name=\"purpose\"", "fine-tune"),
        part("Content-Disposition: form-data; name=\"labels\"", "a"),
        part("Content-Disposition: form-data; name=\"labels\"", "b"),
        format!("--{boundary}--\r\n"),
    ]
    .concat();
    assert_eq!(body_text(&sent), expected);
}

#[test]
fn members_named_like_methods_get_prefixed_setters() {
    let settings = CustomerSettings::default()
        .with_default("eur")
        .with_clone(true)
        .with_into("x")
        .with_add(1)
        .with_next("n")
        .with_new(true)
        .r#type("business")
        .is_active(true)
        .to_email("billing@example.com")
        .as_of("2024-01-01")
        .from_date("2023-01-01");
    assert_eq!(
        serde_json::to_string(&settings).unwrap(),
        concat!(
            r#"{"with_new":true,"default":"eur","clone":true,"into":"x","add":1,"next":"n","#,
            r#""type":"business","is_active":true,"to_email":"billing@example.com","#,
            r#""as_of":"2024-01-01","from_date":"2023-01-01"}"#
        )
    );
    // `new` has no setter (`with_new` is another member's): set the field.
    let settings = CustomerSettings {
        new: Some(false),
        ..settings
    };
    assert!(
        serde_json::to_string(&settings)
            .unwrap()
            .starts_with(r#"{"new":false,"#)
    );
}

#[tokio::test]
async fn basic_auth_is_encoded_by_the_client() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(COMPLETION, "application/json"))
        .mount(&server)
        .await;
    let request = CreateChatCompletionRequest::new(
        vec![ChatCompletionRequestUserMessage::new("Hi").into()],
        "o3",
    );
    let from_setter = Client::builder()
        .base_url(server.uri())
        .basic_auth("user", "pass")
        .build()
        .unwrap();
    let uri = server.uri();
    let from_env = Client::from_env_with(|name| match name {
        "OPENAI_API_BASIC" => Some("user:pass".to_string()),
        "OPENAI_BASE_URL" => Some(uri.clone()),
        _ => None,
    })
    .unwrap();
    for client in [from_setter, from_env] {
        client.create_chat_completion(&request).await.unwrap();
    }
    let requests = server.received_requests().await.unwrap();
    let sent: Vec<Option<&str>> = requests
        .iter()
        .map(|r| header(r, "authorization"))
        .collect();
    assert_eq!(
        sent,
        [Some("Basic dXNlcjpwYXNz"), Some("Basic dXNlcjpwYXNz")]
    );
    // The credential is never printed.
    let client = Client::builder()
        .basic_auth("user", "pass")
        .build()
        .unwrap();
    assert!(!format!("{client:?}").contains("dXNlcjpwYXNz"));
}

#[test]
fn environment_names_keep_the_brand_whole() {
    let error = Client::from_env_with(|_| None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid client configuration: none of OPENAI_API_KEY, OPENAI_API_BASIC is set"
    );
}

#[tokio::test]
async fn a_spec_without_security_schemes_takes_an_optional_bearer_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/zones/z/settings"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"id":"z"}"#, "application/json"))
        .mount(&server)
        .await;
    let uri = server.uri();
    // `from_env` needs no credential: the API may not either.
    let anonymous = fixture_unions::Client::from_env_with(|name| {
        (name == "UNIONS_FIXTURE_BASE_URL").then(|| uri.clone())
    })
    .unwrap();
    let with_token = fixture_unions::Client::from_env_with(|name| match name {
        "UNIONS_FIXTURE_API_TOKEN" => Some("ghp_test".to_string()),
        "UNIONS_FIXTURE_BASE_URL" => Some(uri.clone()),
        _ => None,
    })
    .unwrap();
    // `Client::new(token)` as for any bearer API; here pointed at the server.
    assert!(fixture_unions::Client::new("ghp_new").is_ok());
    let with_new = fixture_unions::Client::builder()
        .base_url(server.uri())
        .api_token("ghp_new")
        .build()
        .unwrap();
    for client in [anonymous, with_token, with_new] {
        client.get_zone_settings("z").await.unwrap();
    }
    let requests = server.received_requests().await.unwrap();
    let sent: Vec<Option<&str>> = requests
        .iter()
        .map(|r| header(r, "authorization"))
        .collect();
    assert_eq!(
        sent,
        [None, Some("Bearer ghp_test"), Some("Bearer ghp_new")]
    );
}
