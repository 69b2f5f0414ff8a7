//! `number::Integral` writes integral floats as integers at every depth,
//! and everything else as serde_json does without it.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::nullable::Nullable;
use crate::number::Integral;
use crate::object::Optional;

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(&Integral(value)).unwrap()
}

fn plain<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn integral_floats_are_integers() {
    assert_eq!(plain(&300.0_f64), "300.0");
    assert_eq!(json(&300.0_f64), "300");
    assert_eq!(json(&-42.0_f64), "-42");
    assert_eq!(json(&0.0_f64), "0");
    assert_eq!(json(&-0.0_f64), "0");
}

#[test]
fn fractions_stay_floats() {
    assert_eq!(json(&300.5_f64), "300.5");
    assert_eq!(json(&-0.25_f64), "-0.25");
    assert_eq!(json(&1e-7_f64), plain(&1e-7_f64));
}

#[test]
fn large_numbers_stay_as_serde_json_writes_them() {
    assert_eq!(json(&1e300_f64), plain(&1e300_f64));
    assert_eq!(json(&1e300_f64), "1e+300");
    // 2^53 and above may already be rounded: not written as an integer.
    let limit = 9_007_199_254_740_992.0_f64;
    assert_eq!(json(&limit), plain(&limit));
    assert_eq!(json(&-limit), plain(&-limit));
    assert_eq!(json(&(limit - 1.0)), "9007199254740991");
    assert_eq!(json(&(1.0 - limit)), "-9007199254740991");
}

#[test]
fn non_finite_floats_are_written_as_without_the_wrapper() {
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(json(&value), plain(&value));
        assert_eq!(json(&value), "null");
    }
    assert_eq!(json(&f32::NAN), plain(&f32::NAN));
}

#[test]
fn f32() {
    assert_eq!(plain(&300.0_f32), "300.0");
    assert_eq!(json(&300.0_f32), "300");
    assert_eq!(json(&-0.0_f32), "0");
    assert_eq!(json(&0.5_f32), "0.5");
    assert_eq!(json(&0.1_f32), plain(&0.1_f32));
    assert_eq!(json(&1e30_f32), plain(&1e30_f32));
}

#[test]
fn options() {
    assert_eq!(json(&Some(2.0_f64)), "2");
    assert_eq!(json(&Some(2.5_f64)), "2.5");
    assert_eq!(json(&None::<f64>), "null");
    assert_eq!(json(&Some(Some(3.0_f64))), "3");
}

