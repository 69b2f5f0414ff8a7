//! Deprecated aliases across regenerations: a renamed type keeps its old
//! name as a type alias and an operation whose method is renamed keeps its
//! old one as a forwarding method, each for the crate's alias lifetime
//! (breaking versions outlived, counted only at versions that break for
//! reasons of their own), recorded in `api.lock`.

use generator::record::{DeprecatedEntry, DeprecatedMethodEntry, NamingStyle, Record};
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
        // Method renames and their deprecated methods: operationId names.
        naming: Some(NamingStyle::Operation),
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
        .file(path)
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

/// `prune_aliases` drops every alias now, types and methods, each reported
/// as a removal: breaking even when nothing else changed.
#[test]
fn pruning_drops_every_alias_now() {
    let first = generate(V1, None);
    let api = Api {
        get_thing: "fetch-thing",
        ..V1.renamed()
    };
    let renamed = generate(api, Some(&first));
    assert!(!breaking(&renamed));
    assert_eq!(renamed.record.deprecated.len(), 1);
    assert_eq!(renamed.record.deprecated_methods.len(), 1);
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
    assert_eq!(
        report["operations"]["removed"],
        json!([{
            "method": "GET",
            "path": "/things/{thing_id}",
            "rust_name": "get_thing",
            "pointer": "#/paths/~1things~1{thing_id}/get",
            "breaking": true
        }])
    );
    assert!(pruned.record.deprecated.is_empty());
    assert!(pruned.record.deprecated_methods.is_empty());
    let code = file(&pruned, "src/operations/things.rs");
    assert!(!code.contains("pub fn get_thing("), "{code}");
    assert_eq!(notice_note(&pruned), None);
    // Pruning is not recorded: the next run goes on as usual.
    let again = generate(api, Some(&pruned));
    assert!(again.report.as_ref().is_some_and(|r| r.is_empty()));
}

/// A record written before aliases had a lifetime (no `alias_lifetime`,
/// `deprecated_methods` or `breaking_versions`) reads as the defaults:
/// regenerating over it changes nothing but the record's text.
#[test]
fn an_older_record_reads_with_the_defaults() {
    let renamed = generate(V1.renamed(), Some(&generate(V1, None)));
    let mut old: Value = serde_json::from_str(file(&renamed, "api.lock")).expect("JSON");
    let fields = old.as_object_mut().expect("an object");
    assert_eq!(fields.remove("alias_lifetime"), Some(json!(3)));
    assert_eq!(fields.remove("deprecated_methods"), Some(json!({})));
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

/// An operation whose operationId changes keeps its old method name as a
/// deprecated method with the same signature, forwarding to the new one
/// (and its mock expectation likewise): the rename is reported, not
/// breaking.
#[test]
fn a_renamed_method_keeps_its_old_name_as_a_deprecated_method() {
    let first = generate(V1, None);
    let api = Api {
        get_thing: "fetch-thing",
        ..V1
    };
    let renamed = generate(api, Some(&first));
    let report = report(&renamed);
    assert_eq!(report["breaking"], json!(false));
    assert_eq!(
        report["operations"]["changed"],
        json!([{
            "method": "GET",
            "path": "/things/{thing_id}",
            "rust_name": "fetch_thing",
            "pointer": "#/paths/~1things~1{thing_id}/get",
            "breaking": false,
            "changes": [{
                "what": "method renamed from `get_thing` to `fetch_thing` (old name kept, deprecated)",
                "breaking": false
            }]
        }])
    );
    assert_eq!(
        renamed.record.deprecated_methods["get_thing"],
        DeprecatedMethodEntry {
            operation: "GET /things/{}".into(),
            target: "fetch_thing".into(),
            since: "0.2.0".into(),
            breaking_versions: 0,
        }
    );
    let code = file(&renamed, "src/operations/things.rs");
    let alias = "    /// The old name of [`fetch_thing`](Self::fetch_thing).
    #[deprecated(
        note = \"renamed to `fetch_thing`; this name stays through the next 3 breaking versions\"
    )]
    pub fn get_thing(
        &self,
        thing_id: impl AsRef<str>,
        params: &crate::models::GetThingParams,
    ) -> crate::call::Call<crate::models::Thing> {
        self.fetch_thing(thing_id, params)
    }
";
    assert!(code.contains(alias), "{code}");
    let mock = "    /// The old name of [`expect_fetch_thing`](Self::expect_fetch_thing).
    #[deprecated(
        note = \"renamed to `fetch_thing`; this name stays through the next 3 breaking versions\"
    )]
    pub fn expect_get_thing(
        &self,
        thing_id: impl AsRef<str>,
    ) -> crate::mock::Expect<'_, crate::models::Thing> {
        self.expect_fetch_thing(thing_id)
    }
