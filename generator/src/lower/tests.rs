//! Data-driven lowering tests: a small spec in, the lowered model out as a
//! compact text rendering (one block per operation, one line per type, one
//! per diagnostic). On a mismatch the assertion prints the actual rendering,
//! ready to paste as the expectation.

use std::fmt::Write;

use super::{LowerOptions, lower};
use crate::model::{
    BodyContent, ErrorBody, ErrorStatuses, Fit, Model, Operation, ParamLocation, ParamStyle,
    PartKind, PathParamKind, PathSegment, ResponseKind, Selection, TemplatePart, TypeKind, TypeRef,
    Union,
};

#[track_caller]
fn check(spec_yaml: &str, expected: &str) {
    let parsed = crate::parse::parse_spec(spec_yaml).expect("the test spec parses");
    let (model, diagnostics, _) = lower(&parsed.spec, &LowerOptions::default());
    let mut actual = render(&model);
    for diagnostic in diagnostics.iter() {
        writeln!(actual, "{diagnostic}").unwrap();
    }
    assert_rendering(&actual, expected);
}

#[track_caller]
fn assert_rendering(actual: &str, expected: &str) {
    let expected: String = expected
        .trim()
        .lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect();
    assert!(
        actual == expected,
        "lowered model differs\n--- expected\n{expected}--- actual\n{actual}"
    );
}

/// `union by tag type [A(@A)="a"|"b", B(@B)="c"] +Unknown`, or with trial
/// each variant's fit: `union [A(@A) object{kind=x}, B(String) any]`,
/// then `ambiguous B<A` for each pair the spec does not tell apart.
fn render_union(union: &Union) -> String {
    let (by, tagged) = match &union.selection {
        Selection::Discriminator { property } => (format!("by discriminator {property} "), true),
        Selection::Tag { property } => (format!("by tag {property} "), true),
        Selection::Trial { .. } => (String::new(), false),
    };
    let variants: Vec<String> = union
        .variants
        .iter()
        .map(|v| {
            let how = if tagged {
                let tags: Vec<String> = v.tags.iter().map(|t| format!("{t:?}")).collect();
                format!("={}", tags.join("|"))
            } else {
                match &v.fit {
                    Fit::Object { pins } => {
                        let pins: Vec<String> = pins
                            .iter()
                            .map(|p| format!("{}={}", p.wire_name, p.value))
                            .collect();
                        format!(" object{{{}}}", pins.join(","))
                    }
                    Fit::Known => " known".to_string(),
                    Fit::Union => " union".to_string(),
                    Fit::Any => " any".to_string(),
                }
            };
            format!("{}({}){how}", v.name, ty(&v.ty))
        })
        .collect();
    let mut out = format!("union {by}[{}]", variants.join(", "));
    if let Some(unknown) = &union.unknown {
        write!(out, " +{unknown}").unwrap();
    }
    if let Selection::Trial { ambiguous } = &union.selection {
        for (earlier, later) in ambiguous {
            write!(out, " ambiguous {later}<{earlier}").unwrap();
        }
    }
    out
}

fn render(model: &Model) -> String {
    let mut out = String::new();
    for op in &model.operations {
        render_operation(&mut out, op);
    }
    for def in &model.types {
        let shape = match &def.kind {
            TypeKind::Struct(fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        let optional = if f.optional { "?" } else { "" };
                        format!(
                            "{}{optional}: {}{}",
                            f.name,
                            ty(&f.ty),
                            wire(&f.name, &f.wire_name)
                        )
                    })
                    .collect();
                format!("struct {{ {} }}", fields.join(", "))
            }
            TypeKind::Enum(variants) => {
                let variants: Vec<String> = variants
                    .iter()
                    .map(|v| format!("{}{}", v.name, wire(&v.name, &v.wire_value)))
                    .collect();
                format!("enum [{}]", variants.join(", "))
            }
            TypeKind::ConstrainedString(c) => format!(
                "string {}..{}",
                c.min_length.map(|n| n.to_string()).unwrap_or_default(),
                c.max_length.map(|n| n.to_string()).unwrap_or_default()
            ),
            TypeKind::Union(union) => render_union(union),
            TypeKind::Alias(target) => format!("= {}", ty(target)),
        };
        writeln!(out, "type {} {shape}", def.name).unwrap();
    }
    out
}

