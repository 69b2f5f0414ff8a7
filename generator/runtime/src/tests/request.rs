use crate::error::Error;
use crate::path::fill;
use crate::request::{Query, join, json_body, raw_body, write_query};

#[test]
fn parameters_are_encoded_as_one_segment() {
    let path = fill("/accounts/{account_id}/items", &["a/b?c#d%e f"])
        .unwrap()
        .path;
    assert_eq!(path, "/accounts/a%2Fb%3Fc%23d%25e%20f/items");
    let kept = fill("{id}", &["Az09-_.~"]).unwrap().path;
    assert_eq!(kept, "Az09-_.~");
}

/// Several values, in order, also within one segment and at the end.
#[test]
fn every_name_takes_the_next_value() {
    let path = fill("/zones/{zone_id}/files/{name}.{ext}", &["z 1", "a", "b/c"])
        .unwrap()
        .path;
    assert_eq!(path, "/zones/z%201/files/a.b%2Fc");
    assert_eq!(fill("/", &[]).unwrap().path, "/");
    assert_eq!(
        fill("/literal%7Bbrace%7D", &[]).unwrap().path,
        "/literal%7Bbrace%7D"
    );
}

/// A value the generator failed to pass is refused as if empty, naming
/// its parameter; it never panics.
#[test]
fn a_missing_value_is_refused_by_name() {
    match fill("/a/{first}/{second}", &["x"]) {
        Err(Error::InvalidInput(error)) => {
            assert_eq!(error.target, "second");
            assert_eq!(error.reason, "`` cannot be used as a path segment");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn dot_segments_and_empty_values_are_refused() {
    for value in ["", ".", ".."] {
        match fill("/a/{id}", &[value]) {
            Err(Error::InvalidInput(error)) => assert_eq!(error.target, "id"),
            other => panic!("{value:?}: {other:?}"),
        }
    }
}

#[test]
fn raw_bodies_keep_their_media_type() {
    let body = raw_body(b"a,b".to_vec(), "text/csv");
    assert_eq!(body.content_type, "text/csv");
    assert_eq!(body.bytes, b"a,b");
}

#[test]
fn json_bodies_say_so() {
    let body = json_body(&serde_json::json!({"enabled": true})).unwrap();
    assert_eq!(body.content_type, "application/json");
    assert_eq!(body.bytes, br#"{"enabled":true}"#);
}

/// A header array (`simple`): items joined by commas, as given.
#[test]
fn header_array_items_are_joined_by_commas() {
    assert_eq!(join(&[1, 2, 3], ','), "1,2,3");
    assert_eq!(join(&["a b", "c"], ','), "a b,c");
    assert_eq!(join(&[7], ','), "7");
    assert_eq!(join::<i64>(&[], ','), "");
}

fn query(entries: &[Query]) -> String {
    let mut query = String::new();
    write_query(&mut query, entries, &[]);
    query
}

/// Each style's exact wire text, as in the OpenAPI specification's own
/// style examples.
#[test]
fn each_style_has_its_wire_text() {
    // `form`, `explode: true`: one pair per item.
    let exploded: Vec<Query> = Query::exploded("color", &["blue", "black"]).collect();
    assert_eq!(query(&exploded), "color=blue&color=black");
    let colors = ["blue", "black", "brown"];
    // `form`, `explode: false`.
    assert_eq!(
        query(&[Query::joined("color", &colors, ',')]),
        "color=blue,black,brown"
    );
    assert_eq!(
        query(&[Query::joined("color", &colors, ' ')]),
        "color=blue%20black%20brown"
    );
    assert_eq!(
        query(&[Query::joined("color", &colors, '|')]),
        "color=blue|black|brown"
    );
    // `deepObject`: one pair per set property, its key in brackets.
    // Keys in sorted order, which serde_json keeps with or without its
    // `preserve_order` (model structs keep their declaration order).
    let color = serde_json::json!({"B": 150, "G": 200, "R": 100});
    assert_eq!(
        query(&[Query::Pairs {
            name: "color",
            pairs: crate::form::pairs("color", &color).unwrap(),
        }]),
        "color[B]=150&color[G]=200&color[R]=100"
    );
    assert_eq!(query(&[Query::one("limit", &5)]), "limit=5");
}

/// Everything outside RFC 3986 unreserved is encoded inside a name, key
/// or item, so no value can end a pair or pass for a delimiter.
#[test]
fn reserved_characters_inside_values_are_encoded() {
    assert_eq!(
        query(&[Query::one("q", "a,b&c=d e")]),
        "q=a%2Cb%26c%3Dd%20e"
    );
    assert_eq!(
        query(&[Query::one("q", "x+y#z[0]|%/?:@!$'()*;")]),
        "q=x%2By%23z%5B0%5D%7C%25%2F%3F%3A%40%21%24%27%28%29%2A%3B"
    );
    assert_eq!(query(&[Query::one("q", "Az09-_.~")]), "q=Az09-_.~");
    assert_eq!(query(&[Query::one("q", "é")]), "q=%C3%A9");
    // An item holding the delimiter: the delimiter between items only.
    assert_eq!(
        query(&[Query::joined("a", &["x,y", "z"], ',')]),
        "a=x%2Cy,z"
    );
    assert_eq!(
        query(&[Query::joined("a", &["x|y", "z"], '|')]),
        "a=x%7Cy|z"
    );
    assert_eq!(
        query(&[Query::joined("a", &["x y", "z"], ' ')]),
        "a=x%20y%20z"
    );
    // A delimiter a query cannot hold as it is would be encoded.
    assert_eq!(query(&[Query::joined("a", &[1, 2], '&')]), "a=1%262");
    // Names and deepObject keys are encoded the same way.
    assert_eq!(
        query(&[
            Query::one("page[size]", &2),
            Query::Pairs {
                name: "f il",
                pairs: crate::form::pairs("f il", &serde_json::json!({"a]b": "c"})).unwrap(),
            },
        ]),
        "page%5Bsize%5D=2&f%20il[a%5Db]=c"
    );
}

#[test]
fn empty_arrays_are_left_out() {
    let empty: [i64; 0] = [];
    assert_eq!(
        query(&[
            Query::joined("a", &empty, ','),
            Query::one("b", &1),
            Query::joined("c", &empty, '|'),
        ]),
        "b=1"
    );
    assert_eq!(Query::exploded("a", &empty).count(), 0);
    // An empty string is still a value.
    assert_eq!(query(&[Query::one("a", "")]), "a=");
    // A deepObject with nothing set adds no pair.
    let nothing = Query::Pairs {
        name: "c",
        pairs: String::new(),
    };
    assert_eq!(query(&[Query::one("b", &1), nothing]), "b=1");
}

/// Credentials come after the parameters, encoded like them, and text
/// already in the query is kept.
#[test]
fn credentials_and_existing_text_are_joined_with_ampersands() {
    let mut text = String::new();
    write_query(&mut text, &[], &[("key", "k&1 2")]);
    assert_eq!(text, "key=k%261%202");
    let mut text = "x=1".to_string();
    write_query(
        &mut text,
        &[Query::joined("ids", &[1, 2], ',')],
        &[("key", "s")],
    );
    assert_eq!(text, "x=1&ids=1,2&key=s");
}

#[test]
fn entries_know_their_parameter_name() {
    assert_eq!(Query::one("a", &1).name(), "a");
    assert_eq!(Query::joined("b", &[1], '|').name(), "b");
    let pairs = Query::Pairs {
        name: "c",
        pairs: "c[k]=1".to_string(),
    };
    assert_eq!(pairs.name(), "c");
}

/// The path's fast check agrees with the encoder's set on every byte.
#[test]
fn the_fast_check_keeps_exactly_the_unreserved_bytes() {
    for byte in 0..=u8::MAX {
        let text = [byte];
        let encoded: String =
            percent_encoding::percent_encode(&text, crate::request::UNRESERVED).collect();
        let kept = encoded.len() == 1;
        assert_eq!(crate::path::is_unreserved(byte), kept, "byte {byte}");
    }
}
