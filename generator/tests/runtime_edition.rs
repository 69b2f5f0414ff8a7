//! A change to the runtime's public API that can break users' code is
//! recorded as an edition in `api.lock`: regenerating a crate written with
//! an earlier edition reports it as breaking, and the version follows.

use generator::Options;
use generator::record::{RUNTIME_EDITION, Record};

fn options(previous: Option<Record>) -> Options {
    Options {
        package_name: Some("fixture-runtime-edition".to_string()),
        regenerate_command: "runtime edition test".to_string(),
        standalone: true,
        previous,
        ..Options::default()
    }
}

fn spec() -> String {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/stripe_like.yaml");
    std::fs::read_to_string(path).expect("tests/fixtures/stripe_like.yaml is readable")
}

#[test]
fn a_record_without_an_edition_is_edition_1() {
    let first = generator::generate(&spec(), &options(None)).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(first.record.runtime, RUNTIME_EDITION);
    let mut json: serde_json::Value =
        serde_json::from_str(&first.record.to_text()).expect("the record is JSON");
    json.as_object_mut().expect("an object").remove("runtime");
    let older = Record::parse(&json.to_string()).expect("the record parses");
    assert_eq!(older.runtime, 1);
}

#[test]
fn regenerating_over_an_earlier_edition_is_breaking_and_says_what_changed() {
    let first = generator::generate(&spec(), &options(None)).unwrap_or_else(|d| panic!("{d}"));
    let mut older = first.record.clone();
    older.runtime = 1;
    older.version = "0.4.2".to_string();
    let regenerated =
        generator::generate(&spec(), &options(Some(older))).unwrap_or_else(|d| panic!("{d}"));
    let report = regenerated.report.expect("a regeneration reports");
    assert!(report.breaking);
    assert_eq!(report.runtime.len(), 1);
    assert!(
        report.runtime[0].starts_with("runtime edition 2: `ApiResponse`'s `messages`"),
        "{}",
        report.runtime[0]
    );
    assert_eq!(
        (report.version.from.as_str(), report.version.to.as_str()),
        ("0.4.2", "0.5.0")
    );
    assert!(report.operations.changed.is_empty() && report.types.changed.is_empty());
    let text = report.to_string();
    assert!(
        text.starts_with("changes: breaking, version 0.4.2 -> 0.5.0\n"),
        "{text}"
    );
    assert!(text.contains("\nbreaking: runtime edition 2: "), "{text}");
    assert_eq!(regenerated.record.runtime, RUNTIME_EDITION);

    // Over its own output, nothing more is said.
    let again = generator::generate(&spec(), &options(Some(regenerated.record.clone())))
        .unwrap_or_else(|d| panic!("{d}"));
    let report = again.report.expect("a regeneration reports");
    assert!(report.runtime.is_empty());
    assert!(!report.breaking);
    assert_eq!(report.version.to, "0.5.0");
}
