//! `resources.rs`, for a crate of resource names: one handle type per
//! resource (`AccountGatewayAppTypes`) and the accessors that lead to it
//! from the client (`client.account(id).gateway().app_types()`). A handle
//! holds a clone of the client and, under a scope, the scope's path
//! argument; the operations' methods are on the handles, each in its
//! group's `operations/<group>.rs`. A handle exists when one of the groups
//! of the operations under it is enabled.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use crate::model::{Model, Operation, PathSegment, ResourceHandle};
use crate::naming::resource::scope_argument;

pub fn emit(model: &Model) -> TokenStream {
    let features = Features::new(model);
    let mut accessors: BTreeMap<Option<usize>, Vec<TokenStream>> = BTreeMap::new();
    let mut structs = Vec::new();
    for handle in &model.handles {
        let cfg = features.cfg(handle);
        let name = ident(&handle.type_name);
        let scope_field = handle.scope.as_ref().map(|_| {
            quote! {
                /// The scope's path argument.
                pub(crate) scope: std::sync::Arc<str>,
            }
        });
        let doc = format!(" {}", handle_doc(model, handle));
        structs.push(quote! {
            #[doc = #doc]
            #cfg
            #[derive(Clone, Debug)]
            pub struct #name {
                pub(crate) client: crate::Client,
                #scope_field
            }
        });
        let parent = parent_of(model, handle);
        accessors
            .entry(parent)
            .or_default()
            .push(accessor(model, handle, parent.is_none(), &cfg));
    }
    let impls = accessors.into_iter().map(|(parent, accessors)| {
        let parent = parent.map(|index| &model.handles[index]);
        let target = match parent {
            Some(parent) => {
                let name = ident(&parent.type_name);
                quote!(#name)
            }
            None => quote!(crate::Client),
        };
        let cfg = parent.map(|parent| features.cfg(parent));
        quote! {
            #cfg
            impl #target {
                #( #accessors )*
            }
        }
    });
    quote! {
        #![doc = " The resource handles of the client: each resource's operations are its methods."]

        #( #structs )*
        #( #impls )*
    }
}

/// The handle (by index) `handle` is reached from; `None` for the client.
fn parent_of(model: &Model, handle: &ResourceHandle) -> Option<usize> {
    let (scope, chain) = match handle.chain.split_last() {
        Some((_, rest)) => (handle.scope.as_ref(), rest),
        // A scope's handle is reached from the client.
        None => return None,
    };
    if scope.is_none() && chain.is_empty() {
        return None;
    }
    model
        .handles
        .iter()
        .position(|other| other.scope.as_ref() == scope && other.chain == chain)
}

/// The accessor leading to `handle` from its parent (or the client).
fn accessor(
    model: &Model,
    handle: &ResourceHandle,
    from_client: bool,
    cfg: &Option<TokenStream>,
) -> TokenStream {
    let ty = ident(&handle.type_name);
    let client = if from_client {
        quote!(<crate::Client as Clone>::clone(self))
    } else {
        quote!(<crate::Client as Clone>::clone(&self.client))
    };
    let doc = format!(" {}", handle_doc(model, handle));
    match (&handle.scope, handle.chain.last()) {
        (Some(scope), None) => {
            let name = ident(scope);
            let argument = ident(&scope_argument(scope));
            quote! {
                #[doc = #doc]
                #cfg
                pub fn #name(&self, #argument: impl AsRef<str>) -> #ty {
                    #ty {
                        client: #client,
                        scope: std::sync::Arc::from(#argument.as_ref()),
                    }
                }
            }
        }
        (scope, last) => {
            let name = ident(last.map_or("", String::as_str));
            let scope = scope
                .as_ref()
                .map(|_| quote!(scope: std::sync::Arc::clone(&self.scope),));
            quote! {
                #[doc = #doc]
                #cfg
                pub fn #name(&self) -> #ty {
                    #ty {
                        client: #client,
                        #scope
                    }
                }
            }
        }
    }
}

/// What a handle's docs say: how it is reached and which paths it covers.
fn handle_doc(model: &Model, handle: &ResourceHandle) -> String {
    let mut reach = String::from("client");
    if let Some(scope) = &handle.scope {
        reach.push_str(&format!(".{scope}({})", scope_argument(scope)));
    }
    for part in &handle.chain {
        reach.push_str(&format!(".{part}()"));
    }
    let under = operations_under(model, handle).next().map(|op| {
        let prefix = scope_prefix(op);
        match prefix {
            Some(prefix) if handle.chain.is_empty() => {
                format!(": the operations under `{prefix}`, the path argument bound")
            }
            _ => String::new(),
        }
    });
    format!("`{reach}`{}.", under.unwrap_or_default())
}

/// `/accounts/{account_id}`: the first two segments of a scoped path.
fn scope_prefix(op: &Operation) -> Option<String> {
    let literal = match op.path_segments.first()? {
        PathSegment::Literal(text) => text,
        PathSegment::Template(_) => return None,
    };
    let variable = &op.path_params[op.resource.as_ref()?.bound?];
    Some(format!("/{literal}/{{{}}}", variable.wire_name))
}

fn operations_under<'m>(
    model: &'m Model,
    handle: &'m ResourceHandle,
) -> impl Iterator<Item = &'m Operation> {
    model.operations.iter().filter(move |op| {
        op.resource.as_ref().is_some_and(|resource| {
            resource.name.scope == handle.scope && resource.name.chain.starts_with(&handle.chain)
        })
    })
}

/// The cargo features a handle is compiled with: those of the groups of
/// the operations under it (none when that is every group).
struct Features<'m> {
    model: &'m Model,
    by_module: BTreeMap<&'m str, &'m str>,
}

impl<'m> Features<'m> {
    fn new(model: &'m Model) -> Self {
        let by_module = model
            .groups
            .iter()
            .map(|group| (group.module.as_str(), group.feature.as_str()))
            .collect();
        Self { model, by_module }
    }

    fn cfg(&self, handle: &ResourceHandle) -> Option<TokenStream> {
        let features: BTreeSet<&str> = operations_under(self.model, handle)
            .filter_map(|op| self.by_module.get(op.group.as_str()).copied())
            .collect();
        if features.len() == self.by_module.len() {
            return None;
        }
        if let [feature] = features.iter().collect::<Vec<_>>()[..] {
            return Some(quote!(#[cfg(feature = #feature)]));
        }
        let features = features.into_iter();
        Some(quote!(#[cfg(any( #( feature = #features ),* ))]))
    }
}
