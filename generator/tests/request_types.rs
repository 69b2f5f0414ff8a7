//! What users build and how they authenticate, as emitted code: the
//! constructors and setters of request bodies, parameter structs and
//! multipart forms (`emit/constructors.rs`), `From` impls of sent unions,
//! HTTP Basic credentials, the bearer token of a spec without security
//! schemes, and what a regeneration reports when a request type gains a
//! member. The crate built from such code is exercised on the wire by
//! `tests/tests/constructors.rs`.

use generator::{Generation, Options};

/// A chat request: two required members (a string and an array of a union
/// of messages that pin their `role`), `extra_members` more optional ones.
fn spec(extra_members: &str, required: &str) -> String {
    format!(
        r#"openapi: 3.0.3
info: {{title: OpenAI API, version: "1"}}
servers: [{{url: "https://api.example.com"}}]
paths:
  /chat:
    post:
      operationId: create-chat
      parameters:
      - {{name: stream_id, in: query, required: true, schema: {{type: string}}}}
      - {{name: format, in: query, required: true, schema: {{type: string, enum: [json]}}}}
      - {{name: limit, in: query, schema: {{type: integer}}}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/ChatRequest'}}
      responses:
        '204': {{description: done}}
  /upload:
    post:
      operationId: upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {{type: string, format: binary}}
                note: {{type: string}}
      responses:
        '204': {{description: done}}
components:
  schemas:
    ChatRequest:
      type: object
      required: [model, messages{required}]
      properties:
        model: {{type: string}}
        messages:
          type: array
          items: {{$ref: '#/components/schemas/Message'}}
        temperature: {{type: number, nullable: true}}
        user: {{type: string}}{extra_members}
    Message:
      oneOf:
      - $ref: '#/components/schemas/UserMessage'
      - $ref: '#/components/schemas/ToolMessage'
    UserMessage:
      type: object
      required: [role, content]
      properties:
        role: {{type: string, enum: [user]}}
        content: {{type: string}}
    ToolMessage:
      type: object
      required: [role, tool_call_id]
      properties:
        role: {{type: string, enum: [tool]}}
        tool_call_id: {{type: string}}
"#
    )
}

/// Ten more optional members, so `ChatRequest` has 12 and gets setters.
const TEN_MORE: &str = "
        a1: {type: integer}
        a2: {type: integer}
        a3: {type: integer}
        a4: {type: integer}
        a5: {type: integer}
        a6: {type: integer}
        a7: {type: integer}
        a8: {type: integer}
        default: {type: boolean}
        stop:
          oneOf:
          - {type: string}
          - {type: array, items: {type: string}}";

fn generate(spec: &str, previous: Option<&Generation>) -> Generation {
    let options = Options {
        package_name: Some("fixture-request-types".to_string()),
        regenerate_command: "request types test".to_string(),
        standalone: true,
        previous: previous.map(|p| p.record.clone()),
        ..Options::default()
    };
    generator::generate(spec, &options).unwrap_or_else(|d| panic!("{d}"))
}

fn file<'g>(generation: &'g Generation, path: &str) -> &'g str {
    generation
        .krate
        .file(path)
        .unwrap_or_else(|| panic!("{path} is generated"))
}

/// The item of `code` starting with the line `first`, through its closing
/// `}` at the start of a line.
fn item<'c>(code: &'c str, first: &str) -> &'c str {
    let start = code
        .find(&format!("\n{first}\n"))
        .unwrap_or_else(|| panic!("`{first}` in:\n{code}"))
        + 1;
    let end = start + code[start..].find("\n}\n").expect("the item closes") + 2;
    &code[start..end]
}

#[test]
fn constructors_take_required_members_alphabetically_and_fill_pinned_ones() {
    let generation = generate(&spec("", ""), None);
    let models = file(&generation, "src/models/chat.rs");
    // Fewer than 12 optional members: `new`, no setters.
    assert_eq!(
        item(models, "impl ChatRequest {"),
        r#"impl ChatRequest {
    /// Builds the value from its required members (`messages`, `model`, in alphabetical order), every optional member unset.
    pub fn new(messages: Vec<crate::models::Message>, model: impl Into<String>) -> Self {
        Self {
            model: model.into(),
            messages,
            temperature: crate::Nullable::Absent,
            user: None,
        }
    }
}"#
    );
    assert_eq!(
        item(models, "impl UserMessage {"),
        r#"impl UserMessage {
    /// Builds the value from its required members (`content`, in alphabetical order), every optional member unset. `role` is `user`, the one value the spec allows.
    pub fn new(content: impl Into<String>) -> Self {
        Self {
            role: crate::models::UserMessageRole::User,
            content: content.into(),
        }
    }
}"#
    );
    // A sent union is `From` each of its variants.
    assert_eq!(
        item(
            models,
            "impl From<crate::models::UserMessage> for Message {"
        ),
        r#"impl From<crate::models::UserMessage> for Message {
    fn from(value: crate::models::UserMessage) -> Self {
        Self::UserMessage(value)
    }
}"#
    );
    assert!(models.contains("impl From<crate::models::ToolMessage> for Message {"));
}

