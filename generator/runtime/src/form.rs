//! `application/x-www-form-urlencoded` bodies and `deepObject` query
//! values, in the bracket convention Rails, PHP and Stripe read: a member
//! of an object is `name[key]`, an item of a list of scalars `name[]`, an
//! item of a list of anything else `name[0]`, at any depth:
//! `email=a%2Bb%40example.com&metadata[order_id]=6735&items[0][price]=p&expand[]=tax`.
//!
//! A value is written by its own `Serialize` (the one that writes its
//! JSON), read back into a tree that keeps members in their order, and the
//! tree is written as pairs. Names, keys and values are percent-encoded
//! each on its own, everything but RFC 3986 unreserved characters (a space
//! is `%20`); brackets, `=` and `&` are written as they are, so a value
//! can never pass for a key or end its pair.
//!
//! Scalars: text as it is, `true`/`false`, numbers as JSON writes them
//! except integral ones, which have no fraction (`300`, not `300.0`). A
//! `null` is an empty value (`name=`, how Stripe unsets a field). An
//! absent optional member is not written (its `Serialize` leaves it out),
//! nor is an empty list or object.

use std::fmt;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::Error;
use crate::request::{Body, DELIMITER, UNRESERVED};

/// How a list of scalars directly under a name is written: the style of
/// the form field or query parameter. Lists deeper down, and lists of
/// objects or lists anywhere, are always in brackets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// `name=a&name=b`: `form`, exploded (a form field's default).
    Exploded,
    /// `name[]=a&name[]=b`: `deepObject`.
    Brackets,
    /// `name=a,b`: the items joined by the delimiter (`form` without
    /// `explode`: `,`; `spaceDelimited`: ` `, written `%20`;
    /// `pipeDelimited`: `|`); nothing at all for no items.
    Joined(char),
}

/// A form body: each member of `value`, which must write an object, as
/// pairs under its name. A list of scalars is written as `styles` says for
/// its member, [`Style::Exploded`] for members it does not name.
// Called by generated operations with a form body; the stand-in has one.
pub(crate) fn body<T: Serialize + ?Sized>(
    value: &T,
    styles: &[(&str, Style)],
) -> Result<Body, Error> {
    let Node::Object(members) = tree(value)? else {
        return Err(Error::Encode(serde::ser::Error::custom(
            "a form body must be an object",
        )));
    };
    let mut out = String::new();
    for (name, value) in &members {
        let style = styles
            .iter()
            .find(|(styled, _)| styled == name)
            .map_or(Style::Exploded, |(_, style)| *style);
        write(&mut out, &encode(name), value, style);
    }
    Ok(Body {
        bytes: out.into_bytes(),
        content_type: std::borrow::Cow::Borrowed("application/x-www-form-urlencoded"),
    })
}

/// A `deepObject` query value under `name`, as encoded pairs joined by
/// `&` (empty when there is nothing to write): an object's members in
/// brackets, a list of scalars as `name[]`, a scalar as `name=value`.
pub(crate) fn pairs<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<String, Error> {
    let mut out = String::new();
    write(&mut out, &encode(name), &tree(value)?, Style::Brackets);
    Ok(out)
}

/// A value as JSON would write it, with members kept in their order
/// (`serde_json::Value` sorts them).
#[derive(Debug, PartialEq)]
enum Node {
    Null,
    Text(String),
    List(Vec<Node>),
    Object(Vec<(String, Node)>),
}

fn tree<T: Serialize + ?Sized>(value: &T) -> Result<Node, Error> {
    let json = serde_json::to_vec(value).map_err(Error::Encode)?;
    serde_json::from_slice(&json).map_err(Error::Encode)
}

/// Appends `node` under the encoded `key`; `style` applies to a list of
/// scalars at this level only.
fn write(out: &mut String, key: &str, node: &Node, style: Style) {
    match node {
        Node::Null => pair(out, key, ""),
        Node::Text(text) => pair(out, key, text),
        Node::Object(members) => {
            for (name, value) in members {
                write(
                    out,
                    &format!("{key}[{}]", encode(name)),
                    value,
                    Style::Brackets,
                );
            }
        }
        Node::List(items) if items.iter().all(Node::is_scalar) => match style {
            Style::Exploded => {
                for item in items {
                    pair(out, key, item.text());
                }
            }
            Style::Brackets => {
                let key = format!("{key}[]");
                for item in items {
                    pair(out, &key, item.text());
                }
            }
            Style::Joined(_) if items.is_empty() => {}
            Style::Joined(delimiter) => {
                let delimiter = encode_with(delimiter.encode_utf8(&mut [0; 4]), DELIMITER);
                let items: Vec<String> = items.iter().map(|item| encode(item.text())).collect();
                start(out, key);
                out.push_str(&items.join(&delimiter));
            }
        },
        Node::List(items) => {
            for (index, item) in items.iter().enumerate() {
                write(out, &format!("{key}[{index}]"), item, Style::Brackets);
            }
        }
    }
}

/// `key=` after a `&` unless first.
fn start(out: &mut String, key: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    out.push_str(key);
    out.push('=');
}

fn pair(out: &mut String, key: &str, value: &str) {
    start(out, key);
    out.push_str(&encode(value));
}

fn encode(text: &str) -> String {
    encode_with(text, UNRESERVED)
}

fn encode_with(text: &str, set: &'static percent_encoding::AsciiSet) -> String {
    percent_encoding::utf8_percent_encode(text, set).to_string()
}

impl Node {
    fn is_scalar(&self) -> bool {
        matches!(self, Node::Null | Node::Text(_))
    }

    /// A scalar's text (`null`'s is empty).
    fn text(&self) -> &str {
        match self {
            Node::Text(text) => text,
            _ => "",
        }
    }
}

/// 2^53: below it every integral f64 is exact and fits an i64.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A number's text: integral ones without a fraction, others as Rust
/// writes them (the shortest text that reads back as the same number,
/// never with an exponent).
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < EXACT {
        (value as i64).to_string()
    } else {
        value.to_string()
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        Ok(Node::Text(number(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Node, E> {
        Ok(Node::Text(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, Node>()? {
            members.push(member);
        }
        Ok(Node::Object(members))
    }
}