#[test]
fn sequences_tuples_and_maps() {
    assert_eq!(json(&vec![1.0_f64, 2.5, -0.0]), "[1,2.5,0]");
    assert_eq!(json(&[1.0_f64, 2.0][..]), "[1,2]");
    assert_eq!(json(&(1.0_f64, 2.5_f32, "x")), r#"[1,2.5,"x"]"#);
    assert_eq!(json(&vec![vec![1.0_f64], vec![]]), "[[1],[]]");
    let map = BTreeMap::from([("a".to_string(), 1.0_f64), ("b".to_string(), 1.5)]);
    assert_eq!(json(&map), r#"{"a":1,"b":1.5}"#);
}

#[test]
fn map_keys_are_written_as_they_are() {
    let map = BTreeMap::from([(1_i64, 2.0_f64)]);
    assert_eq!(json(&map), r#"{"1":2}"#);
}

#[derive(serde::Serialize)]
struct Point {
    x: f64,
    y: f64,
    label: String,
}

#[derive(serde::Serialize)]
struct Shape {
    area: f64,
    count: u32,
    weight: Option<f32>,
    points: Vec<Point>,
    scores: BTreeMap<String, Vec<f64>>,
}

#[derive(serde::Serialize)]
struct Meters(f64);

#[derive(serde::Serialize)]
struct Pair(f64, f64);

#[test]
fn structs_at_any_depth() {
    let shape = Shape {
        area: 12.0,
        count: 3,
        weight: Some(1.0),
        points: vec![
            Point {
                x: 1.0,
                y: 0.5,
                label: "a".to_string(),
            },
            Point {
                x: -3.0,
                y: 4.0,
                label: "2.0".to_string(),
            },
        ],
        scores: BTreeMap::from([("s".to_string(), vec![10.0, 10.5])]),
    };
    assert_eq!(
        json(&shape),
        r#"{"area":12,"count":3,"weight":1,"points":[{"x":1,"y":0.5,"label":"a"},{"x":-3,"y":4,"label":"2.0"}],"scores":{"s":[10,10.5]}}"#
    );
    assert_eq!(json(&Meters(5.0)), "5");
    assert_eq!(json(&Pair(1.0, 1.25)), "[1,1.25]");
}

#[derive(serde::Serialize)]
enum Measure {
    Unit,
    Single(f64),
    Range(f64, f64),
    Box { width: f64, height: Option<f64> },
}

#[derive(serde::Serialize)]
#[serde(tag = "kind")]
enum Tagged {
    Circle { radius: f64 },
}

#[derive(serde::Serialize)]
#[serde(untagged)]
enum Either {
    Number(f64),
}

#[test]
fn enum_variants() {
    assert_eq!(json(&Measure::Unit), r#""Unit""#);
    assert_eq!(json(&Measure::Single(7.0)), r#"{"Single":7}"#);
    assert_eq!(json(&Measure::Range(1.0, 2.5)), r#"{"Range":[1,2.5]}"#);
    assert_eq!(
        json(&Measure::Box {
            width: 2.0,
            height: None
        }),
        r#"{"Box":{"width":2,"height":null}}"#
    );
    assert_eq!(
        json(&Tagged::Circle { radius: 3.0 }),
        r#"{"kind":"Circle","radius":3}"#
    );
    assert_eq!(json(&Either::Number(8.0)), "8");
}

#[test]
fn integers_strings_and_others_are_unchanged() {
    assert_eq!(json(&300_i64), "300");
    assert_eq!(json(&u64::MAX), plain(&u64::MAX));
    assert_eq!(json(&i128::MIN), plain(&i128::MIN));
    assert_eq!(json("300.0"), r#""300.0""#);
    assert_eq!(json(&'x'), r#""x""#);
    assert_eq!(json(&true), "true");
    assert_eq!(json(&()), "null");
    assert_eq!(json(&Nullable::<f64>::Null), plain(&Nullable::<f64>::Null));
}

#[test]
fn json_values() {
    assert_eq!(plain(&Value::from(2.0)), "2.0");
    assert_eq!(json(&Value::from(2.0)), "2");
    assert_eq!(json(&Value::from(2.5)), "2.5");
    assert_eq!(json(&Value::from(2_u64)), "2");
    let value = serde_json::json!({"a": [1.0, {"b": 3.0}], "c": "4.0"});
    assert_eq!(json(&value), r#"{"a":[1,{"b":3}],"c":"4.0"}"#);
}

#[test]
fn pretty_printing_keeps_the_rule() {
    let text = serde_json::to_string_pretty(&Integral(&vec![1.0_f64])).unwrap();
    assert_eq!(text, "[\n  1\n]");
}

#[test]
fn is_absent_forwards() {
    assert!(Integral(&None::<f64>).is_absent());
    assert!(!Integral(&Some(1.0_f64)).is_absent());
    assert!(Integral(&Nullable::<f64>::Absent).is_absent());
    assert!(!Integral(&Nullable::<f64>::Null).is_absent());
}

#[test]
fn object_writer_leaves_out_absent_wrapped_fields() {
    struct Record {
        ttl: Option<f64>,
        weight: Option<f64>,
    }
    impl serde::Serialize for Record {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            crate::object::writer(serializer)
                .optional("ttl", &Integral(&self.ttl))
                .optional("weight", &Integral(&self.weight))
                .end()
        }
    }
    let record = Record {
        ttl: Some(300.0),
        weight: None,
    };
    assert_eq!(plain(&record), r#"{"ttl":300}"#);
}
