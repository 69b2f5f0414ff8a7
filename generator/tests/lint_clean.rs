//! Emitted code that clippy would flag in a user's crate whatever the
//! spec says (issue 22): a `deepObject` parameter ending the request chain
//! (`Ok(chain?)`), a group named `models` inside `models`, unions whose
//! variants differ in size, and a description's list items continued by
//! unindented lines. `.ci/check-fixtures` runs clippy on fixture crates;
//! this pins the text that keeps them clean.

use generator::{Generation, Options};

const SPEC: &str = r#"openapi: 3.0.3
info: {title: Lint API, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /models:
    get:
      operationId: list-models
      tags: [models]
      description: |-
        Lists models.

        - **Built-in**: provided by us, extending
          what the API does.
        - **Custom**: yours.
      parameters:
      - {name: limit, in: query, schema: {type: integer}}
      - name: created
        in: query
        style: deepObject
        explode: true
        schema: {type: object, properties: {gt: {type: integer}}}
      responses:
        '200':
          description: the models
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Model'}
components:
  schemas:
    Model:
      type: object
      properties:
        id: {type: string}
"#;

fn generate() -> Generation {
    let options = Options {
        package_name: Some("fixture-lint-clean".to_string()),
        regenerate_command: "lint test".to_string(),
        standalone: true,
        ..Options::default()
    };
    generator::generate(SPEC, &options).unwrap_or_else(|d| panic!("{d}"))
}

fn file<'g>(generation: &'g Generation, path: &str) -> &'g str {
    generation
        .krate
        .file(path)
        .unwrap_or_else(|| panic!("{path} is generated"))
}

#[test]
fn a_fallible_last_setter_is_the_closures_result() {
    let generation = generate();
    let operations = file(&generation, "src/operations/models.rs");
    let start = operations.find("            || {").expect("the closure");
    let end = start
        + operations[start..]
            .find("\n            },")
            .expect("it closes");
    assert_eq!(
        &operations[start..end],
        r#"            || {
                crate::request::Request::new(
                        reqwest::Method::GET,
                        "list-models",
                        crate::auth::API_TOKEN_OR_ANONYMOUS,
                        crate::path::fill("/models", &[])?,
                    )
                    .opt("limit", &params.limit)
                    .opt_deep("created", &params.created)"#
    );
}

#[test]
fn list_items_continue_at_their_text_column() {
    let generation = generate();
    let operations = file(&generation, "src/operations/models.rs");
    let docs = "    /// Lists models.
    ///
    /// - **Built-in**: provided by us, extending
    ///   what the API does.
    /// - **Custom**: yours.
";
    assert!(operations.contains(docs), "{operations}");
}

#[test]
fn a_models_group_and_union_sizes_are_allowed_with_reasons() {
    let generation = generate();
    let models = file(&generation, "src/models/mod.rs");
    assert!(
        models.contains(
            "#[cfg(feature = \"models\")]\n#[allow(clippy::module_inception)]\nmod models;\n"
        ),
        "{models}"
    );
    let lib = file(&generation, "src/lib.rs");
    assert_eq!(
        lib.matches("#![allow(clippy::large_enum_variant)]\n")
            .count(),
        1
    );
}
