//! The serde impls of the spec's unions (`oneOf`/`anyOf` of several
//! types), written once as a macro so generated crates need no derive. A
//! generated union is its definition plus one `one_of!` line, in which the
//! generator has already decided, from the spec, how a variant is chosen:
//!
//! - `tag "type" { A ("a" ; object), B ("b" | "B" ; any) }`: the string at
//!   the member `type` names the variant (the spec's `discriminator`, or a
//!   one-value enum every variant pins, like a DNS record's `type`). The
//!   variant it names is decoded, nothing is tried; a tag the spec does not
//!   list, or none, is an input no variant recognises. After `;`, how the
//!   variant counts members when this union is itself tried (`object`,
//!   `union`, or `any` for a boxed or other type).
//! - `trial { A (object ["kind" = "a"]), B (known), C (union), D (any), E (number) }`: each variant
//!   tried on the buffered input. An `object` fits an object whose pinned
//!   members (one-value enums) hold their value when present, that decodes,
//!   and that shares a member with it (unless the input is `{}`); of those
//!   that fit, the one declaring most of the input's members wins, the
//!   first on a tie. A `known` open enum fits only a value it lists, never
//!   as its `Unknown`. `any` fits whatever decodes, and only when nothing
//!   more specific did; `number` is `any` for a variant holding an `f64`.
//!   A `union` (a nested one) fits what it recognises (not as its own
//!   `Unknown`) and scores by the members of the variant it chose.
//!
//! An input no variant recognises is kept as it came in the union's
//! `unknown` variant (`Unknown(serde_json::Value)`) and written back
//! unchanged, so one new kind of item never fails the list it is in. A
//! union with a variant taking any JSON has no such variant; with neither,
//! the error is serde's `data did not match any variant of untagged enum
//! Name`.
//!
//! A value is written as its variant's inner value; a `number` variant's
//! integral values without a fraction (`crate::number::Integral`). The input is
//! buffered as a `serde_json::Value` (serde's own buffer is not public
//! API), so a repeated key keeps its last value.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Error};

use crate::object::FromObject;
use crate::strings::Known;

/// The buffered input a union's variants are read from.
pub type Buffered = serde_json::Value;

/// The string at `property` of an object, the tag naming its variant.
// Called by generated `one_of!` expansions; the stand-in has no unions.
#[allow(dead_code)]
pub fn tag<'a>(value: &'a Buffered, property: &str) -> Option<&'a str> {
    value.get(property)?.as_str()
}

/// The variant a tag names, decoded from the whole input. An input that
/// names a variant but does not decode as it is an error that says which
/// variant was meant.
// Called by generated `one_of!` expansions; the stand-in has no unions.
#[allow(dead_code)]
pub fn tagged<T: DeserializeOwned, U, E: Error>(
    value: Buffered,
    wrap: fn(T) -> U,
    union: &'static str,
    variant: &'static str,
) -> Result<U, E> {
    T::deserialize(value)
        .map(wrap)
        .map_err(|error| E::custom(format_args!("{union}::{variant}: {error}")))
}

/// The error when no variant fits and the union keeps nothing unknown, in
/// the words of serde's derive.
// Called by generated `one_of!` expansions; the stand-in has no unions.
#[allow(dead_code)]
pub fn no_variant<E: Error>(name: &'static str) -> E {
    E::custom(format_args!(
        "data did not match any variant of untagged enum {name}"
    ))
}

/// What a decoded union can say about itself when it is a variant of
/// another union being tried: written by `one_of!` for every union.
pub trait Declares {
    /// Whether the variant it holds declares `member` (an object variant's
    /// field, or a nested union's, recursively).
    fn declares(&self, member: &str) -> bool;
    /// Whether a variant took the value (it is not kept in `Unknown`).
    fn is_recognised(&self) -> bool;
}

/// Whether a struct declares `member`.
// Called by generated `one_of!` expansions; the stand-in has no unions.
#[allow(dead_code)]
pub fn declared_by<T: FromObject>(_: &T, member: &str) -> bool {
    T::FIELDS.contains(&member)
}

/// The variants of a `trial` union tried on one input, in order; the best
/// fit so far is kept (see the module's documentation for the rule).
pub struct Trial<'a, U> {
    input: &'a Buffered,
    best: Option<(usize, U)>,
    /// No later variant can beat the best: it accounts for every member.
    settled: bool,
}

/// What an open enum scores: above anything `any`, and nothing else
/// competes for a string.
const KNOWN_SCORE: usize = 1;

