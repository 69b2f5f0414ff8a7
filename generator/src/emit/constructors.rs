//! Constructors of the types users build and send: request bodies (model
//! structs a request reaches), multipart forms and parameter structs, one
//! design for all three.
//!
//! - A type whose members are all optional derives `Default`, as before:
//!   `Type::default()` is its constructor.
//! - Any other gets `new(..)` taking the members that must be given, in
//!   alphabetical order of their Rust names (an order that depends only on
//!   which members are required, so reordering the spec's properties never
//!   reorders the arguments: two strings swapping places would still
//!   compile). A string is taken as `impl Into<String>`, a boxed member
//!   unboxed. A required member the spec pins to one value (a one-value
//!   `enum` or `const`, like a chat message's `role`) is no argument:
//!   `new` fills it in. Every optional member starts unset.
//! - A type with [`SETTERS_FROM`] optional members or more (OpenAI's chat
//!   request has 35) also gets a chainable setter per optional member,
//!   taking the value itself (not the `Option`; a `Nullable` member's
//!   setter sends the value, `null` is written to the field as
//!   `Nullable::Null`): `.temperature(0.2)`. Setters are named by
//!   `naming::setter_names`.
//! - Fields stay public: a smaller type is written as a literal ending in
//!   `..Type::new(..)` or `..Default::default()`, which costs no code.
//! - A sent union is `From` each variant's type (and `&str` for its string
//!   variant), and `new` and setters take a union as `impl Into<Union>`:
//!   `"gpt-4o"` and `message.into()` pick their variant.
//!
//! Setters on every type would be the most uniform, but each is an item
//! the compiler keeps for the whole check: on the full Cloudflare spec
//! (5,820 setters on 1,074 types) they added 8 % to the peak memory of
//! `cargo check`; from 12 optional members on, 1,520 setters on 102 types
//! cost 1.5 % (figures in `generator/LARGE_SPECS.md`).

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, type_ref};
use crate::model::{Field, Form, Model, ParamsStruct, PartKind, TypeKind, TypeRef, Union};
use crate::naming;

/// How many optional members a type needs for setters: below it, a struct
/// literal with `..Type::new(..)` is short anyway, and setters would cost
/// compile time on large specs for little.
pub const SETTERS_FROM: usize = 12;

/// A member of a type being built, as its constructor and setter see it.
struct Member {
    /// The Rust field name.
    name: String,
    /// The wire name, for docs.
    wire_name: String,
    /// The type a caller gives (no `Option`, `Nullable` or `Box` around it).
    ty: TokenStream,
    take: Take,
    slot: Slot,
}

/// How a given value becomes the field's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Take {
    /// As it is.
    Plain,
    /// `impl Into<T>`, converted: a `String`, or a union sent (which is
    /// `From` each of its variants' types, [`union_conversions`]).
    Into,
    /// Given unboxed, boxed.
    Boxed,
}

enum Slot {
    /// An argument of `new`.
    Required,
    /// Filled in by `new` with this value, the only one the spec allows.
    Pinned { value: TokenStream, shown: String },
    /// `Option<T>`: `None` until set.
    Optional,
    /// `Nullable<T>`: absent until set.
    ThreeState,
    /// `Vec<T>` of parts: empty until set.
    Repeated,
}

