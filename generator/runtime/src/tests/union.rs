//! Generated unions read and write JSON through `union::untagged!`; they
//! must do what serde's `#[serde(untagged)]` derive did. `Choice` is
//! written the way the generator writes a union, `derived::Choice` is the
//! same enum derived: every input gives both the same value or the same
//! error text.

use crate::object;

/// A variant whose type reads through `object.rs`, as model structs do.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    x: i64,
    label: Option<String>,
}

impl serde::Serialize for Point {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::writer(serializer)
            .entry("x", &self.x)
            .optional("label", &self.label)
            .end()
    }
}

impl object::FromObject for Point {
    const NAME: &'static str = "Point";
    const FIELDS: &'static [&'static str] = &["x", "label"];
    type Slots = (Option<i64>, Option<Option<String>>);

    fn from_slots<E: serde::de::Error>(slots: Self::Slots) -> Result<Self, E> {
        let (x, label) = slots;
        Ok(Self {
            x: object::required(x, "x")?,
            label: label.unwrap_or_default(),
        })
    }
}

impl<'de> serde::Deserialize<'de> for Point {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}

/// The derive names the Rust type in its errors, hence a module of its own.
mod derived {
    use super::Point;

    #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(untagged)]
    pub enum Choice {
        Point(Point),
        Count(i64),
        Ratio(f64),
        Name(String),
        Names(Vec<String>),
        Flag(bool),
        Nested(super::Inner),
    }
}

/// A union inside a union: buffered again when its turn comes.
#[derive(Clone, Debug, PartialEq)]
pub enum Inner {
    Points(Vec<Point>),
    Table(std::collections::BTreeMap<String, i64>),
}

crate::union::untagged!(Inner { Points, Table }, both);

#[derive(Clone, Debug, PartialEq)]
enum Choice {
    Point(Point),
    Count(i64),
    Ratio(f64),
    Name(String),
    Names(Vec<String>),
    Flag(bool),
    Nested(Inner),
}

crate::union::untagged!(
    Choice {
        Point,
        Count,
        Ratio,
        Name,
        Names,
        Flag,
        Nested
    },
    both
);

impl From<derived::Choice> for Choice {
    fn from(d: derived::Choice) -> Self {
        match d {
            derived::Choice::Point(v) => Choice::Point(v),
            derived::Choice::Count(v) => Choice::Count(v),
            derived::Choice::Ratio(v) => Choice::Ratio(v),
            derived::Choice::Name(v) => Choice::Name(v),
            derived::Choice::Names(v) => Choice::Names(v),
            derived::Choice::Flag(v) => Choice::Flag(v),
            derived::Choice::Nested(v) => Choice::Nested(v),
        }
    }
}

/// Decodes `text` both ways; they must agree. Returns the value or the
/// error text.
fn decode(text: &str) -> Result<Choice, String> {
    let ours = serde_json::from_str::<Choice>(text).map_err(|e| e.to_string());
    let derived = serde_json::from_str::<derived::Choice>(text)
        .map(Choice::from)
        .map_err(|e| e.to_string());
    assert_eq!(ours, derived, "{text}");
    ours
}

fn point(x: i64, label: Option<&str>) -> Point {
    Point {
        x,
        label: label.map(str::to_string),
    }
}

