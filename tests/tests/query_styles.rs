//! Query and header parameters of every OpenAPI style, as they reach a
//! real HTTP server on 127.0.0.1: the crate `tests/query-styles/`,
//! generated from `tests/fixtures/query_styles.yaml`, is called and the raw
//! query string the server received is compared byte for byte.

use fixture_query_styles::models::{
    ListEventsCreated, ListEventsOrder, ListEventsOrderBy, ListEventsParams, ListItemsParams,
    ListItemsStatusItem, ListWindowsParams, ListWindowsWindow,
};
use fixture_query_styles::{Client, Timestamp};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server answering every GET with 204, and a client pointed at it.
async fn serve() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("k/1 x&y")
        .max_retries(0)
        .build()
        .expect("client builds");
    (server, client)
}

/// The one request the server received: its path, raw query (as sent,
/// not decoded) and its headers.
async fn received(server: &MockServer) -> (String, Option<String>, wiremock::http::HeaderMap) {
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request");
    let request = &requests[0];
    (
        request.url.path().to_string(),
        request.url.query().map(str::to_string),
        request.headers.clone(),
    )
}

fn items(ids: Vec<i64>) -> ListItemsParams {
    ListItemsParams {
        ids,
        tag: None,
        status: None,
        words: None,
        codes: None,
        x_tags: None,
        names: None,
        q: None,
    }
}

/// `list_items` with `params`: the raw query the server saw.
async fn items_query(params: ListItemsParams) -> Option<String> {
    let (server, client) = serve().await;
    client.list_items(&params).await.expect("204");
    let (path, query, _) = received(&server).await;
    assert_eq!(path, "/items");
    query
}

fn strings(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|item| item.to_string()).collect())
}

#[tokio::test]
async fn form_without_explode_joins_items_with_literal_commas() {
    assert_eq!(
        items_query(items(vec![1, 2])).await.as_deref(),
        Some("ids=1,2")
    );
    let params = ListItemsParams {
        status: Some(vec![
            ListItemsStatusItem::Active,
            ListItemsStatusItem::Paused,
        ]),
        ..items(vec![7])
    };
    assert_eq!(
        items_query(params).await.as_deref(),
        Some("ids=7&status=active,paused")
    );
}

#[tokio::test]
async fn form_with_explode_repeats_the_name() {
    let params = ListItemsParams {
        tag: strings(&["a", "b"]),
        ..items(vec![1])
    };
    assert_eq!(
        items_query(params).await.as_deref(),
        Some("ids=1&tag=a&tag=b")
    );
}

#[tokio::test]
async fn space_delimited_joins_items_with_encoded_spaces() {
    let params = ListItemsParams {
        words: strings(&["blue", "black", "brown"]),
        ..items(vec![1])
    };
    assert_eq!(
        items_query(params).await.as_deref(),
        Some("ids=1&words=blue%20black%20brown")
    );
}

#[tokio::test]
async fn pipe_delimited_joins_items_with_literal_pipes() {
    let params = ListItemsParams {
        codes: Some(vec![1, 2, 3]),
        ..items(vec![1])
    };
    assert_eq!(
        items_query(params).await.as_deref(),
        Some("ids=1&codes=1|2|3")
    );
}

#[tokio::test]
async fn reserved_characters_in_a_scalar_are_encoded() {
    let params = ListItemsParams {
        q: Some("a,b&c=d e".to_string()),
        ..items(vec![1])
    };
    assert_eq!(
        items_query(params).await.as_deref(),
        Some("ids=1&q=a%2Cb%26c%3Dd%20e")
    );
    let params = ListItemsParams {
        q: Some("x+y#z[0]|%é".to_string()),
        ..items(vec![1])
    };
    assert_eq!(
        items_query(params).await.as_deref(),
        Some("ids=1&q=x%2By%23z%5B0%5D%7C%25%C3%A9")
    );
}

/// An item holding its style's delimiter, or `&` and `=`, cannot split
/// the value or the pair: only the delimiter between items is literal.
#[tokio::test]
async fn an_item_holding_the_delimiter_stays_one_item() {
    let params = ListItemsParams {
        names: strings(&["x,y", "z"]),
        tag: strings(&["a&tag=b"]),
        status: Some(vec![ListItemsStatusItem::Unknown("on|off".to_string())]),
        ..items(vec![1])
    };
    assert_eq!(
        items_query(params).await.as_deref(),
        Some("ids=1&tag=a%26tag%3Db&status=on%7Coff&names=x%2Cy,z")
    );
}

