use serde_json::json;

use crate::form::{Style, body, pairs};

/// The body's text and its content type.
fn form(value: &serde_json::Value, styles: &[(&str, Style)]) -> String {
    let body = body(value, styles).unwrap();
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    String::from_utf8(body.bytes).unwrap()
}

/// A struct as the generated ones write it: members in declaration
/// order, absent optional ones left out, `number`s as `f64`.
struct Customer {
    email: &'static str,
    metadata: std::collections::BTreeMap<&'static str, &'static str>,
    items: Vec<Item>,
    expand: Vec<&'static str>,
    balance: f64,
    tax_exempt: bool,
    description: Option<&'static str>,
}

struct Item {
    price: &'static str,
    quantity: Option<i64>,
}

impl serde::Serialize for Customer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::object::writer(serializer)
            .entry("email", &self.email)
            .entry("metadata", &self.metadata)
            .entry("items", &self.items)
            .entry("expand", &self.expand)
            .entry("balance", &self.balance)
            .entry("tax_exempt", &self.tax_exempt)
            .optional("description", &self.description)
            .end()
    }
}

impl serde::Serialize for Item {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::object::writer(serializer)
            .entry("price", &self.price)
            .optional("quantity", &self.quantity)
            .end()
    }
}

/// Stripe's convention: members of objects and maps in brackets, items of
/// a list of objects by index, a list of scalars as `name[]` when its
/// field is `deepObject`; members in declaration order; values encoded.
#[test]
fn a_struct_is_written_in_brackets_in_member_order() {
    let customer = Customer {
        email: "a+b@example.com",
        metadata: [("order_id", "6735"), ("note", "x&y=z")].into(),
        items: vec![
            Item {
                price: "p",
                quantity: Some(2),
            },
            Item {
                price: "q r",
                quantity: None,
            },
        ],
        expand: vec!["tax", "sources.data"],
        balance: 300.0,
        tax_exempt: false,
        description: None,
    };
    let body = body(&customer, &[("expand", Style::Brackets)]).unwrap();
    assert_eq!(
        String::from_utf8(body.bytes).unwrap(),
        "email=a%2Bb%40example.com\
         &metadata[note]=x%26y%3Dz&metadata[order_id]=6735\
         &items[0][price]=p&items[0][quantity]=2&items[1][price]=q%20r\
         &expand[]=tax&expand[]=sources.data\
         &balance=300&tax_exempt=false"
    );
}

/// A list of scalars directly under a field follows the field's style;
/// deeper down it is always `[]`.
#[test]
fn top_level_lists_follow_their_style() {
    let value =
        json!({"a": [1, 2], "b": ["x y", "z"], "c": ["p|q", "r"], "d": [true], "e": {"f": [1, 2]}});
    assert_eq!(
        form(
            &value,
            &[
                ("b", Style::Joined(' ')),
                ("c", Style::Joined('|')),
                ("d", Style::Joined(',')),
                ("e", Style::Joined(',')),
            ]
        ),
        "a=1&a=2&b=x%20y%20z&c=p%7Cq|r&d=true&e[f][]=1&e[f][]=2"
    );
    assert_eq!(
        form(&json!({"a": [1, 2]}), &[("a", Style::Brackets)]),
        "a[]=1&a[]=2"
    );
    assert_eq!(
        form(&json!({"a": [1, 2]}), &[("a", Style::Joined(','))]),
        "a=1,2"
    );
}

/// Lists of anything but scalars are indexed, at any depth; nested lists
/// of scalars are `[]`.
#[test]
fn nested_lists_and_objects() {
    // Keys in sorted order: `serde_json::Map` sorts them or keeps their
    // order, as its `preserve_order` feature says, and both agree here.
    let value = json!({
        "grid": [[1, 2], [3]],
        "lines": [
            {"amount": 5, "period": {"end": 2, "start": 1}, "tax_rates": ["txr_1", "txr_2"]},
            {"amount": 7.5}
        ]
    });
    assert_eq!(
        form(&value, &[]),
        "grid[0][]=1&grid[0][]=2&grid[1][]=3\
         &lines[0][amount]=5&lines[0][period][end]=2&lines[0][period][start]=1\
         &lines[0][tax_rates][]=txr_1&lines[0][tax_rates][]=txr_2\
         &lines[1][amount]=7.5"
    );
}

/// `null` is an empty value (how Stripe unsets a field, or a whole map);
/// empty lists and objects write nothing; an empty string is a value.
#[test]
fn null_empty_and_empty_string() {
    let value = json!({"a": null, "b": [], "c": {}, "d": "", "e": [null, "x"], "f": {"g": null}});
    assert_eq!(form(&value, &[]), "a=&d=&e=&e=x&f[g]=");
    assert_eq!(form(&json!({"b": []}), &[("b", Style::Joined(','))]), "");
    assert_eq!(form(&json!({}), &[]), "");
}

/// Numbers as JSON has them, integral floats without a fraction; no
/// exponent.
#[test]
fn numbers_and_booleans() {
    let value = json!({
        "big": 1.0e20, "f": 0.25, "g": 1.0e3, "h": -0.0, "i": -3, "t": true, "u": u64::MAX
    });
    assert_eq!(
        form(&value, &[]),
        "big=100000000000000000000&f=0.25&g=1000&h=0&i=-3&t=true&u=18446744073709551615"
    );
}

/// Names, keys and values are encoded on their own; only the structure's
/// brackets, `=` and `&` are literal.
#[test]
fn reserved_characters_in_names_keys_and_values_are_encoded() {
    let value = json!({"a b": {"[k]": "v=1&w", "ü": "é"}, "c": ["x,y"]});
    assert_eq!(
        form(&value, &[("c", Style::Joined(','))]),
        "a%20b[%5Bk%5D]=v%3D1%26w&a%20b[%C3%BC]=%C3%A9&c=x%2Cy"
    );
}

/// A body must be an object.
#[test]
fn a_body_that_is_not_an_object_is_an_error() {
    for value in [json!([1]), json!("x"), json!(null)] {
        let error = body(&value, &[]).err().unwrap();
        assert!(matches!(error, crate::error::Error::Encode(_)), "{error:?}");
    }
}

/// `deepObject` query values: an object in brackets, a list of scalars as
/// `[]`, a scalar (one choice of `anyOf [object, integer]`) as itself.
#[test]
fn deep_object_pairs() {
    assert_eq!(
        pairs("created", &json!({"gt": 1700000000, "lte": 1800000000})).unwrap(),
        "created[gt]=1700000000&created[lte]=1800000000"
    );
    assert_eq!(pairs("created", &1700000000).unwrap(), "created=1700000000");
    assert_eq!(
        pairs("expand", &["data.customer", "data.tax"]).unwrap(),
        "expand[]=data.customer&expand[]=data.tax"
    );
    assert_eq!(
        pairs("lines", &json!([{"amount": 1}])).unwrap(),
        "lines[0][amount]=1"
    );
    assert_eq!(pairs("expand", &Vec::<String>::new()).unwrap(), "");
    assert_eq!(pairs("m", &json!({})).unwrap(), "");
}
