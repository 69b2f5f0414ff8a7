//! The serde impls of the spec's unions (`oneOf`/`anyOf` of several
//! types), written once as macros so generated crates need no derive (and
//! so no proc-macro crates to build). A generated union is its definition
//! plus one line, `crate::union::untagged!(Name { A, B }, sent)`.
//!
//! The JSON is what serde's `#[serde(untagged)]` derive reads and writes: a
//! value is written as its variant's inner value; reading tries each variant
//! in order on the buffered input and keeps the first that fits, and when
//! none does the error is the derive's, `data did not match any variant of
//! untagged enum Name`. The input is buffered as a `serde_json::Value`
//! (serde's own buffer is not public API); the one difference this makes is
//! that a repeated key in an object keeps its last value instead of making
//! a struct variant fail with `duplicate field`.
// Support for every kind of type; a spec may need only some.
#![allow(dead_code)]

use serde::de::{DeserializeOwned, Error};

/// The buffered input a union's variants are tried on.
pub type Buffered = serde_json::Value;

/// The variant's value if `value` reads as its type: the error is dropped,
/// as the derive drops it, since only "no variant fits" is reported.
pub fn fits<T: DeserializeOwned>(value: &Buffered) -> Option<T> {
    T::deserialize(value).ok()
}

/// The error when no variant fits, in the derive's words.
pub fn no_variant<E: Error>(name: &'static str) -> E {
    E::custom(format_args!(
        "data did not match any variant of untagged enum {name}"
    ))
}

/// The serde impls of a union, `untagged!(Name { A, B }, <direction>)`
/// for `pub enum Name { A(TypeA), B(TypeB) }`. The direction is the one
/// the type travels in, whose impl is always compiled: `sent`
/// (`Serialize`), `received` (`Deserialize`), `both`, or `mock` (neither);
/// the other impl is compiled with the `mock` feature only (responses are
/// written by the mock server, requests read back).
#[allow(unused_macros)]
macro_rules! untagged {
    ($name:ident $variants:tt, sent) => {
        crate::union::untagged!(@serialize $name $variants);
        #[cfg(feature = "mock")]
        crate::union::untagged!(@deserialize $name $variants);
    };
    ($name:ident $variants:tt, received) => {
        #[cfg(feature = "mock")]
        crate::union::untagged!(@serialize $name $variants);
        crate::union::untagged!(@deserialize $name $variants);
    };
    ($name:ident $variants:tt, both) => {
        crate::union::untagged!(@serialize $name $variants);
        crate::union::untagged!(@deserialize $name $variants);
    };
    ($name:ident $variants:tt, mock) => {
        #[cfg(feature = "mock")]
        crate::union::untagged!(@serialize $name $variants);
        #[cfg(feature = "mock")]
        crate::union::untagged!(@deserialize $name $variants);
    };
    // The variant's inner value, nothing around it.
    (@serialize $name:ident { $($variant:ident),+ $(,)? }) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => serde::Serialize::serialize(value, serializer),)+
                }
            }
        }
    };
    // The input read once into a `Buffered` value, then each variant
    // tried on it in order.
    (@deserialize $name:ident { $($variant:ident),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <crate::union::Buffered as serde::Deserialize>::deserialize(deserializer)?;
                $(
                    if let Some(inner) = crate::union::fits(&value) {
                        return Ok(Self::$variant(inner));
                    }
                )+
                Err(crate::union::no_variant(stringify!($name)))
            }
        }
    };
}

// The path for generated code: `crate::union::untagged!(..)`.
#[allow(unused_imports)]
pub(crate) use untagged;
