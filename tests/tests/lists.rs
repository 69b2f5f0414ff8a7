//! Walking lists the ways public APIs paginate, on the wire: the crate
//! `tests/lists-client/`, generated from `tests/fixtures/lists.yaml`, is
//! called against a real HTTP server on 127.0.0.1. Each walk's requests
//! are compared query string by query string, and the items it yields id
//! by id: a Stripe-like list after its last item's id, a search by its
//! `next_page` token, an OpenAI-like list by `last_id`, a GitHub-like
//! array by its `Link` header, a JSON:API list by `links.next`, a
//! Hetzner-like list by `meta.pagination`; and the guards that end a walk.

use fixture_lists::Client;
use fixture_lists::models::{
    GetCustomersParams, GetCustomersSearchParams, GetEventsParams, IssuesListForRepoParams,
    ListArticlesParams, ListFilesParams, ListServersParams,
};
use futures::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer("sk_test")
        .max_retries(0)
        .build()
        .expect("client builds")
}

/// Each request's query string as the server received it, in order.
async fn queries(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .expect("recording is on")
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_string())
        .collect()
}

/// Serves `route`, each response for the request whose `param` has the
/// given value (`None`: the request without it).
async fn keyed(
    route: &str,
    param: &str,
    pages: Vec<(Option<&str>, ResponseTemplate)>,
) -> MockServer {
    let server = MockServer::start().await;
    for (asked, response) in pages {
        let mock = Mock::given(method("GET")).and(path(route));
        let mock = match asked {
            Some(value) => mock.and(query_param(param, value)),
            None => mock.and(query_param_is_missing(param)),
        };
        mock.respond_with(response).expect(1).mount(&server).await;
    }
    server
}

fn customer_page(ids: &[&str], has_more: bool) -> ResponseTemplate {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "object": "customer", "email": null}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "object": "list", "data": data, "has_more": has_more, "url": "/v1/customers",
    }))
}

#[tokio::test]
async fn a_stripe_list_is_walked_over_three_pages_after_each_last_id() {
    let server = keyed(
        "/v1/customers",
        "starting_after",
        vec![
            (None, customer_page(&["cus_1", "cus_2"], true)),
            (Some("cus_2"), customer_page(&["cus_3", "cus_4"], true)),
            (Some("cus_4"), customer_page(&["cus_5"], false)),
        ],
    )
    .await;
    let items: Vec<_> = client(&server)
        .get_customers(&GetCustomersParams::default())
        .per_page(2)
        .items()
        .collect()
        .await;
    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id).collect();
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3", "cus_4", "cus_5"]);
    assert_eq!(
        queries(&server).await,
        [
            "limit=2",
            "limit=2&starting_after=cus_2",
            "limit=2&starting_after=cus_4"
        ]
    );
}

#[tokio::test]
async fn awaiting_a_list_fetches_only_the_page_asked_for() {
    let server = keyed(
        "/v1/customers",
        "starting_after",
        vec![(Some("cus_2"), customer_page(&["cus_3"], true))],
    )
    .await;
    let params = GetCustomersParams {
        starting_after: Some("cus_2".to_string()),
        ..GetCustomersParams::default()
    };
    let page = client(&server).get_customers(&params).await.unwrap();
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].id, "cus_3");
    assert!(page.has_more);
    assert_eq!(queries(&server).await, ["starting_after=cus_2"]);
}

fn search_page(ids: &[&str], next_page: Option<&str>) -> ResponseTemplate {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "object": "customer"}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "object": "search_result", "data": data, "url": "/v1/customers/search",
        "has_more": next_page.is_some(), "next_page": next_page, "total_count": 3,
    }))
}

#[tokio::test]
async fn a_search_is_walked_by_its_next_page_token() {
    let server = keyed(
        "/v1/customers/search",
        "page",
        vec![
            (None, search_page(&["cus_1"], Some("c2VhcmNo+2"))),
            (Some("c2VhcmNo+2"), search_page(&["cus_2", "cus_3"], None)),
        ],
    )
    .await;
    let items: Vec<_> = client(&server)
        .get_customers_search(&GetCustomersSearchParams::new("email:'a@b.c'"))
        .items()
        .collect()
        .await;
    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id).collect();
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3"]);
    assert_eq!(
        queries(&server).await,
        [
            "query=email%3A%27a%40b.c%27",
            "query=email%3A%27a%40b.c%27&page=c2VhcmNo%2B2"
        ]
    );
}

fn file_page(ids: &[&str], has_more: bool) -> ResponseTemplate {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "filename": format!("{id}.jsonl")}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "object": "list", "data": data, "first_id": ids.first(), "last_id": ids.last(),
        "has_more": has_more,
    }))
}

