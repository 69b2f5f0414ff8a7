//! Walking pages against a wiremock server: page- and cursor-style
//! lists, every way a walk ends, retries within a page, the first error.

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::Client;
use crate::error::Error;
use crate::pagination::ResultInfo;

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .query_key("key")
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap()
}

fn page(items: &[i64], info: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "success": true,
        "errors": [],
        "messages": [],
        "result": items,
        "result_info": info,
    }))
}

/// Serves `pages` (1-based) of `/things`, the first for a request
/// without `page`, each with the given `result_info`.
async fn paged_server(pages: Vec<(Vec<i64>, Value)>) -> MockServer {
    let server = MockServer::start().await;
    for (index, (items, info)) in pages.into_iter().enumerate() {
        let number = (index + 1).to_string();
        let response = page(&items, info);
        if index == 0 {
            Mock::given(method("GET"))
                .and(path("/things"))
                .and(query_param_is_missing("page"))
                .respond_with(response.clone())
                .mount(&server)
                .await;
        }
        Mock::given(method("GET"))
            .and(path("/things"))
            .and(query_param("page", number.as_str()))
            .respond_with(response)
            .mount(&server)
            .await;
    }
    server
}

async fn requests(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| {
            let mut query: Vec<String> = request
                .url
                .query_pairs()
                .filter(|(key, _)| key != "key")
                .map(|(key, value)| format!("{key}={value}"))
                .collect();
            query.sort();
            query.join("&")
        })
        .collect()
}

async fn all_items(client: &Client) -> Vec<Result<Value, Error>> {
    client.list_things(None).items().collect().await
}

