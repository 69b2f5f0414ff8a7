//! The one-screen report printed after generation: what was generated, what
//! was degraded or skipped and why, and how much was left untyped.

use std::collections::BTreeMap;
use std::fmt;

use crate::diagnostics::{COLLISION, Diagnostics, Location, Severity};
use crate::model::{BodyContent, Model, ResponseKind, TypeKind, TypeRef};
use crate::pointer::JsonPointer;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub operations: usize,
    /// Operations generated with at least one warning inside them.
    pub degraded_operations: usize,
    /// Path items whose operations were not generated, by reason.
    pub skipped: BTreeMap<String, usize>,
    pub groups: usize,
    pub types: usize,
    pub merged_types: usize,
    /// Fields and parameters typed `serde_json::Value`, by reason.
    pub json_fields: BTreeMap<&'static str, usize>,
    /// Warnings by message.
    pub warnings: BTreeMap<String, usize>,
}

const UNTYPED: &str =
    "schema gives no type (`{}`, no `type`/properties, free-form object or array)";
const DEGRADED: &str = "degraded, see the warning at its pointer";

impl Summary {
    pub fn new(model: &Model, diagnostics: &Diagnostics) -> Self {
        let warned: Vec<&JsonPointer> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning && !d.message.starts_with(COLLISION))
            .filter_map(|d| match &d.location {
                Location::Pointer(pointer) => Some(pointer),
                _ => None,
            })
            .collect();
        let warned_under = |pointer: &JsonPointer| {
            warned
                .iter()
                .any(|w| w.segments().starts_with(pointer.segments()))
        };
        let mut summary = Summary {
            operations: model.operations.len(),
            groups: model.groups.len(),
            types: model.types.len(),
            merged_types: model.merged_types,
            ..Default::default()
        };
        summary.degraded_operations = model
            .operations
            .iter()
            .filter(|op| warned_under(&op.pointer))
            .count();
        for diagnostic in diagnostics.iter() {
            // Collision messages name the renamed item; count them as one kind.
            let kind = if diagnostic.message.starts_with(COLLISION) {
                format!("{COLLISION} names changed, each reported above")
            } else {
                diagnostic.message.clone()
            };
            *summary.warnings.entry(kind).or_default() += 1;
            if diagnostic.message.contains("operations are skipped") {
                *summary
                    .skipped
                    .entry(diagnostic.message.clone())
                    .or_default() += 1;
            }
        }
        let mut count = |ty: &TypeRef, degraded: bool| {
            if contains_json(ty) {
                let reason = if degraded { DEGRADED } else { UNTYPED };
                *summary.json_fields.entry(reason).or_default() += 1;
            }
        };
        for def in &model.types {
            match &def.kind {
                TypeKind::Struct(fields) => {
                    for field in fields {
                        count(&field.ty, warned_under(&field.pointer));
                    }
                }
                TypeKind::Union(variants) => {
                    for variant in variants {
                        count(&variant.ty, warned_under(&def.pointer));
                    }
                }
                TypeKind::Enum(_) | TypeKind::ConstrainedString(_) | TypeKind::Alias(_) => {}
            }
        }
        for op in &model.operations {
            let degraded = warned_under(&op.pointer);
            for param in op.params.iter().flat_map(|p| &p.fields) {
                count(&param.ty, degraded);
            }
            if let Some(BodyContent::Json(ty)) = op.body.as_ref().map(|b| &b.content) {
                count(ty, degraded);
            }
            match &op.response.kind {
                ResponseKind::Envelope {
                    result: Some(ty), ..
                }
                | ResponseKind::Json(ty) => count(ty, degraded),
                _ => {}
            }
        }
        summary
    }
}

fn contains_json(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Json => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            contains_json(inner)
        }
        _ => false,
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "summary:")?;
        writeln!(
            f,
            "  operations: {} generated in {} groups ({} degraded, {} path items skipped)",
            self.operations,
            self.groups,
            self.degraded_operations,
            self.skipped.values().sum::<usize>()
        )?;
        for (reason, n) in &self.skipped {
            writeln!(f, "    skipped {n}: {reason}")?;
        }
        writeln!(
            f,
            "  types: {} ({} of them aliases of a structurally identical type)",
            self.types, self.merged_types
        )?;
        let json: usize = self.json_fields.values().sum();
        writeln!(f, "  fields/bodies left as serde_json::Value: {json}")?;
        for (reason, n) in &self.json_fields {
            writeln!(f, "    {n}: {reason}")?;
        }
        writeln!(
            f,
            "  warnings: {} (each names its JSON pointer above)",
            self.warnings.values().sum::<usize>()
        )?;
        for (message, n) in &self.warnings {
            writeln!(f, "    {n:>4} × {message}")?;
        }
        Ok(())
    }
}
