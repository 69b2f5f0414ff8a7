//! A JSON list that is not a Cloudflare envelope: how its pages are asked
//! for, read from the response schema and the operation's query
//! parameters.
//!
//! - A body that is an array pages only by a declared `Link` header.
//! - An object's items are its one array member; with two or more, none
//!   is clearly the items and the list stays a single page.
//! - Its next page, the first rule that applies: a page number in a
//!   `meta.pagination`, `pagination` or `meta` object (with the `page`
//!   parameter); a declared `Link` header; `links.next` (JSON:API); a
//!   token member sent back as the parameter of the same meaning
//!   ([`TOKENS`]); a `next` string, sent back as `after` (or another
//!   [`NEXT_CURSOR`] parameter the operation declares) unless it is a
//!   `format: uri` or there is none, then followed as a URL; with `has_more`,
//!   the last item's `id` as `starting_after` or `after`.
//! - A `has_more` flag or a token with no parameter to send it in leaves
//!   the list a single page.

use super::{Found, SuccessResponse, member, member_at, path};
use crate::diagnostics::Diagnostics;
use crate::lower::flatten::{Flat, flatten};
use crate::lower::keywords::Primitive;
use crate::lower::refs::Resolver;
use crate::model::{NextPage, Pagination, PagingStyle, TypeRef, Unpaged};

/// Members holding the token for the next page, each with the query
/// parameters that take it, in order of preference.
const TOKENS: &[(&str, &[&str])] = &[
    ("next_cursor", &["cursor", "next_cursor"]),
    ("next_page_token", &["page_token", "next_page_token"]),
    ("nextPageToken", &["pageToken"]),
    ("next_token", &["next_token", "token"]),
    ("next_page", &["page"]),
    ("last_id", &["after"]),
    ("cursor", &["cursor"]),
];

/// Query parameters a `next` member that is not a URL is sent back in.
const NEXT_CURSOR: &[&str] = &["after", "cursor", "next", "page_token", "starting_after"];

/// Query parameters taking the id of the last item received.
const AFTER_ID: &[&str] = &["starting_after", "after"];

/// Objects that may hold a page number.
const PAGE_INFO: &[&[&str]] = &[&["meta", "pagination"], &["pagination"], &["meta"]];

