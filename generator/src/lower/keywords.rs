//! One view of a schema's keywords, whichever `SchemaKind` openapiv3 chose
//! for it, so the rest of lowering never matches on `Type`/`AnySchema`.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use crate::pointer::JsonPointer;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Primitive {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
}

/// A subschema together with where it sits in the document.
#[derive(Clone, Debug)]
pub struct Located<'a, T> {
    pub item: &'a T,
    pub pointer: JsonPointer,
}

pub type SchemaRef<'a> = Located<'a, ReferenceOr<Schema>>;
pub type BoxedSchemaRef<'a> = Located<'a, ReferenceOr<Box<Schema>>>;

#[derive(Clone, Debug)]
pub enum Additional<'a> {
    Any,
    Schema(Located<'a, ReferenceOr<Schema>>),
}

/// The keywords of one schema, not yet merged with its `allOf` members.
#[derive(Clone, Debug, Default)]
pub struct Keywords<'a> {
    pub primitive: Option<Primitive>,
    /// A `type` openapiv3 does not know (e.g. `null` or a typo).
    pub unknown_type: Option<String>,
    pub format: Option<String>,
    pub properties: IndexMap<String, BoxedSchemaRef<'a>>,
    pub required: Vec<String>,
    pub additional: Option<Additional<'a>>,
    pub items: Option<BoxedSchemaRef<'a>>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    /// Numeric bounds, with whether each excludes its own value.
    pub minimum: Option<(f64, bool)>,
    pub maximum: Option<(f64, bool)>,
    /// `enum`, in JSON form; `None` when absent.
    pub enumeration: Option<Vec<Value>>,
    pub all_of: Vec<SchemaRef<'a>>,
    pub one_of: Vec<SchemaRef<'a>>,
    pub any_of: Vec<SchemaRef<'a>>,
    pub has_not: bool,
}

fn primitive(name: &str) -> Option<Primitive> {
    Some(match name {
        "string" => Primitive::String,
        "number" => Primitive::Number,
        "integer" => Primitive::Integer,
        "boolean" => Primitive::Boolean,
        "object" => Primitive::Object,
        "array" => Primitive::Array,
        _ => return None,
    })
}

fn located_list<'a>(
    list: &'a [ReferenceOr<Schema>],
    pointer: &JsonPointer,
    key: &str,
) -> Vec<SchemaRef<'a>> {
    list.iter()
        .enumerate()
        .map(|(index, item)| Located {
            item,
            pointer: pointer.push(key).push(index.to_string()),
        })
        .collect()
}

fn located_properties<'a>(
    properties: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
    pointer: &JsonPointer,
) -> IndexMap<String, BoxedSchemaRef<'a>> {
    properties
        .iter()
        .map(|(name, item)| {
            (
                name.clone(),
                Located {
                    item,
                    pointer: pointer.push("properties").push(name.clone()),
                },
            )
        })
        .collect()
}

fn additional<'a>(
    value: &'a Option<AdditionalProperties>,
    pointer: &JsonPointer,
) -> Option<Additional<'a>> {
    value.as_ref().map(|value| match value {
        AdditionalProperties::Any(_) => Additional::Any,
        AdditionalProperties::Schema(schema) => Additional::Schema(Located {
            item: schema,
            pointer: pointer.push("additionalProperties"),
        }),
    })
}

fn format_name<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item)
            .ok()?
            .as_str()
            .map(str::to_string),
        VariantOrUnknownOrEmpty::Unknown(name) => Some(name.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn json_list<T: serde::Serialize>(values: &[T]) -> Option<Vec<Value>> {
    if values.is_empty() {
        return None;
    }
    Some(
        values
            .iter()
            .map(|v| serde_json::to_value(v).unwrap_or(Value::Null))
            .collect(),
    )
}

impl<'a> Keywords<'a> {
    pub fn of(schema: &'a Schema, pointer: &JsonPointer) -> Self {
        let mut keywords = Keywords::default();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                keywords.primitive = Some(Primitive::String);
                keywords.format = format_name(&s.format);
                keywords.enumeration = json_list(&s.enumeration);
                keywords.min_length = s.min_length;
                keywords.max_length = s.max_length;
            }
            SchemaKind::Type(Type::Number(n)) => {
                keywords.primitive = Some(Primitive::Number);
                keywords.format = format_name(&n.format);
                keywords.enumeration = json_list(&n.enumeration);
                keywords.minimum = n.minimum.map(|v| (v, n.exclusive_minimum));
                keywords.maximum = n.maximum.map(|v| (v, n.exclusive_maximum));
            }
            SchemaKind::Type(Type::Integer(i)) => {
                keywords.primitive = Some(Primitive::Integer);
                keywords.format = format_name(&i.format);
                keywords.enumeration = json_list(&i.enumeration);
                keywords.minimum = i.minimum.map(|v| (v as f64, i.exclusive_minimum));
                keywords.maximum = i.maximum.map(|v| (v as f64, i.exclusive_maximum));
            }
            SchemaKind::Type(Type::Boolean(b)) => {
                keywords.primitive = Some(Primitive::Boolean);
                keywords.enumeration = json_list(&b.enumeration);
            }
            SchemaKind::Type(Type::Object(o)) => {
                keywords.primitive = Some(Primitive::Object);
                keywords.properties = located_properties(&o.properties, pointer);
                keywords.required = o.required.clone();
                keywords.additional = additional(&o.additional_properties, pointer);
            }
            SchemaKind::Type(Type::Array(a)) => {
                keywords.primitive = Some(Primitive::Array);
                keywords.items = a.items.as_ref().map(|item| Located {
                    item,
                    pointer: pointer.push("items"),
                });
            }
            SchemaKind::OneOf { one_of } => {
                keywords.one_of = located_list(one_of, pointer, "oneOf")
            }
            SchemaKind::AllOf { all_of } => {
                keywords.all_of = located_list(all_of, pointer, "allOf")
            }
            SchemaKind::AnyOf { any_of } => {
                keywords.any_of = located_list(any_of, pointer, "anyOf")
            }
            SchemaKind::Not { .. } => keywords.has_not = true,
            SchemaKind::Any(any) => {
                keywords.primitive = any.typ.as_deref().and_then(primitive);
                keywords.unknown_type = any.typ.clone().filter(|t| primitive(t).is_none());
                keywords.format = any.format.clone();
                keywords.properties = located_properties(&any.properties, pointer);
                keywords.required = any.required.clone();
                keywords.additional = additional(&any.additional_properties, pointer);
                keywords.items = any.items.as_ref().map(|item| Located {
                    item,
                    pointer: pointer.push("items"),
                });
                keywords.min_length = any.min_length;
                keywords.max_length = any.max_length;
                keywords.minimum = any
                    .minimum
                    .map(|v| (v, any.exclusive_minimum.unwrap_or(false)));
                keywords.maximum = any
                    .maximum
                    .map(|v| (v, any.exclusive_maximum.unwrap_or(false)));
                keywords.enumeration =
                    (!any.enumeration.is_empty()).then(|| any.enumeration.clone());
                keywords.all_of = located_list(&any.all_of, pointer, "allOf");
                keywords.one_of = located_list(&any.one_of, pointer, "oneOf");
                keywords.any_of = located_list(&any.any_of, pointer, "anyOf");
                keywords.has_not = any.not.is_some();
            }
        }
        keywords
    }

    pub fn is_date_time(&self) -> bool {
        self.format.as_deref() == Some("date-time")
    }
}