fn values(items: Vec<Result<Value, Error>>) -> Vec<i64> {
    items
        .into_iter()
        .map(|item| item.unwrap().as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn no_items_is_one_empty_page() {
    let server = paged_server(vec![(
        vec![],
        json!({"page": 1, "per_page": 20, "count": 0, "total_count": 0, "total_pages": 0}),
    )])
    .await;
    let client = client(&server);
    assert!(all_items(&client).await.is_empty());
    let pages: Vec<_> = client.list_things(None).pages().collect().await;
    assert_eq!(pages.len(), 1);
    assert_eq!(requests(&server).await, ["", ""]);
}

#[tokio::test]
async fn one_page() {
    let server = paged_server(vec![(
        vec![1, 2],
        json!({"page": 1, "per_page": 20, "count": 2, "total_count": 2, "total_pages": 1}),
    )])
    .await;
    assert_eq!(values(all_items(&client(&server)).await), [1, 2]);
    assert_eq!(requests(&server).await, [""]);
}

#[tokio::test]
async fn many_pages_in_order_with_per_page() {
    let info = |page: u64| json!({"page": page, "per_page": 2, "total_pages": 3});
    let server = paged_server(vec![
        (vec![1, 2], info(1)),
        (vec![3, 4], info(2)),
        (vec![5, 6], info(3)),
    ])
    .await;
    let client = client(&server);
    let items = client.list_things(None).per_page(2).items().collect().await;
    assert_eq!(values(items), [1, 2, 3, 4, 5, 6]);
    assert_eq!(
        requests(&server).await,
        ["per_page=2", "page=2&per_page=2", "page=3&per_page=2"]
    );
    // Awaiting the call still fetches only the page asked for.
    let second = client.list_things(Some(2)).await.unwrap();
    assert_eq!(second.result, Some(vec![json!(3), json!(4)]));
    assert_eq!(
        second.page_info(),
        Some(ResultInfo {
            page: Some(2),
            per_page: Some(2),
            total_pages: Some(3),
            ..ResultInfo::default()
        })
    );
}

#[tokio::test]
async fn starts_at_the_page_asked_for() {
    let info = |page: u64| json!({"page": page, "total_pages": 3});
    let server = paged_server(vec![
        (vec![1], info(1)),
        (vec![2], info(2)),
        (vec![3], info(3)),
    ])
    .await;
    let items = client(&server).list_things(Some(2)).items().collect().await;
    assert_eq!(values(items), [2, 3]);
    assert_eq!(requests(&server).await, ["page=2", "page=3"]);
}

#[tokio::test]
async fn a_short_page_ends_the_walk() {
    let info = |page: u64| json!({"page": page, "per_page": 2, "total_pages": 9});
    let server = paged_server(vec![(vec![1, 2], info(1)), (vec![3], info(2))]).await;
    assert_eq!(values(all_items(&client(&server)).await), [1, 2, 3]);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_lying_total_pages_ends_at_the_empty_page() {
    // 10 pages announced, 2 served, then empty pages.
    let info = |page: u64| json!({"page": page, "total_pages": 10});
    let server = paged_server(vec![
        (vec![1, 2], info(1)),
        (vec![3, 4], info(2)),
        (vec![], info(3)),
        (vec![], info(4)),
    ])
    .await;
    let client = client(&server);
    assert_eq!(values(all_items(&client).await), [1, 2, 3, 4]);
    assert_eq!(requests(&server).await, ["", "page=2", "page=3"]);
    // The empty page is not yielded after the first.
    let pages: Vec<_> = client.list_things(None).pages().collect().await;
    assert_eq!(pages.len(), 2);
}

#[tokio::test]
async fn total_pages_is_honoured_when_given() {
    let info = |page: u64| json!({"page": page, "total_pages": 2});
    let server = paged_server(vec![
        (vec![1], info(1)),
        (vec![2], info(2)),
        (vec![3], info(3)),
    ])
    .await;
    assert_eq!(values(all_items(&client(&server)).await), [1, 2]);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_server_ignoring_page_is_not_walked_forever() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(page(&[1, 2], json!({"page": 1, "total_pages": 5})))
        .mount(&server)
        .await;
    assert_eq!(values(all_items(&client(&server)).await), [1, 2]);
    assert_eq!(requests(&server).await, ["", "page=2"]);
}

#[tokio::test]
async fn max_pages_caps_the_walk() {
    let info = |page: u64| json!({"page": page, "total_pages": 3});
    let server = paged_server(vec![
        (vec![1], info(1)),
        (vec![2], info(2)),
        (vec![3], info(3)),
    ])
    .await;
    let items = client(&server)
        .list_things(None)
        .max_pages(2)
        .items()
        .collect()
        .await;
    assert_eq!(values(items), [1, 2]);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn the_first_error_is_yielded_and_ends_the_walk() {
    let info = |page: u64| json!({"page": page, "total_pages": 5});
    let server = paged_server(vec![(vec![1, 2], info(1)), (vec![3, 4], info(2))]).await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .and(query_param("page", "3"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "success": false,
            "errors": [{"code": 1001, "message": "bad page"}],
            "messages": [],
            "result": null,
        })))
        .mount(&server)
        .await;
    let items = all_items(&client(&server)).await;
    assert_eq!(items.len(), 5);
    let error = items.last().unwrap().as_ref().unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.api_errors()[0].code, 1001);
    assert_eq!(values(items.into_iter().take(4).collect()), [1, 2, 3, 4]);
    assert_eq!(requests(&server).await, ["", "page=2", "page=3"]);
}

#[tokio::test]
async fn each_page_is_retried_on_its_own() {
    let info = |page: u64| json!({"page": page, "total_pages": 2});
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("page", "2"))
        .respond_with(page(&[2], info(2)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("page"))
        .respond_with(page(&[1], info(1)))
        .mount(&server)
        .await;
    let pages: Vec<_> = client(&server).list_things(None).pages().collect().await;
    let attempts: Vec<u32> = pages.iter().map(|p| p.as_ref().unwrap().attempts).collect();
    assert_eq!(attempts, [1, 2]);
    assert_eq!(requests(&server).await, ["", "page=2", "page=2"]);
}

#[tokio::test]
async fn invalid_arguments_are_the_only_item() {
    let server = MockServer::start().await;
    let pages: Vec<_> = client(&server).list_things(Some(0)).pages().collect().await;
    assert!(matches!(pages.as_slice(), [Err(Error::InvalidInput(_))]));
    assert!(requests(&server).await.is_empty());
}

/// Serves `/events` pages keyed by the `cursor` each asks for.
async fn cursor_server(pages: &[(Option<&str>, Vec<i64>, Option<&str>)]) -> MockServer {
    let server = MockServer::start().await;
    for (asked, items, next) in pages {
        let info = json!({"count": items.len(), "cursor": next.unwrap_or("")});
        let mock = Mock::given(method("GET")).and(path("/events"));
        let mock = match asked {
            Some(cursor) => mock.and(query_param("cursor", *cursor)),
            None => mock.and(query_param_is_missing("cursor")),
        };
        mock.respond_with(page(items, info)).mount(&server).await;
    }
    server
}

#[tokio::test]
async fn cursors_are_followed_to_the_end() {
    let server = cursor_server(&[
        (None, vec![1, 2], Some("c2")),
        (Some("c2"), vec![3, 4], Some("c3")),
        (Some("c3"), vec![5], None),
    ])
    .await;
    let items: Vec<_> = client(&server).list_events().items().collect().await;
    assert_eq!(values(items), [1, 2, 3, 4, 5]);
    assert_eq!(requests(&server).await, ["", "cursor=c2", "cursor=c3"]);
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_walk() {
    let server = cursor_server(&[
        (None, vec![1], Some("a")),
        (Some("a"), vec![2], Some("b")),
        (Some("b"), vec![3], Some("a")),
    ])
    .await;
    let items: Vec<_> = client(&server).list_events().items().collect().await;
    assert_eq!(values(items), [1, 2, 3]);
    assert_eq!(requests(&server).await, ["", "cursor=a", "cursor=b"]);
}

#[test]
fn result_info_is_read_leniently() {
    let info = ResultInfo::from_value(&json!({
        "page": "2", "per_page": 20, "count": null, "total_count": -1, "cursor": "", "extra": true
    }));
    assert_eq!(
        info,
        ResultInfo {
            page: Some(2),
            per_page: Some(20),
            ..ResultInfo::default()
        }
    );
}

/// A server that answers every request for `path` with the same page.
async fn stuck_server(path_: &str, items: &[i64], info: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(path_))
        .respond_with(page(items, info))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_page_walk_ends_when_the_server_repeats_its_cursor_without_page_numbers() {
    let server = stuck_server("/things", &[1, 2, 3], json!({"cursor": "x"})).await;
    assert_eq!(values(all_items(&client(&server)).await), [1, 2, 3]);
    assert_eq!(requests(&server).await, ["", "page=2"]);
}

#[tokio::test]
async fn a_page_repeated_byte_for_byte_is_not_yielded_again() {
    // No page number, no cursor: only the content says it is the same.
    let server = stuck_server("/things", &[1, 2, 3], json!({"count": 3})).await;
    assert_eq!(values(all_items(&client(&server)).await), [1, 2, 3]);
    assert_eq!(requests(&server).await, ["", "page=2"]);
}

#[tokio::test]
async fn a_cursor_walk_does_not_yield_a_repeated_page_twice() {
    let server = stuck_server("/events", &[1, 2, 3], json!({"count": 3, "cursor": "a"})).await;
    let items: Vec<_> = client(&server).list_events().items().collect().await;
    assert_eq!(values(items), [1, 2, 3]);
    assert_eq!(requests(&server).await, ["", "cursor=a"]);
}

#[tokio::test]
async fn every_page_carries_the_optional_body_and_the_call_headers() {
    let server = cursor_server(&[(None, vec![1], Some("c2")), (Some("c2"), vec![2], None)]).await;
    let items: Vec<_> = client(&server)
        .list_events()
        .body(b"{\"type\":\"login\"}\n")
        .header("x-trace", "t-1")
        .idempotency_key("walk-1")
        .items()
        .collect()
        .await;
    assert_eq!(values(items), [1, 2]);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    for request in &received {
        assert_eq!(request.body, b"{\"type\":\"login\"}\n");
        assert_eq!(request.headers["content-type"], "application/x-ndjson");
        assert_eq!(request.headers["x-trace"], "t-1");
        assert_eq!(request.headers["idempotency-key"], "walk-1");
    }
    // Without a body: none, and no `Content-Type`.
    let server = cursor_server(&[(None, vec![3], None)]).await;
    let page = client(&server)
        .list_events()
        .header("x-trace", "t-2")
        .await
        .unwrap();
    assert_eq!(page.result, [json!(3)]);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].body, b"");
    assert!(!received[0].headers.contains_key("content-type"));
    assert_eq!(received[0].headers["x-trace"], "t-2");
}

