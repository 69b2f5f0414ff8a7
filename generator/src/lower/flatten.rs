//! `allOf` merging: a schema and all its `allOf` members (recursively,
//! through `$ref`s) become one set of keywords. Later members refine earlier
//! ones (a `result` property in an envelope's last member replaces the
//! generic one), and the schema's own keywords refine them all.

use openapiv3::{Discriminator, ReferenceOr, Schema};
use serde_json::Value;

use super::keywords::{BoxedSchemaRef, Keywords};
use super::refs::Resolver;
use crate::diagnostics::{Diagnostics, Item};
use crate::pointer::JsonPointer;

/// A schema with its `allOf` merged away.
#[derive(Clone, Debug, Default)]
pub struct Flat<'a> {
    pub keywords: Keywords<'a>,
    pub description: Option<String>,
    pub nullable: bool,
    pub read_only: bool,
    pub default: Option<Value>,
    /// The schema's `discriminator`, or the nearest one of its `allOf`
    /// members (a variant inherits its parent's).
    pub discriminator: Option<&'a Discriminator>,
}

/// A property's schema, `$ref` followed and `allOf` merged, for reading
/// its shape (its problems are reported where its type is lowered, not
/// here); `None` when it does not resolve.
pub fn flatten_member<'a>(resolver: Resolver<'a>, member: &BoxedSchemaRef<'a>) -> Option<Flat<'a>> {
    let schema: &Schema = match member.item {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => {
            resolver.schema(reference, &member.pointer).ok()?.item
        }
    };
    Some(flatten(
        resolver,
        schema,
        &member.pointer,
        &mut Diagnostics::default(),
    ))
}

pub fn flatten<'a>(
    resolver: Resolver<'a>,
    schema: &'a Schema,
    pointer: &JsonPointer,
    diagnostics: &mut Diagnostics,
) -> Flat<'a> {
    let mut visiting = Vec::new();
    flatten_inner(resolver, schema, pointer, diagnostics, &mut visiting)
}

fn flatten_inner<'a>(
    resolver: Resolver<'a>,
    schema: &'a Schema,
    pointer: &JsonPointer,
    diagnostics: &mut Diagnostics,
    visiting: &mut Vec<JsonPointer>,
) -> Flat<'a> {
    let own = Keywords::of(schema, pointer);
    let mut merged = Flat::default();
    for member in &own.all_of {
        let (member_schema, member_pointer) = match member.item {
            ReferenceOr::Item(item) => (item, member.pointer.clone()),
            ReferenceOr::Reference { reference } => {
                match resolver.schema(reference, &member.pointer) {
                    Ok(resolved) => (resolved.item, resolved.pointer),
                    Err(unresolved) => {
                        // The member is left out, not the whole schema.
                        diagnostics.push(unresolved.left_out(Item::AllOfMember));
                        continue;
                    }
                }
            }
        };
        if visiting.contains(&member_pointer) {
            diagnostics.warning(
                &member.pointer,
                "allOf member includes itself; the repeated member is skipped",
            );
            continue;
        }
        visiting.push(member_pointer.clone());
        let member_flat = flatten_inner(
            resolver,
            member_schema,
            &member_pointer,
            diagnostics,
            visiting,
        );
        visiting.pop();
        merge(&mut merged, member_flat);
    }
    let mut own_flat = Flat {
        keywords: own,
        description: schema.schema_data.description.clone(),
        nullable: schema.schema_data.nullable,
        read_only: schema.schema_data.read_only,
        default: schema.schema_data.default.clone(),
        discriminator: schema.schema_data.discriminator.as_ref(),
    };
    own_flat.keywords.all_of.clear();
    merge(&mut merged, own_flat);
    merged
}

/// Refines `base` with `next`: `next` wins where both say something.
fn merge<'a>(base: &mut Flat<'a>, next: Flat<'a>) {
    let Flat {
        keywords: k,
        description,
        nullable,
        read_only,
        default,
        discriminator,
    } = next;
    let b = &mut base.keywords;
    b.primitive = k.primitive.or(b.primitive);
    b.unknown_type = k.unknown_type.or(b.unknown_type.take());
    b.format = k.format.or(b.format.take());
    for (name, property) in k.properties {
        b.properties.insert(name, property);
    }
    for name in k.required {
        if !b.required.contains(&name) {
            b.required.push(name);
        }
    }
    b.additional = k.additional.or(b.additional.take());
    b.items = k.items.or(b.items.take());
    b.min_length = k.min_length.or(b.min_length);
    b.max_length = k.max_length.or(b.max_length);
    b.minimum = k.minimum.or(b.minimum);
    b.maximum = k.maximum.or(b.maximum);
    b.enumeration = k.enumeration.or(b.enumeration.take());
    b.one_of.extend(k.one_of);
    b.any_of.extend(k.any_of);
    b.has_not |= k.has_not;
    base.description = description.or(base.description.take());
    base.nullable |= nullable;
    base.read_only |= read_only;
    base.default = default.or(base.default.take());
    base.discriminator = discriminator.or(base.discriminator.take());
}
