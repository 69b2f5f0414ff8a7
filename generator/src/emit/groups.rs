//! `groups/<module>.rs`: one file per API group, behind its cargo feature,
//! holding the group's own types, parameter structs and client methods.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Group, Model};

pub fn emit(model: &Model, group: &Group) -> TokenStream {
    let title = format!(
        " API group `{}` (cargo feature `{}`): its operations and the types only they use.",
        group.title, group.feature
    );
    let items = super::models::group_items(model, &group.module);
    let methods = super::operations::group_methods(model, &group.module);
    quote! {
        #![doc = #title]

        #items
        #methods
    }
}
