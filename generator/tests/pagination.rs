//! What a run says of pagination: the summary counts each style and the
//! lists left a single page by kind, and `api.lock` records each method's
//! style by name, so a change of style is reported. Read on
//! `tests/fixtures/lists.yaml`, one list of each style.

use std::collections::BTreeMap;
use std::path::Path;

use generator::Options;

fn generation() -> generator::Generation {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/lists.yaml");
    let spec = std::fs::read_to_string(path).expect("the fixture is readable");
    generator::generate(&spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn the_summary_counts_styles_and_single_pages_by_kind() {
    let summary = generation().summary;
    let expected: BTreeMap<&str, usize> = [
        ("last-item-id", 1),
        ("link-header", 1),
        ("next-link", 1),
        ("page-number", 1),
        ("token", 2),
    ]
    .into();
    assert_eq!(summary.pagination, expected);
    let unpaged: BTreeMap<&str, usize> = [("no parameter to ask for the next page", 1)].into();
    assert_eq!(summary.unpaged, unpaged);
    let line = summary
        .to_string()
        .lines()
        .find(|line| line.trim_start().starts_with("pagination:"))
        .map(str::to_string);
    assert_eq!(
        line.as_deref(),
        Some(
            "  pagination: 1 last-item-id, 1 link-header, 1 next-link, 1 page-number, 2 token; \
             1 left a single page (1 no parameter to ask for the next page)"
        )
    );
}

#[test]
fn the_record_names_each_methods_style() {
    let record = generation().record;
    let styles: Vec<(String, Option<String>)> = record
        .operations
        .values()
        .map(|op| (op.rust_name.clone(), op.pagination.clone()))
        .collect();
    let style = |method: &str| {
        styles
            .iter()
            .find(|(name, _)| name == method)
            .unwrap_or_else(|| panic!("{method} recorded"))
            .1
            .as_deref()
    };
    assert_eq!(style("get_customers"), Some("last-item-id"));
    assert_eq!(style("get_customers_search"), Some("token"));
    assert_eq!(style("list_files"), Some("token"));
    assert_eq!(style("issues_list_for_repo"), Some("link-header"));
    assert_eq!(style("list_articles"), Some("next-link"));
    assert_eq!(style("list_servers"), Some("page-number"));
    assert_eq!(style("get_events"), None);
}

#[test]
fn a_change_of_style_is_reported() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/lists.yaml");
    let before = std::fs::read_to_string(path).expect("the fixture is readable");
    // The customer list now hands out a token for `page` instead of being
    // walked after its last item's id.
    let after = before
        .replace("        - name: starting_after\n", "        - name: page\n")
        .replace(
            "        url: {type: string}\n    customer:\n",
            "        url: {type: string}\n        next_page: {type: string}\n    customer:\n",
        );
    assert_ne!(before, after);
    let report = generator::diff(&before, &after)
        .unwrap_or_else(|d| panic!("{d}"))
        .to_string();
    assert!(
        report.contains("now walks pages token-style (was last-item-id-style)"),
        "{report}"
    );
}
