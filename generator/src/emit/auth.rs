//! `auth.rs`: what the client's credentials are for this spec — one
//! optional secret per security scheme, the `Scheme` enum the runtime's
//! `security.rs` places on requests, the per-scheme setters of
//! `ClientBuilder`, and the constructors that depend on the schemes
//! (`Client::new` for a bearer token, `Client::from_env`).
//!
//! The runtime relies on `Credentials::{secret, is_empty}` and
//! `Scheme::{key, placement}`; `generator/runtime/src/stand_in/auth.rs` is
//! the hand-written example of this file the runtime is tested against.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, ident};
use crate::model::{ApiKeyLocation, Model, SecurityKind, SecurityScheme};
use crate::naming::ENV_VAR_RULE;

pub fn emit(model: &Model) -> TokenStream {
    let schemes = &model.auth.schemes;
    let credentials = credentials(schemes);
    let scheme_enum = scheme_enum(schemes);
    let builder_setters: Vec<TokenStream> = schemes.iter().map(builder_setter).collect();
    let builder_setters = (!builder_setters.is_empty()).then(|| {
        quote! {
            impl ClientBuilder {
                #( #builder_setters )*
            }
        }
    });
    let constructors = constructors(model);
    let requirements = requirements(model);
    // Only credentials hold secrets and only schemes have builder setters;
    // a spec without schemes has neither.
    let scheme_imports = (!schemes.is_empty()).then(|| {
        quote! {
            use crate::client::ClientBuilder;
            use crate::security::Secret;
        }
    });
    quote! {
        //! Credentials for the spec's security schemes, and the client
        //! constructors that depend on them.

        use std::fmt;

        use crate::client::Client;
        use crate::error::Error;
        use crate::security::Placement;
        #scheme_imports

        #credentials
        #scheme_enum
        #( #requirements )*

        #builder_setters
        #constructors
    }
}

fn credentials(schemes: &[SecurityScheme]) -> TokenStream {
    let fields: Vec<_> = schemes.iter().map(|s| ident(&s.rust_name)).collect();
    let field_docs = schemes.iter().map(scheme_doc);
    let keys: Vec<&str> = schemes.iter().map(|s| s.key.as_str()).collect();
    let setters = schemes.iter().map(|scheme| {
        let field = ident(&scheme.rust_name);
        let doc = scheme_doc(scheme);
        if scheme.kind == SecurityKind::Basic {
            quote! {
                #doc
                pub fn #field(mut self, user: impl AsRef<str>, password: impl AsRef<str>) -> Self {
                    let encoded = crate::security::basic_credentials(user.as_ref(), password.as_ref());
                    self.#field = Some(Secret::new(encoded));
                    self
                }
            }
        } else {
            quote! {
                #doc
                pub fn #field(mut self, value: impl Into<String>) -> Self {
                    self.#field = Some(Secret::new(value.into()));
                    self
                }
            }
        }
    });
    let variants: Vec<_> = schemes.iter().map(|s| ident(&s.variant)).collect();
    let all_none = if fields.is_empty() {
        quote!(true)
    } else {
        quote!(#( self.#fields.is_none() )&&*)
    };
    quote! {
        /// Credentials, one optional value per security scheme of the spec.
        /// `Debug` shows which are set, never their values.
        #[derive(Clone, Default)]
        pub struct Credentials {
            #( #field_docs #fields: Option<Secret>, )*
        }

        impl Credentials {
            pub fn new() -> Self {
                Self::default()
            }

            #( #setters )*

            /// Whether no credential is set.
            pub fn is_empty(&self) -> bool {
                #all_none
            }

            pub(crate) fn secret(&self, scheme: Scheme) -> Option<&str> {
                match scheme {
                    #( Scheme::#variants => self.#fields.as_ref().map(Secret::expose), )*
                }
            }
        }

        impl fmt::Debug for Credentials {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Credentials")
                    #( .field(#keys, &self.#fields) )*
                    .finish()
            }
        }
    }
}

