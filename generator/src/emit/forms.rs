//! Forms. Multipart: the struct an operation with a typed
//! `multipart/form-data` body takes (in its group's `models/<group>.rs`),
//! and the expression that hands its fields to the runtime's
//! `multipart::Form`, which encodes them. One adder call per part keeps
//! the emitted code small: the runtime does the rest. URL-encoded: the
//! body is a model type, and one call to the runtime's `form::body` with
//! the styles its `encoding` names writes it.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc_paragraphs, ident, type_ref};
use crate::model::{
    BodyContent, Form, FormPart, Model, Operation, ParamStyle, PartKind, UrlEncoded,
};

/// The form of an operation, if its body is one.
fn form_of(op: &Operation) -> Option<&Form> {
    match op.body.as_ref().map(|b| &b.content) {
        Some(BodyContent::Form(form)) => Some(form),
        _ => None,
    }
}

/// Whether any operation of the group takes a form.
pub fn in_group(model: &Model, module: &str) -> bool {
    model
        .operations
        .iter()
        .any(|op| op.group == module && form_of(op).is_some())
}

/// The form structs of a group's operations, in operation order.
pub fn group_forms(model: &Model, module: &str) -> Vec<TokenStream> {
    model
        .operations
        .iter()
        .filter(|op| op.group == module)
        .filter_map(|op| {
            form_of(op).map(|form| {
                let definition = form_struct(form, &op.method_name);
                let constructors = super::constructors::form(model, form);
                quote!(#definition #constructors)
            })
        })
        .collect()
}

fn form_struct(form: &Form, method_name: &str) -> TokenStream {
    let name = ident(&form.name);
    let all_optional = form
        .parts
        .iter()
        .all(|part| part.optional || part.kind.is_repeated());
    let default = all_optional.then(|| quote!(Default,));
    let fields = form.parts.iter().map(|part| {
        let field = ident(&part.name);
        let ty = field_type(part);
        let what = what_is_sent(part);
        let doc = doc_paragraphs(&[part.doc.as_deref(), Some(&what)]);
        quote! {
            #doc
            pub #field: #ty,
        }
    });
    let doc = format!(
        " The `multipart/form-data` body of [`crate::Client::{method_name}`]: one field per part."
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, #default PartialEq)]
        pub struct #name {
            #( #fields )*
        }
    }
}

