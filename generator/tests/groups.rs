//! Crates of only some API groups (`Options::groups`): what such a crate
//! holds, that a plain regeneration keeps the selection, and what adding or
//! dropping a group later does to the report and the version. The spec is
//! `tests/fixtures/unions.yaml`, five groups of two operations each.

use std::path::Path;

use generator::record::{NamingStyle, Record};
use generator::{Generation, Options};

fn spec() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/unions.yaml");
    std::fs::read_to_string(path).expect("the fixture is readable")
}

fn options(groups: Option<&[&str]>, previous: Option<&Generation>) -> Options {
    Options {
        package_name: Some("fixture-groups".to_string()),
        regenerate_command: "cargo run -p generator -- --spec <spec> --out <dir>".to_string(),
        standalone: true,
        previous: previous.map(|g| g.record.clone()),
        groups: groups.map(|names| names.iter().map(|n| n.to_string()).collect()),
        // Method renames and their deprecated methods: operationId names.
        naming: Some(NamingStyle::Operation),
        ..Options::default()
    }
}

fn generate(options: &Options) -> Generation {
    generator::generate(&spec(), options).unwrap_or_else(|d| panic!("{d}"))
}

fn file<'g>(generation: &'g Generation, path: &str) -> &'g str {
    generation
        .krate
        .file(path)
        .unwrap_or_else(|| panic!("{path} is generated"))
}

/// The files that depend on the spec (not the runtime copies).
fn spec_files(generation: &Generation) -> Vec<&str> {
    generation
        .krate
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|path| !path.starts_with("src/runtime/"))
        .collect()
}

fn report(generation: &Generation) -> serde_json::Value {
    let report = generation.report.as_ref().expect("a regeneration reports");
    serde_json::from_str(&report.to_json()).expect("the report is JSON")
}

#[test]
fn a_crate_of_some_groups_holds_and_names_only_them() {
    let generation = generate(&options(Some(&["pets", "zone_settings"]), None));
    assert_eq!(
        spec_files(&generation),
        [
            "Cargo.toml",
            "api.lock",
            "src/lib.rs",
            "src/auth.rs",
            "src/models/mod.rs",
            "src/models/pets.rs",
            "src/operations/pets.rs",
            "src/models/zone_settings.rs",
            "src/operations/zone_settings.rs",
        ]
    );
    let manifest = file(&generation, "Cargo.toml");
    assert!(
        manifest
            .contains("[features]\ndefault = [\"full\"]\nfull = [\"pets\", \"zone-settings\"]\n")
            && manifest.contains("tracing = [\"dep:tracing\"]\npets = []\nzone-settings = []\n\n"),
        "{manifest}"
    );
    let lib = file(&generation, "src/lib.rs");
    assert!(
        lib.contains(
            "    #[cfg(feature = \"pets\")]\n    mod pets;\n\n    #[cfg(feature = \"zone-settings\")]\n    mod zone_settings;\n"
        ),
        "{lib}"
    );
    // (The spec's description, in the crate docs, mentions DNS records.)
    for other in [
        "shapes",
        "vehicles",
        "dns_records",
        "dns-records",
        "Shapes",
        "Vehicles",
    ] {
        assert!(!lib.contains(other), "`{other}` in lib.rs:\n{lib}");
        assert!(!manifest.contains(other), "`{other}` in Cargo.toml");
    }
    assert_eq!(generation.record.groups, ["pets", "zone-settings"]);
    assert_eq!(generation.record.features, ["pets", "zone-settings"]);
    assert!(
        generation
            .summary
            .to_string()
            .contains("\n  groups: 2 of 5 selected (pets, zone-settings)\n"),
        "{}",
        generation.summary
    );
    // Every name and shape is the one the crate of all groups has.
    let full = generate(&options(None, None));
    assert_eq!(full.record.groups, Vec::<String>::new());
    assert!(!full.summary.to_string().contains("selected"));
    assert_eq!(
        generation.record.types.keys().collect::<Vec<_>>(),
        [
            "Cat",
            "Dog",
            "Lizard",
            "Pet",
            "ZoneSettings",
            "ZoneSettingsMinify",
            "ZoneSettingsSecurityLevel"
        ]
    );
    for (name, entry) in &generation.record.types {
        assert_eq!(Some(entry), full.record.types.get(name), "{name}");
    }
    for (key, entry) in &generation.record.operations {
        assert_eq!(Some(entry), full.record.operations.get(key), "{key}");
    }
}

