//! Type items: `models/mod.rs` holds the types several groups share;
//! `models/<group>.rs`, a private module behind the group's feature, holds
//! the types only that group uses and its operations' parameter structs,
//! re-exported, so every type has exactly one path: `crate::models::Name`.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, ident, type_ref};
use crate::model::{
    DeprecatedAlias, EnumVariant, Field, Fit, Group, Model, ParamsStruct, Selection,
    StringConstraints, TypeDef, TypeKind, TypeRef, Union, Usage,
};

/// The module a type lives in: its only group's, or `None` for `models`.
pub fn home(def: &TypeDef) -> Option<&str> {
    match def.usage.groups.as_slice() {
        [only] => Some(only),
        _ => None,
    }
}

pub fn emit(model: &Model, deprecated_aliases: &[DeprecatedAlias]) -> TokenStream {
    let types = model
        .types
        .iter()
        .filter(|def| home(def).is_none())
        .map(|def| {
            let cfg = shared_cfg(model, def);
            type_def(model, def, &cfg)
        });
    let modules = model
        .groups
        .iter()
        .filter(|g| has_items(model, &g.module))
        .map(|group| {
            let module = ident(&group.module);
            let feature = &group.feature;
            // A group named `models` (OpenAI's) is `models::models`: a
            // private module whose items are re-exported, so the name
            // clippy's `module_inception` warns of is never seen.
            let inception =
                (group.module == "models").then(|| quote!(#[allow(clippy::module_inception)]));
            quote! {
                #[cfg(feature = #feature)]
                #inception
                mod #module;
                #[cfg(feature = #feature)]
                pub use #module::*;
            }
        });
    let deprecated = deprecated_aliases.iter().map(deprecated_alias);
    quote! {
        //! Request and response types of the API: the ones several groups
        //! share are defined here, each enabled group's own (in a private
        //! module per group) are re-exported, so all are `models::Name`.

        #( #modules )*
        #( #types )*
        #( #deprecated )*
    }
}

/// The old name of a renamed type, kept compiling with a warning.
fn deprecated_alias(alias: &DeprecatedAlias) -> TokenStream {
    let name = ident(&alias.name);
    let target = ident(&alias.target);
    let note = &alias.note;
    let features = &alias.features;
    let cfg = match features.as_slice() {
        [] => None,
        [only] => Some(quote!(#[cfg(feature = #only)])),
        _ => Some(quote!(#[cfg(any( #( feature = #features ),* ))])),
    };
    let doc = format!(
        " The old name of [`{0}`](crate::models::{0}).",
        alias.target
    );
    quote! {
        #[doc = #doc]
        #[deprecated(note = #note)]
        #cfg
        pub type #name = #target;
    }
}

/// Whether a group has types of its own (and so a `models/<group>.rs`).
pub fn has_items(model: &Model, module: &str) -> bool {
    model.types.iter().any(|def| home(def) == Some(module))
        || model
            .operations
            .iter()
            .any(|op| op.group == module && op.params.is_some())
        || super::forms::in_group(model, module)
}

/// A shared type is compiled when any group using it is enabled.
fn shared_cfg(model: &Model, def: &TypeDef) -> TokenStream {
    if def.usage.groups.len() == model.groups.len() {
        return TokenStream::new();
    }
    let features = def.usage.groups.iter().filter_map(|module| {
        model
            .groups
            .iter()
            .find(|g| &g.module == module)
            .map(|g| g.feature.as_str())
    });
    quote!(#[cfg(any( #( feature = #features ),* ))])
}

/// `models/<group>.rs`: the types and parameter structs of one group.
pub fn emit_group(model: &Model, group: &Group) -> TokenStream {
    let module = group.module.as_str();
    let title = format!(
        " API group `{}` (cargo feature `{}`): the types only its operations use.",
        group.title, group.feature
    );
    let types = model
        .types
        .iter()
        .filter(|def| home(def) == Some(module))
        .map(|def| type_def(model, def, &TokenStream::new()));
    let params = model
        .operations
        .iter()
        .filter(|op| op.group == module)
        .filter_map(|op| {
            op.params.as_ref().map(|params| {
                let definition = params_struct(params, &op.method_name);
                let constructors = super::constructors::params(model, params);
                quote!(#definition #constructors)
            })
        });
    let forms = super::forms::group_forms(model, module);
    quote! {
        #![doc = #title]

        #( #types )*
        #( #params )*
        #( #forms )*
    }
}

/// `cfg` goes on every item the type expands to (the type and its impls).
fn type_def(model: &Model, def: &TypeDef, cfg: &TokenStream) -> TokenStream {
    let name = ident(&def.name);
    // Every item says something: the spec's description, or where the
    // schema is defined so a reader can look it up.
    let located = format!("Schema `{}` of the spec.", def.pointer);
    let doc = doc(Some(def.doc.as_deref().unwrap_or(&located)));
    match &def.kind {
        TypeKind::Struct(fields) => {
            let definition = struct_def(
                &name,
                doc,
                fields,
                def.unknown_members.as_deref(),
                &def.usage,
                cfg,
            );
            // Users build the types they send: a constructor and setters.
            let constructors = def.usage.request.then(|| {
                super::constructors::model_struct(
                    model,
                    &def.name,
                    fields,
                    def.unknown_members.as_deref(),
                    cfg,
                )
            });
            let page_items = super::paging::page_items(model, def, cfg);
            quote!(#definition #constructors #page_items)
        }
        TypeKind::Enum(variants) => enum_def(&name, doc, variants, cfg),
        TypeKind::ConstrainedString(constraints) => {
            constrained_string(&def.name, doc, constraints, cfg)
        }
        TypeKind::Union(union) => {
            let definition = union_def(&name, doc, union, &def.usage, cfg);
            // Users build the unions they send: `From` each variant's type.
            let conversions = def
                .usage
                .request
                .then(|| super::constructors::union_conversions(model, &def.name, union, cfg));
            quote!(#definition #conversions)
        }
        TypeKind::Alias(target) => {
            let note = match target {
                TypeRef::Named { name, .. } => {
                    format!(
                        " Defined exactly like [`{name}`](crate::models::{name}), so it is that type under this name."
                    )
                }
                _ => " Defined exactly like the type it names.".to_string(),
            };
            let target = type_ref(target);
            quote! {
                #doc
                ///
                #[doc = #note]
                #cfg
                pub type #name = #target;
            }
        }
    }
}

/// Whether a field is sent as absent, `null` or a value (`Nullable<_>`):
/// a not-required nullable field of a type that is sent.
fn is_three_state(field: &Field, usage: &Usage) -> bool {
    field.three_state && usage.request
}

fn field_type(field: &Field, usage: &Usage) -> TokenStream {
    let ty = match &field.ty {
        // An optional nullable value is one `Option`, not two.
        TypeRef::Nullable(inner) if field.optional => inner.as_ref(),
        ty => ty,
    };
    let ty = type_ref(ty);
    if is_three_state(field, usage) {
        quote!(crate::Nullable<#ty>)
    } else if field.optional {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

fn struct_def(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    fields: &[Field],
    unknown_members: Option<&str>,
    usage: &Usage,
    cfg: &TokenStream,
) -> TokenStream {
    let all_optional = fields.iter().all(|f| f.optional);
    let default = all_optional.then(|| quote!(Default,));
    let field_items = fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let ty = field_type(field, usage);
        let field_doc = doc_or_wire(field.doc.as_deref(), &field.wire_name);
        quote! {
            #field_doc
            pub #field_name: #ty,
        }
    });
    let unknown_field = unknown_members.map(|members| {
        let members = ident(members);
        quote! {
            /// Members the spec does not declare, kept as received and
            /// written back after the others, so sending back a value read
            /// from the API loses nothing a newer version of it added.
            pub #members: serde_json::Map<String, serde_json::Value>,
        }
    });
    let serialize = {
        let mock = mock_cfg(usage.request);
        let body = serialize_object(fields, unknown_members);
        quote! {
            #cfg
            #mock
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    #body
                }
            }
        }
    };
    let deserialize = {
        let mock = mock_cfg(usage.response);
        let from_object = from_object(name, fields, unknown_members, usage);
        quote! {
            #cfg
            #mock
            #from_object

            #cfg
            #mock
            crate::object::deserialize_object!(#name);
        }
    };
    quote! {
        #doc
        #cfg
        #[derive(Clone, Debug, #default PartialEq)]
        pub struct #name {
            #( #field_items )*
            #unknown_field
        }

        #serialize
        #deserialize
    }
}

/// A serde impl is compiled always in the direction the type travels, and
/// with the `mock` feature in the other (responses are written by the mock
/// server, requests read back).
fn mock_cfg(travels: bool) -> Option<TokenStream> {
    (!travels).then(|| quote!(#[cfg(feature = "mock")]))
}

/// `Serialize` of a struct as a JSON object, one chain of calls into
/// `crate::object` (cheaper to check than a `?` per field): absent optional
/// fields are left out.
fn serialize_object(fields: &[Field], unknown_members: Option<&str>) -> TokenStream {
    let entries = fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let wire = &field.wire_name;
        // `number` values go through `Integral`, so `300` read is `300`
        // written, not `300.0`.
        let value = if holds_number(&field.ty) {
            quote!(&crate::number::Integral(&self.#field_name))
        } else {
            quote!(&self.#field_name)
        };
        if field.optional {
            quote!(.optional(#wire, #value))
        } else {
            quote!(.entry(#wire, #value))
        }
    });
    let members = unknown_members.map(|members| {
        let members = ident(members);
        quote!(.members(&self.#members, <Self as crate::object::FromObject>::FIELDS))
    });
    quote!(crate::object::writer(serializer) #( #entries )* #members .end())
}

/// A `number` (`f64`) here, not inside another named type (which writes
/// its own).
fn holds_number(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Number => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            holds_number(inner)
        }
        _ => false,
    }
}

/// `impl FromObject`: the struct's part of reading it from a JSON object
/// (the loop over the entries is `crate::object`'s): its wire names, one
/// `Option` slot per field in tuples of at most 8 nested in pairs, and
/// `from_slots`, where each required field is taken (`missing field` when
/// absent, unless its type is an `Option`) and each optional one defaults.
fn from_object(
    name: &proc_macro2::Ident,
    fields: &[Field],
    unknown_members: Option<&str>,
    usage: &Usage,
) -> TokenStream {
    let type_name = name.to_string();
    let wire_names = fields.iter().map(|field| field.wire_name.as_str());
    let slot_types: Vec<TokenStream> = fields
        .iter()
        .map(|field| {
            let ty = field_type(field, usage);
            quote!(Option<#ty>)
        })
        .collect();
    let slot_names: Vec<TokenStream> = fields
        .iter()
        .map(|field| {
            let field_name = ident(&field.name);
            quote!(#field_name)
        })
        .collect();
    let slots = nested_slots(&slot_types);
    let (keeps_unknown, unknown_param, unknown_value) = match unknown_members {
        Some(members) => {
            let members = ident(members);
            (
                Some(quote!(
                    const KEEPS_UNKNOWN: bool = true;
                )),
                quote!(#members),
                Some(quote!(#members,)),
            )
        }
        None => (None, quote!(_), None),
    };
    let from_slots = if fields.is_empty() {
        quote! {
            fn from_slots<E: serde::de::Error>(_: Self::Slots, #unknown_param: crate::object::Members) -> Result<Self, E> {
                Ok(Self { #unknown_value })
            }
        }
    } else {
        let pattern = nested_slots(&slot_names);
        let values = fields.iter().map(|field| {
            let field_name = ident(&field.name);
            let wire = &field.wire_name;
            if field.optional {
                quote!(#field_name: #field_name.unwrap_or_default(),)
            } else {
                quote!(#field_name: crate::object::required(#field_name, #wire)?,)
            }
        });
        quote! {
            fn from_slots<E: serde::de::Error>(slots: Self::Slots, #unknown_param: crate::object::Members) -> Result<Self, E> {
                let #pattern = slots;
                Ok(Self { #( #values )* #unknown_value })
            }
        }
    };
    quote! {
        impl crate::object::FromObject for #name {
            const NAME: &'static str = #type_name;
            const FIELDS: &'static [&'static str] = &[ #( #wire_names ),* ];
            type Slots = #slots;
            #keeps_unknown

            #from_slots
        }
    }
}

/// Items (slot types or names) as `crate::object::Slots` nests them:
/// tuples of at most 8, the first 8 paired with the rest; `()` for none.
fn nested_slots(items: &[TokenStream]) -> TokenStream {
    match items.len() {
        0 => quote!(()),
        1..=8 => quote!(( #( #items, )* )),
        _ => {
            let (first, rest) = items.split_at(8);
            let rest = nested_slots(rest);
            quote!(( ( #( #first, )* ), #rest ))
        }
    }
}

fn doc_or_wire(text: Option<&str>, wire_name: &str) -> TokenStream {
    match text {
        Some(text) => doc(Some(text)),
        None => doc(Some(&format!("`{wire_name}`"))),
    }
}

/// An open enum: its definition, then its impls from the runtime's
/// `strings::open_enum!` (one line here instead of fifty).
fn enum_def(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    variants: &[EnumVariant],
    cfg: &TokenStream,
) -> TokenStream {
    let variant_idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let wire_values: Vec<&str> = variants.iter().map(|v| v.wire_value.as_str()).collect();
    let variant_docs = wire_values.iter().map(|value| format!(" `{value}`"));
    quote! {
        #doc
        ///
        /// Values this client does not know yet are kept in `Unknown` and
        /// serialize back unchanged.
        #cfg
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #[doc = #variant_docs] #variant_idents, )*
            /// A value not listed in the spec.
            Unknown(String),
        }

        #cfg
        crate::strings::open_enum!(#name { #( #variant_idents = #wire_values ),* });
    }
}

/// A string newtype with length limits: its definition, then its impls
/// from the runtime's `strings::constrained_string!`.
fn constrained_string(
    type_name: &str,
    doc: TokenStream,
    constraints: &StringConstraints,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(type_name);
    let min = option_tokens(constraints.min_length);
    let max = option_tokens(constraints.max_length);
    let rule = match (constraints.min_length, constraints.max_length) {
        (Some(min), Some(max)) if min == max => format!(" Exactly {min} characters long."),
        (Some(min), Some(max)) => format!(" Between {min} and {max} characters long."),
        (Some(min), None) => format!(" At least {min} characters long."),
        (None, Some(max)) => format!(" At most {max} characters long."),
        (None, None) => String::new(),
    };
    quote! {
        #doc
        ///
        #[doc = #rule]
        /// Checked on construction and when decoding a response.
        #cfg
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct #name(String);

        #cfg
        crate::strings::constrained_string!(#name, #min, #max);
    }
}

fn option_tokens(value: Option<usize>) -> TokenStream {
    match value {
        Some(value) => {
            let value = proc_macro2::Literal::usize_unsuffixed(value);
            quote!(Some(#value))
        }
        None => quote!(None),
    }
}

/// A union: its definition, then its serde impls from the runtime's
/// `union::one_of!`, given how the variant is chosen and told the
/// direction the type travels in (the macro compiles the other one with
/// the `mock` feature, as structs' impls are).
fn union_def(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    union: &Union,
    usage: &Usage,
    cfg: &TokenStream,
) -> TokenStream {
    let variants = &union.variants;
    if variants.is_empty() {
        return quote! {
            #cfg
            #doc
            pub type #name = serde_json::Value;
        };
    }
    let variant_names: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let tagged_by = match &union.selection {
        Selection::Discriminator { property } | Selection::Tag { property } => Some(property),
        Selection::Trial { .. } => None,
    };
    let variant_items = variants.iter().zip(&variant_names).map(|(variant, name)| {
        let ty = type_ref(&variant.ty);
        let tag_doc = tagged_by.map(|property| {
            let values: Vec<String> = variant.tags.iter().map(|t| format!("`{t}`")).collect();
            let text = format!(" `{property}`: {}", values.join(", "));
            quote!(#[doc = #text])
        });
        quote!(#tag_doc #name(#ty),)
    });
    let direction = match (usage.request, usage.response) {
        (true, false) => quote!(sent),
        (false, true) => quote!(received),
        (true, true) => quote!(both),
        (false, false) => quote!(mock),
    };
    let (selection, rule) = match &union.selection {
        Selection::Discriminator { property } | Selection::Tag { property } => {
            let entries = variants.iter().zip(&variant_names).map(|(variant, name)| {
                let tags = &variant.tags;
                // How the variant counts the input's members when this union
                // is itself a variant being tried (`union::Declares`).
                let fit = match &variant.fit {
                    Fit::Object { .. } => quote!(object),
                    Fit::Union => quote!(union),
                    Fit::Known | Fit::Any => quote!(any),
                };
                quote!(#name ( #( #tags )|* ; #fit ))
            });
            let rule =
                format!(" Decoding reads the member `{property}`, whose value names the variant.");
            (quote!(tag #property { #( #entries ),* }), rule)
        }
        Selection::Trial { .. } => {
            let entries = variants.iter().zip(&variant_names).map(|(variant, name)| {
                let fit = match &variant.fit {
                    Fit::Object { pins } => {
                        let pins = pins.iter().map(|pin| {
                            let (member, value) = (&pin.wire_name, &pin.value);
                            quote!(#member = #value)
                        });
                        quote!(object [ #( #pins ),* ])
                    }
                    Fit::Known => quote!(known),
                    Fit::Union => quote!(union),
                    Fit::Any if holds_number(&variant.ty) => quote!(number),
                    Fit::Any => quote!(any),
                };
                quote!(#name ( #fit ))
            });
            let rule =
                " Decoding tries each variant; of those that fit, the one declaring most of \
                        the input's members wins, the first on a tie."
                    .to_string();
            (quote!(trial { #( #entries ),* }), rule)
        }
    };
    let (unknown_item, unknown_arg, unknown_doc) = match &union.unknown {
        Some(unknown) => {
            let unknown = ident(unknown);
            (
                Some(quote! {
                    /// A value no variant recognises (a kind of item newer than
                    /// this client), kept as it came and written back unchanged.
                    #unknown(serde_json::Value),
                }),
                Some(quote!(, unknown #unknown)),
                Some(quote!(#[doc = " An input no variant recognises is kept in `Unknown`."])),
            )
        }
        None => (None, None, None),
    };
    quote! {
        #doc
        ///
        #[doc = #rule]
        #unknown_doc
        #cfg
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #( #variant_items )*
            #unknown_item
        }

        #cfg
        crate::union::one_of!(#name { #selection #unknown_arg }, #direction);
    }
}

fn params_struct(params: &ParamsStruct, method_name: &str) -> TokenStream {
    let name = ident(&params.name);
    let all_optional = params.fields.iter().all(|f| !f.required);
    let default = all_optional.then(|| quote!(Default,));
    let fields = params.fields.iter().map(|param| {
        let field_name = ident(&param.name);
        let ty = type_ref(&param.ty);
        let ty = if param.required {
            ty
        } else {
            quote!(Option<#ty>)
        };
        let field_doc = doc_or_wire(param.doc.as_deref(), &param.wire_name);
        quote! {
            #field_doc
            pub #field_name: #ty,
        }
    });
    let doc = format!(
        " Query and header parameters of [`crate::Client::{}`].",
        method_name
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, #default PartialEq)]
        pub struct #name {
            #( #fields )*
        }
    }
}
