//! How a union's variant is chosen when a value is read, decided here once
//! so that decoding follows the spec instead of guessing:
//!
//! 1. the spec's `discriminator` (on the union, or inherited by every
//!    variant from an `allOf` parent): explicit `mapping` first, then the
//!    value a variant pins the property to, then the schema's name;
//! 2. else an implied tag: a property every variant pins to a value of its
//!    own (a one-value `enum` or `const`, like a DNS record's `type`);
//! 3. else trial: each variant tried, pinned members matched exactly, the
//!    fitting variant that accounts for most of the input's members wins.
//!    Variants the spec gives no way to tell apart are reported.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::Discriminator;

use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::model::{Fit, Pin, Selection, TypeDef, TypeKind, TypeRef, Union, UnionVariant};
use crate::naming;
use crate::pointer::JsonPointer;

/// One `oneOf`/`anyOf` member: the `$ref` it is written as, if any, and
/// the variant it became (identical members share one).
pub struct Member<'a> {
    pub reference: Option<&'a str>,
    pub variant: usize,
}

/// A union whose variants are lowered but not yet told apart.
pub struct Candidate<'a, 'b> {
    pub type_name: &'b str,
    pub pointer: &'b JsonPointer,
    pub variants: Vec<UnionVariant>,
    pub members: Vec<Member<'a>>,
    pub discriminator: Option<&'a Discriminator>,
}

/// Decides the selection, each variant's tags and fit, and whether an
/// `Unknown` variant keeps unrecognised input. `defs` holds the variants'
/// definitions (a variant still being defined, through recursion, is tried
/// as `Fit::Any`).
pub fn decide(
    candidate: Candidate<'_, '_>,
    defs: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Diagnostics,
) -> Union {
    let Candidate {
        type_name,
        pointer,
        mut variants,
        members,
        discriminator,
    } = candidate;
    for variant in &mut variants {
        variant.fit = fit(&variant.ty, defs);
    }
    let unknown = (!variants.iter().any(|v| v.ty == TypeRef::Json))
        .then(|| naming::UNKNOWN_VARIANT.to_string());
    let selection = match discriminator {
        Some(discriminator) => {
            match discriminated(discriminator, &variants, &members) {
                Ok(tags) => Some((discriminator.property_name.clone(), tags)),
                Err(variant) => {
                    diagnostics.warning(
                        pointer,
                        format!(
                            "discriminator `{}` names no value for variant `{variant}` (or names one twice); its variants are tried instead",
                            discriminator.property_name
                        ),
                    );
                    None
                }
            }
            .map(|(property, tags)| (Selection::Discriminator { property }, tags))
        }
        None => implied_tag(&variants).map(|(property, tags)| (Selection::Tag { property }, tags)),
    };
    let selection = match selection {
        Some((selection, tags)) => {
            for (variant, tags) in variants.iter_mut().zip(tags) {
                variant.tags = tags;
            }
            selection
        }
        None => {
            let ambiguous = ambiguous_pairs(&variants, defs);
            if !ambiguous.is_empty() {
                let pairs: Vec<String> = ambiguous
                    .iter()
                    .map(|(earlier, later)| format!("`{later}` from `{earlier}`"))
                    .collect();
                diagnostics.push(Diagnostic::of(
                    Kind::AmbiguousUnion,
                    pointer,
                    format!(
                        "`{type_name}`: nothing in the spec (discriminator, tag or member of its own) tells {}; a value both fit is read as the earlier",
                        pairs.join(", ")
                    ),
                ));
            }
            Selection::Trial { ambiguous }
        }
    };
    Union {
        variants,
        selection,
        unknown,
    }
}