// Called by generated `one_of!` expansions; the stand-in has no unions.
#[allow(dead_code)]
impl<'a, U> Trial<'a, U> {
    pub fn new(input: &'a Buffered) -> Self {
        Self {
            input,
            best: None,
            settled: false,
        }
    }

    /// Whether a variant scoring `score` would replace the best so far
    /// (ties go to the earlier variant).
    fn beats(&self, score: usize) -> bool {
        !self.settled && self.best.as_ref().is_none_or(|(best, _)| score > *best)
    }

    fn keep<T: DeserializeOwned>(&mut self, score: usize, wrap: fn(T) -> U) -> Option<&U> {
        let inner = T::deserialize(self.input).ok()?;
        self.best = Some((score, wrap(inner)));
        self.best.as_ref().map(|(_, chosen)| chosen)
    }

    /// A struct variant; `pins` are its one-value members, (name, value).
    pub fn object<T: DeserializeOwned + FromObject>(
        &mut self,
        wrap: fn(T) -> U,
        pins: &[(&str, &str)],
    ) {
        let Some(members) = self.input.as_object() else {
            return;
        };
        let pins_hold = pins.iter().all(|(name, value)| {
            members
                .get(*name)
                .is_none_or(|present| present.as_str() == Some(*value))
        });
        if !pins_hold {
            return;
        }
        let score = members
            .keys()
            .filter(|key| T::FIELDS.contains(&key.as_str()))
            .count();
        if (score == 0 && !members.is_empty()) || !self.beats(score) {
            return;
        }
        if self.keep(score, wrap).is_some() && score == members.len() {
            self.settled = true;
        }
    }

    /// A nested union variant: a value it recognises, scored by the
    /// members of the variant it chose.
    pub fn union<T: DeserializeOwned + Declares>(&mut self, wrap: fn(T) -> U) {
        if self.settled {
            return;
        }
        let Ok(inner) = T::deserialize(self.input) else {
            return;
        };
        if !inner.is_recognised() {
            return;
        }
        let Some(members) = self.input.as_object() else {
            if self.best.is_none() {
                self.best = Some((0, wrap(inner)));
            }
            return;
        };
        let score = members.keys().filter(|key| inner.declares(key)).count();
        if (score == 0 && !members.is_empty()) || !self.beats(score) {
            return;
        }
        self.best = Some((score, wrap(inner)));
        self.settled = score == members.len();
    }

    /// An open enum variant: only a value the spec lists.
    pub fn known<T: DeserializeOwned + Known>(&mut self, wrap: fn(T) -> U) {
        if !self.beats(KNOWN_SCORE) {
            return;
        }
        let Ok(inner) = T::deserialize(self.input) else {
            return;
        };
        if inner.is_known() {
            self.best = Some((KNOWN_SCORE, wrap(inner)));
            self.settled = true;
        }
    }

    /// Any other variant: whatever decodes, when nothing fits better.
    pub fn any<T: DeserializeOwned>(&mut self, wrap: fn(T) -> U) {
        if self.best.is_none() {
            self.keep(0, wrap);
        }
    }

    /// The variant chosen, if any fits.
    pub fn chosen(self) -> Option<U> {
        self.best.map(|(_, chosen)| chosen)
    }
}

/// Reads the buffered input once: what every union's `Deserialize` starts
/// with.
// Called by generated `one_of!` expansions; the stand-in has no unions.
#[allow(dead_code)]
pub fn buffer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Buffered, D::Error> {
    Buffered::deserialize(deserializer)
}

