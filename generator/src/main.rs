//! `cargo run -p generator` regenerates `generated/` from `spec/openapi.yaml`;
//! `--spec FILE --out DIR` generates a standalone crate for any spec.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use generator::Options;
use generator::record::Record;
use generator::report::Report;

/// The workspace's own spec and output, used when no paths are given.
const DEFAULT_SPEC: &str = "spec/openapi.yaml";
const DEFAULT_OUT: &str = "generated";

#[derive(Parser, Debug)]
#[command(
    version,
    about = "Generate a Rust client crate from an OpenAPI 3.0 or 3.1 spec",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    generate: GenerateArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Report what changed between two versions of a spec for a user of the
    /// generated crate, writing no crate.
    Diff {
        /// The earlier spec.
        old: PathBuf,
        /// The later spec.
        new: PathBuf,
        /// Also write the report as JSON to this file.
        #[arg(long)]
        report_json: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
struct GenerateArgs {
    /// The spec (YAML or JSON). Default: the workspace's spec/openapi.yaml.
    #[arg(long)]
    spec: Option<PathBuf>,
    /// Where to write the crate. Default: the workspace's generated/.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Cargo package name. Default: derived from the spec's info.title.
    #[arg(long)]
    name: Option<String>,
    /// Write nothing; exit 1 naming the files that are out of date.
    #[arg(long)]
    check: bool,
    /// Print where the time went (parse, lower, emit, format, write).
    #[arg(long)]
    timings: bool,
    /// The output is a member of the enclosing workspace: no `[workspace]`
    /// table of its own. Default for the workspace's own generated/.
    #[arg(long)]
    workspace_member: bool,
    /// Write what changed since the crate's api.lock as JSON to this file.
    #[arg(long)]
    report_json: Option<PathBuf>,
    /// The crate version to write, instead of the one the change report
    /// implies.
    #[arg(long, value_name = "VERSION")]
    crate_version: Option<String>,
    /// Ignore the crate's api.lock: every name is decided anew.
    #[arg(long)]
    fresh: bool,
    /// How many breaking versions a deprecated alias (a renamed type's or
    /// method's old name) outlives; it goes at the breaking version after
    /// them (0: at the next one). Recorded in api.lock, so later runs keep
    /// it. Default: the recorded setting, else 3.
    #[arg(long, value_name = "N")]
    alias_lifetime: Option<u32>,
    /// Drop every deprecated alias now (each reported as a removal, which
    /// is breaking); names renamed by this very run still get one.
    #[arg(long)]
    prune_aliases: bool,
    /// Also write a Rust test (for the generated crate's `tests/`, run with
    /// `--features mock`) that decodes a synthesised instance of every
    /// union variant and counts what decodes as itself.
    #[arg(long, value_name = "FILE")]
    union_check: Option<PathBuf>,
    /// Generate only these API groups (cargo feature or module names,
    /// comma-separated). The crate's api.lock records the selection and
    /// later regenerations keep it until --groups or --all-groups changes it.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "GROUP,...",
        conflicts_with = "all_groups"
    )]
    groups: Option<Vec<String>>,
    /// Generate every API group, dropping the selection api.lock records.
    #[arg(long)]
    all_groups: bool,
    /// How methods are named: `resource` (handles from the paths,
    /// `client.account(id).sso_connectors().edit(..)`) or `operation` (one
    /// method per operationId on `Client`). Default: what api.lock records
    /// (`operation` for a crate recorded without it), `resource` for a new
    /// crate. Switching to `resource` keeps the old methods as deprecated
    /// forwarders for the alias lifetime. Recorded in api.lock.
    #[arg(long, value_enum, value_name = "STYLE")]
    naming: Option<NamingArg>,
    /// Settings for resource names (YAML: `scopes: [accounts, zones]` and
    /// `renames: {access: zero_trust.access}`), applied on every
    /// regeneration. Default: `<spec stem>.resource-names.yaml` beside the
    /// spec, when there is one.
    #[arg(long, value_name = "FILE")]
    resource_names: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum NamingArg {
    Operation,
    Resource,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

// Generation allocates millions of small token and string buffers; the
// system allocator spends a third of the run in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Diff {
            old,
            new,
            report_json,
        }) => diff(&old, &new, report_json.as_deref()),
        None => generate(&cli.generate),
    }
}

fn read_spec(path: &Path) -> Option<String> {
    std::fs::read_to_string(path)
        .map_err(|error| eprintln!("error: cannot read {}: {error}", path.display()))
        .ok()
}

fn generate_or_report(text: &str, path: &Path, options: &Options) -> Option<generator::Generation> {
    generator::generate(text, options)
        .map_err(|diagnostics| {
            eprint!("{diagnostics}");
            eprintln!("error: {} has errors; nothing was written", path.display());
        })
        .ok()
}

fn write_report(report: &Report, path: Option<&Path>) -> bool {
    let Some(path) = path else {
        return true;
    };
    std::fs::write(path, report.to_json())
        .map_err(|error| eprintln!("error: cannot write {}: {error}", path.display()))
        .is_ok()
}