fn render_operation(out: &mut String, op: &Operation) {
    let mut path = String::new();
    for segment in &op.path_segments {
        path.push('/');
        match segment {
            PathSegment::Literal(text) => path.push_str(text),
            PathSegment::Template(parts) => {
                for part in parts {
                    match part {
                        TemplatePart::Literal(text) => path.push_str(text),
                        TemplatePart::Param(index) => {
                            write!(path, "{{{}}}", op.path_params[*index].name).unwrap()
                        }
                    }
                }
            }
        }
    }
    writeln!(
        out,
        "op {} {} {path} [{}]",
        op.method_name,
        op.http_method.as_str(),
        op.group
    )
    .unwrap();
    for param in &op.path_params {
        let kind = match &param.kind {
            PathParamKind::Str => "str".to_string(),
            PathParamKind::Validated(name) => format!("validated {name}"),
            PathParamKind::Display(t) => format!("display {}", ty(t)),
        };
        writeln!(
            out,
            "  path {}: {kind}{}",
            param.name,
            wire(&param.name, &param.wire_name)
        )
        .unwrap();
    }
    if let Some(params) = &op.params {
        for param in &params.fields {
            let location = match param.location {
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
            };
            let optional = if param.required { "" } else { "?" };
            let style = style_text(param.style);
            writeln!(
                out,
                "  {location} {}.{}{optional}: {}{}{style}",
                params.name,
                param.name,
                ty(&param.ty),
                wire(&param.name, &param.wire_name)
            )
            .unwrap();
        }
    }
    if let Some(body) = &op.body {
        let content = match &body.content {
            BodyContent::Json(t) => format!("json {}", ty(t)),
            BodyContent::Raw { media_type } => format!("raw {media_type}"),
            BodyContent::Form(form) => format!("form {}", form.name),
            BodyContent::UrlEncoded(form) => {
                let styles: Vec<String> = form
                    .styles
                    .iter()
                    .map(|(name, style)| format!(" {name}{}", style_text(*style)))
                    .collect();
                format!("urlencoded {}{}", ty(&form.ty), styles.concat())
            }
        };
        let required = if body.required { " required" } else { "" };
        writeln!(out, "  body {content}{required}").unwrap();
        if let BodyContent::Form(form) = &body.content {
            for part in &form.parts {
                let kind = match &part.kind {
                    PartKind::File => "file".to_string(),
                    PartKind::Files => "files".to_string(),
                    PartKind::NamedFiles => "named files".to_string(),
                    PartKind::Text(t) => format!("text {}", ty(t)),
                    PartKind::Texts(t) => format!("texts {}", ty(t)),
                    PartKind::Json(t) => format!("json {}", ty(t)),
                };
                let optional = if part.optional { "?" } else { "" };
                let content_type = part
                    .content_type
                    .as_ref()
                    .map(|t| format!(" as {t}"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "    part {}{optional}: {kind}{content_type}{}",
                    part.name,
                    wire(&part.name, &part.wire_name)
                )
                .unwrap();
            }
        }
    }
    let status = op
        .response
        .status
        .map_or("2XX".to_string(), |s| s.to_string());
    let returns = match &op.response.kind {
        ResponseKind::Envelope {
            result: Some(result),
            result_required,
        } => {
            let optional = if *result_required { "" } else { "?" };
            format!("envelope result{optional}: {}", ty(result))
        }
        ResponseKind::Envelope { result: None, .. } => "envelope without result".to_string(),
        ResponseKind::Json(t) => format!("json {}", ty(t)),
        ResponseKind::Bytes => "bytes".to_string(),
        ResponseKind::Empty => "empty".to_string(),
    };
    writeln!(out, "  returns {status} {returns}").unwrap();
    // Every failure in the envelope, the usual case, is not shown.
    let all_enveloped = matches!(
        op.errors.as_slice(),
        [only] if only.statuses == ErrorStatuses::Default && only.body == ErrorBody::Envelope
    );
    if !all_enveloped {
        for error in &op.errors {
            let statuses = match error.statuses {
                ErrorStatuses::Code(code) => code.to_string(),
                ErrorStatuses::Range(class) => format!("{class}XX"),
                ErrorStatuses::Default => "default".to_string(),
            };
            let body = match &error.body {
                ErrorBody::Envelope => "envelope".to_string(),
                ErrorBody::Typed { ty: t, message } if message.is_empty() => ty(t),
                ErrorBody::Typed { ty: t, message } => {
                    format!("{} message at {}", ty(t), message.join("."))
                }
            };
            writeln!(out, "  error {statuses} {body}").unwrap();
        }
    }
    if let Some(events) = &op.events {
        let data = events.data.as_ref().map_or("text".to_string(), ty);
        let flag = events
            .flag
            .as_ref()
            .map(|flag| format!(" sets {flag}"))
            .unwrap_or_default();
        writeln!(out, "  streams {} events {data}{flag}", events.method_name).unwrap();
    }
}

fn style_text(style: ParamStyle) -> String {
    match style {
        ParamStyle::Exploded => String::new(),
        ParamStyle::Delimited(separator) => format!(" joined by {separator:?}"),
        ParamStyle::DeepObject => " deepObject".to_string(),
    }
}

fn ty(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Bool => "bool".into(),
        TypeRef::Integer => "i64".into(),
        TypeRef::Number => "f64".into(),
        TypeRef::String => "String".into(),
        TypeRef::DateTime => "Timestamp".into(),
        TypeRef::Null => "()".into(),
        TypeRef::Json => "Value".into(),
        TypeRef::Named { name, boxed } => {
            if *boxed {
                format!("Box<{name}>")
            } else {
                name.clone()
            }
        }
        TypeRef::Array(item) => format!("[{}]", self::ty(item)),
        TypeRef::Map(value) => format!("{{{}}}", self::ty(value)),
        TypeRef::Nullable(inner) => format!("{}|null", self::ty(inner)),
    }
}

/// ` (wire "x")` when the Rust name differs from the wire name.
fn wire(name: &str, wire_name: &str) -> String {
    if name == wire_name {
        String::new()
    } else {
        format!(" (wire {wire_name:?})")
    }
}

const HEAD: &str =
    "openapi: 3.0.3\ninfo: {title: Test API, version: '1'}\nservers: [{url: 'https://api.test'}]\n";

fn spec(rest: &str) -> String {
    format!("{HEAD}{rest}")
}

/// Error responses: each JSON one typed (a shared response named after its
/// component, inline ones after the operation and status), the message
/// path read from the schema; non-JSON ones are no entry. An envelope API
/// answers every failure in its envelope (not shown when that is all), a
/// typed status beside it keeps its own type.
#[test]
fn error_bodies_are_typed_with_their_message() {
    check(
        &spec(
            r#"
paths:
  /customers/{id}:
    get:
      operationId: GetCustomer
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
        '404': {$ref: '#/components/responses/not_found'}
        4XX:
          description: client error
          content:
            application/json:
              schema: {type: object, properties: {message: {type: string}, documentation_url: {type: string}}}
        '500': {description: oops, content: {text/plain: {schema: {type: string}}}}
        default:
          description: other
          content: {application/problem+json: {schema: {type: object, properties: {title: {type: string}, detail: {type: string}}}}}
  /things:
    get:
      operationId: ListThings
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/envelope'}}}}
        4XX: {description: failed, content: {application/json: {schema: {$ref: '#/components/schemas/envelope'}}}}
    delete:
      operationId: DeleteThings
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/envelope'}}}}
        '404':
          description: no scan
          content:
            application/json:
              schema: {type: object, properties: {errors: {type: array, items: {type: object, properties: {message: {type: string}}}}}}
components:
  responses:
    not_found:
      description: missing
      content:
        application/json:
          schema:
            type: object
            properties:
              error: {type: object, properties: {code: {type: string}, message: {type: string}}}
  schemas:
    envelope:
      type: object
      properties:
        success: {type: boolean}
        errors: {type: array, items: {}}
        messages: {type: array, items: {}}
        result: {type: string}
"#,
        ),
        r#"
op get_customer GET /customers/{id} [customers]
  path id: str
  returns 200 json GetCustomerResponse
  error 404 NotFound message at error.message
  error 4XX GetCustomerError4xx message at message
  error default GetCustomerErrorDefault message at detail
op list_things GET /things [things]
  returns 200 envelope result?: String
op delete_things DELETE /things [things]
  returns 200 envelope result?: String
  error 404 DeleteThingsError message at errors.[]
  error default envelope
type DeleteThingsError struct { errors?: [DeleteThingsErrorErrorsItem] }
type DeleteThingsErrorErrorsItem struct { message?: String }
type GetCustomerError4xx struct { message?: String, documentation_url?: String }
type GetCustomerErrorDefault struct { title?: String, detail?: String }
type GetCustomerResponse struct { id?: String }
type NotFound struct { error?: NotFoundError }
type NotFoundError struct { code?: String, message?: String }
"#,
    );
}