#[tokio::test]
async fn an_invalid_header_is_the_walks_only_item() {
    let server = MockServer::start().await;
    let pages: Vec<_> = client(&server)
        .list_events()
        .header("bad name", "v")
        .pages()
        .collect()
        .await;
    match pages.as_slice() {
        [Err(error)] => assert_eq!(
            error.to_string(),
            "invalid input: /events: `bad name` is not a valid header name"
        ),
        other => panic!("{other:?}"),
    }
    assert!(requests(&server).await.is_empty());
}

fn customers(ids: &[&str], has_more: bool) -> ResponseTemplate {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "object": "customer"}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "object": "list", "data": data, "has_more": has_more, "url": "/v1/customers",
    }))
}

/// Serves `path_` keyed by the value of `param` each request asks for.
async fn keyed_server(
    path_: &str,
    param: &str,
    pages: Vec<(Option<&str>, ResponseTemplate)>,
) -> MockServer {
    let server = MockServer::start().await;
    for (asked, response) in pages {
        let mock = Mock::given(method("GET")).and(path(path_));
        let mock = match asked {
            Some(value) => mock.and(query_param(param, value)),
            None => mock.and(query_param_is_missing(param)),
        };
        mock.respond_with(response).mount(&server).await;
    }
    server
}

fn ids(items: Vec<Result<Value, Error>>) -> Vec<String> {
    items
        .into_iter()
        .map(|item| item.unwrap()["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_list_object_is_walked_after_its_last_items_id() {
    let server = keyed_server(
        "/customers",
        "starting_after",
        vec![
            (None, customers(&["cus_1", "cus_2"], true)),
            (Some("cus_2"), customers(&["cus_3", "cus_4"], true)),
            (Some("cus_4"), customers(&["cus_5"], false)),
        ],
    )
    .await;
    let client = client(&server);
    let items = client
        .list_customers(None)
        .per_page(2)
        .items()
        .collect()
        .await;
    assert_eq!(ids(items), ["cus_1", "cus_2", "cus_3", "cus_4", "cus_5"]);
    // `per_page` sets the operation's own page-size parameter, `limit`.
    assert_eq!(
        requests(&server).await,
        [
            "limit=2",
            "limit=2&starting_after=cus_2",
            "limit=2&starting_after=cus_4"
        ]
    );
}

#[tokio::test]
async fn has_more_false_ends_the_walk_on_a_full_page() {
    let server = keyed_server(
        "/customers",
        "starting_after",
        vec![
            (None, customers(&["cus_1", "cus_2"], true)),
            (Some("cus_2"), customers(&["cus_3", "cus_4"], false)),
            (Some("cus_4"), customers(&["cus_5"], false)),
        ],
    )
    .await;
    let items = client(&server)
        .list_customers(Some(2))
        .items()
        .collect()
        .await;
    assert_eq!(ids(items), ["cus_1", "cus_2", "cus_3", "cus_4"]);
    assert_eq!(
        requests(&server).await,
        ["limit=2", "limit=2&starting_after=cus_2"]
    );
}

#[tokio::test]
async fn a_repeated_last_id_ends_the_walk() {
    let server = keyed_server(
        "/customers",
        "starting_after",
        vec![
            (None, customers(&["cus_1", "cus_2"], true)),
            (Some("cus_2"), customers(&["cus_3", "cus_2"], true)),
        ],
    )
    .await;
    let items = client(&server).list_customers(None).items().collect().await;
    assert_eq!(ids(items), ["cus_1", "cus_2", "cus_3", "cus_2"]);
    assert_eq!(requests(&server).await, ["", "starting_after=cus_2"]);
}

#[tokio::test]
async fn a_list_object_without_has_more_or_an_id_is_one_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/customers"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [{"name": "no id"}], "has_more": true})),
        )
        .mount(&server)
        .await;
    let pages: Vec<_> = client(&server).list_customers(None).pages().collect().await;
    assert_eq!(pages.len(), 1);
    assert_eq!(requests(&server).await, [""]);
}

