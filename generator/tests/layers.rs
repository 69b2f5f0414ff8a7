//! The pipeline runs one way (ARCHITECTURE.md): each module may use only
//! the modules before it. This test reads the generator's own sources with
//! `syn` and lists every `crate::<module>` path and `openapiv3` use outside
//! macro invocations (tokens inside `quote!` are the generated crate's
//! paths, not ours), then checks them against the rule below. A new edge
//! that runs backwards fails here with the file that has it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// What a module may not depend on, by the first segment after `crate::`
/// (`openapiv3` stands for the parsed spec's types).
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "pointer",
        &[
            "parse",
            "lower",
            "model",
            "emit",
            "format",
            "record",
            "report",
            "regeneration",
            "summary",
            "samples",
            "output",
            "openapiv3",
        ],
    ),
    (
        "diagnostics",
        &[
            "parse",
            "lower",
            "model",
            "emit",
            "format",
            "record",
            "report",
            "regeneration",
            "summary",
            "samples",
            "output",
            "openapiv3",
        ],
    ),
    (
        "naming",
        &[
            "parse",
            "lower",
            "model",
            "emit",
            "format",
            "record",
            "report",
            "regeneration",
            "summary",
            "samples",
            "output",
            "openapiv3",
        ],
    ),
    (
        "model",
        &[
            "parse",
            "lower",
            "emit",
            "format",
            "record",
            "report",
            "regeneration",
            "summary",
            "samples",
            "output",
            "openapiv3",
        ],
    ),
    (
        "parse",
        &[
            "lower",
            "model",
            "emit",
            "format",
            "record",
            "report",
            "regeneration",
            "summary",
            "samples",
            "output",
        ],
    ),
    (
        "lower",
        &[
            "emit",
            "format",
            "record",
            "report",
            "regeneration",
            "summary",
            "samples",
            "output",
        ],
    ),
    (
        "regeneration",
        &["parse", "lower", "emit", "format", "output", "openapiv3"],
    ),
    (
        "record",
        &[
            "parse",
            "lower",
            "emit",
            "format",
            "regeneration",
            "report",
            "output",
            "openapiv3",
        ],
    ),
    (
        "report",
        &[
            "parse",
            "lower",
            "emit",
            "format",
            "regeneration",
            "output",
            "openapiv3",
        ],
    ),
    (
        "emit",
        &[
            "parse",
            "lower",
            "output",
            "summary",
            "samples",
            "openapiv3",
        ],
    ),
    (
        "format",
        &[
            "parse",
            "lower",
            "model",
            "emit",
            "record",
            "report",
            "regeneration",
            "output",
            "openapiv3",
        ],
    ),
    (
        "summary",
        &[
            "parse",
            "lower",
            "emit",
            "format",
            "record",
            "report",
            "regeneration",
            "output",
            "openapiv3",
        ],
    ),
    (
        "samples",
        &[
            "parse",
            "lower",
            "emit",
            "format",
            "record",
            "report",
            "regeneration",
            "output",
            "openapiv3",
        ],
    ),
    (
        "output",
        &[
            "parse",
            "lower",
            "model",
            "emit",
            "format",
            "report",
            "regeneration",
            "openapiv3",
        ],
    ),
];

#[derive(Default)]
struct Paths(BTreeSet<String>);

impl<'ast> Visit<'ast> for Paths {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let mut segments = path.segments.iter().map(|s| s.ident.to_string());
        match segments.next().as_deref() {
            Some("crate") => {
                if let Some(module) = segments.next() {
                    self.0.insert(module);
                }
            }
            Some("openapiv3") => {
                self.0.insert("openapiv3".to_string());
            }
            _ => {}
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_use_tree(&mut self, tree: &'ast syn::UseTree) {
        // `use crate::{a, b::c}` and `use openapiv3::X`.
        fn first_modules(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
            match tree {
                syn::UseTree::Path(path) => out.insert(path.ident.to_string()),
                syn::UseTree::Name(name) => out.insert(name.ident.to_string()),
                syn::UseTree::Rename(rename) => out.insert(rename.ident.to_string()),
                syn::UseTree::Group(group) => {
                    for tree in &group.items {
                        first_modules(tree, out);
                    }
                    true
                }
                syn::UseTree::Glob(_) => true,
            };
        }
        match tree {
            syn::UseTree::Path(path) if path.ident == "crate" => {
                first_modules(&path.tree, &mut self.0)
            }
            syn::UseTree::Path(path) if path.ident == "openapiv3" => {
                self.0.insert("openapiv3".to_string());
            }
            _ => {}
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the source folder is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_depends_only_on_the_ones_before_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    for (module, forbidden) in FORBIDDEN {
        let root = src.join(module);
        let mut files = Vec::new();
        if root.is_dir() {
            rust_files(&root, &mut files);
        } else {
            files.push(root.with_extension("rs"));
        }
        for file in files {
            // Data-driven tests may parse a spec to lower it.
            if file.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).expect("a source file is readable");
            let ast = syn::parse_file(&text).expect("a source file parses");
            let mut paths = Paths::default();
            paths.visit_file(&ast);
            for used in paths
                .0
                .iter()
                .filter(|used| forbidden.contains(&used.as_str()))
            {
                violations.push(format!(
                    "{} uses {used}, which `{module}` may not depend on",
                    file.strip_prefix(&src).unwrap_or(&file).display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}
