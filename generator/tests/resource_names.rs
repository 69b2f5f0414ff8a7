//! Resource names across regenerations: a new crate gets them, a crate of
//! operationId names keeps its own until switched (its old methods then
//! forwarding, deprecated), recorded names survive a spec that would name
//! them otherwise, and the user's renames apply on every run.

use generator::record::NamingStyle;
use generator::{Generation, Options, ResourceNames};

const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Resource API, version: '1'}
servers: [{url: 'https://api.example.com'}]
paths:
  /accounts/{account_id}/widgets:
    get:
      operationId: list-widgets
      tags: [Widgets]
      parameters:
        - {name: account_id, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/widget'}}}}}
  /accounts/{account_id}/widgets/{widget_id}:
    patch:
      operationId: update-widget
      tags: [Widgets]
      parameters:
        - {name: account_id, in: path, required: true, schema: {type: string}}
        - {name: widget_id, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/widget'}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/widget'}}}}
  /accounts/{account_id}/gadgets:
    get:
      operationId: list-gadgets
      tags: [Widgets]
      parameters:
        - {name: account_id, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/widget'}}}}}
  /accounts/{account_id}/keys/rotate:
    post:
      operationId: rotate-keys
      tags: [Keys]
      parameters:
        - {name: account_id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: done}
components:
  schemas:
    widget:
      type: object
      properties:
        name: {type: string}
"#;

fn generate(
    spec: &str,
    previous: Option<&Generation>,
    tweak: impl FnOnce(&mut Options),
) -> Generation {
    let mut options = Options {
        package_name: Some("fixture-resources".to_string()),
        regenerate_command: "resource names test".to_string(),
        standalone: true,
        previous: previous.map(|p| p.record.clone()),
        ..Options::default()
    };
    tweak(&mut options);
    generator::generate(spec, &options).unwrap_or_else(|d| panic!("{d}"))
}

/// `METHOD /path/{}` → the recorded resource name, for every operation.
fn resources(generation: &Generation) -> Vec<(String, Option<String>)> {
    generation
        .record
        .operations
        .iter()
        .map(|(key, op)| (key.clone(), op.resource.clone()))
        .collect()
}

fn file<'g>(generation: &'g Generation, path: &str) -> &'g str {
    &generation
        .krate
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is generated"))
        .contents
}

fn owned(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    pairs
        .iter()
        .map(|(key, name)| (key.to_string(), name.map(str::to_string)))
        .collect()
}

#[test]
fn a_new_crate_is_named_by_resource_and_records_it() {
    let generation = generate(SPEC, None, |_| {});
    assert_eq!(generation.record.naming, NamingStyle::Resource);
    // Three resources under `/accounts/{account_id}`: a scope.
    assert_eq!(
        resources(&generation),
        owned(&[
            ("GET /accounts/{}/gadgets", Some("account(..).gadgets.list")),
            ("GET /accounts/{}/widgets", Some("account(..).widgets.list")),
            (
                "PATCH /accounts/{}/widgets/{}",
                Some("account(..).widgets.edit")
            ),
            (
                "POST /accounts/{}/keys/rotate",
                Some("account(..).keys.rotate")
            ),
        ])
    );
    let widgets = file(&generation, "src/operations/widgets.rs");
    assert!(
        widgets.contains("impl crate::resources::AccountWidgets {"),
        "{widgets}"
    );
    assert!(
        widgets.contains(
            "    pub fn edit(\n        &self,\n        widget_id: impl AsRef<str>,\n        body: &crate::models::Widget,\n    )"
        ),
        "{widgets}"
    );
    assert!(
        widgets.contains("let account_id = std::sync::Arc::clone(&self.scope);"),
        "{widgets}"
    );
    let handles = file(&generation, "src/resources.rs");
    assert!(
        handles.contains("pub fn account(&self, account_id: impl AsRef<str>) -> Account {"),
        "{handles}"
    );
    // Each handle is compiled with the groups of the operations under it.
    assert!(
        handles.contains(
            "#[cfg(feature = \"keys\")]\n#[derive(Clone, Debug)]\npub struct AccountKeys {"
        ),
        "{handles}"
    );
    assert!(
        handles.contains("/// `client.account(account_id)`: the operations under `/accounts/{account_id}`, the path argument bound.\n#[derive(Clone, Debug)]\npub struct Account {"),
        "{handles}"
    );
}

