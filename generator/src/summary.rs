//! The one-screen report printed after generation: what was generated, what
//! was degraded or skipped and why, and how much was left untyped.

use std::collections::BTreeMap;
use std::fmt;

use crate::diagnostics::{
    AMBIGUOUS_UNION, COLLISION, Diagnostics, Location, Severity, consequence as then,
};
use crate::model::{BodyContent, Model, PartKind, ResponseKind, Selection, TypeKind, TypeRef};
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
    /// How received unions choose their variant.
    pub unions: UnionCounts,
    /// Fields and parameters typed `serde_json::Value`, by reason.
    pub json_fields: BTreeMap<&'static str, usize>,
    /// Warnings by message.
    pub warnings: BTreeMap<String, usize>,
    /// Items the spec has but the crate does not (beyond whole path
    /// items), by why and what: `("could not be read", "parameter")`.
    pub left_out: BTreeMap<(&'static str, &'static str), usize>,
    /// Items generated in a weaker form, by why and what became of them.
    pub degraded: BTreeMap<(&'static str, &'static str), usize>,
    /// Defects repaired so the item generates as the spec meant it.
    pub repaired: BTreeMap<&'static str, usize>,
}

/// The unions of a crate by how a variant is chosen when one is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnionCounts {
    pub unions: usize,
    pub variants: usize,
    pub by_discriminator: usize,
    pub by_tag: usize,
    pub by_trial: usize,
    /// Trial unions with variants the spec does not tell apart.
    pub ambiguous: usize,
}

impl UnionCounts {
    pub fn of(model: &Model) -> Self {
        let mut counts = Self::default();
        for def in &model.types {
            let TypeKind::Union(union) = &def.kind else {
                continue;
            };
            if union.variants.is_empty() {
                continue;
            }
            counts.unions += 1;
            counts.variants += union.variants.len();
            match &union.selection {
                Selection::Discriminator { .. } => counts.by_discriminator += 1,
                Selection::Tag { .. } => counts.by_tag += 1,
                Selection::Trial { ambiguous } => {
                    counts.by_trial += 1;
                    counts.ambiguous += usize::from(!ambiguous.is_empty());
                }
            }
        }
        counts
    }
}

impl fmt::Display for UnionCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} with {} variants: {} by discriminator, {} by tag, {} by trial ({} with variants the spec does not tell apart)",
            self.unions,
            self.variants,
            self.by_discriminator,
            self.by_tag,
            self.by_trial,
            self.ambiguous
        )
    }
}

/// The endings of lenient-intake warnings: what the warning says became of
/// the item, and how the summary names it.
const LEFT_OUT: &[(&str, &str)] = &[
    (then::OPERATION_SKIPPED, "operation"),
    (then::PARAMETER_SKIPPED, "parameter"),
    (then::REQUEST_BODY_SKIPPED, "request body"),
    (then::RESPONSE_SKIPPED, "response"),
    (then::SERVER_SKIPPED, "server"),
    (then::SECURITY_SCHEME_SKIPPED, "security scheme"),
    (then::ALL_OF_MEMBER_SKIPPED, "allOf member"),
    (then::LEFT_OUT, "top-level part"),
];
const DEGRADED_TO: &[(&str, &str)] = &[
    (then::READ_AS_JSON, "schema to serde_json::Value"),
    (then::READ_AS_BYTES, "response to raw bytes"),
];
const REPAIRED: &[(&str, &str)] = &[
    (then::READ_AS_STRING, "parameter without schema"),
    (then::ADDED_PATH_PARAMETER, "undeclared path variable"),
];

/// Why an item was left out or degraded, from the start of its warning.
fn reason(message: &str) -> &'static str {
    if message.starts_with("could not be read") {
        "could not be read"
    } else if message.contains("points to nothing") {
        "$ref to nothing"
    } else if message.starts_with("unsupported $ref") {
        "unsupported $ref"
    } else if message.contains("is circular") {
        "circular $ref"
    } else if message.contains("not in the path") {
        "not in the path template"
    } else if message.contains(" in path `") {
        "unreadable path template"
    } else {
        "other"
    }
}

fn ending(message: &str, table: &[(&str, &'static str)]) -> Option<&'static str> {
    table
        .iter()
        .find(|(end, _)| message.ends_with(&format!("; {end}")))
        .map(|(_, item)| *item)
}

const UNTYPED: &str =
    "schema gives no type (`{}`, no `type`/properties, free-form object or array)";
const DEGRADED: &str = "degraded, see the warning at its pointer";

impl Summary {
    pub fn new(model: &Model, diagnostics: &Diagnostics) -> Self {
        let warned: Vec<&JsonPointer> = diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Warning
                    && !d.message.starts_with(COLLISION)
                    && !d.message.starts_with(AMBIGUOUS_UNION)
            })
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
            unions: UnionCounts::of(model),
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
            } else if diagnostic.message.starts_with(AMBIGUOUS_UNION) {
                format!("{AMBIGUOUS_UNION} each reported above")
            } else {
                diagnostic.message.clone()
            };
            *summary.warnings.entry(kind).or_default() += 1;
            let message = diagnostic.message.as_str();
            if let Some(item) = ending(message, LEFT_OUT) {
                *summary.left_out.entry((reason(message), item)).or_default() += 1;
            } else if let Some(item) = ending(message, DEGRADED_TO) {
                *summary.degraded.entry((reason(message), item)).or_default() += 1;
            } else if let Some(item) = ending(message, REPAIRED) {
                *summary.repaired.entry(item).or_default() += 1;
            }
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
                TypeKind::Union(union) => {
                    for variant in &union.variants {
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
            match op.body.as_ref().map(|b| &b.content) {
                Some(BodyContent::Json(ty)) => count(ty, degraded),
                Some(BodyContent::Form(form)) => {
                    for part in &form.parts {
                        if let PartKind::Json(ty) = &part.kind {
                            count(ty, degraded);
                        }
                    }
                }
                _ => {}
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
        if !self.left_out.is_empty() {
            writeln!(f, "  skipped: {}", by_reason(&self.left_out))?;
        }
        if !self.degraded.is_empty() {
            writeln!(f, "  degraded: {}", by_reason(&self.degraded))?;
        }
        if !self.repaired.is_empty() {
            let repaired: Vec<String> = self
                .repaired
                .iter()
                .map(|(item, n)| count(*n, item))
                .collect();
            writeln!(f, "  repaired: {}", repaired.join(", "))?;
        }
        writeln!(
            f,
            "  types: {} ({} of them aliases of a structurally identical type)",
            self.types, self.merged_types
        )?;
        if self.unions.unions > 0 {
            writeln!(f, "  unions: {}", self.unions)?;
        }
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

/// `1 operation, 2 parameters (could not be read); 1 parameter ($ref to nothing)`.
fn by_reason(counts: &BTreeMap<(&'static str, &'static str), usize>) -> String {
    let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for ((reason, item), n) in counts {
        groups.entry(reason).or_default().push(count(*n, item));
    }
    groups
        .into_iter()
        .map(|(reason, items)| format!("{} ({reason})", items.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `1 parameter`, `2 parameters`, `2 request bodies`.
fn count(n: usize, item: &str) -> String {
    if n == 1 {
        return format!("1 {item}");
    }
    let plural = match item {
        "request body" => "request bodies".to_string(),
        "schema to serde_json::Value" => "schemas to serde_json::Value".to_string(),
        "response to raw bytes" => "responses to raw bytes".to_string(),
        "parameter without schema" => "parameters without schema".to_string(),
        other => format!("{other}s"),
    };
    format!("{n} {plural}")
}