#[tokio::test]
async fn an_openai_list_is_walked_after_its_last_id() {
    let server = keyed(
        "/v1/files",
        "after",
        vec![
            (None, file_page(&["file-a", "file-b"], true)),
            (Some("file-b"), file_page(&["file-c"], false)),
        ],
    )
    .await;
    let items: Vec<_> = client(&server)
        .list_files(&ListFilesParams::default())
        .per_page(2)
        .items()
        .collect()
        .await;
    let names: Vec<String> = items
        .into_iter()
        .map(|item| item.unwrap().filename)
        .collect();
    assert_eq!(names, ["file-a.jsonl", "file-b.jsonl", "file-c.jsonl"]);
    assert_eq!(queries(&server).await, ["limit=2", "limit=2&after=file-b"]);
}

fn issues(ids: &[i64], link: Option<String>) -> ResponseTemplate {
    let body: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "title": format!("issue {id}")}))
        .collect();
    let response = ResponseTemplate::new(200).set_body_json(body);
    match link {
        Some(link) => response.insert_header("link", link.as_str()),
        None => response,
    }
}

#[tokio::test]
async fn a_github_array_is_walked_by_its_link_header() {
    let server = MockServer::start().await;
    let uri = server.uri();
    let route = "/repos/octo/hello/issues";
    let link = |next: u32, last: u32| {
        format!(
            "<{uri}{route}?per_page=2&page={next}>; rel=\"next\", <{uri}{route}?per_page=2&page={last}>; rel=\"last\""
        )
    };
    let pages = vec![
        (None, issues(&[1, 2], Some(link(2, 3)))),
        (Some("2"), issues(&[3, 4], Some(link(3, 3)))),
        (
            Some("3"),
            issues(
                &[5],
                Some(format!("<{uri}{route}?per_page=2&page=1>; rel=\"first\"")),
            ),
        ),
    ];
    for (asked, response) in pages {
        let mock = Mock::given(method("GET")).and(path(route));
        let mock = match asked {
            Some(page) => mock.and(query_param("page", page)),
            None => mock.and(query_param_is_missing("page")),
        };
        mock.respond_with(response).expect(1).mount(&server).await;
    }
    let items: Vec<_> = client(&server)
        .issues_list_for_repo("octo", "hello", &IssuesListForRepoParams::default())
        .per_page(2)
        .items()
        .collect()
        .await;
    let ids: Vec<i64> = items.into_iter().map(|item| item.unwrap().id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(
        queries(&server).await,
        ["per_page=2", "per_page=2&page=2", "per_page=2&page=3"]
    );
    // Every page is sent with the credentials, the followed links too.
    for request in server.received_requests().await.unwrap() {
        assert_eq!(request.headers["authorization"], "Bearer sk_test");
    }
}

#[tokio::test]
async fn a_link_header_pointing_elsewhere_is_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/repos/octo/hello/issues"))
        .respond_with(issues(
            &[1],
            Some("<https://evil.example/repos/octo/hello/issues?page=2>; rel=\"next\"".to_string()),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let pages: Vec<_> = client(&server)
        .issues_list_for_repo("octo", "hello", &IssuesListForRepoParams::default())
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 1);
    assert_eq!(queries(&server).await, [""]);
}

fn articles(ids: &[&str], next: Option<&str>) -> ResponseTemplate {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| json!({"type": "articles", "id": id, "attributes": {"title": id}}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "data": data, "links": {"self": "/articles", "next": next},
    }))
}

#[tokio::test]
async fn a_json_api_list_follows_links_next_until_null() {
    let server = keyed(
        "/articles",
        "page[cursor]",
        vec![
            (
                None,
                articles(
                    &["1", "2"],
                    Some("/articles?filter%5Bauthor%5D=ann&page%5Bcursor%5D=b"),
                ),
            ),
            (
                Some("b"),
                articles(
                    &["3"],
                    Some("/articles?filter%5Bauthor%5D=ann&page%5Bcursor%5D=c"),
                ),
            ),
            (Some("c"), articles(&["4"], None)),
        ],
    )
    .await;
    let params = ListArticlesParams {
        filter_author: Some("ann".to_string()),
    };
    let items: Vec<_> = client(&server)
        .list_articles(&params)
        .items()
        .collect()
        .await;
    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id).collect();
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert_eq!(
        queries(&server).await,
        [
            "filter%5Bauthor%5D=ann",
            "filter%5Bauthor%5D=ann&page%5Bcursor%5D=b",
            "filter%5Bauthor%5D=ann&page%5Bcursor%5D=c"
        ]
    );
}