#[test]
fn a_crate_of_operation_names_keeps_them_until_switched_then_forwards() {
    let flat = generate(SPEC, None, |o| o.naming = Some(NamingStyle::Operation));
    assert_eq!(flat.record.naming, NamingStyle::Operation);
    assert!(
        flat.krate
            .files
            .iter()
            .all(|f| f.path != "src/resources.rs")
    );
    assert!(
        generator::record::Record::parse(&flat.record.to_text())
            .expect("the record reads back")
            .naming
            == NamingStyle::Operation
    );
    // A plain regeneration keeps the recorded style.
    let again = generate(SPEC, Some(&flat), |_| {});
    assert_eq!(again.record.naming, NamingStyle::Operation);
    assert!(again.report.as_ref().is_some_and(|r| r.is_empty()));

    let switched = generate(SPEC, Some(&again), |o| {
        o.naming = Some(NamingStyle::Resource)
    });
    let report = switched.report.as_ref().expect("a regeneration reports");
    assert!(!report.breaking, "{report}");
    assert!(
        report.to_string().contains(
            "  ~ account(..).widgets.edit: named by resource now; its method `update_widget` stays, deprecated\n"
        ),
        "{report}"
    );
    let aliases: Vec<(&str, &str)> = switched
        .record
        .deprecated_methods
        .iter()
        .map(|(name, entry)| (name.as_str(), entry.target.as_str()))
        .collect();
    assert_eq!(
        aliases,
        [
            ("list_gadgets", "account(..).gadgets.list"),
            ("list_widgets", "account(..).widgets.list"),
            ("rotate_keys", "account(..).keys.rotate"),
            ("update_widget", "account(..).widgets.edit"),
        ]
    );
    let widgets = file(&switched, "src/operations/widgets.rs");
    assert!(
        widgets.contains(
            "    #[deprecated(\n        note = \"now `client.account(..).widgets().edit(..)`; this name stays through the next 3 breaking versions\"\n    )]\n    pub fn update_widget(\n        &self,\n        account_id: impl AsRef<str>,\n        widget_id: impl AsRef<str>,\n        body: &crate::models::Widget,\n    ) -> crate::call::Call<crate::models::Widget> {\n        self.account(account_id).widgets().edit(widget_id, body)\n    }"
        ),
        "{widgets}"
    );
    // The mock keeps its name: nothing to forward.
    assert!(
        widgets.contains("pub fn expect_update_widget("),
        "{widgets}"
    );
    assert_eq!(widgets.matches("pub fn expect_update_widget(").count(), 1);

    // The next regeneration carries the forwarders and changes nothing.
    let carried = generate(SPEC, Some(&switched), |_| {});
    assert_eq!(carried.record.naming, NamingStyle::Resource);
    assert_eq!(
        carried.record.deprecated_methods,
        switched.record.deprecated_methods
    );
    assert_eq!(carried.krate, switched.krate);
}

