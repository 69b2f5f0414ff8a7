//! Data-driven detection tests: a spec's `paths` and `components` in, one
//! line per operation out: how its pages are walked, why it is left a
//! single page, or `-` for a list that is not paginated. On a mismatch
//! the assertion prints the actual rendering, ready to paste.

use std::fmt::Write;

use crate::lower::{LowerOptions, lower};
use crate::model::{NextPage, Pagination};

#[track_caller]
fn check(paths_and_components: &str, expected: &str) {
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: Lists, version: '1'}}\nservers: [{{url: 'https://api.example.com'}}]\n{paths_and_components}"
    );
    let parsed = crate::parse::parse_spec(&spec).expect("the test spec parses");
    let (model, _, _) = lower(&parsed.spec, &LowerOptions::default());
    let mut actual = String::new();
    for op in &model.operations {
        let how = match (&op.pagination, op.unpaged) {
            (Some(pagination), _) => render(pagination),
            (None, Some(why)) => format!("single page: {}", why.name()),
            (None, None) => "-".to_string(),
        };
        writeln!(actual, "{}: {how}", op.method_name).unwrap();
    }
    let expected: String = expected
        .trim()
        .lines()
        .map(|line| format!("{}\n", line.trim()))
        .collect();
    assert!(
        actual == expected,
        "detected pagination differs\n--- expected\n{expected}--- actual\n{actual}"
    );
}

/// `last-item-id items=data has_more=has_more size=limit next=id→starting_after`
fn render(pagination: &Pagination) -> String {
    let dotted = |path: &[String]| {
        if path.is_empty() {
            "(body)".to_string()
        } else {
            path.join(".")
        }
    };
    let mut out = format!(
        "{} items={}",
        pagination.style.name(),
        dotted(&pagination.items)
    );
    if let Some(has_more) = &pagination.has_more {
        write!(out, " has_more={}", dotted(has_more)).unwrap();
    }
    if let Some(size) = &pagination.page_size {
        write!(out, " size={size}").unwrap();
    }
    let next = match &pagination.next {
        NextPage::Page {
            param,
            page,
            next,
            last,
            per_page,
        } => {
            let part = |name: &str, path: &Option<Vec<String>>| {
                path.as_ref()
                    .map(|path| format!(" {name}={}", dotted(path)))
                    .unwrap_or_default()
            };
            format!(
                "?{param}=N{}{}{}{}",
                part("page", page),
                part("next", next),
                part("last", last),
                part("per_page", per_page)
            )
        }
        NextPage::Token { at, param } => format!("{}→{param}", dotted(at)),
        NextPage::LastItem { field, param } => format!("last.{field}→{param}"),
        NextPage::Url { at } => format!("url at {}", dotted(at)),
        NextPage::LinkHeader => "Link rel=next".to_string(),
    };
    write!(out, " next={next}").unwrap();
    out
}

const QUERY: &str = "
  parameters:
    limit: {name: limit, in: query, schema: {type: integer}}
    per_page: {name: per_page, in: query, schema: {type: integer}}
    page: {name: page, in: query, schema: {type: integer}}
    page_token: {name: page, in: query, schema: {type: string}}
    starting_after: {name: starting_after, in: query, schema: {type: string}}
    after: {name: after, in: query, schema: {type: string}}
    cursor: {name: cursor, in: query, schema: {type: string}}
  headers:
    link: {schema: {type: string}}
";

fn with_components(paths: &str, schemas: &str) -> String {
    format!("paths:\n{paths}\ncomponents:\n  schemas:\n{schemas}{QUERY}")
}

