//! Generation time on one large spec, phase by phase, next to the floor
//! (deserializing the same text into `openapiv3` and nothing else).
//!
//! `cargo bench -p generator --bench full_spec -- <spec> [<out dir>]`
//! (default spec: `../shared/specs/cloudflare-openapi-2024-08-06.json`
//! relative to the workspace root). Each figure is the median of the runs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generator::Options;

// The same allocator as the CLI (`src/main.rs`), so the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 5;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:>7.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    // `cargo bench` passes `--bench`; only positional arguments are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let spec = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/specs/cloudflare-openapi-2024-08-06.json"));
    let out = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/bench-full-spec"));
    let Ok(text) = std::fs::read_to_string(&spec) else {
        println!("full_spec bench: skipped, cannot read {}", spec.display());
        return;
    };
    let options = Options {
        regenerate_command: "bench".to_string(),
        standalone: true,
        ..Options::default()
    };

    let mut floor = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let parsed: Result<openapiv3::OpenAPI, _> = serde_json::from_str(&text);
        floor.push(started.elapsed());
        assert!(parsed.is_ok(), "the bench spec must be valid JSON OpenAPI");
    }

    let mut phases = [const { Vec::new() }; 6];
    let mut total = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let generation = match generator::generate(&text, &options) {
            Ok(generation) => generation,
            Err(diagnostics) => {
                println!("full_spec bench: the spec has errors:\n{diagnostics}");
                std::process::exit(1);
            }
        };
        let written = Instant::now();
        if let Err(error) = generation.krate.write_to(&out) {
            println!("full_spec bench: cannot write {}: {error}", out.display());
            std::process::exit(1);
        }
        let write = written.elapsed();
        total.push(started.elapsed());
        let t = generation.timings;
        for (samples, value) in
            phases
                .iter_mut()
                .zip([t.parse, t.lower, t.emit, t.format, t.emit_and_format, write])
        {
            samples.push(value);
        }
        last = Some(generation);
    }
    let [parse, lower, emit, format, emit_and_format, write] = phases.map(median);
    let bytes: usize = last
        .iter()
        .flat_map(|g| &g.krate.files)
        .map(|f| f.contents.len())
        .sum();
    println!("spec: {} ({} bytes)", spec.display(), text.len());
    println!("output: {} ({} bytes of code)", out.display(), bytes);
    println!(
        "threads: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "parse-only floor (serde_json -> openapiv3) {}",
        ms(median(floor))
    );
    println!("parse                                      {}", ms(parse));
    println!("lower                                      {}", ms(lower));
    println!("emit   (cpu, summed over threads)          {}", ms(emit));
    println!("format (cpu, summed over threads)          {}", ms(format));
    println!(
        "emit + format (wall)                       {}",
        ms(emit_and_format)
    );
    println!("write                                      {}", ms(write));
    println!(
        "total generation to files (wall)           {}",
        ms(median(total))
    );

    // What users run after every spec change: generation over an existing
    // crate, honouring its record and comparing against it.
    let regenerate = Options {
        previous: last.map(|g| g.record),
        ..options
    };
    let mut again = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let generation = generator::generate(&text, &regenerate);
        again.push(started.elapsed());
        assert!(generation.is_ok(), "the spec generated a moment ago");
    }
    println!(
        "regeneration over its own record (no write) {}",
        ms(median(again))
    );
}