";
    assert!(code.contains(mock), "{code}");
    // The alias follows the method it forwards to.
    let method = code.find("pub fn fetch_thing(").expect("the method");
    assert!(method < code.find("pub fn get_thing(").expect("the alias"));

    // Regenerating over the result changes nothing.
    let again = generate(api, Some(&renamed));
    assert_eq!(again.krate, renamed.krate);
}

/// While an old method name is kept, no new operation takes it; the
/// operation it forwards to may take it back (its operationId changed
/// back), and the name it had becomes the deprecated one.
#[test]
fn a_kept_method_name_is_reserved_for_its_operation() {
    let api = Api {
        get_thing: "fetch-thing",
        ..V1
    };
    let renamed = generate(api, Some(&generate(V1, None)));
    let newcomer = generate(
        Api {
            gadgets: Some("get-thing"),
            ..api
        },
        Some(&renamed),
    );
    let names: Vec<&str> = newcomer
        .record
        .operations
        .values()
        .map(|op| op.rust_name.as_str())
        .collect();
    assert_eq!(names, ["get_thing_2", "fetch_thing", "create_thing"]);
    assert!(newcomer.record.deprecated_methods.contains_key("get_thing"));

    let back = generate(V1, Some(&renamed));
    assert!(!breaking(&back));
    assert_eq!(
        report(&back)["operations"]["changed"][0]["changes"],
        json!([{
            "what": "method renamed from `fetch_thing` to `get_thing` (old name kept, deprecated)",
            "breaking": false
        }])
    );
    let kept: Vec<(&str, &str)> = back
        .record
        .deprecated_methods
        .iter()
        .map(|(name, entry)| (name.as_str(), entry.target.as_str()))
        .collect();
    assert_eq!(kept, [("fetch_thing", "get_thing")]);
    assert_eq!(report(&back)["operations"]["removed"], json!([]));
}

/// An old name another method of the new crate has is not kept: that
/// rename is breaking (the other one keeps its old name).
#[test]
fn a_method_name_taken_by_another_operation_is_not_kept() {
    let first = generate(
        Api {
            gadgets: Some("get-gadget"),
            ..V1
        },
        None,
    );
    // `get-thing` moves to the gadgets operation, which takes its name.
    let swapped = generate(
        Api {
            get_thing: "fetch-thing",
            gadgets: Some("get-thing"),
            ..V1
        },
        Some(&first),
    );
    let report = report(&swapped);
    assert_eq!(report["breaking"], json!(true));
    let changes: Vec<(&str, bool)> = report["operations"]["changed"]
        .as_array()
        .expect("a list")
        .iter()
        .flat_map(|op| op["changes"].as_array().expect("a list"))
        .map(|c| {
            (
                c["what"].as_str().expect("text"),
                c["breaking"] == json!(true),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            (
                "method renamed from `get_gadget` to `get_thing` (old name kept, deprecated)",
                false
            ),
            ("method renamed from `get_thing` to `fetch_thing`", true)
        ]
    );
}

/// Method aliases live as long as type aliases, and go with their
/// operation.
#[test]
fn a_method_alias_goes_after_its_lifetime_or_with_its_operation() {
    let api = Api {
        get_thing: "fetch-thing",
        ..V1
    };
    let first = generate_with(
        V1,
        &Options {
            alias_lifetime: Some(1),
            ..options(None)
        },
    );
    let renamed = generate(api, Some(&first));
    let once = generate(api.breaking(), Some(&renamed));
    assert_eq!(
        once.record
            .deprecated_methods
            .get("get_thing")
            .map(|m| m.breaking_versions),
        Some(1)
    );
    let twice = generate(api.breaking().breaking(), Some(&once));
    assert!(twice.record.deprecated_methods.is_empty());
    assert_eq!(
        report(&twice)["operations"]["removed"],
        json!([{
            "method": "GET",
            "path": "/things/{thing_id}",
            "rust_name": "get_thing",
            "pointer": "#/paths/~1things~1{thing_id}/get",
            "breaking": true
        }])
    );

    // Its operation gone, the alias goes too, even before its time.
    let without = api.spec().replace(
        "  /things/{thing_id}:\n    get:",
        "  /things/{thing_id}:\n    delete:",
    );
    let gone = generator::generate(&without, &options(Some(&renamed))).expect("generates");
    assert!(gone.record.deprecated_methods.is_empty());
    let report = report(&gone);
    let removed: Vec<&str> = report["operations"]["removed"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|op| op["rust_name"].as_str().expect("a name"))
        .collect();
    assert_eq!(removed, ["fetch_thing", "get_thing"]);
}
