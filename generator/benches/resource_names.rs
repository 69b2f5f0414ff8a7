//! How resource names read on a large spec: their length, the clashes
//! the rule had to resolve, how many stay the same between two versions
//! of the spec (each generated afresh, no names kept), and, given an SDK's
//! `api.md` (Stainless's layout, as Cloudflare's Python SDK publishes it),
//! how many full names and method names agree with it.
//!
//! `cargo bench -p generator --bench resource_names -- [<spec> [<earlier spec> [<api.md> [<resource-names.yaml>]]]]`
//! (default specs: `../shared/specs/cloudflare-openapi-2024-08-06.json` and
//! `-2024-04-29.json` relative to the workspace root; `-` skips the
//! `api.md`). With a resource-names file (the user's scopes and renames,
//! `tests/full-spec/cloudflare.resource-names.yaml` for Cloudflare) the
//! figures are printed without it and with it. Names are compared
//! without their scope (`account(..).` is an argument in SDKs too).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use generator::Options;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Resource names without their scope, by `METHOD /path/{}`.
fn names(spec: &Path, settings: &generator::ResourceNames) -> (BTreeMap<String, String>, usize) {
    let text = std::fs::read_to_string(spec)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", spec.display()));
    let options = Options {
        resource_names: settings.clone(),
        ..Options::default()
    };
    let generation = generator::generate(&text, &options)
        .unwrap_or_else(|d| panic!("{} has errors:\n{d}", spec.display()));
    let clashes = generation
        .warnings
        .iter()
        .filter(|d| d.kind == generator::Kind::Collision && d.message.contains("would be"))
        .count();
    let names = generation
        .record
        .operations
        .iter()
        .filter_map(|(key, op)| {
            let resource = op.resource.as_deref()?;
            let bare = resource
                .split_once("(..).")
                .map_or(resource, |(_, rest)| rest);
            Some((key.clone(), bare.to_string()))
        })
        .collect();
    (names, clashes)
}

/// `METHOD /path/{}` → `chain.method` from an SDK's `api.md`
/// (`<code title="get /zones/{zone_id}/dns_records">client.dns.records.<a ..>list</a>`).
fn sdk_names(api_md: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for piece in api_md.split("<code title=\"").skip(1) {
        let Some((title, rest)) = piece.split_once("\">client.") else {
            continue;
        };
        let Some((method, path)) = title.split_once(' ') else {
            continue;
        };
        let Some((chain, rest)) = rest.split_once("<a ") else {
            continue;
        };
        let Some(name) = rest
            .split_once('>')
            .and_then(|(_, rest)| rest.split_once("</a>"))
            .map(|(name, _)| name)
        else {
            continue;
        };
        names.insert(
            format!("{} {}", method.to_uppercase(), unnamed(path)),
            format!("{chain}{name}"),
        );
    }
    names
}

/// `/zones/{zone_id}/x` → `/zones/{}/x`, as `api.lock` files operations.
fn unnamed(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push('{');
            }
            '}' => {
                inside = false;
                out.push('}');
            }
            _ if inside => {}
            _ => out.push(c),
        }
    }
    out
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    // `cargo bench` runs in the package's directory: a relative path is
    // read from the workspace root when it is not there.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(|a| {
            let workspace = root.join(&a);
            if Path::new(&a).exists() || !workspace.exists() {
                a
            } else {
                workspace.to_string_lossy().into_owned()
            }
        })
        .collect();
    let shared = root.join("../shared/specs");
    let spec = args.first().map_or_else(
        || shared.join("cloudflare-openapi-2024-08-06.json"),
        PathBuf::from,
    );
    let earlier = args.get(1).map_or_else(
        || shared.join("cloudflare-openapi-2024-04-29.json"),
        PathBuf::from,
    );
    let settings: Vec<(String, generator::ResourceNames)> = {
        let mut settings = vec![(
            "rule alone".to_string(),
            generator::ResourceNames::default(),
        )];
        if let Some(path) = args.get(3) {
            let text =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            let names: generator::ResourceNames =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            settings.push((format!("with {path}"), names));
        }
        settings
    };
    let sdk = args.get(2).filter(|path| *path != "-").map(|path| {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        sdk_names(&text)
    });
    for (label, setting) in &settings {
        println!("{label}:");
        report(&spec, &earlier, setting, sdk.as_ref());
    }
}

fn report(
    spec: &Path,
    earlier: &Path,
    settings: &generator::ResourceNames,
    sdk: Option<&BTreeMap<String, String>>,
) {
    let (now, clashes) = names(spec, settings);
    let lengths: Vec<usize> = now.values().map(String::len).collect();
    let mean = lengths.iter().sum::<usize>() as f64 / lengths.len().max(1) as f64;
    let longest = now
        .values()
        .max_by_key(|name| name.len())
        .cloned()
        .unwrap_or_default();
    println!("  {}: {} operations", spec.display(), now.len());
    println!(
        "  full name (chain.method, no scope): mean {mean:.1} characters, max {} (`{longest}`)",
        longest.len()
    );
    println!("  clashes resolved: {clashes}");
    let over_64 = lengths.iter().filter(|&&n| n > 64).count();
    println!("  names over 64 characters: {over_64}");
    if earlier.exists() {
        let (before, _) = names(earlier, settings);
        let common: Vec<&String> = now.keys().filter(|k| before.contains_key(*k)).collect();
        let same = common.iter().filter(|k| now[**k] == before[**k]).count();
        println!(
            "  unchanged since {}: {same} of {} common operations ({:.1} %)",
            earlier.display(),
            common.len(),
            100.0 * same as f64 / common.len().max(1) as f64
        );
    }
    if let Some(sdk) = sdk {
        let (mut compared, mut full, mut method) = (0, 0, 0);
        for (key, ours) in &now {
            let Some(theirs) = sdk.get(key) else {
                continue;
            };
            compared += 1;
            full += usize::from(ours == theirs);
            let last = |name: &str| name.rsplit('.').next().unwrap_or_default().to_string();
            method += usize::from(last(ours) == last(theirs));
        }
        let share = |n: usize| 100.0 * n as f64 / compared.max(1) as f64;
        println!(
            "  against the SDK ({} names, {compared} of ours matched by method and path): \
             full name equal {full} ({:.1} %), method name equal {method} ({:.1} %)",
            sdk.len(),
            share(full),
            share(method)
        );
    }
}
