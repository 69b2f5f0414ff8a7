//! The generator never panics on a bad spec: fixture specs are mutated by a
//! deterministic mutator (fixed seed, so a failure reproduces exactly) and
//! every result must be `Ok` or an `Err` whose every diagnostic is located
//! by a JSON pointer or a line and column, and only for a document that
//! cannot be read at all (not an object, `openapi`, `info` or `paths`
//! unusable). A second run makes one defect per case in a single item (a
//! parameter without schema, a renamed path variable, a parameter,
//! operation or response of the wrong type, a `$ref` to nothing) and
//! asserts the spec still generates, with a warning at that item's pointer.
//! `ROBUSTNESS_CASES` raises the case count for a longer local run.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use generator::{JsonPointer, Location, Severity};
use serde_json::{Map, Value, json};
use workspace_tests::{fixture_options, workspace_root};

const DEFAULT_CASES: usize = 3000;
const SEED: u64 = 0x005e_ed0f_0a91;

/// xorshift64*: tiny, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn fixtures() -> Vec<(String, Value)> {
    let root = workspace_root();
    let mut paths = vec![root.join("spec/openapi.yaml")];
    collect(&root.join("tests/fixtures"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            // Fixtures that are not even YAML test the parser elsewhere.
            let value: Value = serde_yaml::from_str(&text).ok()?;
            value
                .is_object()
                .then(|| (path.display().to_string(), value))
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            out.push(path);
        }
    }
}

/// Every node of the document as a path of keys and indices.
fn node_paths(value: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                prefix.push(key.clone());
                node_paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                prefix.push(index.to_string());
                node_paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'v>(value: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |node, key| match node {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?),
        _ => None,
    })
}

fn schema_names(spec: &Value) -> Vec<String> {
    spec.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default()
}

const ODD_NAMES: &[&str] = &[
    "",
    " ",
    "type",
    "self",
    "Self",
    "1",
    "<=1d",
    "comment.contains",
    "a/b",
    "~0",
    "__",
    "r#x",
    "$ref",
    "enum",
    "default",
    "full",
    "é",
];

fn huge_enum(rng: &mut Rng) -> Value {
    let values: Vec<Value> = (0..1500)
        .map(|i| match rng.below(6) {
            0 => json!(i),
            1 => json!(format!("value-{i}")),
            2 => json!(ODD_NAMES[i % ODD_NAMES.len()]),
            3 => Value::Null,
            4 => json!(i % 2 == 0),
            _ => json!(format!("V{}", i % 7)),
        })
        .collect();
    json!({ "type": "string", "enum": values })
}

fn wrong_value(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!("string"),
        4 => json!([]),
        5 => json!({}),
        6 => json!([{ "$ref": "#/" }]),
        _ => json!({ "type": "object", "properties": { "": {} } }),
    }
}

fn mutate(spec: &mut Value, rng: &mut Rng) {
    let mut paths = Vec::new();
    node_paths(spec, &mut Vec::new(), &mut paths);
    let path = rng.pick(&paths).clone();
    let schemas = schema_names(spec);
    let Some(node) = node_mut(spec, &path) else {
        return;
    };
    match rng.below(9) {
        // Drop a key.
        0 => {
            if let Value::Object(map) = node
                && !map.is_empty()
            {
                let key = map.keys().nth(rng.below(map.len())).cloned();
                if let Some(key) = key {
                    map.shift_remove(&key);
                }
            }
        }
        // Rename a key, possibly to something empty or not an identifier.
        1 => {
            if let Value::Object(map) = node
                && !map.is_empty()
            {
                let index = rng.below(map.len());
                let new_key = rng.pick(ODD_NAMES).to_string();
                let entries: Map<String, Value> = std::mem::take(map)
                    .into_iter()
                    .enumerate()
                    .map(|(i, (k, v))| {
                        if i == index {
                            (new_key.clone(), v)
                        } else {
                            (k, v)
                        }
                    })
                    .collect();
                *map = entries;
            }
        }
        // A value of the wrong type.
        2 | 3 => *node = wrong_value(rng),
        // A dangling or malformed reference.
        4 => {
            let reference = *rng.pick(&[
                "#/components/schemas/does_not_exist",
                "#/components/responses/nope",
                "other.yaml#/x",
                "#",
                "#/paths",
                "not a pointer",
                "#/components/schemas/",
            ]);
            *node = json!({ "$ref": reference });
        }
        // A cycle through a named schema (direct or through allOf).
        5 => {
            if !schemas.is_empty() {
                let target = format!("#/components/schemas/{}", rng.pick(&schemas));
                *node = match rng.below(3) {
                    0 => json!({ "$ref": target }),
                    1 => json!({ "allOf": [{ "$ref": target }, { "$ref": target }] }),
                    _ => {
                        json!({ "anyOf": [{ "$ref": target }], "properties": { "x": { "$ref": target } } })
                    }
                };
            }
        }
        6 => *node = huge_enum(rng),
        // Composition keywords in odd combinations.
        7 => {
            *node = json!({
                "allOf": [{ "type": "string" }, { "type": "object", "properties": { "a": {} } }],
                "oneOf": [{ "enum": [null] }, { "type": "boolean", "enum": [true] }],
                "not": { "type": "integer" },
                "nullable": true,
            })
        }
        // Duplicate a sibling subtree under an odd key.
        _ => {
            if let Value::Object(map) = node
                && let Some(value) = map.values().next().cloned()
            {
                map.insert(rng.pick(ODD_NAMES).to_string(), value);
            }
        }
    }
}