/// A success response offering `text/event-stream` gets a stream method
/// (its event type typed from the media type's schema, text without one
/// or with a string schema; a boolean `stream` body member set), named
/// after the operation's method and numbered when taken; media types no
/// method reads are reported.
#[test]
fn event_streams_get_their_own_method() {
    check(
        &spec(
            r#"
paths:
  /chat/completions:
    post:
      operationId: createChatCompletion
      tags: [Chat]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ChatRequest'}
      responses:
        '200':
          description: A completion, or its chunks.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Completion'}
            text/event-stream:
              schema: {$ref: '#/components/schemas/Chunk'}
            application/xml:
              schema: {type: string}
  /logs:
    get:
      operationId: tailLogs
      tags: [Chat]
      responses:
        '200':
          description: Log lines.
          content:
            text/event-stream: {}
  /speech:
    post:
      operationId: speak
      tags: [Chat]
      responses:
        '200':
          description: Audio, or its events.
          content:
            application/octet-stream:
              schema: {type: string, format: binary}
            text/event-stream; charset=utf-8:
              schema: {type: string}
  /other:
    get:
      operationId: tailLogsStream
      tags: [Chat]
      responses:
        '204': {description: Nothing.}
components:
  schemas:
    ChatRequest:
      type: object
      required: [model]
      properties:
        model: {type: string}
        stream: {type: boolean, nullable: true}
    Completion:
      type: object
      properties:
        id: {type: string}
    Chunk:
      type: object
      properties:
        delta: {type: string}
"#,
        ),
        r#"
op create_chat_completion POST /chat/completions [chat]
  body json ChatRequest required
  returns 200 json Completion
  streams create_chat_completion_stream events Chunk sets stream
op tail_logs GET /logs [chat]
  returns 200 bytes
  streams tail_logs_stream events text
op speak POST /speech [chat]
  returns 200 bytes
  streams speak_stream events text
op tail_logs_stream_2 GET /other [chat]
  returns 204 empty
type ChatRequest struct { model: String, stream?: bool }
type Chunk struct { delta?: String }
type Completion struct { id?: String }
warning: #/paths/~1chat~1completions/post/responses/200/content/application~1xml: success response media type `application/xml` is not read (the method reads JSON); no method returns it
warning: #/paths/~1other/get/operationId: name collision: `tailLogsStream` is method `tail_logs_stream_2`: `tail_logs_stream` is taken
"#,
    );
}

#[test]
fn envelope_is_unwrapped_to_its_result() {
    check(
        &spec(
            r#"
paths:
  /things/{thing_id}:
    get:
      operationId: get-thing
      tags: [Things]
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema:
                allOf:
                  - $ref: '#/components/schemas/common'
                  - properties:
                      result: {$ref: '#/components/schemas/thing'}
                    required: [result]
    delete:
      operationId: delete-thing
      tags: [Things]
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: Deleted.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/common'}
components:
  schemas:
    common:
      type: object
      required: [success, errors, messages]
      properties:
        success: {type: boolean}
        errors: {type: array, items: {}}
        messages: {type: array, items: {}}
    thing:
      type: object
      required: [id]
      properties:
        id: {type: string}
        name: {type: string}
"#,
        ),
        r#"
op get_thing GET /things/{thing_id} [things]
  path thing_id: str
  returns 200 envelope result: Thing
op delete_thing DELETE /things/{thing_id} [things]
  path thing_id: str
  returns 200 envelope without result
type Thing struct { id: String, name?: String }
"#,
    );
}

#[test]
fn path_template_with_literal_and_parameter_in_one_segment() {
    check(
        &spec(
            r#"
paths:
  /files/{name}.json/v{version}:
    get:
      operationId: getFile
      parameters:
        - {name: version, in: path, required: true, schema: {type: integer}}
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: unused, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: Nothing.}
"#,
        ),
        r#"
op get_file GET /files/{name}.json/v{version} [files]
  path version: display i64
  path name: str
  returns 204 empty
warning: #/paths/~1files~1{name}.json~1v{version}/get: path parameter `unused` is declared but not in the path; the parameter is skipped
"#,
    );
}

#[test]
fn operation_parameters_override_path_item_ones_by_name_and_location() {
    check(
        &spec(
            r#"
paths:
  /zones/{zone_id}/records:
    parameters:
      - {name: zone_id, in: path, required: true, schema: {type: string}}
      - {name: limit, in: query, schema: {type: integer}}
      - {name: limit, in: header, schema: {type: integer}}
    get:
      operationId: list-records
      parameters:
        - {name: limit, in: query, required: true, schema: {type: string}}
        - {name: order, in: query, schema: {type: string, enum: [asc, desc]}}
      responses:
        '200':
          description: Records.
          content:
            text/csv: {}
"#,
        ),
        r#"
op list_records GET /zones/{zone_id}/records [zones]
  path zone_id: str
  query ListRecordsParams.limit: String
  header ListRecordsParams.limit_2?: i64 (wire "limit")
  query ListRecordsParams.order?: ListRecordsOrder
  returns 200 bytes
type ListRecordsOrder enum [Asc (wire "asc"), Desc (wire "desc")]
warning: #/paths/~1zones~1{zone_id}~1records/parameters/2: name collision: parameter `limit` is `limit_2`: `limit` is taken by another parameter
"#,
    );
}

