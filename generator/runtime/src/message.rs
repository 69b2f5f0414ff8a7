//! The entries of a response's `errors` and `messages` lists, as
//! Cloudflare writes them, read leniently.

use crate::object::{self, FromObject};

/// An entry of a response's `errors` or `messages` list.
///
/// Decoded leniently: a missing field takes its default, unknown
/// fields are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseMessage {
    pub code: i64,
    pub message: String,
    pub documentation_url: Option<String>,
    pub source: Option<MessageSource>,
}

/// Where in the request a message applies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageSource {
    /// A JSON pointer into the request body.
    pub pointer: Option<String>,
}

// The serde impls go through `object.rs`, as model structs' do (no derive,
// so no proc-macro crates to build); every field of these types is
// optional on the wire, so a missing one is its default.

impl serde::Serialize for ResponseMessage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::writer(serializer)
            .entry("code", &self.code)
            .entry("message", &self.message)
            .optional("documentation_url", &self.documentation_url)
            .optional("source", &self.source)
            .end()
    }
}

impl FromObject for ResponseMessage {
    const NAME: &'static str = "ResponseMessage";
    const FIELDS: &'static [&'static str] = &["code", "message", "documentation_url", "source"];
    type Slots = (
        Option<i64>,
        Option<String>,
        Option<Option<String>>,
        Option<Option<MessageSource>>,
    );

    fn from_slots<E: serde::de::Error>(slots: Self::Slots, _: object::Members) -> Result<Self, E> {
        let (code, message, documentation_url, source) = slots;
        Ok(Self {
            code: code.unwrap_or_default(),
            message: message.unwrap_or_default(),
            documentation_url: documentation_url.unwrap_or_default(),
            source: source.unwrap_or_default(),
        })
    }
}

crate::object::deserialize_object!(ResponseMessage);

impl serde::Serialize for MessageSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::writer(serializer)
            .optional("pointer", &self.pointer)
            .end()
    }
}

impl FromObject for MessageSource {
    const NAME: &'static str = "MessageSource";
    const FIELDS: &'static [&'static str] = &["pointer"];
    type Slots = (Option<Option<String>>,);

    fn from_slots<E: serde::de::Error>(slots: Self::Slots, _: object::Members) -> Result<Self, E> {
        let (pointer,) = slots;
        Ok(Self {
            pointer: pointer.unwrap_or_default(),
        })
    }
}

crate::object::deserialize_object!(MessageSource);