/// The serde impls of a union (see the module's documentation),
/// `one_of!(Name { <selection>, unknown Unknown }, <direction>)`, the
/// `unknown` part only when the union has that variant. The direction is
/// the one the type travels in, whose impl is always compiled: `sent`
/// (`Serialize`), `received` (`Deserialize`), `both`, or `mock` (neither);
/// the other impl is compiled with the `mock` feature only (responses are
/// written by the mock server, requests read back).
#[allow(unused_macros)]
macro_rules! one_of {
    ($name:ident $body:tt, sent) => {
        crate::union::one_of!(@serialize $name $body);
        #[cfg(feature = "mock")]
        crate::union::one_of!(@deserialize $name $body);
    };
    ($name:ident $body:tt, received) => {
        #[cfg(feature = "mock")]
        crate::union::one_of!(@serialize $name $body);
        crate::union::one_of!(@deserialize $name $body);
    };
    ($name:ident $body:tt, both) => {
        crate::union::one_of!(@serialize $name $body);
        crate::union::one_of!(@deserialize $name $body);
    };
    ($name:ident $body:tt, mock) => {
        #[cfg(feature = "mock")]
        crate::union::one_of!(@serialize $name $body);
        #[cfg(feature = "mock")]
        crate::union::one_of!(@deserialize $name $body);
    };
    // The variant's inner value, nothing around it.
    (@serialize $name:ident {
        $mode:ident $($property:literal)? { $($variant:ident $how:tt),+ $(,)? }
        $(, unknown $unknown:ident)? $(,)?
    }) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => crate::union::one_of!(@write value serializer $how),)+
                    $(Self::$unknown(value) => serde::Serialize::serialize(value, serializer),)?
                }
            }
        }
    };
    // The tag read, the variant it names decoded.
    (@deserialize $name:ident {
        tag $property:literal { $($variant:ident ($($tag:literal)|+ ; $fit:ident)),+ $(,)? }
        $(, unknown $unknown:ident)? $(,)?
    }) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = crate::union::buffer(deserializer)?;
                match crate::union::tag(&value, $property) {
                    $(Some($($tag)|+) => crate::union::tagged(
                        value,
                        Self::$variant,
                        stringify!($name),
                        stringify!($variant),
                    ),)+
                    _ => crate::union::one_of!(@unrecognised $name value $($unknown)?),
                }
            }
        }

        crate::union::one_of!(@declares $name { $($variant ($fit)),+ } $($unknown)?);
    };
    // Each variant tried, the best fit kept.
    (@deserialize $name:ident {
        trial { $($variant:ident $how:tt),+ $(,)? }
        $(, unknown $unknown:ident)? $(,)?
    }) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = crate::union::buffer(deserializer)?;
                let mut trial = crate::union::Trial::new(&value);
                $(crate::union::one_of!(@try trial $variant $how);)+
                match trial.chosen() {
                    Some(chosen) => Ok(chosen),
                    None => crate::union::one_of!(@unrecognised $name value $($unknown)?),
                }
            }
        }

        crate::union::one_of!(@declares $name { $($variant $how),+ } $($unknown)?);
    };
    // What the union tells a union it is a variant of (`Declares`).
    (@declares $name:ident { $($variant:ident $how:tt),+ } $($unknown:ident)?) => {
        impl crate::union::Declares for $name {
            fn declares(&self, member: &str) -> bool {
                match self {
                    $(Self::$variant(value) => crate::union::one_of!(@member value member $how),)+
                    $(Self::$unknown(_) => false,)?
                }
            }

            fn is_recognised(&self) -> bool {
                crate::union::one_of!(@recognised self $($unknown)?)
            }
        }
    };
    (@member $value:ident $member:ident (object $($pins:tt)?)) => {
        crate::union::declared_by($value, $member)
    };
    (@member $value:ident $member:ident (union)) => {
        crate::union::Declares::declares($value, $member)
    };
    (@member $value:ident $member:ident $how:tt) => {{
        let _ = ($value, $member);
        false
    }};
    (@recognised $self:ident $unknown:ident) => {
        !matches!($self, Self::$unknown(_))
    };
    (@recognised $self:ident) => {
        true
    };
    // A `number` variant (an `f64`, or one in a list or map) writes
    // integral values without a fraction; any other writes itself, so
    // JSON it keeps as it came (`extra`, `Unknown`) is not rewritten.
    (@write $value:ident $serializer:ident (number)) => {
        serde::Serialize::serialize(&crate::number::Integral($value), $serializer)
    };
    (@write $value:ident $serializer:ident $how:tt) => {
        serde::Serialize::serialize($value, $serializer)
    };
    (@try $trial:ident $variant:ident (number)) => {
        $trial.any(Self::$variant)
    };
    (@try $trial:ident $variant:ident (object [$($pin:literal = $pinned:literal),* $(,)?])) => {
        $trial.object(Self::$variant, &[$(($pin, $pinned)),*])
    };
    (@try $trial:ident $variant:ident (union)) => {
        $trial.union(Self::$variant)
    };
    (@try $trial:ident $variant:ident (known)) => {
        $trial.known(Self::$variant)
    };
    (@try $trial:ident $variant:ident (any)) => {
        $trial.any(Self::$variant)
    };
    (@unrecognised $name:ident $value:ident) => {
        Err(crate::union::no_variant(stringify!($name)))
    };
    (@unrecognised $name:ident $value:ident $unknown:ident) => {
        Ok(Self::$unknown($value))
    };
}

// The path for generated code: `crate::union::one_of!(..)`.
#[allow(unused_imports)]
pub(crate) use one_of;
