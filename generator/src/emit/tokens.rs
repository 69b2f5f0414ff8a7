//! Small token helpers shared by the emitters: identifiers, doc comments
//! and the Rust spelling of a [`TypeRef`].

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::model::TypeRef;
use crate::naming;

/// An identifier from a name the naming module decided: the one place a
/// plain name that is a keyword (`type`) is written raw (`r#type`).
pub fn ident(name: &str) -> Ident {
    if naming::needs_raw(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// `#[doc = "..."]` attributes for a description, one per line.
pub fn doc(text: Option<&str>) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "..."]` attributes, for a module's own documentation.
pub fn inner_doc(text: Option<&str>) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

fn doc_lines(text: Option<&str>) -> Vec<Literal> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => sanitize_markdown(text)
            .iter()
            .map(|line| doc_literal(line))
            .collect(),
        None => Vec::new(),
    }
}

/// A doc line as a raw string literal (`r"..."`, `r#"..."#` when the text
/// holds a quote): docs are a fifth of the generated text, and an escaped
/// literal is escaped here and unescaped again by the formatter, character
/// by character (4 % of the full spec's generation). Text a raw string
/// cannot hold (a carriage return) stays an escaped literal.
fn doc_literal(line: &str) -> Literal {
    if line.contains('\r') {
        return Literal::string(line);
    }
    let hashes = "#".repeat(raw_string_hashes(line));
    format!("r{hashes}\"{line}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(line))
}

/// How many `#` a raw string needs so that no `"` in the text closes it.
fn raw_string_hashes(text: &str) -> usize {
    let mut needed = 0;
    let mut rest = text;
    while let Some(quote) = rest.find('"') {
        rest = &rest[quote + 1..];
        let run = rest.len() - rest.trim_start_matches('#').len();
        needed = needed.max(run + 1);
    }
    needed
}

/// Several doc paragraphs, skipping empty ones.
pub fn doc_paragraphs(paragraphs: &[Option<&str>]) -> TokenStream {
    let text: Vec<&str> = paragraphs
        .iter()
        .flatten()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if text.is_empty() {
        TokenStream::new()
    } else {
        doc(Some(&text.join("\n\n")))
    }
}

/// Spec descriptions are Markdown written for a web page. Rustdoc would run
/// their code fences and indented blocks as doctests, so fences become
/// `text` blocks and indentation is dropped.
fn sanitize_markdown(text: &str) -> Vec<String> {
    let mut in_fence = false;
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if let Some(info) = trimmed.strip_prefix("```") {
                let opening = !in_fence;
                in_fence = !in_fence;
                return if opening && !info.trim().starts_with("text") {
                    " ```text".to_string()
                } else {
                    " ```".to_string()
                };
            }
            let line = if in_fence { line } else { trimmed };
            format!(" {line}")
        })
        .collect()
}

/// The Rust type for a use of a type.
pub fn type_ref(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::String => quote!(String),
        TypeRef::DateTime => quote!(crate::Timestamp),
        TypeRef::Null => quote!(()),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Named { name, boxed } => {
            let name = ident(name);
            if *boxed {
                quote!(Box<crate::models::#name>)
            } else {
                quote!(crate::models::#name)
            }
        }
        TypeRef::Array(item) => {
            let item = type_ref(item);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_ref(value);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = type_ref(inner);
            quote!(Option<#inner>)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{doc, ident};

    #[test]
    fn keywords_are_written_raw_here_only() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("match").to_string(), "r#match");
        assert_eq!(ident("self_").to_string(), "self_");
        assert_eq!(ident("Type").to_string(), "Type");
    }

    #[test]
    fn doc_lines_are_raw_strings_with_enough_hashes() {
        let check = |text: &str, expected: &str| {
            assert_eq!(doc(Some(text)).to_string(), expected, "{text:?}");
        };
        check("Plain.", "# [doc = r\" Plain.\"]");
        check(r#"Say "hi"."#, r##"# [doc = r#" Say "hi"."#]"##);
        check(
            r###"A "# and a "##."###,
            r####"# [doc = r###" A "# and a "##."###]"####,
        );
        check("a\\b", r#"# [doc = r" a\b"]"#);
        check("one\rtwo", r#"# [doc = " one\rtwo"]"#);
    }

    #[test]
    fn raw_doc_lines_format_as_the_same_comments() {
        let tokens = quote::quote! {
            #[doc = r#" Say "hi" \n."#]
            pub struct A;
        };
        let file: syn::File = syn::parse2(tokens).unwrap();
        assert_eq!(
            prettyplease::unparse(&file),
            "/// Say \"hi\" \\n.\npub struct A;\n"
        );
    }
}
