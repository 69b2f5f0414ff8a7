//! README.md's Rust examples, type-checked by `cargo test` against the
//! crates they name (this package's dev-dependencies), never run.
//!
//! `build.rs` turns every ```rust block into the body of an uncalled
//! `async fn readme_line_<N>() -> Result<(), Box<dyn std::error::Error>>`
//! (`extract.rs`), so `?` works in an example and what a reader sees is
//! what compiles: an example declares whatever it uses. Items are bodies
//! too (`use`, `const`, even a `#[tokio::test] fn`, which is compiled but
//! never run as a test: an item inside a function is not collected).

#[cfg(test)]
mod extract;

#[cfg(test)]
mod examples {
    include!(concat!(env!("OUT_DIR"), "/readme_examples.rs"));
}

/// The examples compiled are those README.md has now: every block opened
/// with ```rust, at its line (a build script that did not rerun after an
/// edit, or a fence the extractor misread, fails here).
#[test]
fn every_rust_block_of_the_readme_is_compiled() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md is readable");
    let lines: Vec<usize> = extract::examples(&readme)
        .expect("README.md's examples are well formed")
        .iter()
        .map(|example| example.line)
        .collect();
    assert_eq!(lines, examples::EXAMPLE_LINES);
    assert_eq!(readme.matches("```rust").count(), lines.len());
}