#[test]
fn recorded_names_stay_when_the_rule_would_give_others() {
    // Two resources under the accounts: no scope yet.
    let v1_spec = SPEC.replace(
        "  /accounts/{account_id}/keys/rotate:",
        "  /other/{account_id}/keys/rotate:",
    );
    let v1 = generate(&v1_spec, None, |_| {});
    assert_eq!(
        resources(&v1),
        owned(&[
            ("GET /accounts/{}/gadgets", Some("accounts.gadgets.list")),
            ("GET /accounts/{}/widgets", Some("accounts.widgets.list")),
            (
                "PATCH /accounts/{}/widgets/{}",
                Some("accounts.widgets.edit")
            ),
            ("POST /other/{}/keys/rotate", Some("other.keys.rotate")),
        ])
    );
    // Three resources there now, which the rule makes a scope: the names
    // the crate has stay, the moved operation's too (found by its
    // operationId), so code written against v1 compiles; only a newcomer
    // is named by the rule.
    let v2_spec = SPEC.replace(
        "  /accounts/{account_id}/gadgets:",
        "  /accounts/{account_id}/gizmos:\n    get:\n      operationId: list-gizmos\n      tags: [Widgets]\n      parameters:\n        - {name: account_id, in: path, required: true, schema: {type: string}}\n      responses:\n        '204': {description: ok}\n  /accounts/{account_id}/gadgets:",
    );
    let v2 = generate(&v2_spec, Some(&v1), |_| {});
    assert_eq!(
        resources(&v2),
        owned(&[
            ("GET /accounts/{}/gadgets", Some("accounts.gadgets.list")),
            ("GET /accounts/{}/gizmos", Some("account(..).gizmos.get")),
            ("GET /accounts/{}/widgets", Some("accounts.widgets.list")),
            (
                "PATCH /accounts/{}/widgets/{}",
                Some("accounts.widgets.edit")
            ),
            ("POST /accounts/{}/keys/rotate", Some("other.keys.rotate")),
        ])
    );
    let report = v2.report.as_ref().expect("a regeneration reports");
    assert!(
        !report.to_string().contains("resource name changed"),
        "{report}"
    );
    // An operation whose operationId changed stays where its path is.
    let renamed_id = v2_spec.replace("operationId: list-widgets", "operationId: all-widgets");
    let v3 = generate(&renamed_id, Some(&v2), |_| {});
    assert_eq!(resources(&v3), resources(&v2));
}

#[test]
fn renames_apply_on_every_regeneration_and_dropping_one_is_breaking() {
    let settings = ResourceNames {
        scopes: Vec::new(),
        renames: [
            ("widgets".to_string(), "inventory.widgets".to_string()),
            ("keys.rotate".to_string(), "keys.roll".to_string()),
        ]
        .into(),
    };
    let renamed = generate(SPEC, None, |o| o.resource_names = settings.clone());
    let widgets = &renamed.record.operations["PATCH /accounts/{}/widgets/{}"];
    assert_eq!(
        widgets.resource.as_deref(),
        Some("account(..).inventory.widgets.edit")
    );
    assert_eq!(
        widgets.resource_rule.as_deref(),
        Some("account(..).widgets.edit")
    );
    let keys = &renamed.record.operations["POST /accounts/{}/keys/rotate"];
    assert_eq!(keys.resource.as_deref(), Some("account(..).keys.roll"));
    let handles = file(&renamed, "src/resources.rs");
    assert!(
        handles.contains("pub struct AccountInventoryWidgets {"),
        "{handles}"
    );

    // The same table again: nothing changes (the rule's name is what is
    // kept, renamed afresh).
    let again = generate(SPEC, Some(&renamed), |o| {
        o.resource_names = settings.clone()
    });
    assert!(again.report.as_ref().is_some_and(|r| r.is_empty()));
    assert_eq!(again.krate, renamed.krate);

    // Without it: the names the rule gives, each change breaking.
    let plain = generate(SPEC, Some(&renamed), |_| {});
    let report = plain.report.as_ref().expect("a regeneration reports");
    assert!(report.breaking);
    let text = report.to_string();
    assert!(
        text.contains("resource name changed: `account(..).inventory.widgets.edit` is now `account(..).widgets.edit` [breaking]"),
        "{text}"
    );
    assert!(
        text.contains("resource name changed: `account(..).keys.roll` is now `account(..).keys.rotate` [breaking]"),
        "{text}"
    );
}

#[test]
fn a_malformed_rename_is_an_error_naming_it() {
    let options = Options {
        resource_names: ResourceNames {
            scopes: Vec::new(),
            renames: [("Widgets".to_string(), "inventory".to_string())].into(),
        },
        ..Options::default()
    };
    let error = generator::generate(SPEC, &options).expect_err("a malformed rename");
    assert_eq!(
        error.to_string().trim(),
        "error: #: resource renames: `Widgets: inventory`: both sides must be dotted snake_case names (`access: zero_trust.access`)"
    );
    let yaml = ResourceNames::parse("renames:\n  access: [zero_trust]\n").expect_err("not text");
    assert!(yaml.contains("line 2"), "{yaml}");
    assert_eq!(
        ResourceNames::parse("scopes: [accounts]\n"),
        Ok(ResourceNames {
            scopes: vec!["accounts".to_string()],
            renames: Default::default(),
        })
    );
}
