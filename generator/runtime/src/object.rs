//! The serde code of the spec's object types, written once. A generated
//! struct's `Serialize` and `Deserialize` impls are a few lines that call
//! these generic functions, instead of what `#[derive]` writes per type (a
//! field enum with three visitors, a sequence visitor, duplicate and
//! missing checks per field): on a large API that expansion was most of
//! the crate's check time and memory.
//!
//! The JSON is what the derives read and write: fields under their wire
//! names, a missing optional field is its default,
//! a missing required field is an error (`missing field `x``) unless its
//! type takes `null` (`Option`), a repeated field is an error, absent
//! optional fields are left out when writing. One difference: a received
//! struct keeps the members it does not declare ([`FromObject::KEEPS_UNKNOWN`],
//! [`Members`]) and writes them back after its own, so a value read,
//! changed and sent back loses nothing a newer API added; other structs
//! ignore them, as the derive does.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A type read from a JSON object. Generated structs implement it; their
/// `Deserialize` is [`deserialize`]. The loop over the object's entries is
/// here, once: a struct only names its fields, the tuple of slots they are
/// read into, and how the filled slots become the struct.
pub trait FromObject: Sized {
    /// The type's name, for error messages (`expected struct Name`).
    const NAME: &'static str;
    /// The fields' wire names, in the order of [`FromObject::Slots`].
    const FIELDS: &'static [&'static str];
    /// One `Option<field type>` per field, in tuples of at most 8 nested
    /// in pairs: `((a, b, .., h), ((i, .., p), (q,)))`.
    type Slots: Slots;
    /// Whether members not in [`FromObject::FIELDS`] are collected for
    /// [`FromObject::from_slots`] (a received struct's `extra`) rather than
    /// skipped unread.
    const KEEPS_UNKNOWN: bool = false;

    /// The struct from its filled slots ([`required`] for a required
    /// field, the default for a missing optional one) and the members it
    /// does not declare (empty unless it keeps them).
    fn from_slots<E: de::Error>(slots: Self::Slots, unknown: Members) -> Result<Self, E>;
}

/// Members of a JSON object that its type does not declare, kept as they
/// came.
pub type Members = serde_json::Map<String, serde_json::Value>;

/// The `Deserialize` of a [`FromObject`] type.
pub fn deserialize<'de, T: FromObject, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// `impl Deserialize for Name` through [`deserialize`], for a `Name` that
/// implements [`FromObject`]: `crate::object::deserialize_object!(Name);`.
/// A macro rather than a blanket impl, which the orphan rule forbids; one
/// line per struct instead of seven in every generated models file.
#[allow(unused_macros)]
macro_rules! deserialize_object {
    ($name:ident) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::object::deserialize(deserializer)
            }
        }
    };
}

// The path for generated code: `crate::object::deserialize_object!(..)`.
#[allow(unused_imports)]
pub(crate) use deserialize_object;

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: FromObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut slots = T::Slots::empty();
        let mut unknown = Members::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let known = T::FIELDS.iter().position(|name| *name == key.as_str());
            match known {
                Some(index) => slots.read(index, &mut map, T::FIELDS[index])?,
                None if T::KEEPS_UNKNOWN => {
                    unknown.insert(key.into_string(), map.next_value()?);
                }
                None => skip(&mut map)?,
            }
        }
        T::from_slots(slots, unknown)
    }
}

/// Where a struct's fields are read into before it is built: a tuple of
/// `Option`s, one per field (see [`FromObject::Slots`]).
pub trait Slots {
    /// How many fields.
    const LEN: usize;

    /// All slots empty.
    fn empty() -> Self;

    /// Reads the current entry's value into slot `index`; `name` is the
    /// field's wire name, for the error on a repeated field.
    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
        name: &'static str,
    ) -> Result<(), A::Error>;
}

/// A struct without fields.
impl Slots for () {
    const LEN: usize = 0;

    fn empty() -> Self {}

    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        _index: usize,
        map: &mut A,
        _name: &'static str,
    ) -> Result<(), A::Error> {
        skip(map)
    }
}