#[test]
fn mutated_specs_never_panic() {
    let fixtures = fixtures();
    assert!(
        fixtures.len() >= 2,
        "expected spec/openapi.yaml and tests/fixtures/general/*.yaml"
    );
    let cases: usize = std::env::var("ROBUSTNESS_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let options = fixture_options("robustness");
    let mut rng = Rng(SEED);
    let mut outcomes = [0usize; 2];
    for case in 0..cases {
        let (name, original) = rng.pick(&fixtures);
        let mut spec = original.clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut spec, &mut rng);
        }
        let text = serde_json::to_string(&spec).expect("a JSON value serializes");
        let result = catch_unwind(AssertUnwindSafe(|| generator::generate(&text, &options)));
        let Ok(result) = result else {
            panic!("case {case} (from {name}) panicked; spec:\n{text}");
        };
        match result {
            Ok(_) => outcomes[0] += 1,
            Err(diagnostics) => {
                outcomes[1] += 1;
                assert!(
                    !diagnostics.is_empty(),
                    "case {case}: Err without diagnostics"
                );
                for diagnostic in diagnostics.iter() {
                    assert!(
                        !matches!(diagnostic.location, Location::Document),
                        "case {case} (from {name}): diagnostic without a location: {diagnostic}\nspec:\n{text}"
                    );
                    if diagnostic.severity == Severity::Error {
                        assert!(
                            is_unreadable_document(&diagnostic.location),
                            "case {case} (from {name}): an error for one item, not the document: {diagnostic}\nspec:\n{text}"
                        );
                    }
                }
            }
        }
    }
    // Both outcomes must occur, or the mutator is not exercising anything.
    assert!(outcomes[0] > 0 && outcomes[1] > 0, "outcomes {outcomes:?}");
}

/// Where an error may be: the text (syntax), the document itself, or the
/// parts without which nothing can be generated.
fn is_unreadable_document(location: &Location) -> bool {
    match location {
        Location::Text { .. } => true,
        Location::Pointer(pointer) => {
            let segments = pointer.segments();
            // `paths` itself, not something inside it.
            segments.is_empty()
                || segments[0] == "openapi"
                || segments[0] == "info"
                || segments == ["paths"]
        }
        Location::Document => false,
    }
}

/// One defect in one item of a clean spec, and where its warning must be.
struct Defect {
    describe: String,
    spec: Value,
    pointer: JsonPointer,
    message: &'static str,
}

fn pointer_of(path: &[String]) -> JsonPointer {
    path.iter()
        .fold(JsonPointer::root(), |p, segment| p.push(segment.clone()))
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Operations as (path key, method) with their JSON paths.
fn operations(spec: &Value) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (path, item) in spec["paths"].as_object().into_iter().flatten() {
        for method in METHODS {
            if item.get(*method).is_some_and(Value::is_object) {
                found.push(vec!["paths".to_string(), path.clone(), method.to_string()]);
            }
        }
    }
    found
}

/// The lowest 2xx response code of an operation: the one that is lowered.
fn success_code(operation: &Value) -> Option<String> {
    operation["responses"]
        .as_object()?
        .keys()
        .filter(|code| {
            code.starts_with('2') && code.len() == 3 && code.chars().all(|c| c.is_ascii_digit())
        })
        .min()
        .cloned()
}

fn get_mut<'v>(spec: &'v mut Value, path: &[String]) -> &'v mut Value {
    node_mut(spec, path).expect("the path was found in this spec")
}