#[test]
fn parameter_structs_and_forms_are_built_the_same_way() {
    let generation = generate(&spec("", ""), None);
    let models = file(&generation, "src/models/chat.rs");
    assert_eq!(
        item(models, "impl CreateChatParams {"),
        r#"impl CreateChatParams {
    /// Builds the value from its required members (`stream_id`, in alphabetical order), every optional member unset. `format` is `json`, the one value the spec allows.
    pub fn new(stream_id: impl Into<String>) -> Self {
        Self {
            stream_id: stream_id.into(),
            format: crate::models::CreateChatFormat::Json,
            limit: None,
        }
    }
}"#
    );
    assert_eq!(
        item(
            file(&generation, "src/models/upload.rs"),
            "impl UploadForm {"
        ),
        r#"impl UploadForm {
    /// Builds the value from its required members (`file`, in alphabetical order), every optional member unset.
    pub fn new(file: crate::FilePart) -> Self {
        Self { file, note: None }
    }
}"#
    );
}

#[test]
fn a_type_with_twelve_optional_members_gets_setters() {
    let generation = generate(&spec(TEN_MORE, ""), None);
    let models = file(&generation, "src/models/chat.rs");
    let block = item(models, "impl ChatRequest {");
    // The value itself, not its `Option`; `Nullable` members set a value;
    // a string or a union is taken as `impl Into`; a reserved name gets
    // `with_`.
    for setter in [
        r#"    /// Sets `temperature`.
    pub fn temperature(mut self, temperature: f64) -> Self {
        self.temperature = crate::Nullable::Value(temperature);
        self
    }"#,
        r#"    /// Sets `user`.
    pub fn user(mut self, user: impl Into<String>) -> Self {
        self.user = Some(user.into());
        self
    }"#,
        r#"    /// Sets `default`.
    pub fn with_default(mut self, default: bool) -> Self {
        self.default = Some(default);
        self
    }"#,
        r#"    /// Sets `stop`.
    pub fn stop(mut self, stop: impl Into<crate::models::ChatRequestStop>) -> Self {
        self.stop = Some(stop.into());
        self
    }"#,
    ] {
        assert!(block.contains(setter), "{setter}\nnot in\n{block}");
    }
    assert_eq!(block.matches("/// Sets `").count(), 12, "{block}");
    assert!(models.contains("impl From<&str> for ChatRequestStop {"));
    assert!(models.contains("impl From<Vec<String>> for ChatRequestStop {"));
}

#[test]
fn a_new_required_member_of_a_sent_type_is_breaking() {
    let before = generate(&spec("\n        seed: {type: integer}", ""), None);
    let optional = generate(
        &spec(
            "\n        seed: {type: integer}\n        top_p: {type: number}",
            "",
        ),
        Some(&before),
    );
    let required = generate(
        &spec(
            "\n        seed: {type: integer}\n        top_p: {type: number}",
            ", top_p",
        ),
        Some(&before),
    );
    let now_required = generate(
        &spec("\n        seed: {type: integer}", ", seed"),
        Some(&before),
    );
    let lines = |generation: &Generation| -> (bool, Vec<String>) {
        let report = generation.report.as_ref().expect("a regeneration reports");
        let lines = report
            .to_string()
            .lines()
            .filter(|line| line.contains("ChatRequest"))
            .map(str::to_string)
            .collect();
        (report.breaking, lines)
    };
    assert_eq!(
        lines(&optional),
        (
            false,
            vec!["  ~ ChatRequest: field `top_p` added (optional, Option<f64>)".to_string()]
        )
    );
    assert_eq!(
        lines(&required),
        (
            true,
            vec!["  ~ ChatRequest: field `top_p` added (required, f64) [breaking]".to_string()]
        )
    );
    assert_eq!(
        lines(&now_required),
        (
            true,
            vec!["  ~ ChatRequest: field `seed` is now required [breaking]".to_string()]
        )
    );
}

