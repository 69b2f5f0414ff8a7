//! The command line: exit codes, what it writes, and `--check`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn generator(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(args)
        .output()
        .expect("the generator binary runs")
}

fn fixture(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(relative)
        .display()
        .to_string()
}

/// A fresh directory under the target dir, so tests never touch the tree.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_unreadable_spec_exits_1_with_located_errors_and_writes_nothing() {
    let out = scratch("invalid");
    let output = generator(&[
        "--spec",
        &fixture("invalid/unusable_info.yaml"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("error: #/info: missing field `title`"),
        "{text}"
    );
    assert!(!out.exists(), "nothing is written for an unreadable spec");
}

#[test]
fn a_spec_with_a_bad_item_generates_the_rest_and_warns() {
    let out = scratch("lenient");
    let output = generator(&[
        "--spec",
        &fixture("lenient/dangling_refs.yaml"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("warning: #/paths/~1a~1{id}/get/requestBody: $ref `#/components/requestBodies/missing` points to nothing; the request body is skipped"),
        "{text}"
    );
    assert!(out.join("src/lib.rs").exists());
}

#[test]
fn a_missing_spec_file_exits_1() {
    let output = generator(&["--spec", &fixture("does-not-exist.yaml"), "--out", "unused"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("error: cannot read "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn writes_a_standalone_crate_and_check_detects_drift() {
    let out = scratch("envelope");
    let out_arg = out.to_str().unwrap();
    let spec = fixture("envelope.yaml");
    let written = generator(&[
        "--spec",
        &spec,
        "--out",
        out_arg,
        "--name",
        "envelope-client",
    ]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml written");
    assert!(
        manifest.contains("name = \"envelope-client\""),
        "{manifest}"
    );
    assert!(
        manifest.contains("\n[workspace]\n"),
        "standalone crates carry [workspace]: {manifest}"
    );
    for file in [
        "lib.rs",
        "auth.rs",
        "models/mod.rs",
        "operations/things.rs",
        "runtime/client.rs",
        "runtime/error.rs",
        "runtime/retry.rs",
        "runtime/send.rs",
    ] {
        assert!(out.join("src").join(file).is_file(), "src/{file} written");
    }

    let clean = generator(&[
        "--spec",
        &spec,
        "--out",
        out_arg,
        "--name",
        "envelope-client",
        "--check",
    ]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));

    std::fs::write(out.join("src/models/mod.rs"), "// edited by hand\n").expect("writable");
    std::fs::write(out.join("src/leftover.rs"), "").expect("writable");
    // A runtime copy where generators before `src/runtime/` put it.
    std::fs::write(out.join("src/client.rs"), "").expect("writable");
    let drift = generator(&[
        "--spec",
        &spec,
        "--out",
        out_arg,
        "--name",
        "envelope-client",
        "--check",
    ]);
    assert_eq!(drift.status.code(), Some(1));
    let text = stderr(&drift);
    assert!(
        text.contains(&format!(
            "out of date: {}",
            out.join("src/models/mod.rs").display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "out of date: {}",
            out.join("src/leftover.rs").display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "out of date: {}",
            out.join("src/client.rs").display()
        )),
        "{text}"
    );
    assert!(
        text.contains("run `cargo run -p generator -- --spec"),
        "{text}"
    );

    // Regenerating repairs the edit and removes the stray file.
    let rewritten = generator(&[
        "--spec",
        &spec,
        "--out",
        out_arg,
        "--name",
        "envelope-client",
    ]);
    assert_eq!(rewritten.status.code(), Some(0));
    assert!(!out.join("src/leftover.rs").exists());
    assert!(!out.join("src/client.rs").exists());
    assert!(out.join("src/runtime/client.rs").exists());
    let clean_again = generator(&[
        "--spec",
        &spec,
        "--out",
        out_arg,
        "--name",
        "envelope-client",
        "--check",
    ]);
    assert_eq!(clean_again.status.code(), Some(0));
}

#[test]
fn diff_reports_changes_between_two_specs_and_writes_no_crate() {
    let json = scratch("diff").with_extension("json");
    let output = generator(&[
        "diff",
        &fixture("regeneration/v1.yaml"),
        &fixture("regeneration/v2.yaml"),
        "--report-json",
        json.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("changes: breaking, version 0.1.0 -> 0.2.0\noperations: 1 added, 1 removed, 2 changed\n  + POST /accounts/{account_id}/zt/members (create_zt_member)\n"),
        "{text}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("the report is written"))
            .expect("the report is JSON");
    assert_eq!(report["breaking"], true);
    assert_eq!(
        report["operations"]["removed"][0]["rust_name"],
        "delete_legacy"
    );
    assert_eq!(report["types"]["renamed"][0]["from"], "Notice");
    assert_eq!(report["types"]["renamed"][0]["to"], "Notice2");
}

#[test]
fn regenerating_over_a_crate_keeps_its_names_and_a_broken_record_is_an_error() {
    let out = scratch("regenerate");
    let dir = out.to_str().unwrap();
    let first = generator(&["--spec", &fixture("regeneration/v1.yaml"), "--out", dir]);
    assert!(first.status.success(), "{}", stderr(&first));
    let second = generator(&["--spec", &fixture("regeneration/v2.yaml"), "--out", dir]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("  > Notice is now Notice2 (old name kept, deprecated)\n"),
        "{}",
        stderr(&second)
    );
    let check = generator(&[
        "--spec",
        &fixture("regeneration/v2.yaml"),
        "--out",
        dir,
        "--check",
    ]);
    assert!(check.status.success(), "{}", stderr(&check));

    std::fs::write(out.join("api.lock"), "{ not json").unwrap();
    let broken = generator(&["--spec", &fixture("regeneration/v2.yaml"), "--out", dir]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        stderr(&broken).contains("api.lock is not a record this generator wrote"),
        "{}",
        stderr(&broken)
    );
    let fresh = generator(&[
        "--spec",
        &fixture("regeneration/v2.yaml"),
        "--out",
        dir,
        "--fresh",
    ]);
    assert!(fresh.status.success(), "{}", stderr(&fresh));
}

#[test]
fn groups_are_selected_recorded_kept_and_dropped() {
    let out = scratch("groups");
    let dir = out.to_str().unwrap();
    let spec = fixture("unions.yaml");
    let header = |path: &str| {
        let text = std::fs::read_to_string(out.join(path)).expect("written");
        text.lines().next().unwrap_or_default().to_string()
    };
    let selected = generator(&[
        "--spec",
        &spec,
        "--out",
        dir,
        "--groups",
        "zone_settings,pets",
    ]);
    assert!(selected.status.success(), "{}", stderr(&selected));
    assert!(
        stderr(&selected).contains("\n  groups: 2 of 5 selected (pets, zone-settings)\n"),
        "{}",
        stderr(&selected)
    );
    let command =
        format!("cargo run -p generator -- --spec {spec} --out {dir} --groups pets,zone-settings");
    assert_eq!(
        header("src/lib.rs"),
        format!("// @generated by `{command}`. Do not edit by hand.")
    );
    assert!(!out.join("src/operations/shapes.rs").exists());

    // Without --groups the recorded selection is kept, headers included.
    let check = generator(&["--spec", &spec, "--out", dir, "--check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let again = generator(&["--spec", &spec, "--out", dir]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("changes: none (version 0.1.0 kept)\n"),
        "{}",
        stderr(&again)
    );

    let unknown = generator(&["--spec", &spec, "--out", dir, "--groups", "pets,cars"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains(
            "error: no API group is called `cars`; the groups are: dns-records, pets, shapes, vehicles, zone-settings\n"
        ),
        "{}",
        stderr(&unknown)
    );
    let both = generator(&[
        "--spec",
        &spec,
        "--out",
        dir,
        "--groups",
        "pets",
        "--all-groups",
    ]);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));

    let all = generator(&["--spec", &spec, "--out", dir, "--all-groups"]);
    assert!(all.status.success(), "{}", stderr(&all));
    assert!(
        stderr(&all).contains("features: added [dns-records, shapes, vehicles], removed []\n"),
        "{}",
        stderr(&all)
    );
    assert_eq!(
        header("src/lib.rs"),
        format!(
            "// @generated by `cargo run -p generator -- --spec {spec} --out {dir}`. Do not edit by hand."
        )
    );
    assert!(out.join("src/operations/shapes.rs").exists());
    let lock = std::fs::read_to_string(out.join("api.lock")).expect("written");
    assert!(!lock.contains("\"groups\""), "{lock}");
}
