//! Emission: [`Model`] → files. One module per emitted concern, each a
//! function of the model returning tokens; formatting happens last.

mod client;
mod crate_root;
mod error;
mod manifest;
mod models;
mod operations;
mod retry;
mod runtime;
mod tokens;

use crate::format::{self, Header};
use crate::model::Model;
use crate::{GeneratedCrate, GeneratedFile, Options};

pub use operations::result_type;

pub fn emit_crate(model: &Model, options: &Options) -> GeneratedCrate {
    let header = Header {
        command: &options.regenerate_command,
    };
    let rust = |path: &str, tokens| GeneratedFile {
        path: path.to_string(),
        contents: format::rust_file(tokens, &header),
    };
    GeneratedCrate {
        files: vec![
            GeneratedFile {
                path: "Cargo.toml".to_string(),
                contents: format::toml_file(&manifest::emit(model, options.standalone), &header),
            },
            rust("src/lib.rs", crate_root::emit(model)),
            rust("src/client.rs", client::emit(model)),
            rust("src/error.rs", error::emit()),
            rust("src/models.rs", models::emit(model)),
            rust("src/operations.rs", operations::emit(model)),
            rust("src/retry.rs", retry::emit()),
            rust("src/runtime.rs", runtime::emit()),
        ],
    }
}
