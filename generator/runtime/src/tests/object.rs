//! Generated structs read and write JSON through `object.rs`; they must do
//! exactly what serde's derives did. `Thing` is written the way the
//! generator writes a struct, `Derived` is the same struct derived: every
//! input gives both the same value or the same error text.

use serde_json::json;

use crate::nullable::Nullable;
use crate::object;

/// The derive names the Rust type in its errors, hence a module of its own.
mod derived {
    use crate::nullable::Nullable;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    pub struct Thing {
        pub name: String,
        #[serde(rename = "type")]
        pub kind: Option<i64>,
        pub tags: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub note: Option<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub label: Nullable<String>,
    }
}

use derived::Thing as Derived;

#[derive(Debug, PartialEq)]
struct Thing {
    name: String,
    r#type: Option<i64>,
    tags: Vec<String>,
    note: Option<String>,
    label: Nullable<String>,
}

impl serde::Serialize for Thing {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::writer(serializer)
            .entry("name", &self.name)
            .entry("type", &self.r#type)
            .entry("tags", &self.tags)
            .optional("note", &self.note)
            .optional("label", &self.label)
            .end()
    }
}

impl object::FromObject for Thing {
    const NAME: &'static str = "Thing";
    const FIELDS: &'static [&'static str] = &["name", "type", "tags", "note", "label"];
    type Slots = (
        Option<String>,
        Option<Option<i64>>,
        Option<Vec<String>>,
        Option<Option<String>>,
        Option<Nullable<String>>,
    );

    fn from_slots<E: serde::de::Error>(slots: Self::Slots, _: object::Members) -> Result<Self, E> {
        let (name, r#type, tags, note, label) = slots;
        Ok(Self {
            name: object::required(name, "name")?,
            r#type: object::required(r#type, "type")?,
            tags: object::required(tags, "tags")?,
            note: note.unwrap_or_default(),
            label: label.unwrap_or_default(),
        })
    }
}

crate::object::deserialize_object!(Thing);

impl From<Derived> for Thing {
    fn from(d: Derived) -> Self {
        Thing {
            name: d.name,
            r#type: d.kind,
            tags: d.tags,
            note: d.note,
            label: d.label,
        }
    }
}

/// Decodes `text` both ways; they must agree. Returns the value or the
/// error text.
fn decode(text: &str) -> Result<Thing, String> {
    let ours = serde_json::from_str::<Thing>(text).map_err(|e| e.to_string());
    let derived = serde_json::from_str::<Derived>(text)
        .map(Thing::from)
        .map_err(|e| e.to_string());
    assert_eq!(ours, derived, "{text}");
    ours
}

#[test]
fn a_full_object_reads_like_the_derive() {
    assert_eq!(
        decode(
            r#"{"name":"a","type":3,"tags":["x","y"],"note":"n","label":"l","extra":{"deep":[1,{"k":null}]}}"#
        ),
        Ok(Thing {
            name: "a".into(),
            r#type: Some(3),
            tags: vec!["x".into(), "y".into()],
            note: Some("n".into()),
            label: Nullable::Value("l".into()),
        })
    );
}

