use crate::error::Error;
use crate::request::{PathPiece, build_path, join, json_body};

#[test]
fn parameters_are_encoded_as_one_segment() {
    let path = build_path(&[
        PathPiece::Literal("/accounts/"),
        PathPiece::Param("account_id", "a/b?c#d%e f"),
        PathPiece::Literal("/items"),
    ])
    .unwrap();
    assert_eq!(path, "/accounts/a%2Fb%3Fc%23d%25e%20f/items");
    let kept = build_path(&[PathPiece::Param("id", "Az09-_.~")]).unwrap();
    assert_eq!(kept, "Az09-_.~");
}

#[test]
fn dot_segments_and_empty_values_are_refused() {
    for value in ["", ".", ".."] {
        match build_path(&[PathPiece::Literal("/a/"), PathPiece::Param("id", value)]) {
            Err(Error::InvalidInput(error)) => assert_eq!(error.target, "id"),
            other => panic!("{value:?}: {other:?}"),
        }
    }
}

#[test]
fn json_bodies_say_so() {
    let body = json_body(&serde_json::json!({"enabled": true})).unwrap();
    assert_eq!(body.content_type, "application/json");
    assert_eq!(body.bytes, br#"{"enabled":true}"#);
}

#[test]
fn array_items_are_joined_by_the_style_separator() {
    assert_eq!(join(&[1, 2, 3], ','), "1,2,3");
    assert_eq!(join(&["a b", "c"], ' '), "a b c");
    assert_eq!(join(&["x", "y"], '|'), "x|y");
    assert_eq!(join(&[7], ','), "7");
    assert_eq!(join::<i64>(&[], ','), "");
}

/// The query as the send loop writes it (`Url::query_pairs_mut`): each
/// style's exact wire text.
#[test]
fn each_style_has_its_wire_text() {
    let query = |pairs: &[(&str, String)]| {
        let mut url = reqwest::Url::parse("http://127.0.0.1/items").unwrap();
        url.query_pairs_mut().extend_pairs(pairs);
        url.query().unwrap().to_string()
    };
    // `form`, `explode: true`: one pair per item.
    assert_eq!(
        query(&[("a", 1.to_string()), ("a", 2.to_string())]),
        "a=1&a=2"
    );
    // `form`, `explode: false`: one value, the comma encoded with it.
    assert_eq!(query(&[("a", join(&[1, 2], ','))]), "a=1%2C2");
    // `spaceDelimited`: the form encoder writes the space as `+`.
    assert_eq!(query(&[("a", join(&[1, 2], ' '))]), "a=1+2");
    // `pipeDelimited`.
    assert_eq!(query(&[("a", join(&[1, 2], '|'))]), "a=1%7C2");
    // `deepObject`: one pair per set property, its name in brackets.
    assert_eq!(
        query(&[
            ("created[gt]", 1700000000.to_string()),
            ("created[lt]", 1800000000.to_string())
        ]),
        "created%5Bgt%5D=1700000000&created%5Blt%5D=1800000000"
    );
    // A separator inside an item is encoded the same way as the separator.
    assert_eq!(query(&[("a", join(&["x,y", "z"], ','))]), "a=x%2Cy%2Cz");
}
