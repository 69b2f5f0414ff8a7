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
/// `text` blocks and indentation is dropped. Dropping it would turn a list
/// item's or a quote's continuation lines into lazy continuations, which
/// render the same but fail clippy's `doc_lazy_continuation` in the user's
/// crate; so such a line is written as Markdown means it: indented to its
/// item's text, or behind the quote's `>`.
fn sanitize_markdown(text: &str) -> Vec<String> {
    let mut in_fence = false;
    let mut block = Block::Other;
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if let Some(info) = trimmed.strip_prefix("```") {
                let opening = !in_fence;
                in_fence = !in_fence;
                block = Block::Other;
                return if opening && !info.trim().starts_with("text") {
                    " ```text".to_string()
                } else {
                    " ```".to_string()
                };
            }
            if in_fence {
                return format!(" {line}");
            }
            // A table row starting with `>` (an operator column: `>=`)
            // is not a quote: its `>` is written as text.
            if trimmed.starts_with('>') && trimmed.contains('|') {
                block = Block::Other;
                return format!(" \\{trimmed}");
            }
            let continued = block;
            block = Block::of(trimmed);
            match continued {
                _ if block != Block::Text => format!(" {trimmed}"),
                Block::Item(indent) => {
                    block = continued;
                    format!(" {:indent$}{trimmed}", "")
                }
                Block::Quote => {
                    block = continued;
                    format!(" > {trimmed}")
                }
                Block::Text | Block::Other => format!(" {trimmed}"),
            }
        })
        .collect()
}

/// What a trimmed Markdown line starts, as far as the lines after it care.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Block {
    /// A list item whose text starts this many columns in.
    Item(usize),
    /// A block quote.
    Quote,
    /// Paragraph text, which continues whatever came before it.
    Text,
    /// A blank line, heading, rule or table row: nothing continues into
    /// the next line.
    Other,
}

impl Block {
    fn of(trimmed: &str) -> Block {
        if trimmed.is_empty()
            || trimmed.starts_with(['#', '|', '<'])
            || trimmed
                .chars()
                .all(|c| matches!(c, '-' | '=' | '*' | '_' | ' '))
        {
            return Block::Other;
        }
        if trimmed.starts_with('>') {
            return Block::Quote;
        }
        let digits = trimmed.len()
            - trimmed
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let marker = match trimmed.as_bytes()[digits..] {
            [b'-' | b'*' | b'+', ..] if digits == 0 => 1,
            [b'.' | b')', ..] if (1..=9).contains(&digits) => digits + 1,
            _ => return Block::Text,
        };
        let rest = &trimmed[marker..];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        match spaces {
            0 if !rest.is_empty() => Block::Text,
            1..=4 => Block::Item(marker + spaces),
            // Text indented as code: the item's text column is one past
            // the marker.
            _ => Block::Item(marker + 1),
        }
    }
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
    use super::{doc, ident, sanitize_markdown};

    /// Spec Markdown in, doc lines out (each line's leading space is the
    /// one after `///`).
    #[test]
    fn continuation_lines_are_not_lazy() {
        let check = |text: &str, expected: &[&str]| {
            assert_eq!(sanitize_markdown(text), expected, "{text:?}");
        };
        // Indentation the spec had comes back at the item's text column.
        check(
            "Tools:\n\n- **Built-in**: extend\nthe model.\n- Functions\n    you define.",
            &[
                " Tools:",
                " ",
                " - **Built-in**: extend",
                "   the model.",
                " - Functions",
                "   you define.",
            ],
        );
        check(
            "1. one\n   more\n10) ten\nmore",
            &[" 1. one", "    more", " 10) ten", "     more"],
        );
        check("* a\n+ b\nc", &[" * a", " + b", "   c"]);
        // A quote's lazy line gets its `>`.
        check(
            "> quoted\nlazy\n\nafter",
            &[" > quoted", " > lazy", " ", " after"],
        );
        // A table row starting with `>` is a row, not a quote.
        check(
            "== | Equals\n> | Greater\n<= | Less or equal",
            &[" == | Equals", " \\> | Greater", " <= | Less or equal"],
        );
        // A blank line, heading, rule, table or fence ends the item.
        check("- a\n\nb", &[" - a", " ", " b"]);
        check("- a\n# H\nb", &[" - a", " # H", " b"]);
        check("- a\n---\nb", &[" - a", " ---", " b"]);
        check("- a\n| x |\nb", &[" - a", " | x |", " b"]);
        check(
            "- a\n```json\n  {}\n```\nb",
            &[" - a", " ```text", "   {}", " ```", " b"],
        );
        // Not list markers: no space after, a number too long, emphasis.
        check("-1 is\nnegative", &[" -1 is", " negative"]);
        check("1234567890. x\ny", &[" 1234567890. x", " y"]);
        check("**bold**\ntext", &[" **bold**", " text"]);
        // A lone marker (an empty item, or a heading's underline) is
        // continued by nothing; text indented as code after a marker: the
        // item's text is one past the marker.
        check("-\n  x", &[" -", " x"]);
        check("-      code\nx", &[" -      code", "   x"]);
    }

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