#[test]
fn a_choice_of_scalars_is_sent_as_text() {
    check(
        &spec(
            r#"
paths:
  /search/{key}:
    get:
      operationId: search
      parameters:
        - name: key
          in: path
          required: true
          schema:
            oneOf: [{type: string}, {type: integer}]
        - name: since
          in: query
          schema:
            anyOf: [{type: string, format: date-time}, {type: integer}]
        - name: ids
          in: query
          schema: {type: array, items: {type: integer}}
        - name: filter
          in: query
          schema:
            oneOf: [{type: integer}, {type: object, properties: {a: {type: string}}}]
      responses:
        '200':
          description: Results.
          content:
            application/json:
              schema: {type: array, items: {type: string}}
"#,
        ),
        r#"
op search GET /search/{key} [search]
  path key: str
  query SearchParams.since?: String
  query SearchParams.ids?: [i64]
  query SearchParams.filter?: Value
  returns 200 json [String]
warning: #/paths/~1search~1{key}/get/parameters/3: query parameter `filter` of operation `search` is structured and not a query `deepObject`; it is sent as JSON text, which the API may not read
"#,
    );
}

#[test]
fn array_styles_follow_style_and_explode() {
    check(
        &spec(
            r#"
paths:
  /items:
    get:
      operationId: list-items
      parameters:
        - {name: a, in: query, schema: {type: array, items: {type: integer}}}
        - {name: b, in: query, style: form, explode: true, schema: {type: array, items: {type: integer}}}
        - {name: c, in: query, style: form, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: d, in: query, style: spaceDelimited, schema: {type: array, items: {type: string}}}
        - {name: e, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
        - {name: f, in: query, style: pipeDelimited, explode: true, schema: {type: array, items: {type: string}}}
        - {name: g, in: query, style: form, explode: false, schema: {type: integer}}
        - {name: X-Tags, in: header, schema: {type: array, items: {type: string}}}
        - {name: X-More, in: header, explode: true, schema: {type: array, items: {type: string}}}
      responses:
        '204': {description: Nothing.}
"#,
        ),
        r#"
op list_items GET /items [items]
  query ListItemsParams.a?: [i64]
  query ListItemsParams.b?: [i64]
  query ListItemsParams.c?: [i64] joined by ','
  query ListItemsParams.d?: [String] joined by ' '
  query ListItemsParams.e?: [String] joined by '|'
  query ListItemsParams.f?: [String]
  query ListItemsParams.g?: i64
  header ListItemsParams.x_tags?: [String] (wire "X-Tags") joined by ','
  header ListItemsParams.x_more?: [String] (wire "X-More") joined by ','
  returns 204 empty
"#,
    );
}

#[test]
fn deep_objects_of_any_shape_keep_their_type() {
    check(
        &spec(
            r#"
paths:
  /v1/events:
    get:
      operationId: GetEvents
      parameters:
        - name: created
          in: query
          style: deepObject
          explode: true
          schema:
            anyOf:
              - type: object
                properties: {gt: {type: integer}, gte: {type: integer}, lt: {type: integer}, lte: {type: integer}}
              - type: integer
        - name: expand
          in: query
          style: deepObject
          explode: true
          schema: {type: array, items: {type: string, maxLength: 5000}}
        - name: nested
          in: query
          style: deepObject
          schema: {type: object, properties: {a: {type: object, properties: {b: {type: string}}}}}
        - name: metadata
          in: query
          style: deepObject
          schema: {type: object, additionalProperties: {type: string}}
        - name: lines
          in: query
          style: deepObject
          schema: {type: array, items: {type: object, properties: {amount: {type: integer}}}}
        - name: anchor
          in: query
          style: deepObject
          schema: {anyOf: [{type: string, enum: [now]}, {type: integer}]}
        - name: plain
          in: query
          schema: {type: object, properties: {a: {type: string}}}
        - name: X-Filter
          in: header
          schema: {type: object, properties: {a: {type: string}}}
      responses:
        '204': {description: Nothing.}
  /v1/items:
    get:
      parameters:
        - {name: rows, in: query, schema: {type: array, items: {type: array, items: {type: integer}}}}
      responses:
        '204': {description: Nothing.}
"#,
        ),
        r#"
op get_events GET /v1/events [events]
  query GetEventsParams.created?: GetEventsCreated deepObject
  query GetEventsParams.expand?: [String] deepObject
  query GetEventsParams.nested?: GetEventsNested deepObject
  query GetEventsParams.metadata?: {String} deepObject
  query GetEventsParams.lines?: [GetEventsLinesItem] deepObject
  query GetEventsParams.anchor?: String
  query GetEventsParams.plain?: Value
  header GetEventsParams.x_filter?: Value (wire "X-Filter")
  returns 204 empty
op get_v1_items GET /v1/items [items]
  query GetV1ItemsParams.rows?: Value
  returns 204 empty
type GetEventsCreated union [GetEventsCreatedVariant1(GetEventsCreatedVariant1) object{}, Integer(i64) any] +Unknown
type GetEventsCreatedVariant1 struct { gt?: i64, gte?: i64, lt?: i64, lte?: i64 }
type GetEventsLinesItem struct { amount?: i64 }
type GetEventsNested struct { a?: GetEventsNestedA }
type GetEventsNestedA struct { b?: String }
warning: #/paths/~1v1~1events/get/parameters/6: query parameter `plain` of operation `GetEvents` is structured and not a query `deepObject`; it is sent as JSON text, which the API may not read
warning: #/paths/~1v1~1events/get/parameters/7: header parameter `X-Filter` of operation `GetEvents` is structured and not a query `deepObject`; it is sent as JSON text, which the API may not read
warning: #/paths/~1v1~1items/get/parameters/0: query parameter `rows` of operation `get /v1/items` is structured and not a query `deepObject`; it is sent as JSON text, which the API may not read
"#,
    );
}

/// `application/x-www-form-urlencoded`: an object schema is the body's
/// type (inline: `{Operation}Request`; a `$ref`: the component, the type
/// a JSON body or response of the same schema has); the `encoding` styles
/// of properties that can be lists are kept; a schema that can hold
/// nothing is no body; anything else is raw bytes, warned.
#[test]
fn url_encoded_bodies_are_typed() {
    check(
        &spec(
            r#"
paths:
  /v1/customers:
    post:
      operationId: PostCustomers
      requestBody:
        content:
          application/x-www-form-urlencoded:
            encoding:
              expand: {explode: true, style: deepObject}
              metadata: {explode: true, style: deepObject}
              preferred_locales: {explode: true, style: deepObject}
              items: {explode: true, style: deepObject}
              tags: {style: pipeDelimited}
              codes: {style: form}
              words: {style: form, explode: true}
              email: {style: deepObject}
            schema:
              allOf:
                - type: object
                  required: [email]
                  properties:
                    email: {type: string, maxLength: 512}
                    metadata:
                      anyOf:
                        - {type: object, additionalProperties: {type: string}}
                        - {type: string, enum: ['']}
                - properties:
                    expand: {type: array, items: {type: string}}
                    preferred_locales:
                      anyOf:
                        - {type: array, items: {type: string}}
                        - {type: string, enum: ['']}
                    tags: {type: array, items: {type: string}}
                    codes: {type: array, items: {type: integer}}
                    words: {type: array, items: {type: string}}
                    items:
                      type: array
                      items: {type: object, properties: {price: {type: string}}}
                    balance: {type: number}
      responses:
        '200':
          description: The customer.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/customer'}
    get:
      operationId: GetCustomers
      requestBody:
        content:
          application/x-www-form-urlencoded:
            encoding: {}
            schema: {additionalProperties: false, properties: {}, type: object}
        required: false
      responses:
        '204': {description: Nothing.}
  /v1/customers/{customer}:
    post:
      operationId: PostCustomersCustomer
      parameters:
        - {name: customer, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: {$ref: '#/components/schemas/customer'}
      responses:
        '204': {description: Nothing.}
  /v1/notes:
    post:
      operationId: PostNotes
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, additionalProperties: {type: string}}
      responses:
        '204': {description: Nothing.}
  /v1/raw:
    post:
      operationId: PostRaw
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: string}
      responses:
        '204': {description: Nothing.}
components:
  schemas:
    customer:
      type: object
      properties:
        id: {type: string}
        name: {type: string}
"#,
        ),
        r#"
op get_customers GET /v1/customers [customers]
  returns 204 empty
op post_customers POST /v1/customers [customers]
  body urlencoded PostCustomersRequest expand deepObject preferred_locales deepObject tags joined by '|' codes joined by ','
  returns 200 json Customer
op post_customers_customer POST /v1/customers/{customer} [customers]
  path customer: str
  body urlencoded Customer required
  returns 204 empty
op post_notes POST /v1/notes [notes]
  body urlencoded {String}
  returns 204 empty
op post_raw POST /v1/raw [raw]
  body raw application/x-www-form-urlencoded
  returns 204 empty
type Customer struct { id?: String, name?: String }
type PostCustomersRequest struct { email: String, metadata?: PostCustomersRequestMetadata, expand?: [String], preferred_locales?: PostCustomersRequestPreferredLocales, tags?: [String], codes?: [i64], words?: [String], items?: [PostCustomersRequestItemsItem], balance?: f64 }
type PostCustomersRequestItemsItem struct { price?: String }
type PostCustomersRequestMetadata union [Map({String}) any, PostCustomersRequestMetadataVariant2(PostCustomersRequestMetadataVariant2) known] +Unknown
type PostCustomersRequestMetadataVariant2 enum [Empty (wire "")]
type PostCustomersRequestPreferredLocales union [StringList([String]) any, PostCustomersRequestPreferredLocalesVariant2(PostCustomersRequestPreferredLocalesVariant2) known] +Unknown
type PostCustomersRequestPreferredLocalesVariant2 = PostCustomersRequestMetadataVariant2
warning: #/paths/~1v1~1raw/post/requestBody/content/application~1x-www-form-urlencoded: application/x-www-form-urlencoded without an object schema is not typed; the body is sent as the bytes the caller gives
"#,
    );
}

