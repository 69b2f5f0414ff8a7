//! `Nullable<T>`: a field of a request that may be left out, sent as
//! `null`, or sent with a value. Cloudflare reads the three differently
//! on updates: absent keeps the stored value, `null` clears it.

/// A field that is absent, `null`, or a value. Used for request fields
/// the spec marks `nullable` and does not require; received types keep
/// `Option<T>`.
///
/// ```ignore
/// body.description = Nullable::Value("new".into()); // "description":"new"
/// body.description = Nullable::Null;                // "description":null
/// body.description = Nullable::Absent;              // left out (the default)
/// body.description = "new".to_string().into();       // Value, from T
/// body.description = None.into();                    // Null, from Option<T>
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nullable<T> {
    /// Not sent at all.
    #[default]
    Absent,
    /// Sent as `null`.
    Null,
    /// Sent as this value.
    Value(T),
}

impl<T> Nullable<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value, if there is one.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            _ => None,
        }
    }

    /// The value, if there is one; absent and `null` are both `None`.
    pub fn into_value(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

/// `Some` is a value, `None` an explicit `null`.
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Self::Value)
    }
}

/// Absent fields are left out by `skip_serializing_if =
/// "Nullable::is_absent"` on the field; on its own, absent is `null`.
impl<T: serde::Serialize> serde::Serialize for Nullable<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Absent | Self::Null => serializer.serialize_none(),
            Self::Value(value) => serializer.serialize_some(value),
        }
    }
}

/// A missing field is `Absent` through `#[serde(default)]` on the field;
/// `null` is `Null`.
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Nullable<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self::from)
    }
}
