//! A check of how a generated crate decodes its unions, written as a Rust
//! test for that crate: for every variant of every union, an instance
//! synthesised from the variant's schema (every member it declares, its
//! tag, values of the declared types) is decoded as the union, must come
//! out as that variant, and must write back as the same JSON.
//!
//! The test runs the crate's real code (its serde impls and the runtime's
//! union rules), so what it counts is what users get. Variants that
//! lowering reported as ambiguous (the spec does not tell them apart) are
//! counted, not failed.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::model::{Model, Selection, TypeDef, TypeKind, TypeRef, Union, UnionVariant};

/// One synthesised instance of a union's variant.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub union: String,
    pub variant: String,
    pub value: Value,
    /// Lowering reported that the spec does not tell this variant from an
    /// earlier one: it may decode as that one.
    pub ambiguous: bool,
}

/// Deep enough for any real instance; past it, optional members are left
/// out and lists are empty, so recursive types end.
const MAX_DEPTH: usize = 8;

/// An instance of each variant of each union of the model, unions by name.
pub fn samples(model: &Model) -> Vec<Sample> {
    let mut samples = Vec::new();
    for def in &model.types {
        let TypeKind::Union(union) = &def.kind else {
            continue;
        };
        let ambiguous: Vec<&str> = match &union.selection {
            Selection::Trial { ambiguous } => {
                ambiguous.iter().map(|(_, later)| later.as_str()).collect()
            }
            _ => Vec::new(),
        };
        for variant in &union.variants {
            let value = variant_instance(model, union, variant, 0);
            samples.push(Sample {
                union: def.name.clone(),
                variant: variant.name.clone(),
                value,
                ambiguous: ambiguous.contains(&variant.name.as_str()),
            });
        }
    }
    samples
}

/// An instance of one of `union`'s variants, carrying its tag.
fn variant_instance(model: &Model, union: &Union, variant: &UnionVariant, depth: usize) -> Value {
    let mut value = instance(model, &variant.ty, depth);
    if let (Some(property), Some(tag), Value::Object(members)) =
        (tag_property(union), variant.tags.first(), &mut value)
    {
        members.insert(property.to_string(), Value::String(tag.clone()));
    }
    value
}

fn tag_property(union: &Union) -> Option<&str> {
    match &union.selection {
        Selection::Discriminator { property } | Selection::Tag { property } => Some(property),
        Selection::Trial { .. } => None,
    }
}

/// A value of type `ty` that writes back as itself.
fn instance(model: &Model, ty: &TypeRef, depth: usize) -> Value {
    match ty {
        TypeRef::Bool => json!(true),
        TypeRef::Integer => json!(7),
        TypeRef::Number => json!(2.5),
        TypeRef::String => json!("text"),
        TypeRef::DateTime => json!("2024-08-06T12:21:02.744476Z"),
        TypeRef::Null => Value::Null,
        TypeRef::Json => json!({"any": ["json"]}),
        TypeRef::Array(_) if depth >= MAX_DEPTH => json!([]),
        TypeRef::Array(item) => json!([instance(model, item, depth + 1)]),
        TypeRef::Map(_) if depth >= MAX_DEPTH => json!({}),
        TypeRef::Map(value) => json!({"key": instance(model, value, depth + 1)}),
        TypeRef::Nullable(_) if depth >= MAX_DEPTH => Value::Null,
        TypeRef::Nullable(inner) => instance(model, inner, depth),
        TypeRef::Named { name, .. } => match model.definition(name) {
            Some(def) => named_instance(model, def, depth),
            None => Value::Null,
        },
    }
}

fn named_instance(model: &Model, def: &TypeDef, depth: usize) -> Value {
    match &def.kind {
        TypeKind::Struct(fields) => {
            let members: Map<String, Value> = fields
                .iter()
                .filter(|field| depth < MAX_DEPTH || !field.optional)
                .map(|field| {
                    (
                        field.wire_name.clone(),
                        instance(model, &field.ty, depth + 1),
                    )
                })
                .collect();
            Value::Object(members)
        }
        TypeKind::Enum(variants) => match variants.first() {
            Some(first) => json!(first.wire_value),
            None => json!("value"),
        },
        TypeKind::ConstrainedString(constraints) => {
            let length = constraints
                .min_length
                .unwrap_or(1)
                .max(1)
                .min(constraints.max_length.unwrap_or(usize::MAX));
            json!("a".repeat(length))
        }
        TypeKind::Union(union) => match union.variants.first() {
            Some(first) => variant_instance(model, union, first, depth + 1),
            None => json!({"any": ["json"]}),
        },
        TypeKind::Alias(target) => instance(model, target, depth),
    }
}

/// The Rust test, for the crate `lib_name`, that decodes every sample and
/// prints the counts; it fails on any variant misdecoded.
pub fn union_check(model: &Model) -> String {
    let lib = &model.package.lib_name;
    let mut cases = String::new();
    for sample in samples(model) {
        let json = serde_json::to_string(&sample.value).unwrap_or_default();
        let _ = writeln!(
            cases,
            "    check::<models::{union}>(&mut tally, {union:?}, {variant:?}, {ambiguous}, r####\"{json}\"####, |v| matches!(v, models::{union}::{variant}(_)));",
            union = sample.union,
            variant = sample.variant,
            ambiguous = sample.ambiguous,
        );
    }
    format!(
        r#"//! Written by the generator's `--union-check`: every union variant's
//! synthesised instance decodes to that variant and writes back unchanged.
//! Each union reads and writes only with the `mock` feature.
#![cfg(feature = "mock")]
#![allow(clippy::all)]

use {lib}::models;

#[derive(Default)]
struct Tally {{
    variants: usize,
    decoded: usize,
    ambiguous: usize,
    failures: Vec<String>,
}}

fn check<T: serde::de::DeserializeOwned + serde::Serialize>(
    tally: &mut Tally,
    union: &str,
    variant: &str,
    ambiguous: bool,
    json: &str,
    is_variant: fn(&T) -> bool,
) {{
    tally.variants += 1;
    let expected: serde_json::Value = serde_json::from_str(json).unwrap();
    let outcome = match serde_json::from_str::<T>(json) {{
        Err(error) => Err(format!("does not decode: {{error}}")),
        Ok(value) if !is_variant(&value) => Err("decodes as another variant".to_string()),
        Ok(value) => match serde_json::to_value(&value) {{
            Ok(written) if written == expected => Ok(()),
            Ok(written) => Err(format!("writes back {{written}}")),
            Err(error) => Err(format!("does not write back: {{error}}")),
        }},
    }};
    match outcome {{
        Ok(()) => tally.decoded += 1,
        Err(_) if ambiguous => tally.ambiguous += 1,
        Err(why) => tally.failures.push(format!("{{union}}::{{variant}} {{why}}; input {{json}}")),
    }}
}}

#[test]
fn every_union_variant_decodes_as_itself() {{
    let mut tally = Tally::default();
{cases}
    println!(
        "union variants: {{}}, decoded as themselves and written back unchanged: {{}}, ambiguous in the spec: {{}}, misdecoded: {{}}",
        tally.variants,
        tally.decoded,
        tally.ambiguous,
        tally.failures.len()
    );
    for failure in &tally.failures {{
        println!("misdecoded: {{failure}}");
    }}
    assert!(tally.failures.is_empty(), "{{}} variants misdecoded", tally.failures.len());
}}
"#
    )
}