/// How a variant of this type is tried.
fn fit(ty: &TypeRef, defs: &BTreeMap<String, TypeDef>) -> Fit {
    let TypeRef::Named { name, boxed: false } = ty else {
        return Fit::Any;
    };
    match defs.get(name).map(|def| &def.kind) {
        Some(TypeKind::Struct(fields)) => Fit::Object {
            pins: fields
                .iter()
                .filter_map(|field| {
                    let value = pinned_value(&field.ty, defs)?;
                    Some(Pin {
                        wire_name: field.wire_name.clone(),
                        value,
                    })
                })
                .collect(),
        },
        Some(TypeKind::Enum(_)) => Fit::Known,
        Some(TypeKind::Union(union)) if !union.variants.is_empty() => Fit::Union,
        _ => Fit::Any,
    }
}

/// The one value a one-value enum allows (`null` not among them).
fn pinned_value(ty: &TypeRef, defs: &BTreeMap<String, TypeDef>) -> Option<String> {
    let TypeRef::Named { name, .. } = ty else {
        return None;
    };
    match &defs.get(name)?.kind {
        TypeKind::Enum(values) if values.len() == 1 => Some(values[0].wire_value.clone()),
        _ => None,
    }
}

fn pins(variant: &UnionVariant) -> &[Pin] {
    match &variant.fit {
        Fit::Object { pins } => pins,
        Fit::Known | Fit::Union | Fit::Any => &[],
    }
}

/// Each variant's tag values under a discriminator, or the name of a
/// variant left without a value of its own.
fn discriminated(
    discriminator: &Discriminator,
    variants: &[UnionVariant],
    members: &[Member<'_>],
) -> Result<Vec<Vec<String>>, String> {
    let mut tags: Vec<Vec<String>> = vec![Vec::new(); variants.len()];
    for (value, target) in &discriminator.mapping {
        let target = if target.starts_with('#') {
            target.clone()
        } else {
            format!("#/components/schemas/{target}")
        };
        let member = members
            .iter()
            .find(|member| member.reference == Some(target.as_str()));
        if let Some(member) = member {
            tags[member.variant].push(value.clone());
        }
    }
    for (index, variant) in variants.iter().enumerate() {
        if !tags[index].is_empty() {
            continue;
        }
        let pinned = pins(variant)
            .iter()
            .find(|pin| pin.wire_name == discriminator.property_name);
        if let Some(pin) = pinned {
            tags[index].push(pin.value.clone());
            continue;
        }
        // The implicit mapping: the name of the schema the member refers to.
        let schema_name = members
            .iter()
            .filter(|member| member.variant == index)
            .find_map(|member| member.reference?.strip_prefix("#/components/schemas/"));
        match schema_name {
            Some(name) => tags[index].push(name.replace("~1", "/").replace("~0", "~")),
            None => return Err(variant.name.clone()),
        }
    }
    let mut seen = BTreeSet::new();
    for (index, values) in tags.iter().enumerate() {
        if values.iter().any(|value| !seen.insert(value.as_str())) {
            return Err(variants[index].name.clone());
        }
    }
    Ok(tags)
}

/// A property every variant pins to a value no other variant pins it to.
fn implied_tag(variants: &[UnionVariant]) -> Option<(String, Vec<Vec<String>>)> {
    let first = variants.first()?;
    if variants.len() < 2 {
        return None;
    }
    pins(first).iter().find_map(|candidate| {
        let mut seen = BTreeSet::new();
        let tags = variants
            .iter()
            .map(|variant| {
                let pin = pins(variant)
                    .iter()
                    .find(|pin| pin.wire_name == candidate.wire_name)?;
                seen.insert(pin.value.as_str())
                    .then(|| vec![pin.value.clone()])
            })
            .collect::<Option<Vec<_>>>()?;
        Some((candidate.wire_name.clone(), tags))
    })
}

/// What trial can know of a variant before any input: an object's
/// members, or the JSON kind of anything else.
enum Shape<'a> {
    Object {
        declared: Vec<&'a str>,
        required: Vec<&'a str>,
        pins: &'a [Pin],
    },
    Scalar {
        kind: &'static str,
        /// Takes only the values it lists (an open enum in trial).
        exact: bool,
    },
}

