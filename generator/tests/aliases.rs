//! Deprecated aliases across regenerations: a renamed type keeps its old
//! name as a type alias for the crate's alias lifetime (breaking versions
//! outlived, counted only at versions that break for reasons of their
//! own), recorded in `api.lock`.

use generator::record::{DeprecatedEntry, Record};
use generator::{Generation, Options};
use serde_json::{Value, json};

/// One version of a small API. `kinds` enum values of `Thing.kind` (one
/// more is a breaking change), the key of the notice schema (renaming it
/// renames `Notice`), the operationId of `GET /things/{thing_id}`, and
/// optionally a second, unrelated operation (adding it is not breaking).
#[derive(Clone, Copy)]
struct Api {
    kinds: usize,
    notice: &'static str,
    get_thing: &'static str,
    gadgets: Option<&'static str>,
}

const V1: Api = Api {
    kinds: 2,
    notice: "x_notice",
    get_thing: "get-thing",
    gadgets: None,
};

impl Api {
    fn spec(self) -> String {
        let kinds: Vec<String> = (0..self.kinds).map(|i| format!("k{i}")).collect();
        let gadgets = match self.gadgets {
            Some(id) => format!(
                "  /gadgets/{{gadget_id}}:
    get:
      operationId: {id}
      parameters:
        - {{name: gadget_id, in: path, required: true, schema: {{type: string}}}}
      responses: {{'204': {{description: Done.}}}}
"
            ),
            None => String::new(),
        };
        format!(
            "openapi: 3.0.3
info: {{title: Aliases, version: '1'}}
servers: [{{url: 'https://api.test'}}]
paths:
  /things/{{thing_id}}:
    get:
      operationId: {get_thing}
      parameters:
        - {{name: thing_id, in: path, required: true, schema: {{$ref: '#/components/schemas/x_identifier'}}}}
        - {{name: limit, in: query, schema: {{type: integer}}}}
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/x_thing'}}
  /things:
    post:
      operationId: create-thing
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/x_thing'}}
      responses: {{'204': {{description: Done.}}}}
{gadgets}components:
  schemas:
    x_identifier: {{type: string, minLength: 32, maxLength: 32}}
    x_thing:
      type: object
      properties:
        kind: {{type: string, enum: [{kinds}]}}
        notices: {{type: array, items: {{$ref: '#/components/schemas/{notice}'}}}}
    {notice}:
      type: object
      properties:
        text: {{type: string}}
",
            get_thing = self.get_thing,
            kinds = kinds.join(", "),
            notice = self.notice,
        )
    }

    fn renamed(self) -> Self {
        Self {
            notice: "x_notice-2",
            ..self
        }
    }

    fn breaking(self) -> Self {
        Self {
            kinds: self.kinds + 1,
            ..self
        }
    }
}

fn options(previous: Option<&Generation>) -> Options {
    Options {
        package_name: Some("fixture-aliases".to_string()),
        regenerate_command: "aliases test".to_string(),
        standalone: true,
        previous: previous.map(|p| p.record.clone()),
        ..Options::default()
    }
}

fn generate_with(api: Api, options: &Options) -> Generation {
    generator::generate(&api.spec(), options).unwrap_or_else(|d| panic!("{d}"))
}

fn generate(api: Api, previous: Option<&Generation>) -> Generation {
    generate_with(api, &options(previous))
}

fn file<'g>(generation: &'g Generation, path: &str) -> &'g str {
    generation
        .krate
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| panic!("{path} is generated"))
}

fn report(generation: &Generation) -> Value {
    let report = generation.report.as_ref().expect("a regeneration reports");
    serde_json::from_str(&report.to_json()).expect("the report is JSON")
}

fn breaking(generation: &Generation) -> bool {
    generation
        .report
        .as_ref()
        .expect("a regeneration reports")
        .breaking
}

fn notice_alias(generation: &Generation) -> Option<&DeprecatedEntry> {
    generation.record.deprecated.get("Notice")
}

