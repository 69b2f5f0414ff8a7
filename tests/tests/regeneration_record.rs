//! What `api.lock` records and how a regeneration reads it, on the cases
//! real specs broke: two paths of one shape, methods gaining pages, a path
//! moving under its method, a method name handed to another operation,
//! members keeping their names when newcomers arrive, an older record
//! format, and the report sorted by group. Each case is a small spec in
//! two versions, written out below.

use generator::record::{NamingStyle, Record};
use generator::report::{OperationChange, OperationRef, Report};
use generator::{Generation, Options};

/// The spec before (`later == false`) and after one release. The later one
/// moves `/top/browsers` to `/top/browser` (same operationId), gives
/// `create-index` to a new `/v2/indexes` operation (the old one becomes
/// `deprecated-create-index`), makes `list-items` paginated, and puts a
/// `foo_bar` property before `fooBar` and `ACTIVE` before `active`.
fn spec(later: bool) -> String {
    let (browsers, v1_index_id, v2_index, page, foo_bar, active) = if later {
        (
            "browser",
            "deprecated-create-index",
            V2_INDEX,
            "\n                        page: {type: integer}",
            "\n        foo_bar: {type: string}",
            "ACTIVE, ",
        )
    } else {
        ("browsers", "create-index", "", "", "", "")
    };
    format!(
        r#"openapi: 3.0.3
info: {{title: Record API, version: 1.0.0}}
servers: [{{url: "https://api.example.com"}}]
paths:
  /zones/{{zone_id}}/phases/{{phase}}/entrypoint:
    get:
      operationId: get-phase-entrypoint
      tags: [Rulesets]
      parameters:
      - {{name: zone_id, in: path, required: true, schema: {{type: string}}}}
      - {{name: phase, in: path, required: true, schema: {{type: string}}}}
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/widget'}}}}}}}}
  /zones/{{zone_id}}/phases/{{ruleset_phase}}/entrypoint:
    get:
      operationId: get-transform-entrypoint
      tags: [Transform Rules]
      parameters:
      - {{name: zone_id, in: path, required: true, schema: {{type: string}}}}
      - {{name: ruleset_phase, in: path, required: true, schema: {{type: string}}}}
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/widget'}}}}}}}}
  /items:
    get:
      operationId: list-items
      tags: [Items]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [success, errors, messages]
                properties:
                  success: {{type: boolean}}
                  errors: {{type: array, items: {{type: object}}}}
                  messages: {{type: array, items: {{type: object}}}}
                  result: {{type: array, items: {{$ref: '#/components/schemas/item'}}}}
                  result_info:
                    type: object
                    properties:
                        count: {{type: integer}}{page}
  /top/{browsers}:
    get:
      operationId: top-browsers
      tags: [Radar]
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/widget'}}}}}}}}
  /v1/indexes:
    post:
      operationId: {v1_index_id}
      tags: [Vectorize]
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/widget'}}}}}}}}{v2_index}
components:
  schemas:
    widget:
      type: object
      properties:{foo_bar}
        fooBar: {{type: string}}
    item:
      type: object
      properties:
        status: {{type: string, enum: [{active}active]}}
"#
    )
}

const V2_INDEX: &str = r#"
  /v2/indexes:
    post:
      operationId: create-index
      tags: [Vectorize]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/widget'}}}}"#;

fn generate(spec: &str, previous: Option<&Record>) -> Generation {
    let options = Options {
        package_name: Some("fixture-record".to_string()),
        regenerate_command: "cargo run -p generator -- --spec <spec> --out <dir>".to_string(),
        standalone: true,
        previous: previous.cloned(),
        // Method names handed over, renamed or kept: operationId names.
        naming: Some(NamingStyle::Operation),
        ..Options::default()
    };
    generator::generate(spec, &options).unwrap_or_else(|d| panic!("{d}"))
}

fn regenerated() -> (Generation, Generation) {
    let before = generate(&spec(false), None);
    let after = generate(&spec(true), Some(&before.record));
    (before, after)
}

fn report(generation: &Generation) -> &Report {
    generation.report.as_ref().expect("a regeneration reports")
}

/// The report's entry for a changed method.
fn changed<'r>(report: &'r Report, method: &str) -> &'r OperationChange {
    report
        .operations
        .changed
        .iter()
        .find(|op| op.operation.rust_name == method)
        .unwrap_or_else(|| panic!("{method} changed:\n{report}"))
}