#[test]
fn keyword_names_are_plain_in_the_model() {
    check(
        &spec(
            r#"
paths:
  /items:
    post:
      operationId: type
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [type]
              properties:
                type: {type: string}
                self: {type: boolean}
                match: {type: integer}
      responses:
        '201':
          description: Created.
"#,
        ),
        r#"
op type POST /items [items]
  body json TypeRequest required
  returns 201 empty
type TypeRequest struct { type: String, self_?: bool (wire "self"), match?: i64 }
"#,
    );
}

#[test]
fn multipart_bodies_become_forms_of_file_text_and_json_parts() {
    check(
        &spec(
            r#"
paths:
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            encoding:
              logo: {contentType: image/png}
              rules: {contentType: application/merge-patch+json}
              <any part name>: {contentType: 'text/javascript, application/wasm'}
            schema:
              allOf:
                - $ref: '#/components/schemas/base'
                - type: object
                  required: [logo, kind]
                  properties:
                    logo: {type: string, format: binary}
                    attachments: {type: array, items: {type: string, format: binary}}
                    <any part name>: {type: array, items: {type: string, format: byte}}
                    kind: {type: string, enum: [a, b]}
                    tags: {type: array, items: {type: string}}
                    size: {type: integer, nullable: true}
                    rules: {type: array, items: {type: object, properties: {x: {type: string}}}}
                    note: {}
                    Note: {type: string}
      responses:
        '204': {description: Done.}
  /raw:
    put:
      operationId: put-raw
      requestBody:
        content:
          application/javascript: {schema: {type: string}}
          multipart/form-data:
            schema:
              oneOf: [{type: object, properties: {a: {type: string}}}, {type: string}]
      responses:
        '204': {description: Done.}
  /both:
    post:
      operationId: post-both
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {a: {type: string}}}
          application/json:
            schema: {type: object, properties: {a: {type: string}}}
      responses:
        '204': {description: Done.}
  /shared/a:
    post:
      operationId: shared-a
      requestBody: {$ref: '#/components/requestBodies/shared'}
      responses:
        '204': {description: Done.}
  /shared/b:
    post:
      operationId: shared-b
      requestBody: {$ref: '#/components/requestBodies/shared'}
      responses:
        '204': {description: Done.}
components:
  requestBodies:
    shared:
      content:
        multipart/form-data:
          schema:
            type: object
            properties:
              options: {type: object, properties: {x: {type: boolean}}}
  schemas:
    base:
      type: object
      properties:
        meta: {type: object, additionalProperties: {type: string}}
"#,
        ),
        r#"
op upload POST /upload [upload]
  body form UploadForm
    part meta?: json {String} as application/json
    part logo: file as image/png
    part attachments?: files
    part any_part_name?: named files (wire "<any part name>")
    part kind: text UploadFormKind
    part tags?: texts String
    part size?: text i64
    part rules?: json [UploadFormRulesItem] as application/merge-patch+json
    part note?: text String
    part note_2?: text String (wire "Note")
  returns 204 empty
op put_raw PUT /raw [raw]
  body raw application/javascript
  returns 204 empty
op post_both POST /both [both]
  body json PostBothRequest
  returns 204 empty
op shared_a POST /shared/a [shared]
  body form SharedAForm
    part options?: json SharedAFormOptions as application/json
  returns 204 empty
op shared_b POST /shared/b [shared]
  body form SharedBForm
    part options?: json SharedAFormOptions as application/json
  returns 204 empty
type PostBothRequest struct { a?: String }
type SharedAFormOptions struct { x?: bool }
type UploadFormKind enum [A (wire "a"), B (wire "b")]
type UploadFormRulesItem struct { x?: String }
warning: #/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/allOf/1/properties/Note: name collision: part `Note` is field `note_2`: `note` is taken by another part
warning: #/paths/~1raw/put/requestBody/content/multipart~1form-data: multipart/form-data without an object schema of properties is not typed; the body is sent as the bytes the caller gives
"#,
    );
}