#[test]
fn stripe_lists_walk_after_the_last_items_id_and_search_by_token() {
    let paths = "
  /v1/customers:
    get:
      operationId: GetCustomers
      parameters:
        - $ref: '#/components/parameters/limit'
        - $ref: '#/components/parameters/starting_after'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [data, has_more, object, url]
                properties:
                  object: {type: string, enum: [list]}
                  data: {type: array, items: {$ref: '#/components/schemas/customer'}}
                  has_more: {type: boolean}
                  url: {type: string}
  /v1/external_accounts:
    get:
      operationId: GetExternalAccounts
      parameters:
        - $ref: '#/components/parameters/starting_after'
      responses:
        '200':
          description: items of two kinds, each with an id
          content:
            application/json:
              schema:
                type: object
                properties:
                  data:
                    type: array
                    items:
                      anyOf:
                        - $ref: '#/components/schemas/customer'
                        - {type: object, properties: {id: {type: string}, last4: {type: string}}}
                  has_more: {type: boolean}
  /v1/customers/search:
    get:
      operationId: GetCustomersSearch
      parameters:
        - $ref: '#/components/parameters/limit'
        - $ref: '#/components/parameters/page_token'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/customer'}}
                  has_more: {type: boolean}
                  next_page: {type: string, nullable: true}
                  total_count: {type: integer}
";
    let schemas = "
    customer:
      type: object
      properties:
        id: {type: string}
";
    check(
        &with_components(paths, schemas),
        "
        get_customers: last-item-id items=data has_more=has_more size=limit next=last.id→starting_after
        get_external_accounts: last-item-id items=data has_more=has_more next=last.id→starting_after
        get_customers_search: token items=data has_more=has_more size=limit next=next_page→page
        ",
    );
}

#[test]
fn a_last_id_member_is_sent_as_after_and_an_item_id_without_one() {
    let list = |extra: &str| {
        format!(
            "
          content:
            application/json:
              schema:
                type: object
                properties:
                  object: {{type: string}}
                  data: {{type: array, items: {{$ref: '#/components/schemas/file'}}}}
                  has_more: {{type: boolean}}{extra}"
        )
    };
    let paths = format!(
        "
  /files:
    get:
      operationId: listFiles
      parameters:
        - $ref: '#/components/parameters/limit'
        - $ref: '#/components/parameters/after'
      responses:
        '200':
          description: ok{}
  /models:
    get:
      operationId: listModels
      parameters:
        - $ref: '#/components/parameters/after'
      responses:
        '200':
          description: ok{}
",
        list(
            "
                  first_id: {type: string}
                  last_id: {type: string}"
        ),
        list("")
    );
    let schemas = "
    file:
      type: object
      properties:
        id: {type: string}
";
    check(
        &with_components(&paths, schemas),
        "
        list_files: token items=data has_more=has_more size=limit next=last_id→after
        list_models: last-item-id items=data has_more=has_more next=last.id→after
        ",
    );
}

#[test]
fn a_declared_link_header_pages_an_array_or_an_object_with_one_array() {
    let paths = "
  /repos:
    get:
      operationId: repos/list
      parameters:
        - $ref: '#/components/parameters/per_page'
        - $ref: '#/components/parameters/page'
      responses:
        '200':
          description: ok
          headers:
            Link: {$ref: '#/components/headers/link'}
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/repo'}}
  /runs:
    get:
      operationId: runs/list
      responses:
        '200':
          description: ok
          headers:
            link: {$ref: '#/components/headers/link'}
          content:
            application/json:
              schema:
                type: object
                properties:
                  total_count: {type: integer}
                  workflow_runs: {type: array, items: {$ref: '#/components/schemas/repo'}}
  /tags:
    get:
      operationId: tags/list
      responses:
        '200':
          description: no Link header declared
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/repo'}}
";
    let schemas = "
    repo:
      type: object
      properties:
        id: {type: integer}
";
    check(
        &with_components(paths, schemas),
        "
        repos_list: link-header items=(body) size=per_page next=Link rel=next
        runs_list: link-header items=workflow_runs next=Link rel=next
        tags_list: -
        ",
    );
}

#[test]
fn next_links_in_the_body_and_page_numbers_in_meta_pagination() {
    let paths = "
  /articles:
    get:
      operationId: listArticles
      responses:
        '200':
          description: ok
          content:
            application/vnd.api+json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: object}}
                  links:
                    type: object
                    properties:
                      self: {type: string}
                      next: {type: string, nullable: true}
  /events:
    get:
      operationId: listEvents
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  results: {type: array, items: {type: object}}
                  next: {type: string, format: uri, nullable: true}
  /groups:
    get:
      operationId: listGroups
      parameters:
        - $ref: '#/components/parameters/after'
      responses:
        '200':
          description: a `next` that is a cursor, sent back as `after`
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: object}}
                  has_more: {type: boolean}
                  next: {type: string, nullable: true}
  /servers:
    get:
      operationId: list_servers
      parameters:
        - $ref: '#/components/parameters/page'
        - $ref: '#/components/parameters/per_page'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  servers: {type: array, items: {type: object}}
                  meta: {$ref: '#/components/schemas/meta'}