/// The report's entry for an added method.
fn added<'r>(report: &'r Report, method: &str) -> &'r OperationRef {
    report
        .operations
        .added
        .iter()
        .find(|op| op.rust_name == method)
        .unwrap_or_else(|| panic!("{method} added:\n{report}"))
}

/// The methods the report says are gone.
fn removed(report: &Report) -> Vec<&str> {
    report
        .operations
        .removed
        .iter()
        .map(|op| op.rust_name.as_str())
        .collect()
}

/// A change's lines with whether each breaks.
fn lines_of(change: &OperationChange) -> Vec<(&str, bool)> {
    change
        .changes
        .iter()
        .map(|c| (c.what.as_str(), c.breaking))
        .collect()
}

/// Every change line of the report's text, in order.
fn lines(report: &Report) -> Vec<String> {
    report.to_string().lines().map(str::to_string).collect()
}

#[test]
fn two_paths_of_one_shape_are_two_recorded_methods() {
    let (before, after) = regenerated();
    let keys: Vec<&str> = before
        .record
        .operations
        .keys()
        .map(String::as_str)
        .filter(|key| key.contains("entrypoint"))
        .collect();
    assert_eq!(
        keys,
        [
            "GET /zones/{zone_id}/phases/{phase}/entrypoint",
            "GET /zones/{zone_id}/phases/{ruleset_phase}/entrypoint",
        ]
    );
    let names: Vec<&str> = keys
        .iter()
        .map(|key| before.record.operations[*key].rust_name.as_str())
        .collect();
    assert_eq!(names, ["get_phase_entrypoint", "get_transform_entrypoint"]);
    // Both are reported when added; neither changes when nothing did.
    let fresh = generator::report::compare(&Record::default(), &before.record);
    let added: Vec<&str> = fresh
        .operations
        .added
        .iter()
        .map(|op| op.rust_name.as_str())
        .collect();
    assert!(added.contains(&"get_transform_entrypoint"), "{added:?}");
    assert!(added.contains(&"get_phase_entrypoint"), "{added:?}");
    let operations = &report(&after).operations;
    let touched = operations
        .changed
        .iter()
        .map(|op| &op.operation)
        .chain(&operations.added)
        .chain(&operations.removed)
        .any(|op| op.path.contains("entrypoint"));
    assert!(!touched, "{}", report(&after));
    // Dropping one of them is reported, as the removal of that one.
    let later = spec(true);
    let start = later
        .find("  /zones/{zone_id}/phases/{ruleset_phase}")
        .expect("the path is in the spec");
    let end = later.find("  /items:").expect("the path is in the spec");
    let dropped = format!("{}{}", &later[..start], &later[end..]);
    let dropped = generate(&dropped, Some(&after.record));
    assert_eq!(removed(report(&dropped)), ["get_transform_entrypoint"]);
}

#[test]
fn gaining_pages_is_recorded_and_reported() {
    let (before, after) = regenerated();
    let key = "GET /items";
    assert_eq!(before.record.operations[key].pagination, None);
    assert_eq!(
        after.record.operations[key].pagination.as_deref(),
        Some("page")
    );
    assert_eq!(
        lines_of(changed(report(&after), "list_items")),
        [(
            "now walks every page (page-style): `.pages()`, `.items()`, `.per_page()`",
            false
        )]
    );
    // Back again: the pages are gone, which breaks callers of `.pages()`.
    let back = generate(&spec(false), Some(&after.record));
    assert_eq!(
        lines_of(changed(report(&back), "list_items")),
        [(
            "no longer walks pages: `.pages()`, `.items()` and `.per_page()` are gone",
            true
        )]
    );
}

#[test]
fn a_path_moving_under_its_method_is_a_change_not_a_removal() {
    let (_, after) = regenerated();
    let report = report(&after);
    assert!(!removed(report).contains(&"top_browsers"), "{report}");
    let moved = changed(report, "top_browsers");
    assert_eq!(moved.operation.path, "/top/browser");
    assert!(!moved.operation.breaking);
    assert_eq!(
        lines_of(moved),
        [("now GET /top/browser (was GET /top/browsers)", false)]
    );
}

