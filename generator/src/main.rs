//! `cargo run -p generator` regenerates `generated/` from `spec/openapi.yaml`;
//! `--spec FILE --out DIR` generates a standalone crate for any spec.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use generator::{Options, lower::LowerOptions};

/// The workspace's own spec and output, used when no paths are given.
const DEFAULT_SPEC: &str = "spec/openapi.yaml";
const DEFAULT_OUT: &str = "generated";

#[derive(Parser, Debug)]
#[command(
    version,
    about = "Generate a Rust client crate from an OpenAPI 3.0 spec"
)]
struct Cli {
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
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let defaults = cli.spec.is_none() && cli.out.is_none() && cli.name.is_none();
    let root = workspace_root();
    let spec_path = cli.spec.clone().unwrap_or_else(|| root.join(DEFAULT_SPEC));
    let out_dir = cli.out.clone().unwrap_or_else(|| root.join(DEFAULT_OUT));
    let command = if defaults {
        "cargo run -p generator".to_string()
    } else {
        custom_command(&cli)
    };
    let options = Options {
        lower: LowerOptions {
            package_name: cli.name.clone(),
        },
        regenerate_command: command.clone(),
        // The workspace's own generated/ is a member of this workspace.
        standalone: !defaults && !cli.workspace_member,
    };

    let text = match std::fs::read_to_string(&spec_path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {}: {error}", spec_path.display());
            return ExitCode::FAILURE;
        }
    };
    let generation = match generator::generate(&text, &options) {
        Ok(generation) => generation,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            eprintln!(
                "error: {} has errors; nothing was written",
                spec_path.display()
            );
            return ExitCode::FAILURE;
        }
    };
    eprint!("{}", generation.warnings);

    if cli.check {
        return match generator::output::stale_files(&generation.krate, &out_dir) {
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
    if let Err(error) = generator::output::write(&generation.krate, &out_dir) {
        eprintln!("error: cannot write {}: {error}", out_dir.display());
        return ExitCode::FAILURE;
    }
    let write = write_started.elapsed();
    eprint!("{}", generation.summary);
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

fn custom_command(cli: &Cli) -> String {
    let mut command = "cargo run -p generator --".to_string();
    if let Some(spec) = &cli.spec {
        command.push_str(&format!(" --spec {}", spec.display()));
    }
    if let Some(out) = &cli.out {
        command.push_str(&format!(" --out {}", out.display()));
    }
    if let Some(name) = &cli.name {
        command.push_str(&format!(" --name {name}"));
    }
    if cli.workspace_member {
        command.push_str(" --workspace-member");
    }
    command
}
