//! The impls every open enum and every constrained string of a spec
//! carries, written once as macros. A generated open enum or newtype is its
//! definition (with its derives and docs) plus one line invoking these,
//! instead of about fifty lines of impls each. The compiler still checks
//! each expansion (a body costs about the same either way); what this
//! saves is generated text, and so generation, formatting and parsing.

/// An open enum that can tell a listed value from one kept in `Unknown`:
/// a union tries an enum variant by it (an unknown string is not a fit).
pub trait Known {
    /// Whether the value is one the spec lists.
    fn is_known(&self) -> bool;
}

/// The impls of an open enum: `open_enum!(Name { Variant = "wire", .. })`
/// for `pub enum Name { Variant, .., Unknown(String) }`. `as_str` gives the
/// wire value; `From<&str>`/`From<String>` keep values not listed in
/// `Unknown`; `Display`, `Serialize` and `Deserialize` use the wire value,
/// so an unknown value reads and writes back unchanged.
#[allow(unused_macros)]
macro_rules! open_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl crate::strings::Known for $name {
            fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

/// The impls of a string newtype the spec constrains:
/// `constrained_string!(Name, min, max)` for `pub struct Name(String)`,
/// `min` and `max` an `Option<usize>` each. The length is checked on
/// construction (`new`, `FromStr`, `TryFrom`) and when decoding; the value
/// is written as the plain string.
#[allow(unused_macros)]
macro_rules! constrained_string {
    ($name:ident, $min:expr, $max:expr) => {
        impl $name {
            /// Checks the value against the spec's constraints.
            pub fn new(value: impl Into<String>) -> Result<Self, crate::ValidationError> {
                let value = value.into();
                Self::check(&value)?;
                Ok(Self(value))
            }

            /// The check of [`new`](Self::new), without taking the value
            /// (operation methods check path arguments without copying
            /// them).
            pub fn check(value: &str) -> Result<(), crate::ValidationError> {
                crate::checks::check_length(stringify!($name), value, $min, $max)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::ValidationError;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::new(value)
            }
        }

        impl TryFrom<String> for $name {
            type Error = crate::ValidationError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = crate::ValidationError;

            fn try_from(value: &str) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Self::new(value).map_err(serde::de::Error::custom)
            }
        }
    };
}

// Paths for generated code: `crate::strings::open_enum!(..)`.
#[allow(unused_imports)]
pub(crate) use {constrained_string, open_enum};