#[test]
fn a_method_name_handed_to_another_operation_is_a_loud_breaking_entry() {
    let (_, after) = regenerated();
    let report = report(&after);
    let taken = added(report, "create_index");
    assert_eq!(taken.path, "/v2/indexes");
    assert!(taken.breaking);
    assert_eq!(
        taken.note.as_deref(),
        Some(
            "`create_index` was POST /v1/indexes, which is now `deprecated_create_index`: calls written against it reach this operation"
        )
    );
    assert!(report.breaking);
    assert!(
        lines(report).contains(&"  + POST /v2/indexes (create_index) [breaking]: `create_index` was POST /v1/indexes, which is now `deprecated_create_index`: calls written against it reach this operation".to_string()),
        "{report}"
    );
}

#[test]
fn fields_and_variants_keep_their_names_when_newcomers_arrive() {
    let (before, after) = regenerated();
    let widget = |generation: &Generation| generation.record.types["Widget"].clone();
    assert_eq!(widget(&before).wire["foo_bar"], "fooBar");
    let after_widget = widget(&after);
    // The newcomer `foo_bar` comes first in the later spec, yet `fooBar`
    // keeps `foo_bar`; without the record, the newcomer would take it.
    assert_eq!(after_widget.wire["foo_bar"], "fooBar");
    assert_eq!(after_widget.fields["foo_bar_2"], "Option<String>");
    assert_eq!(after_widget.wire["foo_bar_2"], "foo_bar");
    let status = |generation: &Generation| generation.record.types["ItemStatus"].clone();
    assert_eq!(status(&before).variants, ["Active"]);
    assert_eq!(status(&after).variants, ["Active2", "Active"]);
    assert_eq!(status(&after).wire["Active"], "active");
    assert_eq!(status(&after).wire["Active2"], "ACTIVE");
    let fresh = generate(&spec(true), None);
    assert_eq!(fresh.record.types["Widget"].wire["foo_bar_2"], "fooBar");
    assert_eq!(fresh.record.types["ItemStatus"].wire["Active"], "ACTIVE");
    // So the report says only what is new.
    let changes: Vec<String> = report(&after)
        .types
        .changed
        .iter()
        .flat_map(|t| {
            t.changes
                .iter()
                .map(move |c| format!("{}: {}", t.name, c.what))
        })
        .collect();
    assert_eq!(
        changes,
        [
            "ItemStatus: variant `Active2` added",
            "Widget: field `foo_bar_2` added (optional, Option<String>)",
        ]
    );
}

#[test]
fn a_record_of_format_1_is_read_without_spurious_changes() {
    let before = generate(&spec(true), None);
    assert_eq!(before.record.format, generator::record::FORMAT);
    // What a generator of format 1 wrote: none of format 2's additions.
    let mut old: serde_json::Value =
        serde_json::from_str(&before.record.to_text()).expect("the record is JSON");
    old.as_object_mut().expect("an object").remove("format");
    for op in old["operations"]
        .as_object_mut()
        .expect("operations")
        .values_mut()
    {
        let op = op.as_object_mut().expect("an operation");
        op.remove("pagination");
        op.remove("feature");
    }
    for ty in old["types"].as_object_mut().expect("types").values_mut() {
        let ty = ty.as_object_mut().expect("a type");
        ty.remove("features");
        ty.remove("wire");
    }
    let old = Record::parse(&old.to_string()).expect("a format 1 record reads");
    assert_eq!(old.format, 1);
    let again = generate(&spec(true), Some(&old));
    let report = report(&again);
    assert!(report.is_empty(), "{report}");
    assert_eq!(again.record.format, generator::record::FORMAT);
    assert_eq!(again.record.operations, before.record.operations);
    assert_eq!(again.record.types, before.record.types);
}