/// An empty array is left out, whatever its style: here nothing is left,
/// so the URL has no query at all.
#[tokio::test]
async fn empty_arrays_are_left_out() {
    let params = ListItemsParams {
        tag: Some(Vec::new()),
        words: Some(Vec::new()),
        codes: Some(Vec::new()),
        names: Some(Vec::new()),
        ..items(Vec::new())
    };
    assert_eq!(items_query(params).await, None);
}

/// Every parameter at once, in the spec's order; the header array is one
/// comma-joined value.
#[tokio::test]
async fn every_style_together() {
    let (server, client) = serve().await;
    let params = ListItemsParams {
        ids: vec![1, 2],
        tag: strings(&["a", "b"]),
        status: Some(vec![ListItemsStatusItem::Paused]),
        words: strings(&["x", "y"]),
        codes: Some(vec![3, 4]),
        x_tags: strings(&["one", "two"]),
        names: strings(&["n"]),
        q: Some("find me".to_string()),
    };
    client.list_items(&params).await.expect("204");
    let (_, query, headers) = received(&server).await;
    assert_eq!(
        query.as_deref(),
        Some("ids=1,2&tag=a&tag=b&status=paused&words=x%20y&codes=3|4&names=n&q=find%20me")
    );
    assert_eq!(headers.get("x-tags").unwrap(), "one,two");
}

#[tokio::test]
async fn deep_object_writes_one_bracketed_pair_per_set_property() {
    let (server, client) = serve().await;
    let params = ListEventsParams {
        created: Some(ListEventsCreated {
            gt: Some(1700000000),
            lt: Some(1800000000),
        }),
        order: Some(ListEventsOrder {
            by: Some(ListEventsOrderBy::Created),
        }),
        filter: None,
    };
    client.list_events(&params).await.expect("204");
    let (path, query, _) = received(&server).await;
    assert_eq!(path, "/events");
    assert_eq!(
        query.as_deref(),
        Some("created[gt]=1700000000&created[lt]=1800000000&order[by]=created")
    );
}

/// Unset properties are left out; a parameter with `content` is the
/// caller's text, encoded like any value.
#[tokio::test]
async fn deep_object_leaves_unset_properties_out() {
    let (server, client) = serve().await;
    let params = ListEventsParams {
        created: Some(ListEventsCreated {
            gt: None,
            lt: Some(5),
        }),
        order: Some(ListEventsOrder { by: None }),
        filter: Some(r#"{"a":"b c"}"#.to_string()),
    };
    client.list_events(&params).await.expect("204");
    let (_, query, _) = received(&server).await;
    assert_eq!(
        query.as_deref(),
        Some("created[lt]=5&filter=%7B%22a%22%3A%22b%20c%22%7D")
    );
}

/// A query credential follows the parameters, encoded the same way; the
/// required header array is one comma-joined value.
#[tokio::test]
async fn query_credentials_follow_the_parameters() {
    let (server, client) = serve().await;
    let params = ListWindowsParams {
        zone: vec!["eu west".to_string(), "us".to_string()],
        window: ListWindowsWindow {
            start: Timestamp::parse("2024-01-02T03:04:05Z").unwrap(),
            end: Some(Timestamp::parse("2024-01-03T00:00:00Z").unwrap()),
        },
        x_ids: vec![1, 2, 3],
        x_trace: "t-1".to_string(),
    };
    client.list_windows(&params).await.expect("204");
    let (path, query, headers) = received(&server).await;
    assert_eq!(path, "/windows");
    assert_eq!(
        query.as_deref(),
        Some(
            "zone=eu%20west&zone=us\
             &window[start]=2024-01-02T03%3A04%3A05Z&window[end]=2024-01-03T00%3A00%3A00Z\
             &api_key=k%2F1%20x%26y"
        )
    );
    assert_eq!(headers.get("x-ids").unwrap(), "1,2,3");
    assert_eq!(headers.get("x-trace").unwrap(), "t-1");
}

/// A required exploded array that is empty leaves only the credential; a
/// required header array that is empty sends no header at all, while an
/// empty string header is still sent.
#[tokio::test]
async fn only_the_credential_when_nothing_else_is_set() {
    let (server, client) = serve().await;
    let params = ListWindowsParams {
        zone: Vec::new(),
        window: ListWindowsWindow {
            start: Timestamp::parse("2024-01-02T03:04:05.5+01:00").unwrap(),
            end: None,
        },
        x_ids: Vec::new(),
        x_trace: String::new(),
    };
    client.list_windows(&params).await.expect("204");
    let (_, query, headers) = received(&server).await;
    assert_eq!(
        query.as_deref(),
        Some("window[start]=2024-01-02T03%3A04%3A05.5%2B01%3A00&api_key=k%2F1%20x%26y")
    );
    assert_eq!(headers.get("x-ids"), None);
    assert_eq!(headers.get("x-trace").unwrap(), "");
}
