//! Cloudflare's envelope: a list `result` and a `result_info` object
//! (after `allOf` merging) with a `cursor` property is cursor-style; one
//! with `page` or `total_pages` is page-style. `count`, `per_page` and
//! `total_count` alone say how much there is, not how to ask for more, so
//! they do not make a list paginated.

use super::{SuccessResponse, member_at, path};
use crate::lower::refs::Resolver;
use crate::model::{NextPage, Pagination, PagingStyle};

pub(super) fn detect(
    resolver: Resolver<'_>,
    response: &SuccessResponse<'_>,
    query: &[&str],
) -> Option<Pagination> {
    let info = member_at(resolver, &response.schema, &["result_info"])?;
    let has = |name: &str| info.keywords.properties.contains_key(name);
    // Cloudflare's lists take `per_page` whether or not an operation
    // declares it (every walk so far has sent it).
    let page_size = super::page_size(query).or_else(|| Some("per_page".to_string()));
    let (style, next) = if has("cursor") {
        let next = NextPage::Token {
            at: path(&["result_info", "cursor"]),
            param: "cursor".to_string(),
        };
        (PagingStyle::Cursor, next)
    } else if has("page") || has("total_pages") {
        let next = NextPage::Page {
            param: "page".to_string(),
            page: Some(path(&["result_info", "page"])),
            next: None,
            last: Some(path(&["result_info", "total_pages"])),
            per_page: Some(path(&["result_info", "per_page"])),
        };
        (PagingStyle::Page, next)
    } else {
        return None;
    };
    Some(Pagination {
        style,
        items: path(&["result"]),
        has_more: None,
        page_size,
        next,
    })
}
