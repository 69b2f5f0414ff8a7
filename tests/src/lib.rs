//! Shared helpers for the workspace's tests: where things are, and how the
//! workspace's own crate is generated (the same options as the CLI's
//! default run, so tests compare against what `cargo run -p generator` writes).

use std::path::{Path, PathBuf};

use generator::{Generation, Options};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_path_buf()
}

/// The options `cargo run -p generator` uses for `spec/` → `generated/`.
pub fn workspace_options() -> Options {
    Options {
        regenerate_command: "cargo run -p generator".to_string(),
        standalone: false,
        previous: read_record("generated"),
        resource_names: generator::ResourceNames::read_beside(
            &workspace_root().join("spec/openapi.yaml"),
        )
        .unwrap_or_else(|e| panic!("{e}")),
        ..Options::default()
    }
}

/// The record (`api.lock`) a generated crate in the workspace carries, as
/// the CLI reads it before regenerating over that crate.
pub fn read_record(dir: &str) -> Option<generator::record::Record> {
    generator::record::Record::read_from(&workspace_root().join(dir))
        .unwrap_or_else(|error| panic!("{error}"))
}

/// A crate of this workspace generated from a fixture spec, checked in
/// and kept up to date like `generated/`.
pub struct Member {
    /// The fixture spec, from the workspace root.
    pub spec: &'static str,
    /// The crate's directory, from the workspace root.
    pub dir: &'static str,
    pub package: &'static str,
}

/// The SSO group crate the mock tests drive.
pub const SSO_GROUP: Member = Member {
    spec: "tests/fixtures/sso_group.yaml",
    dir: "tests/sso-group",
    package: "cloudflare-sso",
};

/// The crate of the query styles fixture, whose requests `query_styles.rs`
/// checks on the wire.
pub const QUERY_STYLES: Member = Member {
    spec: "tests/fixtures/query_styles.yaml",
    dir: "tests/query-styles",
    package: "fixture-query-styles",
};

/// The multipart upload crate `tests/tests/multipart.rs` drives.
pub const UPLOAD_CLIENT: Member = Member {
    spec: "tests/fixtures/upload.yaml",
    dir: "tests/upload-client",
    package: "cloudflare-upload",
};

/// The crate of the unions fixture, whose values `tests/tests/unions.rs`
/// reads and sends back.
pub const UNION_CLIENT: Member = Member {
    spec: "tests/fixtures/unions.yaml",
    dir: "tests/union-client",
    package: "fixture-unions",
};

/// The crate of the call options fixture (optional bodies of every kind,
/// an `Idempotency-Key` header), whose requests and retries
/// `tests/tests/call_options.rs` checks on the wire.
pub const CALL_OPTIONS: Member = Member {
    spec: "tests/fixtures/call_options.yaml",
    dir: "tests/call-options",
    package: "fixture-call-options",
};

/// The crate of the Stripe-like fixture, whose form bodies and bracketed
/// queries `tests/tests/stripe_like.rs` checks on the wire.
pub const STRIPE_LIKE: Member = Member {
    spec: "tests/fixtures/stripe_like.yaml",
    dir: "tests/stripe-like",
    package: "fixture-stripe-like",
};

/// The crate of the constructors fixture (OpenAI's shape), whose request
/// types `tests/tests/constructors.rs` builds and sends.
pub const CONSTRUCTORS_CLIENT: Member = Member {
    spec: "tests/fixtures/constructors.yaml",
    dir: "tests/constructors-client",
    package: "fixture-constructors",
};

pub const EVENTS_CLIENT: Member = Member {
    spec: "tests/fixtures/events.yaml",
    dir: "tests/events-client",
    package: "fixture-events",
};

/// Lists paginated the ways public APIs do it (`tests/tests/lists.rs`).
pub const LISTS_CLIENT: Member = Member {
    spec: "tests/fixtures/lists.yaml",
    dir: "tests/lists-client",
    package: "fixture-lists",
};

impl Member {
    /// The command that regenerates the crate.
    pub fn command(&self) -> String {
        format!(
            "cargo run -p generator -- --spec {} --out {} --name {} --workspace-member",
            self.spec, self.dir, self.package
        )
    }

    /// What the command writes into file headers: its paths as
    /// placeholders, so the output does not depend on where the spec is.
    pub fn header_command(&self) -> String {
        format!(
            "cargo run -p generator -- --spec <spec> --out <crate dir> --name {} --workspace-member",
            self.package
        )
    }

    /// The options of [`Member::command`].
    pub fn options(&self) -> Options {
        Options {
            package_name: Some(self.package.to_string()),
            regenerate_command: self.header_command(),
            standalone: false,
            previous: read_record(self.dir),
            resource_names: generator::ResourceNames::read_beside(
                &workspace_root().join(self.spec),
            )
            .unwrap_or_else(|e| panic!("{e}")),
            ..Options::default()
        }
    }

    /// Generates the crate in memory, as the command would.
    pub fn generate(&self) -> Generation {
        generator::generate(&read(self.spec), &self.options())
            .unwrap_or_else(|d| panic!("{} has errors:\n{d}", self.spec))
    }
}

/// Options for fixture specs: standalone crates named after the fixture.
pub fn fixture_options(name: &str) -> Options {
    Options {
        package_name: Some(format!("fixture-{name}")),
        regenerate_command: format!(
            "cargo run -p generator -- --spec tests/fixtures/{name}.yaml --out <dir>"
        ),
        standalone: true,
        ..Options::default()
    }
}

pub fn read(path: impl AsRef<Path>) -> String {
    let path = workspace_root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Generates the workspace crate from `spec/openapi.yaml` in memory.
pub fn generate_workspace_crate() -> Generation {
    let spec = read("spec/openapi.yaml");
    generator::generate(&spec, &workspace_options())
        .unwrap_or_else(|d| panic!("spec/openapi.yaml has errors:\n{d}"))
}

/// One generated file's contents; panics naming the path when it is missing.
pub fn file<'g>(generation: &'g Generation, path: &str) -> &'g str {
    generation
        .krate
        .file(path)
        .unwrap_or_else(|| panic!("no {path} generated"))
}

/// Joins a generated crate's spec-dependent files into one text for a
/// snapshot. The runtime files copied from `generator/runtime` are left
/// out: they are the same for every spec, and `runtime_copies.rs` checks
/// them against their source.
pub fn crate_text(generation: &Generation) -> String {
    files_text(generation, |path| !is_runtime_copy(path))
}

/// Only the files that depend on a spec's schemes and operations; the
/// client's setup is covered by the workspace spec's snapshot.
pub fn spec_dependent_text(generation: &Generation) -> String {
    files_text(generation, |path| {
        path.starts_with("src/models/")
            || path.starts_with("src/operations/")
            || path == "src/resources.rs"
    })
}

/// Whether a generated file is a copy of a runtime file.
pub fn is_runtime_copy(path: &str) -> bool {
    generator::internal::runtime::FILES
        .iter()
        .any(|file| path == generator::internal::runtime::generated_path(file))
}

fn files_text(generation: &Generation, keep: impl Fn(&str) -> bool) -> String {
    generation
        .krate
        .files
        .iter()
        .filter(|file| keep(&file.path))
        .map(|file| format!("===== {} =====\n{}", file.path, file.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `[dependencies]` table of a manifest, as its lines.
pub fn dependencies(manifest: &str) -> Vec<String> {
    manifest
        .lines()
        .skip_while(|line| *line != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.trim().is_empty() && !line.starts_with('['))
        .map(str::to_string)
        .collect()
}
