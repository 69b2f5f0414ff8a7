//! Writes every ```rust block of the workspace's README.md into
//! `$OUT_DIR/readme_examples.rs`, each the body of its own uncalled
//! `async fn readme_line_<N>` (N: the line of its opening fence), which
//! `src/lib.rs` includes in its tests, so `cargo test` type-checks them
//! against the crates this package lists. A README that breaks the rules
//! (`rust,ignore`, an unclosed fence) becomes a `compile_error!` there:
//! it fails this package's test, not the build of the others.

#[path = "src/extract.rs"]
mod extract;

fn main() {
    let readme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    println!("cargo::rerun-if-changed={}", readme.display());
    let markdown = std::fs::read_to_string(&readme).expect("README.md is readable");
    let out_dir =
        std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(
        out_dir.join("readme_examples.rs"),
        extract::render(&markdown),
    )
    .expect("OUT_DIR is writable");
}