fn search_page(ids: &[&str], next_page: Option<&str>) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "object": "search_result", "data": data,
        "has_more": next_page.is_some(), "next_page": next_page,
    }))
}

#[tokio::test]
async fn a_token_in_the_body_is_sent_back_as_its_parameter() {
    let server = keyed_server(
        "/customers/search",
        "page",
        vec![
            (None, search_page(&["cus_1"], Some("tok 2"))),
            (Some("tok 2"), search_page(&["cus_2"], Some("tok3"))),
            (Some("tok3"), search_page(&["cus_3"], None)),
        ],
    )
    .await;
    let items = client(&server)
        .search_customers("email:'a@b.c'")
        .items()
        .collect()
        .await;
    assert_eq!(ids(items), ["cus_1", "cus_2", "cus_3"]);
    assert_eq!(
        requests(&server).await,
        [
            "query=email:'a@b.c'",
            "page=tok 2&query=email:'a@b.c'",
            "page=tok3&query=email:'a@b.c'"
        ]
    );
    // On the wire, the token is percent-encoded.
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[1].url.query(),
        Some("query=email%3A%27a%40b.c%27&page=tok%202")
    );
}

#[tokio::test]
async fn a_repeated_token_ends_the_walk() {
    let server = keyed_server(
        "/customers/search",
        "page",
        vec![
            (None, search_page(&["cus_1"], Some("a"))),
            (Some("a"), search_page(&["cus_2"], Some("a"))),
        ],
    )
    .await;
    let items = client(&server)
        .search_customers("x")
        .items()
        .collect()
        .await;
    assert_eq!(ids(items), ["cus_1", "cus_2"]);
    assert_eq!(requests(&server).await, ["query=x", "page=a&query=x"]);
}

