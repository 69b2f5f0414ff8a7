//! How a paginated operation walks its pages, in the generated code: the
//! `Paging` descriptor its method passes the runtime, the line its doc
//! says, and `PageItems` for a list object, so `.items()` yields the
//! items of its array member.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, type_ref};
use crate::model::{
    Field, Model, NextPage, Pagination, PagingStyle, ResponseKind, TypeDef, TypeKind, TypeRef,
};

/// `crate::pagination::Paging { .. }`: static data the runtime follows.
pub fn descriptor(pagination: &Pagination) -> TokenStream {
    let items = json_path(&pagination.items);
    let has_more = option(pagination.has_more.as_deref().map(json_path));
    let page_size = option(pagination.page_size.as_deref().map(|name| quote!(#name)));
    let next = match &pagination.next {
        NextPage::Page {
            param,
            page,
            next,
            last,
            per_page,
        } => {
            let [page, next, last, per_page] =
                [page, next, last, per_page].map(|path| option(path.as_deref().map(json_path)));
            quote!(crate::pagination::Next::Page {
                param: #param,
                page: #page,
                next: #next,
                last: #last,
                per_page: #per_page,
            })
        }
        NextPage::Token { at, param } => {
            let at = json_path(at);
            quote!(crate::pagination::Next::Token { at: #at, param: #param })
        }
        NextPage::LastItem { field, param } => {
            quote!(crate::pagination::Next::LastItem { field: #field, param: #param })
        }
        NextPage::Url { at } => {
            let at = json_path(at);
            quote!(crate::pagination::Next::Url { at: #at })
        }
        NextPage::LinkHeader => quote!(crate::pagination::Next::LinkHeader),
    };
    quote! {
        crate::pagination::Paging {
            items: #items,
            has_more: #has_more,
            page_size: #page_size,
            next: #next,
        }
    }
}

fn json_path(path: &[String]) -> TokenStream {
    quote!(&[ #( #path ),* ])
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

/// `page-style: `?page=N``: how the method's doc says pages are asked for.
pub fn describe(pagination: &Pagination) -> String {
    let dotted = |path: &[String]| path.join(".");
    // Cloudflare's lists keep the words their docs have always had.
    match pagination.style {
        PagingStyle::Page => return "page-style: `?page=N`".to_string(),
        PagingStyle::Cursor => return "cursor-style: `?cursor=…`".to_string(),
        _ => {}
    }
    match &pagination.next {
        NextPage::Page { param, .. } => format!("page-number: `?{param}=N`"),
        NextPage::Token { at, param } => {
            format!("token: `?{param}=` the `{}` of the page before", dotted(at))
        }
        NextPage::LastItem { field, param } => {
            format!("by item: `?{param}=` the `{field}` of the last item received")
        }
        NextPage::Url { at } => format!("next link: the URL at `{}`", dotted(at)),
        NextPage::LinkHeader => "next link: the `Link` header's `rel=\"next\"`".to_string(),
    }
}

/// `impl PageItems for <List>` when `def` is the result of a paginated
/// operation whose items are one of its members (through any aliases of
/// it); `None` for every other type.
pub fn page_items(model: &Model, def: &TypeDef, cfg: &TokenStream) -> Option<TokenStream> {
    let TypeKind::Struct(fields) = &def.kind else {
        return None;
    };
    let member = model.operations.iter().find_map(|op| {
        let pagination = op.pagination.as_ref()?;
        let ResponseKind::Json(TypeRef::Named { name, .. }) = &op.response.kind else {
            return None;
        };
        let [member] = pagination.items.as_slice() else {
            return None;
        };
        (resolve(model, name) == def.name).then_some(member)
    })?;
    let field: &Field = fields.iter().find(|field| &field.wire_name == member)?;
    let item = match &field.ty {
        TypeRef::Array(item) => item,
        TypeRef::Nullable(inner) => match inner.as_ref() {
            TypeRef::Array(item) => item,
            _ => return None,
        },
        _ => return None,
    };
    let optional = field.optional || matches!(field.ty, TypeRef::Nullable(_));
    let name = ident(&def.name);
    let field_name = ident(&field.name);
    let item = type_ref(item);
    let (count, items) = if optional {
        (
            quote!(self.#field_name.as_ref().map_or(0, Vec::len)),
            quote!(self.#field_name.unwrap_or_default()),
        )
    } else {
        (quote!(self.#field_name.len()), quote!(self.#field_name))
    };
    Some(quote! {
        #cfg
        impl crate::pagination::PageItems for #name {
            type Item = #item;

            fn item_count(&self) -> usize {
                #count
            }

            fn into_items(self) -> Vec<#item> {
                #items
            }
        }
    })
}

/// The type a name stands for, through aliases.
fn resolve<'m>(model: &'m Model, name: &'m str) -> &'m str {
    let mut name = name;
    // An alias always names a struct or another alias; a bound guards
    // against a cycle the model should not have.
    for _ in 0..model.types.len() {
        let Ok(index) = model
            .types
            .binary_search_by(|def| def.name.as_str().cmp(name))
        else {
            break;
        };
        match &model.types[index].kind {
            TypeKind::Alias(TypeRef::Named { name: target, .. }) => name = target,
            _ => break,
        }
    }
    name
}