/// The `#[deprecated]` note of the emitted `pub type Notice = Notice2;`.
fn notice_note(generation: &Generation) -> Option<String> {
    let models = file(generation, "src/models/mod.rs");
    let end = models.find("\npub type Notice = Notice2;\n")?;
    let attribute = &models[models[..end].rfind("#[deprecated(")?..end];
    let start = attribute.find("note = \"")? + "note = \"".len();
    let text = &attribute[start..];
    Some(text[..text.find('"')?].to_string())
}

fn removed_types(generation: &Generation) -> Value {
    report(generation)["types"]["removed"].clone()
}

/// The report's entry for the alias `Notice` when it goes.
fn notice_removed() -> Value {
    json!([{"name": "Notice", "pointer": "#/components/schemas/x_notice-2", "breaking": true}])
}

/// With a lifetime of 2, `Notice` outlives two breaking versions and goes
/// at the third; compatible versions in between neither count nor drop it.
#[test]
fn a_type_alias_outlives_its_lifetime_in_breaking_versions_only() {
    let first = generate_with(
        V1,
        &Options {
            alias_lifetime: Some(2),
            ..options(None)
        },
    );
    assert_eq!(first.record.alias_lifetime, Some(2));
    let api = V1.renamed();
    let renamed = generate(api, Some(&first));
    assert!(!breaking(&renamed));
    assert_eq!(
        notice_alias(&renamed),
        Some(&DeprecatedEntry {
            target: "Notice2".into(),
            target_source: generator::record::SourceKey::component("x_notice-2"),
            since: "0.2.0".into(),
            breaking_versions: 0,
        })
    );
    // The setting is recorded: later runs without it keep 2.
    assert_eq!(renamed.record.alias_lifetime, Some(2));
    assert_eq!(
        notice_note(&renamed).as_deref(),
        Some("renamed to `Notice2`; this name stays through the next 2 breaking versions")
    );

    let api = api.breaking();
    let first_break = generate(api, Some(&renamed));
    assert!(breaking(&first_break));
    assert_eq!(
        notice_alias(&first_break).map(|a| a.breaking_versions),
        Some(1)
    );
    assert_eq!(removed_types(&first_break), json!([]));
    assert_eq!(
        notice_note(&first_break).as_deref(),
        Some("renamed to `Notice2`; this name stays through the next breaking version")
    );

    let compatible = generate(
        Api {
            gadgets: Some("get-gadget"),
            ..api
        },
        Some(&first_break),
    );
    assert!(!breaking(&compatible));
    assert_eq!(
        notice_alias(&compatible).map(|a| a.breaking_versions),
        Some(1)
    );

    let api = Api {
        gadgets: Some("get-gadget"),
        ..api.breaking()
    };
    let second_break = generate(api, Some(&compatible));
    assert!(breaking(&second_break));
    assert_eq!(
        notice_alias(&second_break).map(|a| (a.since.as_str(), a.breaking_versions)),
        Some(("0.2.0", 2))
    );
    assert_eq!(
        notice_note(&second_break).as_deref(),
        Some("renamed to `Notice2`; this name goes at the next breaking version")
    );

    // Expired, but this version would not break otherwise: it stays.
    let reworded = api.spec().replace("The thing.", "The one thing.");
    let compatible =
        generator::generate(&reworded, &options(Some(&second_break))).expect("generates");
    let report = compatible.report.as_ref().expect("a regeneration reports");
    assert!(!report.breaking, "{report}");
    assert_eq!(compatible.record.version, "0.5.1");
    assert_eq!(
        notice_alias(&compatible).map(|a| a.breaking_versions),
        Some(2)
    );
    assert_eq!(removed_types(&compatible), json!([]));

    let third_break = generate(api.breaking(), Some(&compatible));
    assert_eq!(notice_alias(&third_break), None);
    assert_eq!(removed_types(&third_break), notice_removed());
    assert_eq!(notice_note(&third_break), None);
    assert_eq!(third_break.record.version, "0.6.0");
}