fn repos(ids: &[i64], link: Option<String>) -> ResponseTemplate {
    let body: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    let response = ResponseTemplate::new(200).set_body_json(body);
    match link {
        Some(link) => response.insert_header("link", link.as_str()),
        None => response,
    }
}

#[tokio::test]
async fn the_link_headers_next_url_is_followed() {
    let server = MockServer::start().await;
    let uri = server.uri();
    let pages = [
        (
            None,
            vec![1, 2],
            Some(format!(
                "<{uri}/repos?page=2&per_page=2>; rel=\"next\", <{uri}/repos?page=3&per_page=2>; rel=\"last\""
            )),
        ),
        (
            Some("2"),
            vec![3, 4],
            Some(format!(
                "<{uri}/repos?page=1&per_page=2>; rel=\"prev first\", <{uri}/repos?page=3&per_page=2>; rel=\"next last\""
            )),
        ),
        (
            Some("3"),
            vec![5],
            Some(format!("<{uri}/repos?page=2&per_page=2>; rel=\"prev\"")),
        ),
    ];
    for (asked, items, link) in pages {
        let mock = Mock::given(method("GET")).and(path("/repos"));
        let mock = match asked {
            Some(page) => mock.and(query_param("page", page)),
            None => mock.and(query_param_is_missing("page")),
        };
        mock.respond_with(repos(&items, link)).mount(&server).await;
    }
    let items: Vec<_> = client(&server)
        .list_repos()
        .per_page(2)
        .items()
        .collect()
        .await;
    let ids: Vec<i64> = items
        .into_iter()
        .map(|item| item.unwrap()["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(
        requests(&server).await,
        ["per_page=2", "page=2&per_page=2", "page=3&per_page=2"]
    );
    // The link's query is sent as the server wrote it.
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[2].url.query(), Some("page=3&per_page=2"));
}

#[tokio::test]
async fn a_next_link_elsewhere_is_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/repos"))
        .respond_with(repos(
            &[1],
            Some("<https://elsewhere.example/repos?page=2>; rel=\"next\"".to_string()),
        ))
        .mount(&server)
        .await;
    let pages: Vec<_> = client(&server).list_repos().pages().collect().await;
    assert_eq!(pages.len(), 1);
    assert_eq!(requests(&server).await, [""]);
}

fn articles(ids: &[&str], next: Option<&str>) -> ResponseTemplate {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| json!({"type": "articles", "id": id}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "data": data, "links": {"self": "/articles", "next": next},
    }))
}