#[test]
fn the_first_variant_that_fits_is_kept() {
    assert_eq!(decode(r#"{"x":1}"#), Ok(Choice::Point(point(1, None))));
    assert_eq!(
        decode(r#"{"label":"a","x":-2,"extra":[{"deep":null}]}"#),
        Ok(Choice::Point(point(-2, Some("a"))))
    );
    assert_eq!(decode("3"), Ok(Choice::Count(3)));
    assert_eq!(decode("-3"), Ok(Choice::Count(-3)));
    // Past i64: not a count, still a ratio.
    assert_eq!(
        decode("18446744073709551615"),
        Ok(Choice::Ratio(18446744073709551615.0))
    );
    assert_eq!(decode("3.5"), Ok(Choice::Ratio(3.5)));
    assert_eq!(decode("3.0"), Ok(Choice::Ratio(3.0)));
    assert_eq!(decode(r#""a\"b""#), Ok(Choice::Name("a\"b".into())));
    assert_eq!(decode(r#""\u0078""#), Ok(Choice::Name("x".into())));
    assert_eq!(
        decode(r#"["a","b"]"#),
        Ok(Choice::Names(vec!["a".into(), "b".into()]))
    );
    assert_eq!(decode("[]"), Ok(Choice::Names(vec![])));
    assert_eq!(decode("true"), Ok(Choice::Flag(true)));
    assert_eq!(
        decode(r#"[{"x":1},{"x":2,"label":null}]"#),
        Ok(Choice::Nested(Inner::Points(vec![
            point(1, None),
            point(2, None)
        ])))
    );
    assert_eq!(
        decode(r#"{"a":1,"b":2}"#),
        Ok(Choice::Nested(Inner::Table(
            [("a".to_string(), 1), ("b".to_string(), 2)].into()
        )))
    );
}

#[test]
fn no_variant_fitting_is_the_derives_error() {
    for text in [
        "null",
        r#"{"x":"1"}"#,
        r#"{"x":1,"label":2,"name":"z"}"#,
        r#"{"a":"b"}"#,
        "[1,true]",
        r#"[{"x":1},{"y":2}]"#,
    ] {
        assert!(decode(text).is_err(), "{text}");
    }
    assert_eq!(
        decode("null"),
        Err("data did not match any variant of untagged enum Choice".to_string())
    );
    // Syntax errors are found while buffering, with their position.
    assert_eq!(
        decode(r#"{"x":1"#),
        Err("EOF while parsing an object at line 1 column 6".to_string())
    );
    assert_eq!(
        decode("[1,]"),
        Err("trailing comma at line 1 column 4".to_string())
    );
}

#[test]
fn inside_other_values_errors_carry_the_same_position() {
    for text in [r#"[1,"a",null]"#, r#"{"k":[{"x":1}],"j":{"x":false}}"#] {
        let ours = serde_json::from_str::<Vec<Choice>>(text).map_err(|e| e.to_string());
        let derived = serde_json::from_str::<Vec<derived::Choice>>(text)
            .map(|v| v.into_iter().map(Choice::from).collect::<Vec<_>>())
            .map_err(|e| e.to_string());
        assert_eq!(ours, derived, "{text}");
        let ours = serde_json::from_str::<std::collections::BTreeMap<String, Choice>>(text)
            .map_err(|e| e.to_string());
        let derived =
            serde_json::from_str::<std::collections::BTreeMap<String, derived::Choice>>(text)
                .map(|m| {
                    m.into_iter()
                        .map(|(k, v)| (k, Choice::from(v)))
                        .collect::<std::collections::BTreeMap<_, _>>()
                })
                .map_err(|e| e.to_string());
        assert_eq!(ours, derived, "{text}");
    }
    assert_eq!(
        serde_json::from_str::<Vec<Choice>>(r#"[1,"a",null]"#)
            .unwrap_err()
            .to_string(),
        "data did not match any variant of untagged enum Choice at line 1 column 12"
    );
}

#[test]
fn from_a_json_value_reads_the_same() {
    for value in [
        serde_json::json!({"x": 4, "label": "l"}),
        serde_json::json!(7),
        serde_json::json!(["p"]),
        serde_json::json!(null),
    ] {
        let ours = serde_json::from_value::<Choice>(value.clone()).map_err(|e| e.to_string());
        let derived = serde_json::from_value::<derived::Choice>(value)
            .map(Choice::from)
            .map_err(|e| e.to_string());
        assert_eq!(ours, derived);
    }
}

/// The one difference, from buffering into a `serde_json::Value`: a
/// repeated key keeps its last value, where the derive's buffer kept both
/// and the struct variant failed with `duplicate field`.
#[test]
fn a_repeated_key_keeps_its_last_value() {
    let text = r#"{"x":1,"label":"a","x":2}"#;
    assert_eq!(
        serde_json::from_str::<Choice>(text).unwrap(),
        Choice::Point(point(2, Some("a")))
    );
    assert_eq!(
        serde_json::from_str::<derived::Choice>(text)
            .unwrap_err()
            .to_string(),
        "data did not match any variant of untagged enum Choice"
    );
}

#[test]
fn writes_the_inner_value_like_the_derive() {
    let cases = [
        derived::Choice::Point(point(1, None)),
        derived::Choice::Point(point(1, Some("a"))),
        derived::Choice::Count(-5),
        derived::Choice::Ratio(0.25),
        derived::Choice::Name("q\"".into()),
        derived::Choice::Names(vec!["a".into()]),
        derived::Choice::Flag(false),
        derived::Choice::Nested(Inner::Points(vec![point(3, None)])),
        derived::Choice::Nested(Inner::Table([("k".to_string(), 1)].into())),
    ];
    let expected = [
        r#"{"x":1}"#,
        r#"{"x":1,"label":"a"}"#,
        "-5",
        "0.25",
        r#""q\"""#,
        r#"["a"]"#,
        "false",
        r#"[{"x":3}]"#,
        r#"{"k":1}"#,
    ];
    for (derived, expected) in cases.into_iter().zip(expected) {
        assert_eq!(serde_json::to_string(&derived).unwrap(), expected);
        assert_eq!(
            serde_json::to_string(&Choice::from(derived)).unwrap(),
            expected
        );
    }
}

/// A union that is only sent writes, one only received reads; the other
/// direction comes with the `mock` feature.
mod directions {
    #[derive(Debug, PartialEq)]
    pub enum Sent {
        Count(i64),
        Name(String),
    }

    crate::union::untagged!(Sent { Count, Name }, sent);

    #[derive(Debug, PartialEq)]
    pub enum Received {
        Count(i64),
        Name(String),
    }

    crate::union::untagged!(Received { Count, Name }, received);

    // Lowering drops types no operation reaches; the generator still
    // spells this case out rather than guess a direction.
    #[derive(Debug, PartialEq)]
    #[allow(dead_code)]
    pub enum Neither {
        Count(i64),
    }

    crate::union::untagged!(Neither { Count }, mock);
}

#[test]
fn each_direction_has_its_impl() {
    use directions::{Received, Sent};
    assert_eq!(
        serde_json::to_string(&Sent::Name("a".into())).unwrap(),
        r#""a""#
    );
    assert_eq!(serde_json::to_string(&Sent::Count(1)).unwrap(), "1");
    assert_eq!(
        serde_json::from_str::<Received>("2").unwrap(),
        Received::Count(2)
    );
    assert_eq!(
        serde_json::from_str::<Received>("false")
            .unwrap_err()
            .to_string(),
        "data did not match any variant of untagged enum Received"
    );
}

#[cfg(feature = "mock")]
#[test]
fn with_mock_the_other_direction_too() {
    use directions::{Neither, Received, Sent};
    assert_eq!(
        serde_json::from_str::<Sent>(r#""a""#).unwrap(),
        Sent::Name("a".into())
    );
    assert_eq!(serde_json::to_string(&Received::Count(2)).unwrap(), "2");
    assert_eq!(
        serde_json::from_str::<Neither>("3").unwrap(),
        Neither::Count(3)
    );
    assert_eq!(serde_json::to_string(&Neither::Count(3)).unwrap(), "3");
}