#[tokio::test]
async fn a_repeated_next_link_ends_the_walk() {
    let server = keyed(
        "/articles",
        "page[cursor]",
        vec![
            (None, articles(&["1"], Some("/articles?page%5Bcursor%5D=b"))),
            (
                Some("b"),
                articles(&["2"], Some("/articles?page%5Bcursor%5D=b")),
            ),
        ],
    )
    .await;
    let items: Vec<_> = client(&server)
        .list_articles(&ListArticlesParams::default())
        .items()
        .collect()
        .await;
    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id).collect();
    assert_eq!(ids, ["1", "2"]);
    assert_eq!(queries(&server).await, ["", "page%5Bcursor%5D=b"]);
}

fn servers(ids: &[i64], page: u64, next_page: Option<u64>) -> ResponseTemplate {
    let list: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "name": format!("server-{id}")}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "servers": list,
        "meta": {"pagination": {
            "page": page, "per_page": 2, "previous_page": page.checked_sub(1).filter(|p| *p > 0),
            "next_page": next_page, "last_page": 3, "total_entries": 5,
        }},
    }))
}

#[tokio::test]
async fn a_hetzner_list_is_walked_by_meta_pagination() {
    let server = keyed(
        "/servers",
        "page",
        vec![
            (None, servers(&[1, 2], 1, Some(2))),
            (Some("2"), servers(&[3, 4], 2, Some(3))),
            (Some("3"), servers(&[5], 3, None)),
        ],
    )
    .await;
    let items: Vec<_> = client(&server)
        .list_servers(&ListServersParams::default())
        .per_page(2)
        .items()
        .collect()
        .await;
    let names: Vec<String> = items.into_iter().map(|item| item.unwrap().name).collect();
    assert_eq!(
        names,
        ["server-1", "server-2", "server-3", "server-4", "server-5"]
    );
    assert_eq!(
        queries(&server).await,
        ["per_page=2", "per_page=2&page=2", "per_page=2&page=3"]
    );
}

#[tokio::test]
async fn max_pages_an_error_and_an_empty_page_end_a_walk() {
    // `max_pages`: two of three pages.
    let server = keyed(
        "/v1/customers",
        "starting_after",
        vec![
            (None, customer_page(&["cus_1"], true)),
            (Some("cus_1"), customer_page(&["cus_2"], true)),
        ],
    )
    .await;
    let items: Vec<_> = client(&server)
        .get_customers(&GetCustomersParams::default())
        .max_pages(2)
        .items()
        .collect()
        .await;
    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id).collect();
    assert_eq!(ids, ["cus_1", "cus_2"]);
    assert_eq!(queries(&server).await, ["", "starting_after=cus_1"]);

    // The first error is yielded, and nothing after it is asked for.
    let server = keyed(
        "/v1/customers",
        "starting_after",
        vec![
            (None, customer_page(&["cus_1"], true)),
            (
                Some("cus_1"),
                ResponseTemplate::new(400).set_body_json(
                    json!({"error": {"type": "invalid_request_error", "message": "No such customer"}}),
                ),
            ),
        ],
    )
    .await;
    let items: Vec<_> = client(&server)
        .get_customers(&GetCustomersParams::default())
        .items()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().id, "cus_1");
    let error = items[1].as_ref().unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(400));
    assert_eq!(queries(&server).await, ["", "starting_after=cus_1"]);

    // An empty page after the first ends the walk, though it says there is more.
    let server = keyed(
        "/v1/customers",
        "starting_after",
        vec![
            (None, customer_page(&["cus_1"], true)),
            (Some("cus_1"), customer_page(&[], true)),
        ],
    )
    .await;
    let pages: Vec<_> = client(&server)
        .get_customers(&GetCustomersParams::default())
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 1);
    assert_eq!(queries(&server).await, ["", "starting_after=cus_1"]);
}

#[tokio::test]
async fn a_server_ignoring_the_cursor_is_not_walked_in_circles() {
    // The same page, byte for byte, whatever is asked: yielded once.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/files"))
        .respond_with(file_page(&["file-a", "file-b"], true))
        .expect(2)
        .mount(&server)
        .await;
    let items: Vec<_> = client(&server)
        .list_files(&ListFilesParams::default())
        .items()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(queries(&server).await, ["", "after=file-b"]);
}

#[tokio::test]
async fn a_list_with_no_parameter_to_ask_for_more_is_one_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/events"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "list", "data": [{"id": "evt_1"}], "has_more": true,
        })))
        .expect(1)
        .mount(&server)
        .await;
    // A plain `Call`: awaited once, no `.pages()` to walk.
    let page = client(&server)
        .get_events(&GetEventsParams::default())
        .await
        .unwrap();
    assert_eq!(page.data[0].id, "evt_1");
    assert!(page.has_more);
    assert_eq!(queries(&server).await, [""]);
}