/// Merging a type into an identical one with a shorter name keeps the
/// merged type's nested names as aliases too: nothing refers to them any
/// more, but code written against the crate may, and the spec did not
/// change their shape.
#[test]
fn merged_types_keep_their_nested_names() {
    check(
        &spec(
            r#"
paths:
  /outages:
    get:
      operationId: get-outages
      tags: [Radar]
      responses:
        '200':
          description: Outages.
          content:
            application/json:
              schema:
                type: object
                properties:
                  result:
                    type: object
                    properties:
                      count: {type: integer}
  /all:
    get:
      operationId: get-all
      tags: [Radar]
      responses:
        '200':
          description: All.
          content:
            application/json:
              schema:
                type: object
                properties:
                  result:
                    type: object
                    properties:
                      count: {type: integer}
"#,
        ),
        r#"
op get_outages GET /outages [radar]
  returns 200 json GetOutagesResponse
op get_all GET /all [radar]
  returns 200 json GetAllResponse
type GetAllResponse struct { result?: GetAllResponseResult }
type GetAllResponseResult struct { count?: i64 }
type GetOutagesResponse = GetAllResponse
type GetOutagesResponseResult = GetAllResponseResult
"#,
    );
}

/// One operation returning `#/components/schemas/Value`, then `components`.
fn returning_value(components: &str) -> String {
    spec(&format!(
        r#"
paths:
  /value:
    get:
      operationId: get-value
      responses:
        '200':
          description: The value.
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Value'}}
components:
  schemas:
{components}"#
    ))
}

#[test]
fn discriminator_mapping_then_pinned_value_then_schema_name() {
    check(
        &returning_value(
            r#"
    Value:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
        - $ref: '#/components/schemas/Bird'
      discriminator:
        propertyName: kind
        mapping:
          kitty: '#/components/schemas/Cat'
          cat: Cat
    Cat: {type: object, required: [kind], properties: {kind: {type: string}, lives: {type: integer}}}
    Dog: {type: object, properties: {kind: {type: string, enum: [doggo]}, barks: {type: boolean}}}
    Bird: {type: object, properties: {kind: {type: string}, wings: {type: integer}}}
"#,
        ),
        r#"
op get_value GET /value [value]
  returns 200 json Value
type Bird struct { kind?: String, wings?: i64 }
type Cat struct { kind: String, lives?: i64 }
type Dog struct { kind?: DogKind, barks?: bool }
type DogKind enum [Doggo (wire "doggo")]
type Value union by discriminator kind [Cat(Cat)="kitty"|"cat", Dog(Dog)="doggo", Bird(Bird)="Bird"] +Unknown
"#,
    );
}

#[test]
fn a_discriminator_inherited_from_an_all_of_parent() {
    check(
        &returning_value(
            r#"
    Value:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
    Pet:
      type: object
      required: [pet_type]
      properties: {pet_type: {type: string}}
      discriminator: {propertyName: pet_type, mapping: {dog: '#/components/schemas/Dog'}}
    Cat:
      allOf: [{$ref: '#/components/schemas/Pet'}, {properties: {lives: {type: integer}}}]
    Dog:
      allOf: [{$ref: '#/components/schemas/Pet'}, {properties: {barks: {type: boolean}}}]
"#,
        ),
        r#"
op get_value GET /value [value]
  returns 200 json Value
type Cat struct { pet_type: String, lives?: i64 }
type Dog struct { pet_type: String, barks?: bool }
type Value union by discriminator pet_type [Cat(Cat)="Cat", Dog(Dog)="dog"] +Unknown
"#,
    );
}

