//! Generates the client from the SSO fixture into `OUT_DIR/api` at build
//! time, through the generator's library API (`generator::Generator`);
//! `src/lib.rs` includes it.

use std::path::PathBuf;

fn main() {
    let spec_path = "../fixtures/sso_group.yaml";
    println!("cargo::rerun-if-changed={spec_path}");
    let spec = std::fs::read_to_string(spec_path).expect("the fixture spec is readable");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let generation = generator::Generator::new(spec)
        .crate_name("build-script-client")
        .generate()
        .unwrap_or_else(|diagnostics| panic!("the fixture generates:\n{diagnostics}"));
    generation
        .krate
        .write_for_include(&out_dir.join("api"))
        .expect("OUT_DIR is writable");
}