/// Without a setting, an alias outlives 3 breaking versions.
#[test]
fn the_default_lifetime_is_three_breaking_versions() {
    let first = generate(V1, None);
    assert_eq!(first.record.alias_lifetime, Some(3));
    let mut api = V1.renamed();
    let mut previous = generate(api, Some(&first));
    for outlived in 1..=3 {
        api = api.breaking();
        let next = generate(api, Some(&previous));
        assert!(breaking(&next));
        assert_eq!(
            notice_alias(&next).map(|a| a.breaking_versions),
            Some(outlived)
        );
        previous = next;
    }
    let fourth = generate(api.breaking(), Some(&previous));
    assert_eq!(notice_alias(&fourth), None);
    assert_eq!(removed_types(&fourth), notice_removed());
}

/// A lifetime of 0 is the old rule: an alias goes at the next breaking
/// version. Set on a later run, it applies from that run on and is kept.
#[test]
fn a_lifetime_of_zero_drops_an_alias_at_the_next_breaking_version() {
    let renamed = generate(V1.renamed(), Some(&generate(V1, None)));
    let compatible = generate_with(
        Api {
            gadgets: Some("get-gadget"),
            ..V1.renamed()
        },
        &Options {
            alias_lifetime: Some(0),
            ..options(Some(&renamed))
        },
    );
    assert_eq!(compatible.record.alias_lifetime, Some(0));
    assert_eq!(
        notice_alias(&compatible).map(|a| a.breaking_versions),
        Some(0)
    );
    assert_eq!(
        notice_note(&compatible).as_deref(),
        Some("renamed to `Notice2`; this name goes at the next breaking version")
    );
    let broken = generate(
        Api {
            gadgets: Some("get-gadget"),
            ..V1.renamed().breaking()
        },
        Some(&compatible),
    );
    assert_eq!(broken.record.alias_lifetime, Some(0));
    assert_eq!(notice_alias(&broken), None);
    assert_eq!(removed_types(&broken), notice_removed());
}

/// `prune_aliases` drops every alias now, each reported as a removal:
/// breaking even when nothing else changed.
#[test]
fn pruning_drops_every_alias_now() {
    let first = generate(V1, None);
    let api = V1.renamed();
    let renamed = generate(api, Some(&first));
    assert!(!breaking(&renamed));
    assert_eq!(renamed.record.deprecated.len(), 1);
    let pruned = generate_with(
        api,
        &Options {
            prune_aliases: true,
            ..options(Some(&renamed))
        },
    );
    let report = report(&pruned);
    assert_eq!(report["breaking"], json!(true));
    assert_eq!(report["version"], json!({"from": "0.2.0", "to": "0.3.0"}));
    assert_eq!(report["types"]["removed"], notice_removed());
    assert!(pruned.record.deprecated.is_empty());
    assert_eq!(notice_note(&pruned), None);
    // Pruning is not recorded: the next run goes on as usual.
    let again = generate(api, Some(&pruned));
    assert!(again.report.as_ref().is_some_and(|r| r.is_empty()));
}

/// A record written before aliases had a lifetime (no `alias_lifetime` or
/// `breaking_versions`) reads as the defaults:
/// regenerating over it changes nothing but the record's text.
#[test]
fn an_older_record_reads_with_the_defaults() {
    let renamed = generate(V1.renamed(), Some(&generate(V1, None)));
    let mut old: Value = serde_json::from_str(file(&renamed, "api.lock")).expect("JSON");
    let fields = old.as_object_mut().expect("an object");
    assert_eq!(fields.remove("alias_lifetime"), Some(json!(3)));
    let entry = fields["deprecated"]["Notice"]
        .as_object_mut()
        .expect("an entry");
    assert_eq!(entry.remove("breaking_versions"), Some(json!(0)));
    let old = Record::parse(&old.to_string()).expect("an older record reads");
    assert_eq!(old.alias_lifetime, None);
    assert_eq!(old.alias_lifetime(), 3);
    assert_eq!(old.deprecated["Notice"].breaking_versions, 0);

    let again = generator::generate(
        &V1.renamed().spec(),
        &Options {
            previous: Some(old),
            ..options(None)
        },
    )
    .expect("generates");
    let report = again.report.as_ref().expect("a regeneration reports");
    assert!(report.is_empty(), "{report}");
    assert_eq!(again.record, renamed.record);
    assert_eq!(again.krate, renamed.krate);
}