fn shape<'a>(variant: &'a UnionVariant, defs: &'a BTreeMap<String, TypeDef>) -> Shape<'a> {
    if let (Fit::Object { pins }, TypeRef::Named { name, .. }) = (&variant.fit, &variant.ty)
        && let Some(TypeKind::Struct(fields)) = defs.get(name).map(|def| &def.kind)
    {
        return Shape::Object {
            declared: fields.iter().map(|f| f.wire_name.as_str()).collect(),
            required: fields
                .iter()
                .filter(|f| !f.optional)
                .map(|f| f.wire_name.as_str())
                .collect(),
            pins,
        };
    }
    Shape::Scalar {
        kind: json_kind(&variant.ty, defs),
        exact: variant.fit == Fit::Known,
    }
}

fn json_kind(ty: &TypeRef, defs: &BTreeMap<String, TypeDef>) -> &'static str {
    match ty {
        TypeRef::Bool => "boolean",
        TypeRef::Integer => "integer",
        TypeRef::Number => "number",
        TypeRef::String | TypeRef::DateTime => "string",
        TypeRef::Null => "null",
        TypeRef::Json => "any",
        TypeRef::Array(_) => "array",
        TypeRef::Map(_) => "map",
        TypeRef::Nullable(inner) => json_kind(inner, defs),
        TypeRef::Named { name, .. } => match defs.get(name).map(|def| &def.kind) {
            Some(TypeKind::Enum(_) | TypeKind::ConstrainedString(_)) => "string",
            Some(TypeKind::Struct(_)) => "object",
            // A nested union is tried as a whole and keeps what its own
            // variants do not recognise: it takes any value.
            Some(TypeKind::Union(_)) => "any",
            // Types still being defined: nothing to compare.
            _ => "unknown",
        },
    }
}

/// Pairs (earlier, later) where an input of the later variant, with every
/// member it declares, is read as the earlier one.
fn ambiguous_pairs(
    variants: &[UnionVariant],
    defs: &BTreeMap<String, TypeDef>,
) -> Vec<(String, String)> {
    let shapes: Vec<Shape<'_>> = variants.iter().map(|v| shape(v, defs)).collect();
    let mut pairs = Vec::new();
    for (later, later_shape) in shapes.iter().enumerate() {
        let shadowing = shapes[..later]
            .iter()
            .position(|earlier| shadows(earlier, later_shape));
        if let Some(earlier) = shadowing {
            pairs.push((variants[earlier].name.clone(), variants[later].name.clone()));
        }
    }
    pairs
}

/// Whether `earlier` wins an input that has every member `later` declares:
/// an object declaring all of them too (so it scores as high, and comes
/// first) that no pin or requirement rules out; or a scalar of the same
/// kind that takes any value of it.
fn shadows(earlier: &Shape<'_>, later: &Shape<'_>) -> bool {
    match (earlier, later) {
        (
            Shape::Object {
                declared,
                required,
                pins,
            },
            Shape::Object {
                declared: input,
                pins: later_pins,
                ..
            },
        ) => {
            // A pinned member the input has is matched exactly; one that
            // the later variant does not pin holds some other value.
            let pins_agree = pins.iter().all(|pin| {
                match later_pins.iter().find(|p| p.wire_name == pin.wire_name) {
                    Some(later_pin) => later_pin.value == pin.value,
                    None => !input.contains(&pin.wire_name.as_str()),
                }
            });
            pins_agree
                && required.iter().all(|name| input.contains(name))
                && input.iter().all(|name| declared.contains(name))
        }
        (
            Shape::Scalar { kind, exact: false },
            Shape::Scalar {
                kind: later_kind,
                // An open enum that lists the value outranks any variant
                // that merely decodes it.
                exact: false,
            },
        ) => {
            *kind != "unknown"
                && (*kind == "any"
                    || kind == later_kind
                    || (*kind == "number" && *later_kind == "integer"))
        }
        _ => false,
    }
}
