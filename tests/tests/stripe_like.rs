//! Form bodies and bracketed query parameters as a server receives them:
//! the crate `tests/stripe-like/`, generated from
//! `tests/fixtures/stripe_like.yaml` (written the way Stripe's spec is),
//! is called against a real HTTP server on 127.0.0.1; the raw body and
//! query are compared byte for byte with what Stripe's documentation
//! shows, and the body is read back with a real form parser
//! (`form_urlencoded`) to check every key and value.

use std::collections::BTreeMap;

use fixture_stripe_like::Client;
use fixture_stripe_like::Nullable;
use fixture_stripe_like::models::{
    Address, ApiErrors, ApiErrorsType, Error, GetCustomersCreated, GetCustomersCreatedVariant1,
    GetCustomersParams, PostCustomersRequest, PostCustomersRequestAddress,
    PostCustomersRequestAddressVariant2, PostCustomersRequestInvoiceSettings,
    PostCustomersRequestInvoiceSettingsCustomFields,
    PostCustomersRequestInvoiceSettingsCustomFieldsVariant1Item, PostCustomersRequestMetadata,
    PostCustomersRequestTaxExempt, PostCustomersRequestTaxIdDataItem,
    PostCustomersRequestTaxIdDataItemType,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

fn customer() -> serde_json::Value {
    json!({
        "id": "cus_NffrFeUfNV2Hib",
        "object": "customer",
        "created": 1680893993,
        "email": "a+b@example.com",
        "metadata": {"order_id": "6735"},
        "address": {"city": "Köln", "country": "DE", "line1": null, "postal_code": "50667"}
    })
}

/// A server answering `method` on `path` with `body`, and a client
/// pointed at it.
async fn serve(verb: &str, route: &str, body: serde_json::Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_auth(KEY)
        .max_retries(0)
        .build()
        .expect("client builds");
    (server, client)
}

/// The one request the server received.
async fn received(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

fn header<'r>(request: &'r wiremock::Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().expect("ASCII"))
}