#[test]
fn a_plain_regeneration_keeps_the_selection() {
    let first = generate(&options(Some(&["shapes", "pets"]), None));
    let again = generate(&options(None, Some(&first)));
    assert_eq!(again.record.groups, ["pets", "shapes"]);
    assert_eq!(again.krate, first.krate);
    assert!(report(&again)["operations"]["added"] == serde_json::json!([]));
    assert_eq!(
        report(&again)["version"],
        serde_json::json!({"from": "0.1.0", "to": "0.1.0"})
    );
}

#[test]
fn adding_a_group_is_a_minor_version_and_dropping_one_a_major() {
    let first = generate(&Options {
        pinned_version: Some("1.0.0".to_string()),
        ..options(Some(&["pets"]), None)
    });
    let added = generate(&options(Some(&["pets", "shapes"]), Some(&first)));
    let report_added = report(&added);
    assert_eq!(report_added["breaking"], false);
    assert_eq!(
        report_added["version"],
        serde_json::json!({"from": "1.0.0", "to": "1.1.0"})
    );
    assert_eq!(
        report_added["features"],
        serde_json::json!({"added": ["shapes"], "removed": []})
    );
    let names = |list: &serde_json::Value| -> Vec<String> {
        list.as_array()
            .expect("a list")
            .iter()
            .map(|entry| {
                let name = entry.get("rust_name").or(entry.get("name"));
                let breaking = if entry["breaking"] == true {
                    " [breaking]"
                } else {
                    ""
                };
                format!("{}{breaking}", name.and_then(|n| n.as_str()).unwrap_or("?"))
            })
            .collect()
    };
    assert_eq!(
        names(&report_added["operations"]["added"]),
        ["get_shape", "update_shape"]
    );
    assert_eq!(
        names(&report_added["types"]["added"]),
        ["Circle", "Shape", "Square"]
    );
    for list in [
        &report_added["operations"]["removed"],
        &report_added["operations"]["changed"],
        &report_added["types"]["removed"],
        &report_added["types"]["changed"],
    ] {
        assert_eq!(list, &serde_json::json!([]));
    }

    let dropped = generate(&options(Some(&["shapes"]), Some(&added)));
    let report_dropped = report(&dropped);
    assert_eq!(report_dropped["breaking"], true);
    assert_eq!(
        report_dropped["version"],
        serde_json::json!({"from": "1.1.0", "to": "2.0.0"})
    );
    assert_eq!(
        report_dropped["features"],
        serde_json::json!({"added": [], "removed": ["pets"]})
    );
    assert_eq!(
        names(&report_dropped["operations"]["removed"]),
        ["get_pet [breaking]", "update_pet [breaking]"]
    );
    assert_eq!(
        names(&report_dropped["types"]["removed"]),
        [
            "Cat [breaking]",
            "Dog [breaking]",
            "Lizard [breaking]",
            "Pet [breaking]"
        ]
    );
    assert_eq!(dropped.record.groups, ["shapes"]);
}

#[test]
fn every_group_again_records_no_selection() {
    let some = generate(&options(Some(&["vehicles"]), None));
    let all = generate(&options(Some(&[]), Some(&some)));
    assert_eq!(all.record.groups, Vec::<String>::new());
    assert_eq!(
        all.record.features,
        ["dns-records", "pets", "shapes", "vehicles", "zone-settings"]
    );
    assert_eq!(
        report(&all)["features"],
        serde_json::json!({"added": ["dns-records", "pets", "shapes", "zone-settings"], "removed": []})
    );
    assert_eq!(
        spec_files(&all),
        spec_files(&generate(&options(None, None)))
    );
}

#[test]
fn an_unknown_group_is_an_error_and_nothing_is_generated() {
    let errors = generator::generate(&spec(), &options(Some(&["pets", "cars"]), None))
        .expect_err("an unknown group is an error");
    assert_eq!(
        errors.to_string(),
        "error: no API group is called `cars`; the groups are: dns-records, pets, shapes, vehicles, zone-settings\n"
    );
}

#[test]
fn the_selection_in_effect_is_given_or_recorded() {
    let recorded = Options {
        previous: Some(Record {
            groups: vec!["pets".to_string()],
            ..Record::default()
        }),
        ..Options::default()
    };
    assert_eq!(recorded.group_selection(), ["pets"]);
    let given = Options {
        groups: Some(vec![
            "zone_settings".to_string(),
            "dns-records".to_string(),
            "zone-settings".to_string(),
        ]),
        ..recorded.clone()
    };
    assert_eq!(given.group_selection(), ["dns-records", "zone-settings"]);
    let all = Options {
        groups: Some(Vec::new()),
        ..recorded
    };
    assert_eq!(all.group_selection(), Vec::<String>::new());
    assert_eq!(Options::default().group_selection(), Vec::<String>::new());
}