";
    let schemas = "
    meta:
      type: object
      properties:
        pagination:
          type: object
          properties:
            page: {type: integer}
            per_page: {type: integer}
            previous_page: {type: integer, nullable: true}
            next_page: {type: integer, nullable: true}
            last_page: {type: integer, nullable: true}
            total_entries: {type: integer, nullable: true}
";
    check(
        &with_components(paths, schemas),
        "
        list_articles: next-link items=data next=url at links.next
        list_events: next-link items=results next=url at next
        list_groups: token items=data has_more=has_more next=next→after
        list_servers: page-number items=servers size=per_page next=?page=N page=meta.pagination.page next=meta.pagination.next_page last=meta.pagination.last_page per_page=meta.pagination.per_page
        ",
    );
}

#[test]
fn an_unclear_list_stays_a_single_page() {
    let object = |properties: &str| {
        format!(
            "
          content:
            application/json:
              schema:
                type: object
                properties:{properties}"
        )
    };
    let paths = format!(
        "
  /no-parameter:
    get:
      operationId: hasMoreButNoParameter
      responses:
        '200':
          description: ok{}
  /two-arrays:
    get:
      operationId: twoArrays
      parameters:
        - $ref: '#/components/parameters/starting_after'
      responses:
        '200':
          description: ok{}
  /token-without-parameter:
    get:
      operationId: tokenWithoutParameter
      parameters:
        - $ref: '#/components/parameters/page'
      responses:
        '200':
          description: ok{}
  /no-id:
    get:
      operationId: itemsWithoutId
      parameters:
        - $ref: '#/components/parameters/starting_after'
      responses:
        '200':
          description: ok{}
  /not-paginated:
    get:
      operationId: listEverything
      parameters:
        - $ref: '#/components/parameters/cursor'
      responses:
        '200':
          description: ok{}
",
        object(
            "
                  data: {type: array, items: {$ref: '#/components/schemas/thing'}}
                  has_more: {type: boolean}"
        ),
        object(
            "
                  data: {type: array, items: {$ref: '#/components/schemas/thing'}}
                  included: {type: array, items: {$ref: '#/components/schemas/thing'}}
                  has_more: {type: boolean}"
        ),
        object(
            "
                  items: {type: array, items: {$ref: '#/components/schemas/thing'}}
                  next_cursor: {type: string}"
        ),
        object(
            "
                  data: {type: array, items: {type: object, properties: {name: {type: string}}}}
                  has_more: {type: boolean}"
        ),
        object(
            "
                  items: {type: array, items: {$ref: '#/components/schemas/thing'}}
                  total: {type: integer}"
        ),
    );
    let schemas = "
    thing:
      type: object
      properties:
        id: {type: string}
";
    check(
        &with_components(&paths, schemas),
        "
        has_more_but_no_parameter: single page: no parameter to ask for the next page
        two_arrays: single page: several arrays, none clearly the items
        token_without_parameter: single page: no parameter to ask for the next page
        items_without_id: single page: items without an id to ask for the next page after
        list_everything: -
        ",
    );
}

#[test]
fn cloudflare_result_info_pages_by_number_or_cursor() {
    let envelope = |info: &str| {
        format!(
            "
          content:
            application/json:
              schema:
                type: object
                properties:
                  success: {{type: boolean}}
                  errors: {{type: array, items: {{type: object}}}}
                  messages: {{type: array, items: {{type: object}}}}
                  result: {{type: array, items: {{type: string}}}}
                  result_info:
                    type: object
                    properties:{info}"
        )
    };
    let paths = format!(
        "
  /zones:
    get:
      operationId: zones-list
      responses:
        '200':
          description: ok{}
  /logs:
    get:
      operationId: logs-list
      parameters:
        - $ref: '#/components/parameters/limit'
      responses:
        '200':
          description: ok{}
  /counts:
    get:
      operationId: counts-list
      responses:
        '200':
          description: ok{}
",
        envelope(
            "
                      page: {type: number}
                      total_pages: {type: number}"
        ),
        envelope(
            "
                      cursor: {type: string}"
        ),
        envelope(
            "
                      count: {type: number}"
        ),
    );
    check(
        &with_components(&paths, "    {}\n"),
        "
        zones_list: page items=result size=per_page next=?page=N page=result_info.page last=result_info.total_pages per_page=result_info.per_page
        logs_list: cursor items=result size=limit next=result_info.cursor→cursor
        counts_list: -
        ",
    );
}