#[test]
fn the_report_sorts_entries_by_group_breaking_ones_first() {
    let (_, after) = regenerated();
    let report = report(&after);
    let groups: Vec<(&str, bool)> = report
        .groups
        .iter()
        .map(|(name, group)| (name.as_str(), group.breaking))
        .collect();
    // `Widget` is reached by four groups, so its new field is in each; it
    // is received only, so the field breaks nobody. `Item`'s new variant
    // breaks `match`es in the one group using it.
    assert_eq!(
        groups,
        [
            ("items", true),
            ("radar", false),
            ("rulesets", false),
            ("transform-rules", false),
            ("vectorize", true),
        ]
    );
    let vectorize = &report.groups["vectorize"];
    assert_eq!(vectorize.operations.added.len(), 1);
    assert_eq!(vectorize.operations.changed.len(), 1);
    assert_eq!(
        vectorize.operations.changed[0].changes[0].what,
        "method renamed from `create_index` to `deprecated_create_index`"
    );
    let text = lines(report);
    assert_eq!(text[3], "groups: 5 changed, 2 breaking (items, vectorize)");
    assert!(text[4].starts_with("group items: breaking, "), "{report}");
    let radar = text
        .iter()
        .position(|line| line.starts_with("group radar: not breaking"))
        .expect("radar is listed");
    let vectorize = text
        .iter()
        .position(|line| line.starts_with("group vectorize: breaking"))
        .expect("vectorize is listed");
    assert!(vectorize < radar, "{report}");
}

#[test]
fn a_method_name_moving_to_another_http_method_is_loud() {
    let (_, after) = regenerated();
    let deleting = spec(true).replace("  /top/browser:\n    get:", "  /top/browser:\n    delete:");
    let again = generate(&deleting, Some(&after.record));
    let report = report(&again);
    let taken = added(report, "top_browsers");
    assert!(taken.breaking);
    assert_eq!(
        taken.note.as_deref(),
        Some(
            "`top_browsers` was GET /top/browser, which is gone: calls written against it now send DELETE /top/browser"
        )
    );
    assert_eq!(removed(report), ["top_browsers"]);
}

#[test]
fn a_type_a_group_no_longer_reaches_is_gone_for_that_group_alone() {
    let (_, after) = regenerated();
    let at = "  /top/browser:\n    get:";
    let later = spec(true);
    let start = later.find(at).expect("the path is in the spec");
    let (head, tail) = later.split_at(start);
    let tail = tail.replacen("schemas/widget", "schemas/item", 1);
    let again = generate(&format!("{head}{tail}"), Some(&after.record));
    let report = report(&again);
    let radar = &report.groups["radar"];
    let types = |list: &[generator::report::TypeRef]| {
        list.iter()
            .map(|t| (t.name.clone(), t.breaking))
            .collect::<Vec<_>>()
    };
    assert_eq!(types(&radar.types.removed), [("Widget".to_string(), true)]);
    assert_eq!(
        types(&radar.types.added),
        [
            ("Item".to_string(), false),
            ("ItemStatus".to_string(), false)
        ]
    );
    // The crate still has every type: nothing is removed for all groups.
    assert!(report.types.removed.is_empty(), "{report}");
    assert!(!report.groups.contains_key("rulesets"), "{report}");
}

/// Two operations with a JSON body, `POST /notes`'s optional unless
/// `notes_required`, `PUT /notes/{id}`'s required.
fn bodies_spec(notes_required: bool) -> String {
    format!(
        r#"openapi: 3.0.3
info: {{title: Record API, version: 1.0.0}}
servers: [{{url: "https://api.example.com"}}]
paths:
  /notes:
    post:
      operationId: create-note
      requestBody:
        required: {notes_required}
        content: {{application/json: {{schema: {{$ref: '#/components/schemas/note'}}}}}}
      responses:
        '204': {{description: done}}
  /notes/{{id}}:
    put:
      operationId: replace-note
      parameters:
      - {{name: id, in: path, required: true, schema: {{type: string}}}}
      requestBody:
        required: true
        content: {{application/json: {{schema: {{$ref: '#/components/schemas/note'}}}}}}
      responses:
        '204': {{description: done}}
components:
  schemas:
    note: {{type: object, properties: {{text: {{type: string}}}}}}
"#
    )
}

/// The changes reported for `method`, as (text, breaking).
fn changes_of(generation: &Generation, method: &str) -> Vec<(String, bool)> {
    report(generation)
        .operations
        .changed
        .iter()
        .filter(|op| op.operation.rust_name == method)
        .flat_map(|op| op.changes.iter().map(|c| (c.what.clone(), c.breaking)))
        .collect()
}

