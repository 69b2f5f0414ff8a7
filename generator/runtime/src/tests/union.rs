//! Generated unions read and write JSON through `union::one_of!`. With
//! every variant tried as `any` and no `Unknown`, a union must do what
//! serde's `#[serde(untagged)]` derive did: `Choice` is written that way,
//! `derived::Choice` is the same enum derived, and every input gives both
//! the same value or the same error text. The tests after those pin down
//! what the spec-driven rules (tags, members, pins, `Unknown`) change.

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

    fn from_slots<E: serde::de::Error>(slots: Self::Slots, _: object::Members) -> Result<Self, E> {
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

crate::union::one_of!(Inner { trial { Points(any), Table(any) } }, both);

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

crate::union::one_of!(
    Choice {
        trial {
            Point(any),
            Count(any),
            Ratio(number),
            Name(any),
            Names(any),
            Flag(any),
            Nested(any),
        }
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

/// The one difference in writing: a `number` variant's integral value is
/// written without a fraction, as it was most likely read.
#[test]
fn an_integral_number_variant_is_written_without_a_fraction() {
    assert_eq!(serde_json::to_string(&Choice::Ratio(3.0)).unwrap(), "3");
    assert_eq!(serde_json::to_string(&Choice::Ratio(3.5)).unwrap(), "3.5");
    assert_eq!(
        serde_json::to_string(&derived::Choice::Ratio(3.0)).unwrap(),
        "3.0"
    );
}

/// A union that is only sent writes, one only received reads; the other
/// direction comes with the `mock` feature.
mod directions {
    #[derive(Debug, PartialEq)]
    pub enum Sent {
        Count(i64),
        Name(String),
    }

    crate::union::one_of!(Sent { trial { Count(any), Name(any) } }, sent);

    #[derive(Debug, PartialEq)]
    pub enum Received {
        Count(i64),
        Name(String),
    }

    crate::union::one_of!(Received { trial { Count(any), Name(any) } }, received);

    // Lowering drops types no operation reaches; the generator still
    // spells this case out rather than guess a direction.
    #[derive(Debug, PartialEq)]
    #[allow(dead_code)]
    pub enum Neither {
        Count(i64),
    }

    crate::union::one_of!(Neither { trial { Count(any) } }, mock);
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

/// The spec-driven rules: unions as the generator writes them from a
/// discriminator or tag, and from variants it can only try.
mod spec_driven {
    use serde_json::json;

    use crate::object::{self, Members};

    #[derive(Clone, Debug, PartialEq)]
    pub enum RecordType {
        A,
        Mx,
        Unknown(String),
    }

    crate::strings::open_enum!(RecordType { A = "A", Mx = "MX" });

    /// A DNS record variant: `type` pins the tag; members the struct does
    /// not declare are kept.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Record {
        pub r#type: RecordType,
        pub content: String,
        pub priority: Option<f64>,
        pub extra: Members,
    }

    impl serde::Serialize for Record {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            object::writer(serializer)
                .entry("type", &self.r#type)
                .entry("content", &self.content)
                .optional("priority", &crate::number::Integral(&self.priority))
                .members(&self.extra, <Self as object::FromObject>::FIELDS)
                .end()
        }
    }

    impl object::FromObject for Record {
        const NAME: &'static str = "Record";
        const FIELDS: &'static [&'static str] = &["type", "content", "priority"];
        type Slots = (Option<RecordType>, Option<String>, Option<Option<f64>>);
        const KEEPS_UNKNOWN: bool = true;

        fn from_slots<E: serde::de::Error>(slots: Self::Slots, extra: Members) -> Result<Self, E> {
            let (r#type, content, priority) = slots;
            Ok(Self {
                r#type: object::required(r#type, "type")?,
                content: object::required(content, "content")?,
                priority: priority.unwrap_or_default(),
                extra,
            })
        }
    }

    crate::object::deserialize_object!(Record);

    #[derive(Clone, Debug, PartialEq)]
    pub enum DnsRecord {
        ARecord(Record),
        MxRecord(Record),
        Unknown(serde_json::Value),
    }

    crate::union::one_of!(
        DnsRecord { tag "type" { ARecord("A" ; object), MxRecord("MX" | "mx" ; object) }, unknown Unknown },
        both
    );

    #[test]
    fn the_tag_names_the_variant_and_nothing_is_lost_on_write_back() {
        let mx = json!({
            "type": "MX", "content": "mx.example.com", "priority": 10,
            "ttl": 300, "comment": null, "tags": ["a"]
        });
        let record: DnsRecord = serde_json::from_value(mx.clone()).unwrap();
        let DnsRecord::MxRecord(inner) = &record else {
            panic!("read as {record:?}");
        };
        assert_eq!(inner.r#type, RecordType::Mx);
        assert_eq!(inner.priority, Some(10.0));
        assert_eq!(
            inner.extra,
            json!({"ttl": 300, "comment": null, "tags": ["a"]})
                .as_object()
                .unwrap()
                .clone()
        );
        assert_eq!(serde_json::to_value(&record).unwrap(), mx);
        // Integral numbers go back without a fraction, others as they were.
        let text = serde_json::to_string(&record).unwrap();
        assert!(text.contains(r#""priority":10,"#), "{text}");
        let mut half = inner.clone();
        half.priority = Some(10.5);
        let text = serde_json::to_string(&DnsRecord::MxRecord(half)).unwrap();
        assert!(text.contains(r#""priority":10.5"#), "{text}");
        // A second tag value of the same variant.
        let lower: DnsRecord =
            serde_json::from_value(json!({"type": "mx", "content": "m", "priority": 1})).unwrap();
        assert!(matches!(lower, DnsRecord::MxRecord(_)), "{lower:?}");
        let a: DnsRecord =
            serde_json::from_value(json!({"type": "A", "content": "192.0.2.1"})).unwrap();
        assert!(matches!(a, DnsRecord::ARecord(_)), "{a:?}");
    }

    /// Only the variant's own `number` members are written as integers:
    /// JSON kept as it came (`extra`) is not rewritten.
    #[test]
    fn kept_members_are_written_back_as_they_came() {
        let text = r#"{"type":"MX","content":"m","priority":10.0,"weight":2.0}"#;
        let record: DnsRecord = serde_json::from_str(text).unwrap();
        let written = serde_json::to_string(&record).unwrap();
        assert!(written.contains(r#""priority":10,"#), "{written}");
        assert!(written.contains(r#""weight":2.0"#), "{written}");
    }

    #[test]
    fn an_unlisted_tag_is_kept_as_it_came_and_fails_no_list() {
        let text = r#"[{"type":"A","content":"192.0.2.1"},{"type":"HINFO","content":"x","n":1.0},{"content":"no tag"},7]"#;
        let records: Vec<DnsRecord> = serde_json::from_str(text).unwrap();
        assert!(matches!(records[0], DnsRecord::ARecord(_)));
        assert_eq!(
            records[1],
            DnsRecord::Unknown(json!({"type": "HINFO", "content": "x", "n": 1.0}))
        );
        assert_eq!(records[2], DnsRecord::Unknown(json!({"content": "no tag"})));
        assert_eq!(records[3], DnsRecord::Unknown(json!(7)));
        // Written back as they came: the same members and numbers (`1.0`
        // stays `1.0`), though not always in the same order (serde_json's
        // map is sorted unless a crate turns on its `preserve_order`).
        let written = serde_json::to_string(&records).unwrap();
        assert!(written.contains(r#""n":1.0"#), "{written}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&written).unwrap(),
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
    }

    #[test]
    fn a_listed_tag_that_does_not_decode_says_which_variant_was_meant() {
        let error =
            serde_json::from_str::<DnsRecord>(r#"{"type":"MX","priority":"high"}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "DnsRecord::MxRecord: invalid type: string \"high\", expected f64"
        );
        let error = serde_json::from_str::<DnsRecord>(r#"{"type":"A"}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "DnsRecord::ARecord: missing field `content`"
        );
    }

    #[derive(Clone, Debug, PartialEq)]
    pub enum Color {
        Red,
        Unknown(String),
    }

    crate::strings::open_enum!(Color { Red = "red" });

    /// A struct of optional members with a one-value `kind`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Shape {
        pub kind: Option<RecordType>,
        pub size: Option<i64>,
        pub label: Option<String>,
    }

    impl object::FromObject for Shape {
        const NAME: &'static str = "Shape";
        const FIELDS: &'static [&'static str] = &["kind", "size", "label"];
        type Slots = (
            Option<Option<RecordType>>,
            Option<Option<i64>>,
            Option<Option<String>>,
        );

        fn from_slots<E: serde::de::Error>(slots: Self::Slots, _: Members) -> Result<Self, E> {
            let (kind, size, label) = slots;
            Ok(Self {
                kind: kind.unwrap_or_default(),
                size: size.unwrap_or_default(),
                label: label.unwrap_or_default(),
            })
        }
    }

    crate::object::deserialize_object!(Shape);

    /// Another struct sharing `size`, with a member of its own.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Sized {
        pub size: Option<i64>,
        pub unit: Option<String>,
    }

    impl object::FromObject for Sized {
        const NAME: &'static str = "Sized";
        const FIELDS: &'static [&'static str] = &["size", "unit"];
        type Slots = (Option<Option<i64>>, Option<Option<String>>);

        fn from_slots<E: serde::de::Error>(slots: Self::Slots, _: Members) -> Result<Self, E> {
            let (size, unit) = slots;
            Ok(Self {
                size: size.unwrap_or_default(),
                unit: unit.unwrap_or_default(),
            })
        }
    }

    crate::object::deserialize_object!(Sized);

    #[derive(Clone, Debug, PartialEq)]
    pub enum Tried {
        Shape(Shape),
        Sized(Sized),
        Text(String),
        Color(Color),
        Unknown(serde_json::Value),
    }

    crate::union::one_of!(
        Tried {
            trial {
                Shape(object ["kind" = "A"]),
                Sized(object []),
                Text(any),
                Color(known),
            },
            unknown Unknown
        },
        received
    );

    fn tried(value: serde_json::Value) -> Tried {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn the_variant_declaring_most_members_wins_the_first_on_a_tie() {
        let sized = |size, unit: &str| {
            Tried::Sized(Sized {
                size: Some(size),
                unit: Some(unit.into()),
            })
        };
        // `unit` is only `Sized`'s: two members against one.
        assert_eq!(tried(json!({"size": 2, "unit": "cm"})), sized(2, "cm"));
        // A tie (one member each): the first declared.
        assert_eq!(
            tried(json!({"size": 2})),
            Tried::Shape(Shape {
                size: Some(2),
                ..Shape::default()
            })
        );
        // `{}` shares nothing and needs nothing: the first object.
        assert_eq!(tried(json!({})), Tried::Shape(Shape::default()));
    }

    #[test]
    fn a_pinned_member_must_hold_its_value() {
        // `kind` is `Shape`'s own, but "MX" is not its value: an open enum
        // would take it as `Unknown`, trial does not.
        assert_eq!(
            tried(json!({"kind": "MX", "size": 1, "unit": "m"})),
            Tried::Sized(Sized {
                size: Some(1),
                unit: Some("m".into()),
            })
        );
        assert_eq!(
            tried(json!({"kind": "MX", "size": 1})),
            Tried::Sized(Sized {
                size: Some(1),
                unit: None,
            })
        );
        assert_eq!(
            tried(json!({"kind": "A", "size": 1})),
            Tried::Shape(Shape {
                kind: Some(RecordType::A),
                size: Some(1),
                label: None,
            })
        );
    }

    #[test]
    fn nothing_recognised_is_kept_as_it_came() {
        // Shares no member with any struct.
        assert_eq!(
            tried(json!({"radius": 1})),
            Tried::Unknown(json!({"radius": 1}))
        );
        // Shares one, but does not decode as either.
        assert_eq!(
            tried(json!({"size": "big"})),
            Tried::Unknown(json!({"size": "big"}))
        );
        assert_eq!(tried(json!([1])), Tried::Unknown(json!([1])));
    }

    /// A union whose second variant is the union `Tried`.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Outer {
        Shape(Shape),
        Inner(Tried),
        Unknown(serde_json::Value),
    }

    crate::union::one_of!(
        Outer { trial { Shape(object ["kind" = "A"]), Inner(union) }, unknown Unknown },
        received
    );

    #[test]
    fn a_nested_union_scores_by_the_variant_it_chose_and_fits_only_what_it_recognises() {
        let outer = |value| serde_json::from_value::<Outer>(value).unwrap();
        // `unit` is declared by `Sized`, inside the nested union: 2 against 1.
        assert_eq!(
            outer(json!({"size": 1, "unit": "m"})),
            Outer::Inner(Tried::Sized(Sized {
                size: Some(1),
                unit: Some("m".into()),
            }))
        );
        // A tie: the outer union's first variant.
        assert!(matches!(outer(json!({"size": 1})), Outer::Shape(_)));
        assert_eq!(
            outer(json!("blue")),
            Outer::Inner(Tried::Text("blue".into()))
        );
        // The nested union would keep it as its `Unknown`: not a fit.
        assert_eq!(outer(json!([1])), Outer::Unknown(json!([1])));
    }

    #[test]
    fn an_open_enum_fits_only_a_value_it_lists() {
        // Listed: the enum, although the string variant comes first.
        assert_eq!(tried(json!("red")), Tried::Color(Color::Red));
        // Not listed: not `Color::Unknown`, but the string.
        assert_eq!(tried(json!("blue")), Tried::Text("blue".into()));
    }
}
