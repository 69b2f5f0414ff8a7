//! Small token helpers shared by the emitters: identifiers, doc comments
//! and the Rust spelling of a [`TypeRef`].

use proc_macro2::{Ident, Span, TokenStream};
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

fn doc_lines(text: Option<&str>) -> Vec<String> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => sanitize_markdown(text),
        None => Vec::new(),
    }
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
    use super::ident;

    #[test]
    fn keywords_are_written_raw_here_only() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("match").to_string(), "r#match");
        assert_eq!(ident("self_").to_string(), "self_");
        assert_eq!(ident("Type").to_string(), "Type");
    }
}