#[test]
fn a_body_moving_between_argument_and_setter_is_breaking() {
    let optional = generate(&bodies_spec(false), None);
    let create = &optional.record.operations["POST /notes"];
    assert_eq!(create.body.as_deref(), Some("Note"));
    assert!(create.body_optional);
    let replace = &optional.record.operations["PUT /notes/{}"];
    assert!(!replace.body_optional);
    let text = optional.record.to_text();
    assert_eq!(text.matches("\"body_optional\": true").count(), 1, "{text}");
    assert!(!text.contains("\"body_optional\": false"), "{text}");

    // A record from before optional bodies were set on the call, which
    // passed every body as an argument: the optional one moved.
    let mut old: serde_json::Value = serde_json::from_str(&text).expect("the record is JSON");
    for op in old["operations"]
        .as_object_mut()
        .expect("operations")
        .values_mut()
    {
        op.as_object_mut()
            .expect("an operation")
            .remove("body_optional");
    }
    let old = Record::parse(&old.to_string()).expect("the older record reads");
    let again = generate(&bodies_spec(false), Some(&old));
    let moved = (
        "request body is now optional: set with `.body(..)` on the returned call, no longer an argument"
            .to_string(),
        true,
    );
    assert_eq!(
        changes_of(&again, "create_note"),
        std::slice::from_ref(&moved)
    );
    assert_eq!(changes_of(&again, "replace_note"), []);

    // The spec marking it required: an argument again; and back.
    let required = generate(&bodies_spec(true), Some(&optional.record));
    assert_eq!(
        changes_of(&required, "create_note"),
        [(
            "request body is now required: an argument, no longer `.body(..)` on the returned call"
                .to_string(),
            true
        )]
    );
    let back = generate(&bodies_spec(false), Some(&required.record));
    assert_eq!(changes_of(&back, "create_note"), [moved]);
}

/// `POST /chat` answering JSON, and `text/event-stream` too when
/// `streams`; with `newcomer`, an operation whose own name is the stream
/// method's (`chat_stream`) comes first in the document.
fn events_spec(streams: bool, newcomer: bool) -> String {
    let events = if streams {
        "\n            text/event-stream: {schema: {$ref: '#/components/schemas/chunk'}}"
    } else {
        ""
    };
    let newcomer = if newcomer {
        "
  /chat/stream:
    get:
      operationId: chat-stream
      responses:
        '204': {description: done}"
    } else {
        ""
    };
    format!(
        r#"openapi: 3.0.3
info: {{title: Record API, version: 1.0.0}}
servers: [{{url: "https://api.example.com"}}]
paths:{newcomer}
  /chat:
    post:
      operationId: chat
      responses:
        '200':
          description: ok
          content:
            application/json: {{schema: {{$ref: '#/components/schemas/chunk'}}}}{events}
components:
  schemas:
    chunk: {{type: object, properties: {{text: {{type: string}}}}}}
"#
    )
}

/// A stream method is recorded with its operation, reported when it comes
/// (not breaking) and goes (breaking), and keeps its name when a newcomer
/// wants it: the newcomer is numbered.
#[test]
fn stream_methods_are_recorded_kept_and_reported() {
    let json_only = generate(&events_spec(false, false), None);
    assert_eq!(json_only.record.operations["POST /chat"].events, None);

    let streaming = generate(&events_spec(true, false), Some(&json_only.record));
    let events = streaming.record.operations["POST /chat"]
        .events
        .as_ref()
        .expect("the stream method is recorded");
    assert_eq!(
        (events.rust_name.as_str(), events.data.as_str()),
        ("chat_stream", "Chunk")
    );
    assert_eq!(
        changes_of(&streaming, "chat"),
        [(
            "now streams its events: `chat_stream` yields Chunk".to_string(),
            false
        )]
    );

    // An operation named `chat-stream` arrives before it in the document.
    let crowded = generate(&events_spec(true, true), Some(&streaming.record));
    assert_eq!(
        crowded.record.operations["POST /chat"]
            .events
            .as_ref()
            .map(|events| events.rust_name.as_str()),
        Some("chat_stream")
    );
    assert_eq!(
        added(report(&crowded), "chat_stream_2").path,
        "/chat/stream"
    );
    assert_eq!(changes_of(&crowded, "chat"), []);

    let dropped = generate(&events_spec(false, true), Some(&crowded.record));
    assert_eq!(
        changes_of(&dropped, "chat"),
        [(
            "no longer streams its events: `chat_stream` is gone".to_string(),
            true
        )]
    );
}