/// Cloudflare's DNS records: no discriminator, but each variant's `type`
/// is a one-value enum of its own, required or not.
#[test]
fn a_member_every_variant_pins_is_the_tag() {
    check(
        &returning_value(
            r#"
    Value:
      oneOf:
        - $ref: '#/components/schemas/A'
        - $ref: '#/components/schemas/MX'
    A:
      type: object
      required: [type]
      properties:
        type: {type: string, enum: [A]}
        content: {type: string}
    MX:
      type: object
      properties:
        type: {type: string, enum: [MX]}
        content: {type: string}
        priority: {type: number}
"#,
        ),
        r#"
op get_value GET /value [value]
  returns 200 json Value
type A struct { type: AType, content?: String }
type AType enum [A]
type Mx struct { type?: MxType, content?: String, priority?: f64 }
type MxType enum [Mx (wire "MX")]
type Value union by tag type [A(A)="A", Mx(Mx)="MX"] +Unknown
"#,
    );
}

#[test]
fn without_a_tag_variants_are_tried_and_look_alikes_reported() {
    check(
        &returning_value(
            r#"
    Value:
      anyOf:
        - $ref: '#/components/schemas/Wide'
        - $ref: '#/components/schemas/Narrow'
        - $ref: '#/components/schemas/Pinned'
        - $ref: '#/components/schemas/Color'
        - {type: string}
        - {type: string, format: date-time}
    Wide: {type: object, properties: {a: {type: string}, b: {type: string}}}
    Narrow: {type: object, properties: {a: {type: string}}}
    Pinned: {type: object, properties: {a: {type: string}, kind: {type: string, enum: [p]}}}
    Color: {type: string, enum: [red, green]}
"#,
        ),
        r#"
op get_value GET /value [value]
  returns 200 json Value
type Color enum [Red (wire "red"), Green (wire "green")]
type Narrow struct { a?: String }
type Pinned struct { a?: String, kind?: PinnedKind }
type PinnedKind enum [P (wire "p")]
type Value union [Wide(Wide) object{}, Narrow(Narrow) object{}, Pinned(Pinned) object{kind=p}, Color(Color) known, String(String) any, DateTime(Timestamp) any] +Unknown ambiguous Narrow<Wide ambiguous DateTime<String
type Wide struct { a?: String, b?: String }
warning: #/components/schemas/Value: ambiguous union `Value`: nothing in the spec (discriminator, tag or member of its own) tells `Narrow` from `Wide`, `DateTime` from `String`; a value both fit is read as the earlier
"#,
    );
}

#[test]
fn a_discriminator_that_names_no_value_for_a_variant_falls_back_to_trial() {
    check(
        &returning_value(
            r#"
    Value:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - {type: object, properties: {wings: {type: integer}}}
        - {}
      discriminator: {propertyName: kind}
    Cat: {type: object, properties: {kind: {type: string}, lives: {type: integer}}}
"#,
        ),
        r#"
op get_value GET /value [value]
  returns 200 json Value
type Cat struct { kind?: String, lives?: i64 }
type Value union [Cat(Cat) object{}, ValueVariant2(ValueVariant2) object{}, Value(Value) any]
type ValueVariant2 struct { wings?: i64 }
warning: #/components/schemas/Value: discriminator `kind` names no value for variant `ValueVariant2` (or names one twice); its variants are tried instead
"#,
    );
}

/// Lowers with a selection of groups (`recorded`: as the earlier record's):
/// the model as `check` renders it, then the groups kept (and how many the
/// spec has), the named security requirements, which groups reach each
/// type and whether it is sent, and the diagnostics not about what the
/// selection leaves out.
#[track_caller]
fn check_groups(spec_yaml: &str, groups: &[&str], recorded: bool, expected: &str) {
    let parsed = crate::parse::parse_spec(spec_yaml).expect("the test spec parses");
    let options = LowerOptions {
        groups: groups.iter().map(|g| g.to_string()).collect(),
        groups_recorded: recorded,
        ..LowerOptions::default()
    };
    let (model, diagnostics, left_out) = lower(&parsed.spec, &options);
    let mut actual = render(&model);
    let features: Vec<&str> = model.groups.iter().map(|g| g.feature.as_str()).collect();
    writeln!(
        actual,
        "groups [{}] of {:?}",
        features.join(", "),
        model.groups_in_spec
    )
    .unwrap();
    for requirement in &model.auth.requirements {
        writeln!(
            actual,
            "requirement {} {:?}",
            requirement.name, requirement.groups
        )
        .unwrap();
    }
    for def in &model.types {
        let sent = if def.usage.request { " sent" } else { "" };
        let received = if def.usage.response { " received" } else { "" };
        writeln!(
            actual,
            "usage {} [{}]{sent}{received}",
            def.name,
            def.usage.groups.join(", ")
        )
        .unwrap();
    }
    for diagnostic in diagnostics.iter().filter(|d| !left_out.covers(d)) {
        writeln!(actual, "{diagnostic}").unwrap();
    }
    assert_rendering(&actual, expected);
}

/// Three groups: `Things` reads `iam_thing`, `Admin` sends it, `Zero
/// Trust` reads `zt_thing` (both schemas would be `Thing`, so both are
/// qualified) and has a structured query parameter (a warning).
fn three_groups() -> String {
    spec(
        r#"
paths:
  /things/{thing_id}:
    get:
      operationId: get-thing
      tags: [Things]
      security: [{api_token: []}]
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/iam_thing'}
  /admin/things:
    post:
      operationId: create-thing
      tags: [Admin]
      security: [{api_key: []}]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/iam_thing'}
      responses:
        '200':
          description: Its label.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/iam_label'}
  /zt/things:
    get:
      operationId: list-zt-things
      tags: [Zero Trust]
      security: [{api_token: []}]
      parameters:
        - name: filter
          in: query
          schema: {type: object, properties: {size: {type: integer}}}
      responses:
        '200':
          description: The things.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/zt_thing'}
components:
  securitySchemes:
    api_token: {type: http, scheme: bearer}
    api_key: {type: apiKey, in: header, name: X-Auth-Key}
  schemas:
    iam_thing:
      type: object
      required: [id]
      properties:
        id: {type: string, readOnly: true}
        name: {type: string}
    iam_label: {type: string, enum: [new, old]}
    zt_thing:
      type: object
      properties:
        size: {$ref: '#/components/schemas/zt_size'}
    zt_size: {type: integer}
"#,
    )
}