/// Up to 8 fields: one slot each.
macro_rules! tuple_slots {
    ($len:literal: $($t:ident $i:tt),+) => {
        impl<$($t: de::DeserializeOwned),+> Slots for ($(Option<$t>,)+) {
            const LEN: usize = $len;

            fn empty() -> Self {
                ($(None::<$t>,)+)
            }

            fn read<'de, A: MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
                name: &'static str,
            ) -> Result<(), A::Error> {
                match index {
                    $($i => field(&mut self.$i, map, name),)+
                    _ => skip(map),
                }
            }
        }
    };
}

tuple_slots!(1: T0 0);
tuple_slots!(2: T0 0, T1 1);
tuple_slots!(3: T0 0, T1 1, T2 2);
tuple_slots!(4: T0 0, T1 1, T2 2, T3 3);
tuple_slots!(5: T0 0, T1 1, T2 2, T3 3, T4 4);
tuple_slots!(6: T0 0, T1 1, T2 2, T3 3, T4 4, T5 5);
tuple_slots!(7: T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6);
tuple_slots!(8: T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7);

/// More than 8 fields: the first 8, then the rest. (No overlap with the
/// pair of single slots above: an `Option` is never `Slots`.)
impl<First: Slots, Rest: Slots> Slots for (First, Rest) {
    const LEN: usize = First::LEN + Rest::LEN;

    fn empty() -> Self {
        (First::empty(), Rest::empty())
    }

    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
        name: &'static str,
    ) -> Result<(), A::Error> {
        match index.checked_sub(First::LEN) {
            None => self.0.read(index, map, name),
            Some(index) => self.1.read(index, map, name),
        }
    }
}

/// An object's key: borrowed from the input when it can be (no escapes).
pub enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    pub fn into_string(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_string(),
            Key::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(key.to_string()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(key))
    }
}

/// Reads the current entry's value into `slot`; a second entry of the
/// same name is an error.
pub fn field<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads past the current entry's value (a field this client does not know).
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// A required field's value; when it was missing, what its type makes of
/// nothing: `None` for an `Option`, otherwise `missing field `name``.
// Called by generated `FromObject` impls of structs with required fields;
// the stand-in has no models.
#[allow(dead_code)]
pub fn required<'de, T: Deserialize<'de>, E: de::Error>(
    slot: Option<T>,
    name: &'static str,
) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(Missing(name, PhantomData)),
    }
}

/// What a missing field deserializes from: `None` to an `Option`, an error
/// to anything else.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Writes an object field by field: `writer(serializer).entry(..)
/// .optional(..).end()`. One chain of calls per struct, no `?` per field:
/// the first error is kept and the entries after it are not written.
pub struct Writer<M: SerializeMap>(Result<M, M::Error>);

/// Starts writing an object.
pub fn writer<S: Serializer>(serializer: S) -> Writer<S::SerializeMap> {
    Writer(serializer.serialize_map(None))
}

impl<M: SerializeMap> Writer<M> {
    /// Writes one field.
    pub fn entry<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        self.put(name, value);
        self
    }

    fn put<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if let Ok(map) = &mut self.0 {
            if let Err(error) = map.serialize_entry(name, value) {
                self.0 = Err(error);
            }
        }
    }

    /// Writes one field unless it is absent (`None`, `Nullable::Absent`).
    pub fn optional<T: Optional + Serialize>(self, name: &'static str, value: &T) -> Self {
        if value.is_absent() {
            return self;
        }
        self.entry(name, value)
    }

    /// Writes the members a received struct kept, except any under a
    /// name the struct declares (`declared`, its [`FromObject::FIELDS`]),
    /// which it has written already.
    // Called by generated `Serialize` impls of received structs; the stand-in
    // has no models.
    #[allow(dead_code)]
    pub fn members(mut self, members: &Members, declared: &[&str]) -> Self {
        for (name, value) in members {
            if declared.contains(&name.as_str()) {
                continue;
            }
            self.put(name, value);
        }
        self
    }

    /// Closes the object, or returns the first error.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.0?.end()
    }
}

/// A field type that can be left out of an object.
pub trait Optional {
    fn is_absent(&self) -> bool;
}

impl<T> Optional for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Optional for crate::Nullable<T> {
    fn is_absent(&self) -> bool {
        crate::Nullable::is_absent(self)
    }
}
