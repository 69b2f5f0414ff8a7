//! A generated crate used from a build script: its files are written under
//! `OUT_DIR`, and one entry file stands in for its `lib.rs` so that a
//! crate's own `lib.rs` can be `include!(concat!(env!("OUT_DIR"),
//! "/include.rs"));`. The entry file is `lib.rs` with two changes an
//! `include!` needs: every file module gets an absolute `#[path]` (module
//! files are otherwise looked for next to the including file), and the
//! crate-level inner attributes and docs are left out (they are not allowed
//! in included items; the including crate has its own).

use std::path::Path;

use syn::{Item, LitStr};

use crate::GeneratedFile;

/// The entry file for a crate whose files are under `dir`, from its
/// `src/lib.rs`.
pub fn entry_file(files: &[GeneratedFile], dir: &Path) -> Result<String, String> {
    let lib = files
        .iter()
        .find(|file| file.path == "src/lib.rs")
        .ok_or("the generated crate has no src/lib.rs")?;
    let mut ast = syn::parse_file(&lib.contents)
        .map_err(|error| format!("generator bug: the generated lib.rs does not parse: {error}"))?;
    ast.attrs.clear();
    point_modules(&mut ast.items, "src", files, dir)?;
    Ok(format!(
        "// @generated for `include!` from a build script: src/lib.rs of the crate beside \
         this file, its modules found by absolute path. Do not edit by hand.\n\n{}",
        prettyplease::unparse(&ast)
    ))
}

/// Gives each `mod name;` under `module_dir` (a path relative to the
/// crate, such as `src/operations`) the absolute path of its file.
fn point_modules(
    items: &mut [Item],
    module_dir: &str,
    files: &[GeneratedFile],
    dir: &Path,
) -> Result<(), String> {
    for item in items {
        let Item::Mod(module) = item else {
            continue;
        };
        let name = module.ident.to_string();
        let nested = format!("{module_dir}/{name}");
        match &mut module.content {
            Some((_, items)) => point_modules(items, &nested, files, dir)?,
            None => {
                let file = [format!("{nested}.rs"), format!("{nested}/mod.rs")]
                    .into_iter()
                    .find(|path| files.iter().any(|file| &file.path == path))
                    .ok_or_else(|| format!("no file for module `{nested}`"))?;
                let absolute = dir.join(&file);
                let literal =
                    LitStr::new(&absolute.to_string_lossy(), proc_macro2::Span::call_site());
                module.attrs.push(syn::parse_quote!(#[path = #literal]));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.to_string(),
            contents: contents.to_string(),
        }
    }

    #[test]
    fn modules_get_absolute_paths_and_crate_attributes_go() {
        let files = [
            file(
                "src/lib.rs",
                "//! Crate docs.\n#![allow(dead_code)]\nmod a;\n/// Docs stay.\nmod b {\n    #[cfg(feature = \"c\")]\n    mod c;\n}\npub mod d;\npub use a::A;\n",
            ),
            file("src/a.rs", ""),
            file("src/b/c.rs", ""),
            file("src/d/mod.rs", ""),
        ];
        let entry = entry_file(&files, Path::new("/out/api")).unwrap();
        let body = entry.split_once("\n\n").unwrap().1;
        assert_eq!(
            body,
            "#[path = \"/out/api/src/a.rs\"]\nmod a;\n/// Docs stay.\nmod b {\n    #[cfg(feature = \"c\")]\n    #[path = \"/out/api/src/b/c.rs\"]\n    mod c;\n}\n#[path = \"/out/api/src/d/mod.rs\"]\npub mod d;\npub use a::A;\n"
        );
    }

    #[test]
    fn a_module_without_a_file_is_an_error() {
        let files = [file("src/lib.rs", "mod gone;\n")];
        assert_eq!(
            entry_file(&files, Path::new("/out")),
            Err("no file for module `src/gone`".to_string())
        );
    }
}