fn field_type(part: &FormPart) -> TokenStream {
    let ty = match &part.kind {
        PartKind::File => quote!(crate::FilePart),
        PartKind::Files => quote!(Vec<crate::FilePart>),
        PartKind::NamedFiles => quote!(Vec<(String, crate::FilePart)>),
        PartKind::Texts(item) => {
            let item = type_ref(item);
            quote!(Vec<#item>)
        }
        PartKind::Text(ty) | PartKind::Json(ty) => type_ref(ty),
    };
    if part.optional && !part.kind.is_repeated() {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

/// One line saying how a field goes on the wire.
fn what_is_sent(part: &FormPart) -> String {
    let wire = &part.wire_name;
    let typed = |default: &str| match &part.content_type {
        Some(content_type) => format!("{default}, `{content_type}`"),
        None => default.to_string(),
    };
    match &part.kind {
        PartKind::File => format!("Part `{wire}`: {}.", typed("a file")),
        PartKind::Files => format!("Parts `{wire}`: {}.", typed("one per file")),
        PartKind::NamedFiles => format!(
            "Parts named as you choose, one per `(name, file)` (the spec's `{wire}`){}.",
            part.content_type
                .as_deref()
                .map(|t| format!(", `{t}`"))
                .unwrap_or_default()
        ),
        PartKind::Text(_) => format!("Part `{wire}`: {}.", typed("the value as text")),
        PartKind::Texts(_) => format!("Parts `{wire}`: {}.", typed("one per item, as text")),
        PartKind::Json(_) => format!("Part `{wire}`: {}.", typed("the value as JSON")),
    }
}

/// The method doc's sentence naming the parts.
pub fn method_doc(form: &Form) -> String {
    let parts: Vec<String> = form
        .parts
        .iter()
        .map(|part| {
            let kind = match &part.kind {
                PartKind::File | PartKind::Files => "file",
                PartKind::NamedFiles => "files under names you choose",
                PartKind::Text(_) | PartKind::Texts(_) => "text",
                PartKind::Json(_) => "JSON",
            };
            format!("`{}` ({kind})", part.wire_name)
        })
        .collect();
    format!(
        "`body` is sent as `multipart/form-data`, one part per field of [`{0}`](crate::models::{0}): {1}.",
        form.name,
        parts.join(", ")
    )
}

/// `.body(<the encoded body>)`, the method's `Request` setter; `body` is
/// the method's `&Form` argument.
pub fn encode(form: &Form) -> TokenStream {
    let encoded = encoded(form);
    quote!(.body(#encoded))
}

/// The expression encoding the form bound to `body` (a `&Form`) into the
/// request's body; its `?`s end in the enclosing closure.
pub fn encoded(form: &Form) -> TokenStream {
    let adders = form.parts.iter().map(|part| {
        let field = ident(&part.name);
        let wire = &part.wire_name;
        let values = if part.optional || part.kind.is_repeated() {
            quote!(&body.#field)
        } else {
            quote!(Some(&body.#field))
        };
        let content_type = match &part.content_type {
            Some(content_type) => quote!(Some(#content_type)),
            None => quote!(None),
        };
        match &part.kind {
            PartKind::File | PartKind::Files => quote!(.files(#wire, #content_type, #values)),
            PartKind::NamedFiles => quote!(.named_files(#content_type, #values)),
            PartKind::Text(_) | PartKind::Texts(_) => {
                quote!(.text(#wire, #content_type, #values))
            }
            PartKind::Json(_) => {
                let content_type = part.content_type.as_deref().unwrap_or("application/json");
                quote!(.json(#wire, #content_type, #values)?)
            }
        }
    });
    quote!(crate::multipart::Form::default() #( #adders )* .into_body())
}

/// The method doc's sentence on an `application/x-www-form-urlencoded`
/// body.
pub fn url_encoded_doc(form: &UrlEncoded) -> String {
    let mut doc = "`body` is sent as `application/x-www-form-urlencoded`, nested values in \
         brackets: `key[member]=value`, `list[0][member]=value`, a list of scalars \
         `list=a&list=b`"
        .to_string();
    let styled: Vec<String> = form
        .styles
        .iter()
        .map(|(name, style)| match style {
            ParamStyle::DeepObject => format!("`{name}[]=a&{name}[]=b`"),
            ParamStyle::Delimited(separator) => format!("`{name}=a{separator}b`"),
            ParamStyle::Exploded => format!("`{name}=a&{name}=b`"),
        })
        .collect();
    if !styled.is_empty() {
        doc.push_str(&format!(" ({} as the spec says)", styled.join(", ")));
    }
    doc.push_str("; `null` is an empty value (`key=`), a `None` member is left out.");
    doc
}

/// `.body(<the encoded body>)` for an `application/x-www-form-urlencoded`
/// body: the lists of scalars whose style is not `form` exploded are named
/// with theirs.
pub fn url_encoded(form: &UrlEncoded) -> TokenStream {
    let encoded = url_encoded_body(form);
    quote!(.body(#encoded?))
}

/// The expression encoding the form bound to `body` into the request's
/// body, a `Result`.
pub fn url_encoded_body(form: &UrlEncoded) -> TokenStream {
    let styles = form.styles.iter().map(|(name, style)| {
        let style = match style {
            ParamStyle::Exploded => quote!(Exploded),
            ParamStyle::DeepObject => quote!(Brackets),
            ParamStyle::Delimited(separator) => quote!(Joined(#separator)),
        };
        quote!((#name, crate::form::Style::#style))
    });
    quote!(crate::form::body(body, &[ #( #styles ),* ]))
}
