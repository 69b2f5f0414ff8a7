//! An operation's error responses as its method hands them to the request
//! (`.errors(&[..])`, read by the runtime's `error_body.rs` when a call
//! fails), and the line of its docs naming the typed ones.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::type_ref;
use crate::model::{ErrorBody, ErrorStatuses, Operation, TypeRef};

/// Where the runtime finds the message of an envelope's failure.
const ENVELOPE_MESSAGE: [&str; 2] = ["errors", "[]"];

/// The `.errors(&[..])` setter of the operation's request; `None` when it
/// describes no error body.
pub fn setter(op: &Operation) -> Option<TokenStream> {
    match op.errors.as_slice() {
        [] => return None,
        // What nearly every operation of an API with an envelope says.
        [only] if only.statuses == ErrorStatuses::Default && only.body == ErrorBody::Envelope => {
            return Some(quote!(.errors(crate::envelope::FAILURES)));
        }
        _ => {}
    }
    let entries = op.errors.iter().map(|error| {
        let statuses = match error.statuses {
            ErrorStatuses::Code(code) => {
                let code = Literal::u16_unsuffixed(code);
                quote!(Code(#code))
            }
            ErrorStatuses::Range(class) => {
                let class = Literal::u16_unsuffixed(class);
                quote!(Range(#class))
            }
            ErrorStatuses::Default => quote!(Default),
        };
        let (decode, message): (TokenStream, Vec<&str>) = match &error.body {
            ErrorBody::Envelope => (quote!(crate::envelope::failure), ENVELOPE_MESSAGE.to_vec()),
            ErrorBody::Typed { ty, message } => {
                let ty = type_ref(ty);
                (
                    quote!(crate::error_body::typed::<#ty>),
                    message.iter().map(String::as_str).collect(),
                )
            }
        };
        quote! {
            crate::error_body::ErrorBody {
                statuses: crate::error_body::Statuses::#statuses,
                decode: #decode,
                message: &[ #( #message ),* ],
            }
        }
    });
    Some(quote!(.errors(&[ #( #entries ),* ])))
}

/// "Error bodies: …" for the method's docs, naming each typed body and how
/// to read it; `None` when none is typed.
pub fn doc(op: &Operation) -> Option<String> {
    let typed: Vec<String> = op
        .errors
        .iter()
        .filter_map(|error| match &error.body {
            ErrorBody::Typed { ty, .. } => Some(format!(
                "{} → {}",
                statuses_text(error.statuses),
                type_text(ty)
            )),
            ErrorBody::Envelope => None,
        })
        .collect();
    (!typed.is_empty()).then(|| {
        format!(
            "Error bodies, decoded as the spec describes them (read one with \
             `error.api_body::<T>()`): {}.",
            typed.join("; ")
        )
    })
}

fn statuses_text(statuses: ErrorStatuses) -> String {
    match statuses {
        ErrorStatuses::Code(code) => format!("HTTP {code}"),
        ErrorStatuses::Range(class) => format!("HTTP {class}XX"),
        ErrorStatuses::Default => "any other status".to_string(),
    }
}

/// A type as the docs show it: a link for a named model type.
fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named { name, .. } => format!("[`{name}`](crate::models::{name})"),
        other => format!("`{}`", other.text()),
    }
}