#[test]
fn missing_optional_fields_default_and_null_is_none_or_null() {
    assert_eq!(
        decode(r#"{"tags":[],"name":"a"}"#),
        Ok(Thing {
            name: "a".into(),
            r#type: None,
            tags: vec![],
            note: None,
            label: Nullable::Absent,
        })
    );
    assert_eq!(
        decode(r#"{"name":"a","type":null,"tags":[],"note":null,"label":null}"#),
        Ok(Thing {
            name: "a".into(),
            r#type: None,
            tags: vec![],
            note: None,
            label: Nullable::Null,
        })
    );
}

#[test]
fn errors_have_the_derives_text() {
    assert_eq!(
        decode(r#"{"tags":[]}"#),
        Err("missing field `name` at line 1 column 11".to_string())
    );
    assert_eq!(
        decode(r#"{"name":"a","name":"b","tags":[]}"#),
        Err("duplicate field `name` at line 1 column 18".to_string())
    );
    assert_eq!(
        decode(r#""a""#),
        Err("invalid type: string \"a\", expected struct Thing at line 1 column 3".to_string())
    );
    assert_eq!(
        decode(r#"{"name":1,"tags":[]}"#),
        Err("invalid type: integer `1`, expected a string at line 1 column 9".to_string())
    );
    assert_eq!(
        decode(r#"{"name":"a","tags":[],"#),
        Err("EOF while parsing a value at line 1 column 22".to_string())
    );
}

#[test]
fn escaped_keys_and_values_from_a_json_value_read_the_same() {
    assert_eq!(
        decode(r#"{"na\u006de":"a","tags":["\u0078"]}"#).map(|t| t.tags),
        Ok(vec!["x".to_string()])
    );
    let value = json!({"name": "a", "tags": ["x"], "label": "l"});
    let thing: Thing = serde_json::from_value(value.clone()).unwrap();
    let derived: Derived = serde_json::from_value(value).unwrap();
    assert_eq!(thing, Thing::from(derived));
}

/// The one difference: the derive also took a JSON array of the fields in
/// order, which no API sends for an object.
#[test]
fn an_array_is_not_an_object() {
    assert_eq!(
        serde_json::from_str::<Thing>(r#"["a",1,[]]"#)
            .unwrap_err()
            .to_string(),
        "invalid type: sequence, expected struct Thing at line 1 column 0"
    );
}

#[test]
fn writes_like_the_derive() {
    let cases = [
        Derived {
            name: "a".into(),
            kind: None,
            tags: vec![],
            note: None,
            label: Nullable::Absent,
        },
        Derived {
            name: "a\"b".into(),
            kind: Some(-1),
            tags: vec!["x".into()],
            note: Some("n".into()),
            label: Nullable::Null,
        },
        Derived {
            name: String::new(),
            kind: Some(0),
            tags: vec![],
            note: None,
            label: Nullable::Value("l".into()),
        },
    ];
    let expected = [
        r#"{"name":"a","type":null,"tags":[]}"#,
        r#"{"name":"a\"b","type":-1,"tags":["x"],"note":"n","label":null}"#,
        r#"{"name":"","type":0,"tags":[],"label":"l"}"#,
    ];
    for (derived, expected) in cases.into_iter().zip(expected) {
        let derived_text = serde_json::to_string(&derived).unwrap();
        assert_eq!(derived_text, expected);
        assert_eq!(
            serde_json::to_string(&Thing::from(derived)).unwrap(),
            expected
        );
    }
    let pretty = Thing {
        name: "a".into(),
        r#type: None,
        tags: vec![],
        note: None,
        label: Nullable::Absent,
    };
    assert_eq!(
        serde_json::to_string_pretty(&pretty).unwrap(),
        "{\n  \"name\": \"a\",\n  \"type\": null,\n  \"tags\": []\n}"
    );
}

/// A value whose serialization fails.
struct Failing;

impl serde::Serialize for Failing {
    fn serialize<S: serde::Serializer>(&self, _serializer: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("cannot write this"))
    }
}

struct WithFailing {
    first: String,
    bad: Failing,
    last: String,
}

impl serde::Serialize for WithFailing {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::writer(serializer)
            .entry("first", &self.first)
            .entry("bad", &self.bad)
            .entry("last", &self.last)
            .end()
    }
}

#[test]
fn the_first_error_is_returned_and_nothing_after_it_is_written() {
    let mut written = Vec::new();
    let error = serde_json::to_writer(
        &mut written,
        &WithFailing {
            first: "a".into(),
            bad: Failing,
            last: "z".into(),
        },
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "cannot write this");
    assert_eq!(
        String::from_utf8(written).unwrap(),
        r#"{"first":"a","bad":"#
    );
}

/// More than 8 fields: slots nest as `((8 slots), (the rest))`.
mod wide {
    use crate::object;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    pub struct Derived {
        pub a: i64,
        #[serde(default)]
        pub b: Option<i64>,
        #[serde(default)]
        pub c: Option<i64>,
        #[serde(default)]
        pub d: Option<i64>,
        #[serde(default)]
        pub e: Option<i64>,
        #[serde(default)]
        pub f: Option<i64>,
        #[serde(default)]
        pub g: Option<i64>,
        #[serde(default)]
        pub h: Option<i64>,
        pub i: i64,
        #[serde(default)]
        pub j: Option<i64>,
    }

    #[derive(Debug, PartialEq)]
    pub struct Wide {
        pub a: i64,
        pub b: Option<i64>,
        pub c: Option<i64>,
        pub d: Option<i64>,
        pub e: Option<i64>,
        pub f: Option<i64>,
        pub g: Option<i64>,
        pub h: Option<i64>,
        pub i: i64,
        pub j: Option<i64>,
    }

    type Opt = Option<Option<i64>>;

    impl object::FromObject for Wide {
        const NAME: &'static str = "Wide";
        const FIELDS: &'static [&'static str] = &["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        type Slots = (
            (Option<i64>, Opt, Opt, Opt, Opt, Opt, Opt, Opt),
            (Option<i64>, Opt),
        );

        fn from_slots<E: serde::de::Error>(
            slots: Self::Slots,
            _: object::Members,
        ) -> Result<Self, E> {
            let ((a, b, c, d, e, f, g, h), (i, j)) = slots;
            Ok(Self {
                a: object::required(a, "a")?,
                b: b.unwrap_or_default(),
                c: c.unwrap_or_default(),
                d: d.unwrap_or_default(),
                e: e.unwrap_or_default(),
                f: f.unwrap_or_default(),
                g: g.unwrap_or_default(),
                h: h.unwrap_or_default(),
                i: object::required(i, "i")?,
                j: j.unwrap_or_default(),
            })
        }
    }

    crate::object::deserialize_object!(Wide);

    /// Decodes both ways, compared through their `Debug` text (the same
    /// fields in the same order).
    pub fn decode(text: &str) -> Result<String, String> {
        let ours = serde_json::from_str::<Wide>(text)
            .map(|w| format!("{w:?}").replacen("Wide", "", 1))
            .map_err(|e| e.to_string().replace("Wide", "<name>"));
        let derived = serde_json::from_str::<Derived>(text)
            .map(|w| format!("{w:?}").replacen("Derived", "", 1))
            .map_err(|e| e.to_string().replace("Derived", "<name>"));
        assert_eq!(ours, derived, "{text}");
        ours
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    pub struct Empty {}

    #[derive(Debug, PartialEq)]
    pub struct Nothing {}

    impl object::FromObject for Nothing {
        const NAME: &'static str = "Nothing";
        const FIELDS: &'static [&'static str] = &[];
        type Slots = ();

        fn from_slots<E: serde::de::Error>(_: Self::Slots, _: object::Members) -> Result<Self, E> {
            Ok(Self {})
        }
    }

    crate::object::deserialize_object!(Nothing);
}

#[test]
fn more_than_eight_fields_read_like_the_derive() {
    assert_eq!(
        wide::decode(r#"{"j":10,"i":9,"a":1,"h":8,"x":[0]}"#),
        Ok(" { a: 1, b: None, c: None, d: None, e: None, f: None, g: None, h: Some(8), i: 9, j: Some(10) }".to_string())
    );
    assert_eq!(
        wide::decode(r#"{"a":1}"#),
        Err("missing field `i` at line 1 column 7".to_string())
    );
    assert_eq!(
        wide::decode(r#"{"a":1,"i":2,"j":3,"j":4}"#),
        Err("duplicate field `j` at line 1 column 22".to_string())
    );
    assert_eq!(
        wide::decode(r#"{"a":1,"i":2,"h":"x"}"#),
        Err("invalid type: string \"x\", expected i64 at line 1 column 20".to_string())
    );
}

#[test]
fn a_struct_without_fields_skips_every_entry() {
    assert_eq!(
        serde_json::from_str::<wide::Nothing>(r#"{"a":{"b":[1,2]},"c":null}"#).unwrap(),
        wide::Nothing {}
    );
    assert_eq!(
        serde_json::from_str::<wide::Empty>(r#"{"a":{"b":[1,2]},"c":null}"#).unwrap(),
        wide::Empty {}
    );
    assert_eq!(
        serde_json::from_str::<wide::Nothing>("[]")
            .unwrap_err()
            .to_string(),
        "invalid type: sequence, expected struct Nothing at line 1 column 0"
    );
}