#[tokio::test]
async fn links_next_is_followed_until_it_is_null() {
    let server = keyed_server(
        "/articles",
        "page[cursor]",
        vec![
            (
                None,
                articles(&["1", "2"], Some("/articles?page%5Bcursor%5D=b")),
            ),
            (
                Some("b"),
                articles(&["3"], Some("/articles?page%5Bcursor%5D=c")),
            ),
            (Some("c"), articles(&["4"], None)),
        ],
    )
    .await;
    let items = client(&server).list_articles().items().collect().await;
    assert_eq!(ids(items), ["1", "2", "3", "4"]);
    assert_eq!(
        requests(&server).await,
        ["", "page[cursor]=b", "page[cursor]=c"]
    );
}

#[tokio::test]
async fn a_repeated_next_link_ends_the_walk() {
    let server = keyed_server(
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
    let items = client(&server).list_articles().items().collect().await;
    assert_eq!(ids(items), ["1", "2"]);
    assert_eq!(requests(&server).await, ["", "page[cursor]=b"]);
}

fn servers(ids: &[i64], page: u64, next_page: Option<u64>) -> ResponseTemplate {
    let list: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "servers": list,
        "meta": {"pagination": {
            "page": page, "per_page": 2, "previous_page": null,
            "next_page": next_page, "last_page": 9, "total_entries": 5,
        }},
    }))
}

#[tokio::test]
async fn a_page_number_in_meta_pagination_is_walked_to_a_null_next_page() {
    let server = keyed_server(
        "/servers",
        "page",
        vec![
            (None, servers(&[1, 2], 1, Some(2))),
            (Some("2"), servers(&[3, 4], 2, Some(3))),
            // `last_page` says 9, `next_page` says this is the last.
            (Some("3"), servers(&[5, 6], 3, None)),
            (Some("4"), servers(&[7, 8], 4, Some(5))),
        ],
    )
    .await;
    let items: Vec<_> = client(&server).list_servers().items().collect().await;
    let ids: Vec<i64> = items
        .into_iter()
        .map(|item| item.unwrap()["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6]);
    assert_eq!(requests(&server).await, ["", "page=2", "page=3"]);
}

#[test]
fn the_next_link_is_read_as_rfc_8288_writes_it() {
    use crate::pagination::next_in_link;
    let cases: &[(&str, Option<&str>)] = &[
        (
            "<https://a/x?page=2>; rel=\"next\"",
            Some("https://a/x?page=2"),
        ),
        (
            "<https://a/x?page=1>; rel=\"prev\", <https://a/x?page=3>; rel=\"next\"",
            Some("https://a/x?page=3"),
        ),
        ("<https://a/x?a=1,2>; rel=next", Some("https://a/x?a=1,2")),
        (
            "<https://a/1>; title=\"a <b>; rel=next\"; rel=\"last\", <https://a/2>; REL=\"Next\"",
            Some("https://a/2"),
        ),
        ("<https://a/x?page=2>; rel=\"nextish\"", None),
        ("<https://a/x?page=9>; rel=\"last\"", None),
        ("", None),
        ("<https://a/x", None),
    ];
    for (header, next) in cases {
        assert_eq!(next_in_link(header).as_deref(), *next, "{header}");
    }
}

#[test]
fn only_links_under_the_base_url_are_followed() {
    use crate::pagination::under_base;
    let base = "https://api.example.com/v1";
    let cases: &[(&str, Option<&str>)] = &[
        (
            "https://api.example.com/v1/items?page=2",
            Some("/items?page=2"),
        ),
        ("/v1/items?cursor=a%20b", Some("/items?cursor=a%20b")),
        ("https://API.example.com:443/v1/items", Some("/items")),
        ("https://api.example.com/v1?page=2", Some("?page=2")),
        ("https://api.example.com/v2/items", None),
        ("https://api.example.com/v1evil/items", None),
        ("http://api.example.com/v1/items", None),
        ("https://evil.example/v1/items", None),
        ("//evil.example/v1/items", None),
        ("/items?page=2", None),
    ];
    for (link, path) in cases {
        assert_eq!(under_base(base, link).as_deref(), *path, "{link}");
    }
}