/// One constant per distinct security requirement of the operations, so
/// that a method names its requirement instead of spelling it out. Each
/// is dead code when its operations' groups are disabled.
fn requirements(model: &Model) -> Vec<TokenStream> {
    model
        .auth
        .requirements
        .iter()
        .map(|requirement| {
            let name = ident(&requirement.name);
            let groups = requirement_groups(model, &requirement.groups, &quote!(Scheme));
            quote! {
                #[allow(dead_code)]
                pub(crate) const #name: &[&[Scheme]] = #groups;
            }
        })
        .collect()
}

/// `&[&[Scheme::A, Scheme::B], &[Scheme::C]]`: OR of AND-groups of the
/// schemes named by their `rust_name`, `path` the path of the enum.
pub fn requirement_groups(
    model: &Model,
    groups: &[Vec<String>],
    path: &TokenStream,
) -> TokenStream {
    let groups = groups.iter().map(|group| {
        let schemes = group
            .iter()
            .filter_map(|name| model.auth.schemes.iter().find(|s| &s.rust_name == name))
            .map(|scheme| {
                let variant = ident(&scheme.variant);
                quote!(#path::#variant)
            });
        quote!(&[ #( #schemes ),* ])
    });
    quote!(&[ #( #groups ),* ])
}

fn scheme_enum(schemes: &[SecurityScheme]) -> TokenStream {
    let variants: Vec<_> = schemes.iter().map(|s| ident(&s.variant)).collect();
    let keys = schemes.iter().map(|s| s.key.as_str());
    let placements = schemes.iter().map(|s| match &s.kind {
        SecurityKind::Bearer => quote!(Placement::Bearer),
        SecurityKind::Basic => quote!(Placement::Basic),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Header,
            name,
        } => quote!(Placement::Header(#name)),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Query,
            name,
        } => quote!(Placement::Query(#name)),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Cookie,
            name,
        } => quote!(Placement::Cookie(#name)),
    });
    let v2 = variants.clone();
    quote! {
        /// A security scheme of the spec. Operations may use only some.
        // Variants are the spec's scheme names, which often share a word
        // (`api_email`, `api_key`, `api_token`).
        #[allow(dead_code, clippy::enum_variant_names)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum Scheme {
            #( #variants, )*
        }

        impl Scheme {
            /// The scheme's name in the spec.
            pub(crate) fn key(self) -> &'static str {
                match self {
                    #( Self::#variants => #keys, )*
                }
            }

            pub(crate) fn placement(self) -> Placement {
                match self {
                    #( Self::#v2 => #placements, )*
                }
            }
        }
    }
}

fn scheme_doc(scheme: &SecurityScheme) -> TokenStream {
    let placement = match &scheme.kind {
        SecurityKind::Bearer => "Sent as `Authorization: Bearer <value>`.".to_string(),
        SecurityKind::Basic => "HTTP Basic: sent as `Authorization: Basic <user:password in \
                                base64>`, encoded by the client."
            .to_string(),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Header,
            name,
        } => format!("Sent in the `{name}` header."),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Query,
            name,
        } => format!("Sent as the `{name}` query parameter."),
        SecurityKind::ApiKey {
            location: ApiKeyLocation::Cookie,
            name,
        } => format!("Sent as the `{name}` cookie."),
    };
    if scheme.implied {
        return doc(Some(&format!(
            "A bearer token, sent as `Authorization: Bearer <value>` with every request once set \
             and otherwise not at all: the spec declares no security scheme, and APIs without \
             one often take a token (`{}` in `Client::from_env`).",
            scheme.env_var
        )));
    }
    let text = match &scheme.doc {
        Some(description) => format!(
            "{description}\n\n{placement} Security scheme `{}`.",
            scheme.key
        ),
        None => format!("{placement} Security scheme `{}`.", scheme.key),
    };
    doc(Some(&text))
}

fn builder_setter(scheme: &SecurityScheme) -> TokenStream {
    let setter = ident(&scheme.rust_name);
    let doc = scheme_doc(scheme);
    if scheme.kind == SecurityKind::Basic {
        return quote! {
            #doc
            pub fn #setter(mut self, user: impl AsRef<str>, password: impl AsRef<str>) -> Self {
                self.credentials = self.credentials.#setter(user, password);
                self
            }
        };
    }
    quote! {
        #doc
        pub fn #setter(mut self, value: impl Into<String>) -> Self {
            self.credentials = self.credentials.#setter(value);
            self
        }
    }
}

/// `Client::new` (when a scheme is a bearer token), `from_env` and
/// `from_env_with`: the reserved method names lowering keeps free
/// (`lower::operations::CLIENT_METHODS`) include these.
fn constructors(model: &Model) -> TokenStream {
    let schemes = &model.auth.schemes;
    let base_url_var = format!("{}_BASE_URL", model.auth.env_prefix);
    let env_reads = schemes.iter().map(|scheme| {
        let setter = ident(&scheme.rust_name);
        let var = &scheme.env_var;
        let set = if scheme.kind == SecurityKind::Basic {
            // `user:password`, as `curl -u` takes it; no colon: all user.
            quote! {
                let (user, password) = value.split_once(':').unwrap_or((&value, ""));
                builder = builder.#setter(user, password);
            }
        } else {
            quote!(builder = builder.#setter(value);)
        };
        quote! {
            if let Some(value) = lookup(#var).filter(|v| !v.is_empty()) {
                #set
            }
        }
    });
    let env_vars_doc: Vec<String> = schemes
        .iter()
        .map(|s| {
            let form = if s.kind == SecurityKind::Basic {
                " (`user:password`, not encoded; without a `:` all of it is the user)"
            } else {
                ""
            };
            if s.implied {
                format!(" - `{}`: a bearer token (optional)", s.env_var)
            } else {
                format!(" - `{}`: {}{form}", s.env_var, s.key)
            }
        })
        .collect();
    let base_url_doc = format!(" - `{base_url_var}`: the base URL (optional)");
    let rule_doc = format!(" {ENV_VAR_RULE}");
    let credential_vars = schemes
        .iter()
        .map(|s| s.env_var.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // A spec without security schemes needs no credentials at all (its
    // implied token is optional).
    let declared = schemes.iter().any(|s| !s.implied);
    let require_credentials = declared.then(|| {
        let missing_env = format!("none of {credential_vars} is set");
        quote! {
            if builder.credentials.is_empty() {
                return Err(Error::Config(#missing_env.to_string()));
            }
        }
    });
    let new_fn = schemes
        .iter()
        .find(|s| s.kind == SecurityKind::Bearer)
        .map(|bearer| {
            let setter = ident(&bearer.rust_name);
            let doc = format!(
                " A client that authenticates with a bearer token (`{}`).",
                bearer.key
            );
            quote! {
                #[doc = #doc]
                pub fn new(#setter: impl Into<String>) -> Result<Self, Error> {
                    Self::builder().#setter(#setter).build()
                }
            }
        });
    quote! {
        impl Client {
            #new_fn

            /// A client configured from the environment, one variable per
            /// security scheme of the spec:
            #( #[doc = #env_vars_doc] )*
            #[doc = #base_url_doc]
            ///
            #[doc = #rule_doc]
            pub fn from_env() -> Result<Self, Error> {
                Self::from_env_with(|name| std::env::var(name).ok())
            }

            /// Like [`Client::from_env`], reading variables through `lookup`.
            pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
                let mut builder = Self::builder();
                #( #env_reads )*
                #require_credentials
                if let Some(base_url) = lookup(#base_url_var).filter(|v| !v.is_empty()) {
                    builder = builder.base_url(base_url);
                }
                builder.build()
            }
        }
    }
}