/// Lowers both specs the way a regeneration would (the later one keeping
/// the earlier one's names) and prints what changed.
fn diff(old: &Path, new: &Path, report_json: Option<&Path>) -> ExitCode {
    let (Some(old_text), Some(new_text)) = (read_spec(old), read_spec(new)) else {
        return ExitCode::FAILURE;
    };
    let report = match generator::diff(&old_text, &new_text) {
        Ok(report) => report,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            eprintln!("error: {} or {} has errors", old.display(), new.display());
            return ExitCode::FAILURE;
        }
    };
    print!("{report}");
    if write_report(&report, report_json) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn generate(cli: &GenerateArgs) -> ExitCode {
    let defaults = cli.spec.is_none() && cli.out.is_none() && cli.name.is_none();
    let root = workspace_root();
    let spec_path = cli.spec.clone().unwrap_or_else(|| root.join(DEFAULT_SPEC));
    let out_dir = cli.out.clone().unwrap_or_else(|| root.join(DEFAULT_OUT));
    let previous = if cli.fresh {
        None
    } else {
        match generator::record::Record::read_from(&out_dir) {
            Ok(previous) => previous,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    };
    let mut options = Options {
        package_name: cli.name.clone(),
        regenerate_command: String::new(),
        // The workspace's own generated/ is a member of this workspace.
        standalone: !defaults && !cli.workspace_member,
        previous,
        pinned_version: cli.crate_version.clone(),
        union_check: cli.union_check.is_some(),
        alias_lifetime: cli.alias_lifetime,
        prune_aliases: cli.prune_aliases,
        groups: if cli.all_groups {
            Some(Vec::new())
        } else {
            cli.groups.clone()
        },
        naming: cli.naming.map(|style| match style {
            NamingArg::Operation => generator::record::NamingStyle::Operation,
            NamingArg::Resource => generator::record::NamingStyle::Resource,
        }),
        resource_names: generator::ResourceNames::default(),
    };
    let names_path = cli
        .resource_names
        .clone()
        .unwrap_or_else(|| generator::ResourceNames::beside(&spec_path));
    match generator::ResourceNames::read(&names_path, cli.resource_names.is_some()) {
        Ok(names) => options.resource_names = names,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    }
    // The selection in effect, whether given or recorded, so that a plain
    // regeneration (which keeps it) writes the same command.
    let selection = options.group_selection();
    let command = if defaults && selection.is_empty() {
        "cargo run -p generator".to_string()
    } else {
        custom_command(cli, &selection)
    };
    options.regenerate_command = command.clone();

    let Some(text) = read_spec(&spec_path) else {
        return ExitCode::FAILURE;
    };
    let Some(generation) = generate_or_report(&text, &spec_path, &options) else {
        return ExitCode::FAILURE;
    };
    eprint!("{}", generation.warnings);
    // Without an earlier record, everything is new.
    let report = generation.report.clone().unwrap_or_else(|| {
        let mut report = generator::report::compare(&Record::default(), &generation.record);
        report.version.to = generation.record.version.clone();
        report
    });
    if !write_report(&report, cli.report_json.as_deref()) {
        return ExitCode::FAILURE;
    }

    if cli.check {
        if generation.report.as_ref().is_some_and(|r| !r.is_empty()) {
            eprint!("{report}");
        }
        return match generation.krate.stale_files(&out_dir) {
            Ok(stale) if stale.is_empty() => ExitCode::SUCCESS,
            Ok(stale) => {
                for path in stale {
                    eprintln!("out of date: {}", out_dir.join(path).display());
                }
                eprintln!("run `{command}` to regenerate");
                ExitCode::FAILURE
            }
            Err(error) => {
                eprintln!("error: cannot read {}: {error}", out_dir.display());
                ExitCode::FAILURE
            }
        };
    }
    let write_started = std::time::Instant::now();
    if let Err(error) = generation.krate.write_to(&out_dir) {
        eprintln!("error: cannot write {}: {error}", out_dir.display());
        return ExitCode::FAILURE;
    }
    if let (Some(path), Some(check)) = (&cli.union_check, &generation.union_check) {
        if let Err(error) = std::fs::write(path, check) {
            eprintln!("error: cannot write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let write = write_started.elapsed();
    eprint!("{}", generation.summary);
    if generation.report.is_some() {
        eprint!("{report}");
    }
    if cli.timings {
        let t = &generation.timings;
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "timings: parse {:.0} ms, lower {:.0} ms, emit {:.0} ms + format {:.0} ms (cpu, summed over threads) = {:.0} ms wall, write {:.0} ms",
            ms(t.parse),
            ms(t.lower),
            ms(t.emit),
            ms(t.format),
            ms(t.emit_and_format),
            ms(write)
        );
    }
    eprintln!(
        "generated {} files into {} ({} warnings)",
        generation.krate.files.len(),
        out_dir.display(),
        generation.warnings.len()
    );
    ExitCode::SUCCESS
}

/// The command written into every header. Paths are placeholders: the same
/// spec read from another place, or written from another directory, must
/// give the same bytes (README lists the workspace's own commands). `groups`
/// is the selection in effect (empty: every group); `--all-groups` is not
/// written, as a crate of every group records no selection and regenerates
/// as one without it. `--alias-lifetime` is recorded in api.lock and
/// `--prune-aliases` is a one-off, so neither is repeated.
fn custom_command(cli: &GenerateArgs, groups: &[String]) -> String {
    let mut command = "cargo run -p generator --".to_string();
    if cli.spec.is_some() {
        command.push_str(" --spec <spec>");
    }
    if cli.out.is_some() {
        command.push_str(" --out <crate dir>");
    }
    if let Some(name) = &cli.name {
        command.push_str(&format!(" --name {name}"));
    }
    if cli.workspace_member {
        command.push_str(" --workspace-member");
    }
    if !groups.is_empty() {
        command.push_str(&format!(" --groups {}", groups.join(",")));
    }
    command
}
