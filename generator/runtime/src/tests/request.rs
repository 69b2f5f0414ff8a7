use crate::error::Error;
use crate::request::{PathPiece, build_path, json_body};

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