/// Every defect class, made at an item picked by `rng`; `None` when the
/// spec has no such item.
fn defect(spec: &Value, rng: &mut Rng) -> Option<Defect> {
    let operations = operations(spec);
    if operations.is_empty() {
        return None;
    }
    let op_path = rng.pick(&operations).clone();
    let operation = node_mut(&mut spec.clone(), &op_path)?.clone();
    let mut spec = spec.clone();
    let inline_parameters: Vec<usize> = operation["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, p)| p.get("schema").is_some())
        .map(|(i, _)| i)
        .collect();
    let mut at = op_path.clone();
    let (describe, message) = match rng.below(7) {
        0 if !inline_parameters.is_empty() => {
            at.extend([
                "parameters".to_string(),
                rng.pick(&inline_parameters).to_string(),
            ]);
            get_mut(&mut spec, &at)
                .as_object_mut()?
                .shift_remove("schema");
            (
                "parameter without schema",
                "parameter has neither `schema` nor `content`; read as a string",
            )
        }
        1 => {
            let key = &op_path[1];
            let start = key.find('{')?;
            let end = start + key[start..].find('}')?;
            let renamed = format!(
                "{}{{renamed_{}}}{}",
                &key[..start],
                &key[start + 1..end],
                &key[end + 1..]
            );
            if spec["paths"].get(&renamed).is_some() {
                return None;
            }
            let paths = spec["paths"].as_object_mut()?;
            let entries: Map<String, Value> = std::mem::take(paths)
                .into_iter()
                .map(|(k, v)| {
                    if &k == key {
                        (renamed.clone(), v)
                    } else {
                        (k, v)
                    }
                })
                .collect();
            *paths = entries;
            at = vec!["paths".to_string(), renamed, op_path[2].clone()];
            (
                "renamed path variable",
                "has no declared parameter; added as a required string path parameter",
            )
        }
        2 if !inline_parameters.is_empty() => {
            at.extend([
                "parameters".to_string(),
                rng.pick(&inline_parameters).to_string(),
            ]);
            *get_mut(&mut spec, &at) = json!("a parameter");
            ("parameter of the wrong type", "could not be read (")
        }
        3 => {
            *get_mut(&mut spec, &at) = json!([1, 2]);
            ("operation of the wrong type", "could not be read (")
        }
        4 => {
            at.extend(["responses".to_string(), success_code(&operation)?]);
            *get_mut(&mut spec, &at) = json!(7);
            ("response of the wrong type", "could not be read (")
        }
        5 => {
            let (target, section) = *rng.pick(&[
                ("parameters", "parameters"),
                ("requestBody", "requestBodies"),
                ("responses", "responses"),
                ("schema", "schemas"),
            ]);
            match target {
                "parameters" => {
                    let count = operation["parameters"].as_array()?.len();
                    at.extend(["parameters".to_string(), rng.below(count).to_string()]);
                }
                "requestBody" => {
                    operation.get("requestBody")?;
                    at.push("requestBody".to_string());
                }
                "responses" => at.extend(["responses".to_string(), success_code(&operation)?]),
                _ => {
                    let code = success_code(&operation)?;
                    let response = &operation["responses"][&code];
                    response
                        .get("content")?
                        .get("application/json")?
                        .get("schema")?;
                    at.extend(
                        ["responses", &code, "content", "application/json", "schema"]
                            .map(String::from),
                    );
                }
            }
            *get_mut(&mut spec, &at) =
                json!({ "$ref": format!("#/components/{section}/does_not_exist") });
            ("$ref to nothing", "points to nothing")
        }
        _ => return None,
    };
    Some(Defect {
        describe: describe.to_string(),
        spec,
        pointer: pointer_of(&at),
        message,
    })
}

#[test]
fn a_defect_in_one_item_is_a_located_warning() {
    let options = fixture_options("robustness");
    let clean: Vec<(String, Value)> = fixtures()
        .into_iter()
        .filter(|(_, spec)| {
            let text = serde_json::to_string(spec).expect("a JSON value serializes");
            generator::generate(&text, &options).is_ok_and(|g| g.warnings.is_empty())
        })
        .collect();
    assert!(clean.len() >= 3, "expected several clean fixtures");
    let cases: usize = std::env::var("ROBUSTNESS_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES)
        / 10;
    let mut rng = Rng(SEED ^ 0x1e41);
    let mut made = std::collections::BTreeMap::<String, usize>::new();
    for case in 0..cases {
        let (name, original) = rng.pick(&clean);
        let Some(defect) = defect(original, &mut rng) else {
            continue;
        };
        let text = serde_json::to_string(&defect.spec).expect("a JSON value serializes");
        let what = format!("case {case} ({} in {name})", defect.describe);
        let generation = generator::generate(&text, &options)
            .unwrap_or_else(|d| panic!("{what} should generate, got:\n{d}\nspec:\n{text}"));
        let warned = generation.warnings.iter().any(|w| {
            w.severity == Severity::Warning
                && w.location == Location::Pointer(defect.pointer.clone())
                && w.message.contains(defect.message)
        });
        assert!(
            warned,
            "{what}: no warning at {} containing {:?}; warnings:\n{}",
            defect.pointer, defect.message, generation.warnings
        );
        *made.entry(defect.describe).or_default() += 1;
    }
    assert_eq!(made.len(), 6, "every defect class is exercised: {made:?}");
}