#[test]
fn basic_credentials_are_a_user_and_a_password() {
    let spec = spec("", "").replace(
        "components:\n",
        "security: [{basicAuth: []}]\ncomponents:\n  securitySchemes:\n    basicAuth: {type: http, scheme: basic}\n",
    );
    let generation = generate(&spec, None);
    let auth = file(&generation, "src/auth.rs");
    for expected in [
        r#"    /// HTTP Basic: sent as `Authorization: Basic <user:password in base64>`, encoded by the client. Security scheme `basicAuth`.
    pub fn basic_auth(
        mut self,
        user: impl AsRef<str>,
        password: impl AsRef<str>,
    ) -> Self {
        let encoded = crate::security::basic_credentials(
            user.as_ref(),
            password.as_ref(),
        );
        self.basic_auth = Some(Secret::new(encoded));
        self
    }"#,
        r#"        if let Some(value) = lookup("OPENAI_API_BASIC").filter(|v| !v.is_empty()) {
            let (user, password) = value.split_once(':').unwrap_or((&value, ""));
            builder = builder.basic_auth(user, password);
        }"#,
        "    /// - `OPENAI_API_BASIC`: basicAuth (`user:password`, not encoded; without a `:` all of it is the user)",
    ] {
        assert!(auth.contains(expected), "{expected}\nnot in\n{auth}");
    }
}

#[test]
fn a_spec_without_security_schemes_offers_an_optional_bearer_token() {
    let spec = spec("", "").replace("OpenAI API", "GitHub v3 REST API");
    let generation = generate(&spec, None);
    let auth = file(&generation, "src/auth.rs");
    for expected in [
        "    pub fn api_token(mut self, value: impl Into<String>) -> Self {",
        "    pub fn new(api_token: impl Into<String>) -> Result<Self, Error> {",
        "    /// - `GITHUB_V3_REST_API_TOKEN`: a bearer token (optional)",
        "    /// - `GITHUB_V3_REST_BASE_URL`: the base URL (optional)",
        "pub(crate) const API_TOKEN_OR_ANONYMOUS: &[&[Scheme]] = &[&[Scheme::ApiToken], &[]];",
    ] {
        assert!(auth.contains(expected), "{expected}\nnot in\n{auth}");
    }
    // Nothing is required of the environment.
    assert!(!auth.contains("credentials.is_empty()"), "{auth}");
    assert_eq!(generation.record.schemes, ["api_token"]);
    let manifest = file(&generation, "Cargo.toml");
    assert!(manifest.contains("name = \"fixture-request-types\""));

    // A crate generated before the token existed: the change is reported,
    // not breaking, the anonymous alternative named.
    let mut older = generation.record.clone();
    older.schemes.clear();
    for operation in older.operations.values_mut() {
        operation.auth.clear();
    }
    let options = Options {
        package_name: Some("fixture-request-types".to_string()),
        regenerate_command: "request types test".to_string(),
        standalone: true,
        previous: Some(older),
        ..Options::default()
    };
    let regenerated = generator::generate(&spec, &options).unwrap_or_else(|d| panic!("{d}"));
    let report = regenerated.report.expect("a regeneration reports");
    assert!(!report.breaking);
    let text = report.to_string();
    assert!(
        text.contains(
            "  ~ chat.create: accepted credentials changed from [] to [api_token, anonymous]"
        ),
        "{text}"
    );
}

#[test]
fn crate_names_keep_brand_words_whole() {
    let options = Options {
        regenerate_command: "request types test".to_string(),
        standalone: true,
        ..Options::default()
    };
    for (title, package, prefix) in [
        ("OpenAI API", "openai-api", "OPENAI"),
        ("GitHub v3 REST API", "github-v3-rest-api", "GITHUB_V3_REST"),
        ("PagerDuty API", "pagerduty-api", "PAGERDUTY"),
    ] {
        let spec = spec("", "").replace("OpenAI API", title);
        let generation = generator::generate(&spec, &options).unwrap_or_else(|d| panic!("{d}"));
        let manifest = file(&generation, "Cargo.toml");
        assert!(
            manifest.contains(&format!("name = \"{package}\"")),
            "{manifest}"
        );
        let auth = file(&generation, "src/auth.rs");
        assert!(
            auth.contains(&format!("lookup(\"{prefix}_BASE_URL\")")),
            "{auth}"
        );
    }
}