/// What a caller gives for a use of a type.
fn given(model: &Model, ty: &TypeRef) -> (TokenStream, Take) {
    match ty {
        TypeRef::String => (quote!(String), Take::Into),
        TypeRef::Named { name, boxed: true } => {
            let name = ident(name);
            (quote!(crate::models::#name), Take::Boxed)
        }
        TypeRef::Named { name, .. } if is_union(model, name) => (type_ref(ty), Take::Into),
        ty => (type_ref(ty), Take::Plain),
    }
}

/// A union with variants (one without is `serde_json::Value`).
fn is_union(model: &Model, name: &str) -> bool {
    model.definition(name).is_some_and(
        |def| matches!(&def.kind, TypeKind::Union(union) if !union.variants.is_empty()),
    )
}

/// The one value a required member of this type can hold: a one-value
/// enum's variant, or `()` for `null`.
fn pinned(model: &Model, ty: &TypeRef) -> Option<(TokenStream, String)> {
    match ty {
        TypeRef::Null => Some((quote!(()), "null".to_string())),
        TypeRef::Named { name, boxed: false } => match &model.definition(name)?.kind {
            TypeKind::Enum(variants) if variants.len() == 1 => {
                let (type_name, variant) = (ident(name), ident(&variants[0].name));
                Some((
                    quote!(crate::models::#type_name::#variant),
                    variants[0].wire_value.clone(),
                ))
            }
            _ => None,
        },
        _ => None,
    }
}

/// A required member: pinned if its type allows one value, else an argument.
fn required(model: &Model, ty: &TypeRef) -> (TokenStream, Take, Slot) {
    if let Some((value, shown)) = pinned(model, ty) {
        return (type_ref(ty), Take::Plain, Slot::Pinned { value, shown });
    }
    let (given, take) = given(model, ty);
    (given, take, Slot::Required)
}

/// The constructor and setters of a sent model struct (whose not-required
/// nullable fields are `Nullable`); `unknown_members` is the field keeping
/// undeclared members when the struct is also received, empty at first.
pub fn model_struct(
    model: &Model,
    name: &str,
    fields: &[Field],
    unknown_members: Option<&str>,
    cfg: &TokenStream,
) -> TokenStream {
    let members = fields
        .iter()
        .map(|field| {
            let (ty, take, slot) = if field.optional {
                let inner = match &field.ty {
                    TypeRef::Nullable(inner) => inner.as_ref(),
                    ty => ty,
                };
                let (ty, take) = given(model, inner);
                let slot = if field.three_state {
                    Slot::ThreeState
                } else {
                    Slot::Optional
                };
                (ty, take, slot)
            } else {
                required(model, &field.ty)
            };
            Member {
                name: field.name.clone(),
                wire_name: field.wire_name.clone(),
                ty,
                take,
                slot,
            }
        })
        .collect();
    let extra = unknown_members.map(|members| {
        let members = ident(members);
        quote!(#members: serde_json::Map::new(),)
    });
    impl_block(name, members, extra, cfg)
}

/// The constructor and setters of an operation's parameter struct.
pub fn params(model: &Model, params: &ParamsStruct) -> TokenStream {
    let members = params
        .fields
        .iter()
        .map(|param| {
            let (ty, take, slot) = if param.required {
                required(model, &param.ty)
            } else {
                let (ty, take) = given(model, &param.ty);
                (ty, take, Slot::Optional)
            };
            Member {
                name: param.name.clone(),
                wire_name: param.wire_name.clone(),
                ty,
                take,
                slot,
            }
        })
        .collect();
    impl_block(&params.name, members, None, &TokenStream::new())
}

/// The constructor and setters of a multipart form: a part sent several
/// times (a `Vec`) starts empty like an optional one.
pub fn form(model: &Model, form: &Form) -> TokenStream {
    let members = form
        .parts
        .iter()
        .map(|part| {
            let (ty, take, slot) = match &part.kind {
                PartKind::File if part.optional => {
                    (quote!(crate::FilePart), Take::Plain, Slot::Optional)
                }
                PartKind::File => (quote!(crate::FilePart), Take::Plain, Slot::Required),
                PartKind::Files => (quote!(Vec<crate::FilePart>), Take::Plain, Slot::Repeated),
                PartKind::NamedFiles => (
                    quote!(Vec<(String, crate::FilePart)>),
                    Take::Plain,
                    Slot::Repeated,
                ),
                PartKind::Texts(item) => {
                    let item = type_ref(item);
                    (quote!(Vec<#item>), Take::Plain, Slot::Repeated)
                }
                PartKind::Text(ty) | PartKind::Json(ty) if part.optional => {
                    let (ty, take) = given(model, ty);
                    (ty, take, Slot::Optional)
                }
                PartKind::Text(ty) | PartKind::Json(ty) => required(model, ty),
            };
            Member {
                name: part.name.clone(),
                wire_name: part.wire_name.clone(),
                ty,
                take,
                slot,
            }
        })
        .collect();
    impl_block(&form.name, members, None, &TokenStream::new())
}

/// `impl Name { new, setters }`: `new` only when some member is required
/// or pinned (otherwise the type derives `Default`), nothing at all when
/// there is neither a constructor nor a setter to write.
fn impl_block(
    type_name: &str,
    members: Vec<Member>,
    extra: Option<TokenStream>,
    cfg: &TokenStream,
) -> TokenStream {
    let constructor = constructor(&members, extra);
    let setter_names = naming::setter_names(members.iter().map(|m| m.name.as_str()));
    let optional = members
        .iter()
        .filter(|m| matches!(m.slot, Slot::Optional | Slot::ThreeState | Slot::Repeated))
        .count();
    let setters: Vec<TokenStream> = if optional < SETTERS_FROM {
        Vec::new()
    } else {
        members
            .iter()
            .zip(setter_names)
            .filter_map(|(member, setter)| setter_method(member, &setter?))
            .collect()
    };
    if constructor.is_none() && setters.is_empty() {
        return TokenStream::new();
    }
    let name = ident(type_name);
    quote! {
        #cfg
        impl #name {
            #constructor
            #( #setters )*
        }
    }
}

fn constructor(members: &[Member], extra: Option<TokenStream>) -> Option<TokenStream> {
    let needs_new = members
        .iter()
        .any(|m| matches!(m.slot, Slot::Required | Slot::Pinned { .. }));
    if !needs_new {
        return None;
    }
    let mut arguments: Vec<&Member> = members
        .iter()
        .filter(|m| matches!(m.slot, Slot::Required))
        .collect();
    arguments.sort_by(|a, b| a.name.cmp(&b.name));
    let declarations = arguments.iter().map(|member| {
        let name = ident(&member.name);
        let ty = &member.ty;
        match member.take {
            Take::Into => quote!(#name: impl Into<#ty>),
            Take::Plain | Take::Boxed => quote!(#name: #ty),
        }
    });
    let fields = members.iter().map(|member| {
        let name = ident(&member.name);
        let value = match &member.slot {
            // Shorthand, as Clippy wants it.
            Slot::Required if member.take == Take::Plain => return quote!(#name,),
            Slot::Required => match member.take {
                Take::Plain => quote!(#name),
                Take::Into => quote!(#name.into()),
                Take::Boxed => quote!(Box::new(#name)),
            },
            Slot::Pinned { value, .. } => value.clone(),
            Slot::Optional => quote!(None),
            Slot::ThreeState => quote!(crate::Nullable::Absent),
            Slot::Repeated => quote!(Vec::new()),
        };
        quote!(#name: #value,)
    });
    let mut doc = if arguments.is_empty() {
        " Builds the value with every optional member unset.".to_string()
    } else {
        let names: Vec<String> = arguments.iter().map(|m| format!("`{}`", m.name)).collect();
        format!(
            " Builds the value from its required members ({}, in alphabetical order), every optional member unset.",
            names.join(", ")
        )
    };
    for member in members {
        if let Slot::Pinned { shown, .. } = &member.slot {
            doc.push_str(&format!(
                " `{}` is `{shown}`, the one value the spec allows.",
                member.wire_name
            ));
        }
    }
    let lints = match arguments.len() {
        0 => Some(quote!(#[allow(clippy::new_without_default)])),
        8.. => Some(quote!(#[allow(clippy::too_many_arguments)])),
        _ => None,
    };
    Some(quote! {
        #[doc = #doc]
        #lints
        pub fn new( #( #declarations ),* ) -> Self {
            Self { #( #fields )* #extra }
        }
    })
}

fn setter_method(member: &Member, setter: &str) -> Option<TokenStream> {
    let field = ident(&member.name);
    let setter = ident(setter);
    let ty = &member.ty;
    let (declaration, value) = match member.take {
        Take::Plain => (quote!(#field: #ty), quote!(#field)),
        Take::Into => (quote!(#field: impl Into<#ty>), quote!(#field.into())),
        Take::Boxed => (quote!(#field: #ty), quote!(Box::new(#field))),
    };
    let stored = match member.slot {
        Slot::Required | Slot::Pinned { .. } => return None,
        Slot::Optional => quote!(Some(#value)),
        Slot::ThreeState => quote!(crate::Nullable::Value(#value)),
        Slot::Repeated => value,
    };
    let doc = format!(" Sets `{}`.", member.wire_name);
    Some(quote! {
        #[doc = #doc]
        pub fn #setter(mut self, #declaration) -> Self {
            self.#field = #stored;
            self
        }
    })
}

/// `From` impls building a sent union from each variant's value, so that
/// `"gpt-4o".into()` or `message.into()` picks the variant: one per
/// variant whose type no other variant has (aliases resolved), plus
/// `From<&str>` for the `String` variant. Variants sharing a type, and a
/// `null` one, are built by naming them.
pub fn union_conversions(
    model: &Model,
    name: &str,
    union: &Union,
    cfg: &TokenStream,
) -> TokenStream {
    let types: Vec<TypeRef> = union
        .variants
        .iter()
        .map(|variant| canonical(model, &variant.ty))
        .collect();
    let union_name = ident(name);
    let own = canonical(
        model,
        &TypeRef::Named {
            name: name.to_string(),
            boxed: false,
        },
    );
    let impls = union
        .variants
        .iter()
        .zip(&types)
        .filter_map(|(variant, ty)| {
            let unique = types.iter().filter(|other| *other == ty).count() == 1;
            if !unique || matches!(ty, TypeRef::Null) || *ty == own {
                return None;
            }
            let variant_name = ident(&variant.name);
            let from_str = (*ty == TypeRef::String).then(|| {
                quote! {
                    #cfg
                    impl From<&str> for #union_name {
                        fn from(value: &str) -> Self {
                            Self::#variant_name(value.to_string())
                        }
                    }
                }
            });
            let (given, value) = match &variant.ty {
                TypeRef::Named { name, boxed: true } => {
                    let name = ident(name);
                    (quote!(crate::models::#name), quote!(Box::new(value)))
                }
                ty => (type_ref(ty), quote!(value)),
            };
            Some(quote! {
                #cfg
                impl From<#given> for #union_name {
                    fn from(value: #given) -> Self {
                        Self::#variant_name(#value)
                    }
                }
                #from_str
            })
        });
    quote!( #( #impls )* )
}

/// A type with every alias resolved to what it names, and boxes ignored:
/// two variants of one canonical type would make two `From` impls of one
/// type.
fn canonical(model: &Model, ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Named { name, .. } => TypeRef::Named {
            name: model
                .definition(name)
                .map_or(name.as_str(), |def| def.name.as_str())
                .to_string(),
            boxed: false,
        },
        TypeRef::Array(item) => TypeRef::Array(Box::new(canonical(model, item))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(canonical(model, value))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(canonical(model, inner))),
        ty => ty.clone(),
    }
}