#[test]
fn every_group_without_a_selection() {
    check_groups(
        &three_groups(),
        &[],
        false,
        r#"
op get_thing GET /things/{thing_id} [things]
  path thing_id: str
  returns 200 json IamThing
op create_thing POST /admin/things [admin]
  body json IamThing
  returns 200 json Label
op list_zt_things GET /zt/things [zero_trust]
  query ListZtThingsParams.filter?: Value
  returns 200 json ZtThing
type IamThing struct { id?: String, name?: String }
type Label enum [New (wire "new"), Old (wire "old")]
type ZtThing struct { size?: i64 }
groups [admin, things, zero-trust] of None
requirement API_KEY [["api_key"]]
requirement API_TOKEN [["api_token"]]
usage IamThing [admin, things] sent received
usage Label [admin] received
usage ZtThing [zero_trust] received
warning: #/paths/~1zt~1things/get/parameters/0: query parameter `filter` of operation `list-zt-things` is structured and not a query `deepObject`; it is sent as JSON text, which the API may not read
"#,
    );
}

/// Only `things`: the other groups' operations, the types only they reach,
/// their security requirement and their warning are gone; names are those
/// of the crate of all groups (`IamThing`, qualified because `zt_thing`
/// would be `Thing` too), and so are shapes: `id` stays optional because
/// `Admin` sends the type, so adding `admin` later changes no type.
#[test]
fn a_selection_keeps_only_its_operations_and_what_they_reach() {
    check_groups(
        &three_groups(),
        &["things"],
        false,
        r#"
op get_thing GET /things/{thing_id} [things]
  path thing_id: str
  returns 200 json IamThing
type IamThing struct { id?: String, name?: String }
groups [things] of Some(3)
requirement API_TOKEN [["api_token"]]
usage IamThing [things] sent received
"#,
    );
}

/// A module name selects as its feature does; names given twice are one.
#[test]
fn groups_are_selected_by_feature_or_module_name() {
    check_groups(
        &three_groups(),
        &["zero_trust", "admin", "zero-trust"],
        false,
        r#"
op create_thing POST /admin/things [admin]
  body json IamThing
  returns 200 json Label
op list_zt_things GET /zt/things [zero_trust]
  query ListZtThingsParams.filter?: Value
  returns 200 json ZtThing
type IamThing struct { id?: String, name?: String }
type Label enum [New (wire "new"), Old (wire "old")]
type ZtThing struct { size?: i64 }
groups [admin, zero-trust] of Some(3)
requirement API_KEY [["api_key"]]
requirement API_TOKEN [["api_token"]]
usage IamThing [admin] sent received
usage Label [admin] received
usage ZtThing [zero_trust] received
warning: #/paths/~1zt~1things/get/parameters/0: query parameter `filter` of operation `list-zt-things` is structured and not a query `deepObject`; it is sent as JSON text, which the API may not read
"#,
    );
}

#[test]
fn an_unknown_group_is_an_error_listing_the_groups() {
    check_groups(
        &three_groups(),
        &["things", "nope"],
        false,
        r#"
op get_thing GET /things/{thing_id} [things]
  path thing_id: str
  returns 200 json IamThing
type IamThing struct { id?: String, name?: String }
groups [things] of Some(3)
requirement API_TOKEN [["api_token"]]
usage IamThing [things] sent received
error: no API group is called `nope`; the groups are: admin, things, zero-trust
"#,
    );
}

/// A group the earlier record selected that the spec no longer has is a
/// warning (its operations are reported removed); none left is an error.
#[test]
fn a_recorded_group_gone_from_the_spec_is_a_warning_and_none_left_an_error() {
    check_groups(
        &three_groups(),
        &["gone", "admin"],
        true,
        r#"
op create_thing POST /admin/things [admin]
  body json IamThing
  returns 200 json Label
type IamThing struct { id?: String, name?: String }
type Label enum [New (wire "new"), Old (wire "old")]
groups [admin] of Some(3)
requirement API_KEY [["api_key"]]
usage IamThing [admin] sent received
usage Label [admin] received
warning: the API group `gone` that api.lock selects is not in the spec any more; the groups are: admin, things, zero-trust
"#,
    );
    check_groups(
        &three_groups(),
        &["gone"],
        true,
        r#"
groups [] of Some(3)
warning: the API group `gone` that api.lock selects is not in the spec any more; the groups are: admin, things, zero-trust
error: none of the API groups api.lock selects is in the spec; select groups anew (`--groups`, or `--all-groups` for every group); the groups are: admin, things, zero-trust
"#,
    );
}

/// Clients add idempotency keys by default when any operation of the
/// spec declares the header (in any case), a group left out by a
/// selection included; not otherwise, nor for a query parameter so named.
#[test]
fn an_idempotency_key_header_anywhere_turns_keys_on() {
    let spec = |location: &str, name: &str| {
        format!(
            r#"
openapi: 3.0.3
info: {{title: T, version: "1"}}
paths:
  /charges:
    post:
      tags: [Charges]
      parameters:
      - {{name: {name}, in: {location}, schema: {{type: string}}}}
      responses: {{'204': {{description: ok}}}}
  /notes:
    get:
      tags: [Notes]
      responses: {{'204': {{description: ok}}}}
"#
        )
    };
    let keys = |spec: &str, groups: &[&str]| {
        let parsed = crate::parse::parse_spec(spec).expect("the test spec parses");
        let options = LowerOptions {
            groups: groups.iter().map(|g| g.to_string()).collect(),
            ..LowerOptions::default()
        };
        lower(&parsed.spec, &options).0.idempotency_keys
    };
    assert!(keys(&spec("header", "Idempotency-Key"), &[]));
    assert!(keys(&spec("header", "idempotency-key"), &[]));
    assert!(keys(&spec("header", "Idempotency-Key"), &["notes"]));
    assert!(!keys(&spec("query", "Idempotency-Key"), &[]));
    assert!(!keys(&spec("header", "X-Request-Id"), &[]));
}