/// The body as a form parser reads it: every pair, decoded, in order.
fn parse(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

/// Every kind of member Stripe's `POST /v1/customers` has: an email that
/// needs escapes, a nested object (a `$ref` the response uses too), a
/// map, a list of objects, `expand[]` and `preferred_locales[]`
/// (`deepObject`), a list without an encoding (one pair per item), a list
/// of objects inside an object, an enum, an integer, an integral number
/// and a boolean; unset members are left out.
#[tokio::test]
async fn a_customer_form_goes_in_brackets() {
    let (server, client) = serve("POST", "/v1/customers", customer()).await;
    let body = PostCustomersRequest {
        email: Some("a+b@example.com".to_string()),
        name: Some("Jenny Rosen & Co.".to_string()),
        address: Some(PostCustomersRequestAddress::Address(Address {
            city: Nullable::Value("Köln".to_string()),
            country: Nullable::Value("DE".to_string()),
            line1: Nullable::Absent,
            postal_code: Nullable::Value("50667".to_string()),
            extra: Default::default(),
        })),
        metadata: Some(PostCustomersRequestMetadata::Map(BTreeMap::from([
            ("order_id".to_string(), "6735".to_string()),
            ("note".to_string(), "x=1&y[0]".to_string()),
        ]))),
        tax_id_data: Some(vec![
            PostCustomersRequestTaxIdDataItem {
                r#type: PostCustomersRequestTaxIdDataItemType::EuVat,
                value: "DE123456789".to_string(),
            },
            PostCustomersRequestTaxIdDataItem {
                r#type: PostCustomersRequestTaxIdDataItemType::UsEin,
                value: "12-3456789".to_string(),
            },
        ]),
        invoice_settings: Some(PostCustomersRequestInvoiceSettings {
            custom_fields: Some(
                PostCustomersRequestInvoiceSettingsCustomFields::PostCustomersRequestInvoiceSettingsCustomFieldsVariant1ItemList(
                    vec![PostCustomersRequestInvoiceSettingsCustomFieldsVariant1Item {
                        name: "PO".to_string(),
                        value: "4711".to_string(),
                    }],
                ),
            ),
            footer: None,
        }),
        expand: Some(vec!["tax".to_string(), "sources.data".to_string()]),
        preferred_locales: Some(vec!["de".to_string(), "en".to_string()]),
        discount_codes: Some(vec!["A 1".to_string(), "B".to_string()]),
        tax_exempt: Some(PostCustomersRequestTaxExempt::Reverse),
        balance: Some(-500),
        credit_limit: Some(300.0),
        validate: Some(false),
    };
    let response = client.post_customers().body(&body).await.expect("200");
    assert_eq!(response.result.id, "cus_NffrFeUfNV2Hib");
    let request = received(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        header(&request, "authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(
        String::from_utf8(request.body.clone()).unwrap(),
        "address[city]=K%C3%B6ln&address[country]=DE&address[postal_code]=50667\
         &balance=-500&credit_limit=300&discount_codes=A%201&discount_codes=B\
         &email=a%2Bb%40example.com&expand[]=tax&expand[]=sources.data\
         &invoice_settings[custom_fields][0][name]=PO&invoice_settings[custom_fields][0][value]=4711\
         &metadata[note]=x%3D1%26y%5B0%5D&metadata[order_id]=6735\
         &name=Jenny%20Rosen%20%26%20Co.&preferred_locales[]=de&preferred_locales[]=en\
         &tax_exempt=reverse\
         &tax_id_data[0][type]=eu_vat&tax_id_data[0][value]=DE123456789\
         &tax_id_data[1][type]=us_ein&tax_id_data[1][value]=12-3456789\
         &validate=false"
    );
    assert_eq!(
        parse(&request.body),
        pairs(&[
            ("address[city]", "Köln"),
            ("address[country]", "DE"),
            ("address[postal_code]", "50667"),
            ("balance", "-500"),
            ("credit_limit", "300"),
            ("discount_codes", "A 1"),
            ("discount_codes", "B"),
            ("email", "a+b@example.com"),
            ("expand[]", "tax"),
            ("expand[]", "sources.data"),
            ("invoice_settings[custom_fields][0][name]", "PO"),
            ("invoice_settings[custom_fields][0][value]", "4711"),
            ("metadata[note]", "x=1&y[0]"),
            ("metadata[order_id]", "6735"),
            ("name", "Jenny Rosen & Co."),
            ("preferred_locales[]", "de"),
            ("preferred_locales[]", "en"),
            ("tax_exempt", "reverse"),
            ("tax_id_data[0][type]", "eu_vat"),
            ("tax_id_data[0][value]", "DE123456789"),
            ("tax_id_data[1][type]", "us_ein"),
            ("tax_id_data[1][value]", "12-3456789"),
            ("validate", "false"),
        ])
    );
}

/// Stripe's way of unsetting: an empty value. `""` for the whole
/// `metadata` or `address` (their `enum: [""]` choice), `null` for one
/// member (`Nullable::Null`), and `tax_exempt`'s own `""`.
#[tokio::test]
async fn empty_values_unset_fields() {
    let (server, client) = serve("POST", "/v1/customers", customer()).await;
    let body = PostCustomersRequest {
        metadata: Some(
            PostCustomersRequestMetadata::PostCustomersRequestMetadataVariant2(
                PostCustomersRequestAddressVariant2::Empty,
            ),
        ),
        address: Some(PostCustomersRequestAddress::Address(Address {
            line1: Nullable::Null,
            ..Default::default()
        })),
        tax_exempt: Some(PostCustomersRequestTaxExempt::Empty),
        ..Default::default()
    };
    client.post_customers().body(&body).await.expect("200");
    let request = received(&server).await;
    assert_eq!(
        String::from_utf8(request.body.clone()).unwrap(),
        "address[line1]=&metadata=&tax_exempt="
    );
    assert_eq!(
        parse(&request.body),
        pairs(&[("address[line1]", ""), ("metadata", ""), ("tax_exempt", "")])
    );
    // An unset address choice writes nothing at all.
    let (server, client) = serve("POST", "/v1/customers", customer()).await;
    let body = PostCustomersRequest {
        address: Some(
            PostCustomersRequestAddress::PostCustomersRequestAddressVariant2(
                PostCustomersRequestAddressVariant2::Empty,
            ),
        ),
        expand: Some(Vec::new()),
        ..Default::default()
    };
    client.post_customers().body(&body).await.expect("200");
    let request = received(&server).await;
    assert_eq!(String::from_utf8(request.body).unwrap(), "address=");
}

/// The address a response carries is the same type the form sends: read,
/// changed and sent back as a form, undeclared members included.
#[tokio::test]
async fn a_received_address_goes_back_as_a_form() {
    let (server, client) = serve("POST", "/v1/customers", customer()).await;
    let mut address: Address = serde_json::from_value(json!({
        "city": "Köln", "country": "DE", "line1": null, "postal_code": "50667", "line3": "Hof"
    }))
    .unwrap();
    address.city = Nullable::Value("Bonn".to_string());
    let body = PostCustomersRequest {
        address: Some(PostCustomersRequestAddress::Address(address)),
        ..Default::default()
    };
    client.post_customers().body(&body).await.expect("200");
    let request = received(&server).await;
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "address[city]=Bonn&address[country]=DE&address[line1]=&address[postal_code]=50667\
         &address[line3]=Hof"
    );
}

/// `created` is `anyOf [range object, integer]`: the caller picks, and it
/// goes as `created[gt]=…` or `created=…`; `expand` is `expand[]=…`; a GET
/// whose body schema can hold nothing sends no body and no content type.
#[tokio::test]
async fn list_filters_go_in_brackets() {
    let list =
        json!({"object": "list", "url": "/v1/customers", "has_more": false, "data": [customer()]});
    let (server, client) = serve("GET", "/v1/customers", list.clone()).await;
    let params = GetCustomersParams {
        created: Some(GetCustomersCreated::GetCustomersCreatedVariant1(
            GetCustomersCreatedVariant1 {
                gt: Some(1700000000),
                lte: Some(1800000000),
                ..Default::default()
            },
        )),
        email: Some("a+b@example.com".to_string()),
        expand: Some(vec!["data.tax".to_string(), "data.address".to_string()]),
        limit: Some(3),
    };
    let response = client.get_customers(&params).await.expect("200");
    assert_eq!(
        response.result.data[0].email.as_deref(),
        Some("a+b@example.com")
    );
    let request = received(&server).await;
    assert_eq!(
        request.url.query(),
        Some(
            "created[gt]=1700000000&created[lte]=1800000000&email=a%2Bb%40example.com\
             &expand[]=data.tax&expand[]=data.address&limit=3"
        )
    );
    assert!(request.body.is_empty());
    assert_eq!(header(&request, "content-type"), None);

    let (server, client) = serve("GET", "/v1/customers", list).await;
    let params = GetCustomersParams {
        created: Some(GetCustomersCreated::Integer(1700000000)),
        ..Default::default()
    };
    client.get_customers(&params).await.expect("200");
    let request = received(&server).await;
    assert_eq!(request.url.query(), Some("created=1700000000"));
}

/// Stripe's error body, as its spec's `default` response declares it:
/// decoded into the spec's `Error`, its message shown by `Display`, status,
/// headers and raw body kept.
#[tokio::test]
async fn an_error_body_is_the_spec_s_type_and_its_message_is_shown() {
    let body = json!({"error": {
        "code": "resource_missing",
        "doc_url": "https://stripe.com/docs/error-codes/resource-missing",
        "message": "No such customer: 'cus_x'",
        "param": "customer",
        "type": "invalid_request_error",
    }});
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/customers"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(body.clone())
                .insert_header("request-id", "req_8aZ1"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_auth(KEY)
        .max_retries(0)
        .build()
        .expect("client builds");
    let error = client.post_customers().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "API error: HTTP 404 Not Found; No such customer: 'cus_x'"
    );
    assert_eq!(error.api_message(), Some("No such customer: 'cus_x'"));
    let typed = error.api_body::<Error>().expect("the spec's error type");
    assert_eq!(typed.error.code.as_deref(), Some("resource_missing"));
    assert_eq!(typed.error.param.as_deref(), Some("customer"));
    assert_eq!(typed.error.r#type, ApiErrorsType::InvalidRequestError);
    // Another type is not claimed.
    assert!(error.api_body::<ApiErrors>().is_none());
    let Some(headers) = error.headers() else {
        panic!("a response was read: {error:?}");
    };
    assert_eq!(headers["request-id"], "req_8aZ1");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(error.body().expect("the body")).unwrap(),
        body
    );
    // An undeclared shape still keeps everything, without a typed body.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/customers"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>bad gateway</html>"))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_auth(KEY)
        .max_retries(0)
        .build()
        .expect("client builds");
    let error = client.post_customers().await.unwrap_err();
    assert_eq!(error.to_string(), "API error: HTTP 502 Bad Gateway");
    assert!(error.api_body::<Error>().is_none());
    assert_eq!(error.body(), Some(&b"<html>bad gateway</html>"[..]));
}