pub(super) fn detect(
    resolver: Resolver<'_>,
    response: &SuccessResponse<'_>,
    ty: &TypeRef,
    query: &[&str],
) -> Option<Found> {
    let page_size = super::page_size(query);
    let schema = &response.schema;
    if matches!(ty, TypeRef::Array(_)) {
        return response.declares_link().then(|| {
            Found::Paged(Pagination {
                style: PagingStyle::LinkHeader,
                items: Vec::new(),
                has_more: None,
                page_size,
                next: NextPage::LinkHeader,
            })
        });
    }
    if !matches!(ty, TypeRef::Named { .. }) {
        return None;
    }
    let properties = &schema.keywords.properties;
    let kind = |name: &str| {
        properties
            .get(name)
            .and_then(|found| member(resolver, found))
            .map(|flat| flat.keywords.primitive)
    };
    let arrays: Vec<&String> = properties
        .keys()
        .filter(|name| kind(name) == Some(Some(Primitive::Array)))
        .collect();
    let has_more =
        (kind("has_more") == Some(Some(Primitive::Boolean))).then(|| path(&["has_more"]));
    let page_info = PAGE_INFO.iter().find_map(|at| {
        let info = member_at(resolver, schema, at)?;
        info.keywords
            .properties
            .contains_key("page")
            .then_some((*at, info))
    });
    let links_next = member_at(resolver, schema, &["links"])
        .is_some_and(|links| links.keywords.properties.contains_key("next"));
    let token = TOKENS
        .iter()
        .find(|(name, _)| matches!(kind(name), Some(Some(Primitive::String) | None)));
    // `next` is a URL (`format: uri`, or nothing to send it back in) or a
    // cursor for a parameter (OpenAI's `next` with `after`).
    let next = properties
        .get("next")
        .and_then(|found| member(resolver, found))
        .filter(|flat| flat.keywords.primitive == Some(Primitive::String))
        .map(|flat| {
            let uri = matches!(flat.keywords.format.as_deref(), Some("uri" | "url"));
            let param = NEXT_CURSOR.iter().find(|param| query.contains(param));
            param.filter(|_| !uri).map(|param| param.to_string())
        });
    let says_more = has_more.is_some()
        || page_info.is_some()
        || response.declares_link()
        || links_next
        || token.is_some()
        || next.is_some();
    if !says_more {
        return None;
    }
    let [items] = arrays.as_slice() else {
        // No array: not a list. Several: which one pages is not clear.
        return (!arrays.is_empty()).then_some(Found::Unpaged(Unpaged::SeveralArrays));
    };
    let paged = |style, next| {
        Found::Paged(Pagination {
            style,
            items: vec![items.to_string()],
            has_more: has_more.clone(),
            page_size: page_size.clone(),
            next,
        })
    };
    if let Some((at, info)) = page_info.filter(|_| query.contains(&"page")) {
        let member = |name: &str| {
            info.keywords.properties.contains_key(name).then(|| {
                let mut found = path(at);
                found.push(name.to_string());
                found
            })
        };
        let next = NextPage::Page {
            param: "page".to_string(),
            page: member("page"),
            next: member("next_page"),
            last: member("last_page").or_else(|| member("total_pages")),
            per_page: member("per_page"),
        };
        return Some(paged(PagingStyle::PageNumber, next));
    }
    if response.declares_link() {
        return Some(paged(PagingStyle::LinkHeader, NextPage::LinkHeader));
    }
    if links_next {
        let next = NextPage::Url {
            at: path(&["links", "next"]),
        };
        return Some(paged(PagingStyle::NextLink, next));
    }
    if let Some((name, params)) = token {
        return Some(match params.iter().find(|param| query.contains(param)) {
            Some(param) => {
                let next = NextPage::Token {
                    at: path(&[name]),
                    param: param.to_string(),
                };
                paged(PagingStyle::Token, next)
            }
            None => Found::Unpaged(Unpaged::NoParameter),
        });
    }
    match next {
        Some(Some(param)) => {
            let next = NextPage::Token {
                at: path(&["next"]),
                param,
            };
            return Some(paged(PagingStyle::Token, next));
        }
        Some(None) => {
            let next = NextPage::Url {
                at: path(&["next"]),
            };
            return Some(paged(PagingStyle::NextLink, next));
        }
        None => {}
    }
    let item_has_id = member_at(resolver, schema, &[items.as_str()])
        .and_then(|array| {
            array
                .keywords
                .items
                .as_ref()
                .and_then(|item| member(resolver, item))
        })
        .is_some_and(|item| has_id(resolver, &item));
    match AFTER_ID.iter().find(|param| query.contains(param)) {
        Some(param) if item_has_id => {
            let next = NextPage::LastItem {
                field: "id".to_string(),
                param: param.to_string(),
            };
            Some(paged(PagingStyle::LastItemId, next))
        }
        Some(_) => Some(Found::Unpaged(Unpaged::NoItemId)),
        None => Some(Found::Unpaged(Unpaged::NoParameter)),
    }
}

/// Whether an item declares an `id`: itself, or every variant of its
/// `oneOf`/`anyOf` (Stripe's external accounts: a bank account or a card).
fn has_id(resolver: Resolver<'_>, item: &Flat<'_>) -> bool {
    if item.keywords.properties.contains_key("id") {
        return true;
    }
    let variants: Vec<_> = item
        .keywords
        .one_of
        .iter()
        .chain(&item.keywords.any_of)
        .collect();
    !variants.is_empty()
        && variants.iter().all(|variant| {
            resolver
                .item(variant.item, &variant.pointer, |r, reference, at| {
                    r.schema(reference, at)
                })
                .ok()
                .map(|found| {
                    flatten(
                        resolver,
                        found.item,
                        &found.pointer,
                        &mut Diagnostics::default(),
                    )
                })
                .is_some_and(|flat| flat.keywords.properties.contains_key("id"))
        })
}
