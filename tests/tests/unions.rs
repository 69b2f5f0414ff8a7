//! Unions and received objects read from a real HTTP server on 127.0.0.1
//! and sent back: the crate `tests/union-client/`, generated from
//! `tests/fixtures/unions.yaml`, decodes each response to an exact variant
//! with exact fields, then sends the decoded value back, and the raw body
//! the server received must be the JSON it served: tags, members the spec
//! does not declare, integral `number`s written without a fraction.
//!
//! - a `discriminator` with an explicit `mapping` (`Pet`),
//! - one with the implicit mapping by schema name (`Shape`),
//! - one every variant inherits from an `allOf` parent (`AnyVehicle`),
//! - DNS records told apart by the `type` each pins (`DnsRecord`), alone
//!   and in a list holding kinds the spec does not list,
//! - an object with undeclared members, read and written back
//!   (`ZoneSettings`).

use fixture_unions::models::{
    ARecord, ARecordType, AaaaRecord, AaaaRecordType, AnyVehicle, Bike, Car, Cat, Circle,
    CnameRecord, CnameRecordType, DnsRecord, Dog, Lizard, MxRecord, MxRecordType, Pet, Shape,
    Square, TxtRecord, TxtRecordType, ZoneSettings, ZoneSettingsMinify, ZoneSettingsSecurityLevel,
};
use fixture_unions::{Client, Error};
use serde_json::{Map, Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const RECORD: &str = "372e67954025e0ba6aaa6d586b9e0b59";

/// A server answering `GET route` and `PUT route` with `body`, exactly
/// these bytes (so an integral number is served as `300`, never `300.0`),
/// and a client pointed at it.
async fn serve(route: &str, body: &str) -> (MockServer, Client) {
    let server = MockServer::start().await;
    for verb in ["GET", "PUT"] {
        Mock::given(method(verb))
            .and(path(route))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
    }
    let client = Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds");
    (server, client)
}

/// The raw body of the one `PUT` to `route` the server received, as text,
/// after exactly `gets` `GET`s of it.
async fn put_body(server: &MockServer, route: &str, gets: usize) -> String {
    let requests = server.received_requests().await.expect("recording is on");
    let seen: Vec<(String, String)> = requests
        .iter()
        .map(|r| (r.method.to_string(), r.url.path().to_string()))
        .collect();
    let mut expected = vec![("GET".to_string(), route.to_string()); gets];
    expected.push(("PUT".to_string(), route.to_string()));
    assert_eq!(seen, expected);
    let put = requests.last().expect("a PUT");
    assert_eq!(
        put.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    String::from_utf8(put.body.clone()).expect("a UTF-8 body")
}

/// Parses JSON text, panicking with the text when it is not JSON.
fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The members of a JSON object literal.
fn members(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(members) => members,
        other => panic!("not an object: {other}"),
    }
}

/// GETs a pet served as `body`, asserts it decodes to `expected`, PUTs it
/// back and asserts the server received `body` and got back what it sent.
async fn pet_round_trip(body: &str, expected: Pet) {
    let route = "/pets/p1";
    let (server, client) = serve(route, body).await;
    let pet = client.get_pet("p1").await.expect("GET decodes").result;
    assert_eq!(pet, expected);
    let stored = client
        .update_pet("p1", &pet)
        .await
        .expect("PUT succeeds")
        .result;
    assert_eq!(stored, expected, "the PUT's answer decodes the same");
    assert_eq!(parse(&put_body(&server, route, 1).await), parse(body));
}

// (a) `discriminator` with an explicit `mapping`.

#[tokio::test]
async fn explicit_mapping_names_the_variant_and_keeps_undeclared_members() {
    let body = r#"{"pet_type":"cat","name":"Tom","indoor":true,"color":"grey","vaccinated_on":["2024-01-02"]}"#;
    pet_round_trip(
        body,
        Pet::Cat(Cat {
            pet_type: "cat".into(),
            name: "Tom".into(),
            indoor: Some(true),
            extra: members(json!({"color": "grey", "vaccinated_on": ["2024-01-02"]})),
        }),
    )
    .await;
}

#[tokio::test]
async fn mapping_value_other_than_the_schema_name_names_its_schema() {
    let body = r#"{"pet_type":"reptile","name":"Iggy","scale_count":1200}"#;
    pet_round_trip(
        body,
        Pet::Lizard(Lizard {
            pet_type: "reptile".into(),
            name: "Iggy".into(),
            scale_count: Some(1200),
            extra: Map::new(),
        }),
    )
    .await;
}

#[tokio::test]
async fn two_mapping_values_name_one_schema_and_the_value_read_is_sent_back() {
    for tag in ["dog", "puppy"] {
        let body = format!(r#"{{"pet_type":"{tag}","name":"Rex","bark_volume":7}}"#);
        pet_round_trip(
            &body,
            Pet::Dog(Dog {
                pet_type: tag.into(),
                name: "Rex".into(),
                bark_volume: Some(7),
                extra: Map::new(),
            }),
        )
        .await;
    }
}

/// The tag decides, not the shape: a dog's member under the tag `cat` is
/// a cat with an undeclared member (trial would have picked `Dog`, which
/// declares more of the input).
#[tokio::test]
async fn the_tag_decides_even_when_another_variant_fits_the_members_better() {
    let body = r#"{"pet_type":"cat","name":"Rex","bark_volume":7}"#;
    pet_round_trip(
        body,
        Pet::Cat(Cat {
            pet_type: "cat".into(),
            name: "Rex".into(),
            indoor: None,
            extra: members(json!({"bark_volume": 7})),
        }),
    )
    .await;
}

/// A tag the mapping does not list is kept whole in `Unknown` and sent
/// back unchanged; the name of a schema the mapping gives another value
/// (`Lizard`, mapped as `reptile`) is not a tag of its own.
#[tokio::test]
async fn unlisted_tags_and_mapped_schema_names_are_unknown() {
    for body in [
        r#"{"pet_type":"hamster","name":"Hammy","wheel_rpm":42.5,"cage":{"floors":2}}"#,
        r#"{"pet_type":"Lizard","name":"Iggy","scale_count":1200}"#,
        r#"{"name":"Nobody"}"#,
    ] {
        pet_round_trip(body, Pet::Unknown(parse(body))).await;
    }
}

// (b) `discriminator` without a mapping: the values are the schema names.

#[tokio::test]
async fn implicit_mapping_uses_the_schema_names() {
    let route = "/shapes/s1";
    let cases = [
        (
            r#"{"kind":"Circle","radius":2.5}"#,
            Shape::Circle(Circle {
                kind: "Circle".into(),
                radius: 2.5,
                extra: Map::new(),
            }),
        ),
        (
            r#"{"kind":"Square","side":3,"rotation":-0.25}"#,
            Shape::Square(Square {
                kind: "Square".into(),
                side: 3.0,
                extra: members(json!({"rotation": -0.25})),
            }),
        ),
        // Schema names are matched exactly.
        (
            r#"{"kind":"circle","radius":1}"#,
            Shape::Unknown(json!({"kind": "circle", "radius": 1})),
        ),
    ];
    for (body, expected) in cases {
        let (server, client) = serve(route, body).await;
        let shape = client.get_shape("s1").await.expect("GET decodes").result;
        assert_eq!(shape, expected);
        client
            .update_shape("s1", &shape)
            .await
            .expect("PUT succeeds");
        let sent = put_body(&server, route, 1).await;
        assert_eq!(parse(&sent), parse(body));
        assert!(
            !sent.contains(".0"),
            "an integral number got a fraction: {sent}"
        );
    }
    // Byte for byte: `3`, not `3.0`.
    let (server, client) = serve(route, r#"{"kind":"Square","side":3}"#).await;
    let shape = client.get_shape("s1").await.expect("GET decodes").result;
    client
        .update_shape("s1", &shape)
        .await
        .expect("PUT succeeds");
    assert_eq!(
        put_body(&server, route, 1).await,
        r#"{"kind":"Square","side":3}"#
    );
}

/// An input whose tag names a variant it does not decode as is an error
/// naming that variant, not an `Unknown` (and not another variant).
#[tokio::test]
async fn a_tagged_input_that_does_not_decode_is_an_error_naming_the_variant() {
    let body = r#"{"kind":"Square","radius":2}"#;
    let (_server, client) = serve("/shapes/s1", body).await;
    match client.get_shape("s1").await {
        Err(Error::Decode(error)) => {
            assert_eq!(
                error.source.to_string(),
                "Shape::Square: missing field `side`"
            );
            assert_eq!(error.body_text(), body);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// (c) The discriminator every variant inherits from its `allOf` parent.

#[tokio::test]
async fn discriminator_inherited_from_the_allof_parent() {
    let route = "/vehicles/v1";
    let cases = [
        // `car` from the parent's mapping (a bare schema name).
        (
            r#"{"vehicle_type":"car","wheels":4,"doors":5}"#,
            AnyVehicle::Car(Car {
                vehicle_type: "car".into(),
                wheels: Some(4),
                doors: Some(5),
                extra: Map::new(),
            }),
        ),
        // `Bike` by the implicit mapping.
        (
            r#"{"vehicle_type":"Bike","wheels":2,"has_bell":true,"color":"red"}"#,
            AnyVehicle::Bike(Bike {
                vehicle_type: "Bike".into(),
                wheels: Some(2),
                has_bell: Some(true),
                extra: members(json!({"color": "red"})),
            }),
        ),
        // A bike's member under the tag `car`: still a car.
        (
            r#"{"vehicle_type":"car","has_bell":false}"#,
            AnyVehicle::Car(Car {
                vehicle_type: "car".into(),
                wheels: None,
                doors: None,
                extra: members(json!({"has_bell": false})),
            }),
        ),
        (
            r#"{"vehicle_type":"truck","wheels":18,"axles":5}"#,
            AnyVehicle::Unknown(json!({"vehicle_type": "truck", "wheels": 18, "axles": 5})),
        ),
    ];
    for (body, expected) in cases {
        let (server, client) = serve(route, body).await;
        let vehicle = client.get_vehicle("v1").await.expect("GET decodes").result;
        assert_eq!(vehicle, expected);
        let stored = client
            .update_vehicle("v1", &vehicle)
            .await
            .expect("PUT succeeds")
            .result;
        assert_eq!(stored, expected);
        assert_eq!(parse(&put_body(&server, route, 1).await), parse(body));
    }
}

// (d) DNS records: no discriminator, each variant pins `type`.

fn record_path() -> String {
    format!("/zones/{ZONE}/dns_records/{RECORD}")
}

fn records_path() -> String {
    format!("/zones/{ZONE}/dns_records")
}

#[tokio::test]
async fn mx_record_keeps_its_priority_and_ttl_as_integers() {
    let body = r#"{"type":"MX","name":"example.com","content":"mx1.example.com","priority":10,"ttl":300,"comment":"primary","tags":["owner:mail"]}"#;
    let (server, client) = serve(&record_path(), body).await;
    let record = client
        .get_dns_record(ZONE, RECORD)
        .await
        .expect("GET decodes")
        .result;
    assert_eq!(
        record,
        DnsRecord::MxRecord(MxRecord {
            r#type: Some(MxRecordType::Mx),
            name: Some("example.com".into()),
            content: Some("mx1.example.com".into()),
            priority: Some(10.0),
            ttl: Some(300.0),
            extra: members(json!({"comment": "primary", "tags": ["owner:mail"]})),
        })
    );
    client
        .update_dns_record(ZONE, RECORD, &record)
        .await
        .expect("PUT succeeds");
    let sent = put_body(&server, &record_path(), 1).await;
    assert_eq!(parse(&sent), parse(body));
    assert!(sent.contains(r#""priority":10,"#), "{sent}");
    assert!(sent.contains(r#""ttl":300,"#), "{sent}");
    assert!(
        !sent.contains(".0"),
        "an integral number got a fraction: {sent}"
    );
}

/// A record built in code, not read: its `f64`s are integral and go out
/// without a fraction too, fractions kept where there are some.
#[tokio::test]
async fn record_built_in_code_writes_integral_numbers_as_integers() {
    let (server, client) = serve(&record_path(), r#"{"type":"A"}"#).await;
    let record = DnsRecord::ARecord(ARecord {
        r#type: Some(ARecordType::A),
        name: Some("www.example.com".into()),
        content: Some("198.51.100.4".into()),
        proxied: Some(false),
        ttl: Some(1.0),
        extra: Map::new(),
    });
    client
        .update_dns_record(ZONE, RECORD, &record)
        .await
        .expect("PUT succeeds");
    assert_eq!(
        put_body(&server, &record_path(), 0).await,
        r#"{"type":"A","name":"www.example.com","content":"198.51.100.4","proxied":false,"ttl":1}"#
    );
    let (server, client) = serve(&record_path(), r#"{"type":"MX"}"#).await;
    let record = DnsRecord::MxRecord(MxRecord {
        r#type: Some(MxRecordType::Mx),
        priority: Some(0.5),
        ttl: Some(3600.0),
        ..MxRecord::default()
    });
    client
        .update_dns_record(ZONE, RECORD, &record)
        .await
        .expect("PUT succeeds");
    assert_eq!(
        put_body(&server, &record_path(), 0).await,
        r#"{"type":"MX","priority":0.5,"ttl":3600}"#
    );
}

// (e) A list of DNS records holding kinds the spec does not list.

#[tokio::test]
async fn list_keeps_unlisted_kinds_in_unknown_and_sends_them_back_unchanged() {
    let srv = json!({
        "type": "SRV", "name": "_sip._tcp.example.com",
        "data": {"priority": 1, "weight": 5, "port": 5060, "target": "sip.example.com"},
        "ttl": 300
    });
    // Tags are matched exactly: `a` is not `A`. No tag at all is unknown too.
    let lower = json!({"type": "a", "name": "lower.example.com", "content": "198.51.100.9"});
    let untagged = json!({"name": "untagged.example.com", "content": "198.51.100.10"});
    let served = json!([
        {"type": "A", "name": "example.com", "content": "198.51.100.4", "proxied": true, "ttl": 1},
        {"type": "AAAA", "name": "example.com", "content": "2001:db8::1", "proxied": false, "ttl": 300},
        {"type": "CNAME", "name": "www.example.com", "content": "example.com", "proxied": true, "ttl": 1, "settings": {"flatten_cname": false}},
        srv.clone(),
        {"type": "MX", "name": "example.com", "content": "mx1.example.com", "priority": 10, "ttl": 300},
        {"type": "TXT", "name": "example.com", "content": "v=spf1 -all", "ttl": 86400},
        lower.clone(),
        untagged.clone(),
    ]);
    let body = serde_json::to_string(&served).expect("JSON");
    let route = records_path();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(&route))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(&route))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds");

    let records = client
        .list_dns_records(ZONE)
        .await
        .expect("the list decodes")
        .result;
    assert_eq!(
        records,
        vec![
            DnsRecord::ARecord(ARecord {
                r#type: Some(ARecordType::A),
                name: Some("example.com".into()),
                content: Some("198.51.100.4".into()),
                proxied: Some(true),
                ttl: Some(1.0),
                extra: Map::new(),
            }),
            DnsRecord::AaaaRecord(AaaaRecord {
                r#type: Some(AaaaRecordType::Aaaa),
                name: Some("example.com".into()),
                content: Some("2001:db8::1".into()),
                proxied: Some(false),
                ttl: Some(300.0),
                extra: Map::new(),
            }),
            DnsRecord::CnameRecord(CnameRecord {
                r#type: Some(CnameRecordType::Cname),
                name: Some("www.example.com".into()),
                content: Some("example.com".into()),
                proxied: Some(true),
                ttl: Some(1.0),
                extra: members(json!({"settings": {"flatten_cname": false}})),
            }),
            DnsRecord::Unknown(srv),
            DnsRecord::MxRecord(MxRecord {
                r#type: Some(MxRecordType::Mx),
                name: Some("example.com".into()),
                content: Some("mx1.example.com".into()),
                priority: Some(10.0),
                ttl: Some(300.0),
                extra: Map::new(),
            }),
            DnsRecord::TxtRecord(TxtRecord {
                r#type: Some(TxtRecordType::Txt),
                name: Some("example.com".into()),
                content: Some("v=spf1 -all".into()),
                ttl: Some(86400.0),
                extra: Map::new(),
            }),
            DnsRecord::Unknown(lower),
            DnsRecord::Unknown(untagged),
        ]
    );

    client
        .overwrite_dns_records(ZONE, &records)
        .await
        .expect("PUT succeeds");
    let sent = put_body(&server, &route, 1).await;
    assert_eq!(parse(&sent), served);
    assert!(
        !sent.contains(".0"),
        "an integral number got a fraction: {sent}"
    );
}

// (f), (g) An object read, changed and sent back.

const SETTINGS: &str = r#"{"id":"zs1","always_use_https":true,"browser_cache_ttl":300,"security_level":"medium","minify":{"css":true,"js":false,"html":true},"early_hints":"on","origin_max_http_version":2,"ciphers":["ECDHE-RSA-AES128-GCM-SHA256"],"polish":{"value":"lossless","modified_on":null}}"#;

#[tokio::test]
async fn object_keeps_undeclared_members_and_integral_numbers() {
    let route = format!("/zones/{ZONE}/settings");
    let (server, client) = serve(&route, SETTINGS).await;
    let settings = client
        .get_zone_settings(ZONE)
        .await
        .expect("GET decodes")
        .result;
    let expected = ZoneSettings {
        id: "zs1".into(),
        always_use_https: Some(true),
        browser_cache_ttl: Some(300.0),
        security_level: Some(ZoneSettingsSecurityLevel::Medium),
        minify: Some(ZoneSettingsMinify {
            css: Some(true),
            js: Some(false),
            extra: members(json!({"html": true})),
        }),
        extra: members(json!({
            "early_hints": "on",
            "origin_max_http_version": 2,
            "ciphers": ["ECDHE-RSA-AES128-GCM-SHA256"],
            "polish": {"value": "lossless", "modified_on": null}
        })),
    };
    assert_eq!(settings, expected);
    let stored = client
        .update_zone_settings(ZONE, &settings)
        .await
        .expect("PUT succeeds")
        .result;
    assert_eq!(stored, expected);
    let sent = put_body(&server, &route, 1).await;
    assert_eq!(parse(&sent), parse(SETTINGS));
    assert!(sent.contains(r#""browser_cache_ttl":300,"#), "{sent}");
    assert!(!sent.contains("300.0"), "{sent}");
}

#[tokio::test]
async fn changing_a_declared_field_changes_only_that_member() {
    let route = format!("/zones/{ZONE}/settings");
    let (server, client) = serve(&route, SETTINGS).await;
    let mut settings = client
        .get_zone_settings(ZONE)
        .await
        .expect("GET decodes")
        .result;
    settings.security_level = Some(ZoneSettingsSecurityLevel::High);
    settings.browser_cache_ttl = Some(14400.0);
    client
        .update_zone_settings(ZONE, &settings)
        .await
        .expect("PUT succeeds");
    let sent = put_body(&server, &route, 1).await;
    let mut expected = parse(SETTINGS);
    expected["security_level"] = json!("high");
    expected["browser_cache_ttl"] = json!(14400);
    assert_eq!(parse(&sent), expected);
    assert!(sent.contains(r#""browser_cache_ttl":14400,"#), "{sent}");
}

/// Undeclared members are written back as they came, `2.0` as `2.0`: on
/// an object, and in a union's `Unknown`.
#[tokio::test]
async fn undeclared_integral_floats_keep_their_fraction() {
    let route = format!("/zones/{ZONE}/settings");
    let body = r#"{"id":"zs1","ratio":2.0}"#;
    let (server, client) = serve(&route, body).await;
    let settings = client.get_zone_settings(ZONE).await.expect("GET").result;
    client
        .update_zone_settings(ZONE, &settings)
        .await
        .expect("PUT");
    assert_eq!(put_body(&server, &route, 1).await, body);

    let body = r#"{"type":"SRV","weight":2.0}"#;
    let (server, client) = serve(&record_path(), body).await;
    let record = client
        .get_dns_record(ZONE, RECORD)
        .await
        .expect("GET")
        .result;
    assert_eq!(record, DnsRecord::Unknown(parse(body)));
    client
        .update_dns_record(ZONE, RECORD, &record)
        .await
        .expect("PUT");
    assert_eq!(put_body(&server, &record_path(), 1).await, body);
}

/// The same undeclared member on a struct that is a union's variant.
#[tokio::test]
async fn undeclared_integral_floats_keep_their_fraction_in_a_union_variant() {
    let body = r#"{"type":"TXT","content":"x","weight":2.0}"#;
    let (server, client) = serve(&record_path(), body).await;
    let record = client
        .get_dns_record(ZONE, RECORD)
        .await
        .expect("GET")
        .result;
    assert_eq!(
        record,
        DnsRecord::TxtRecord(TxtRecord {
            r#type: Some(TxtRecordType::Txt),
            content: Some("x".into()),
            extra: members(json!({"weight": 2.0})),
            ..TxtRecord::default()
        })
    );
    client
        .update_dns_record(ZONE, RECORD, &record)
        .await
        .expect("PUT");
    let sent = put_body(&server, &record_path(), 1).await;
    assert_eq!(parse(&sent), parse(body));
    assert_eq!(sent, body);
}
