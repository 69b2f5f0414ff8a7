//! The one-screen report printed after generation: what was generated, what
//! was degraded or skipped and why, and how much was left untyped.

use std::collections::BTreeMap;
use std::fmt;

use crate::diagnostics::{
    AMBIGUOUS_UNION, COLLISION, Diagnostics, Fallback, Item, Kind, Location, Reason, Repair,
    Severity,
};
use crate::model::{BodyContent, Model, PartKind, ResponseKind, Selection, TypeKind, TypeRef};
use crate::pointer::JsonPointer;

/// The one-screen account of a run the CLI prints: what was generated,
/// degraded, skipped or repaired, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Operations generated.
    pub operations: usize,
    /// Operations generated with at least one warning inside them.
    pub degraded_operations: usize,
    /// Path items whose operations were not generated
    /// ([`Kind::PathItemSkipped`]), by their warning.
    pub skipped: BTreeMap<String, usize>,
    /// API groups (modules and cargo features).
    pub groups: usize,
    /// With a selection of groups: how many the spec has (`groups` of them
    /// were generated). `None` when every group was.
    pub groups_in_spec: Option<usize>,
    /// With a selection of groups: the selected ones' cargo features,
    /// sorted; empty when every group was generated.
    pub selected_groups: Vec<String>,
    /// Public types.
    pub types: usize,
    /// Types that are aliases of a structurally identical one.
    pub merged_types: usize,
    /// How received unions choose their variant.
    pub unions: UnionCounts,
    /// Operations with a stream method (server-sent events) whose event
    /// data has a type of the spec's.
    pub typed_event_streams: usize,
    /// Operations with a stream method whose event data is text (the
    /// spec gives no schema).
    pub text_event_streams: usize,
    /// Operations walked page by page, by style (`page`, `cursor`,
    /// `page-number`, `token`, `last-item-id`, `next-link`,
    /// `link-header`): counted by the style lowering decided.
    pub pagination: BTreeMap<&'static str, usize>,
    /// Lists whose schema says there are more pages but not clearly how to
    /// ask for them, left a single page, by why.
    pub unpaged: BTreeMap<&'static str, usize>,
    /// Fields and parameters typed `serde_json::Value`, by reason.
    pub json_fields: BTreeMap<&'static str, usize>,
    /// Warnings as listed: one line for all collisions, one for all
    /// ambiguous unions, any other warning by its message.
    pub warnings: BTreeMap<String, usize>,
    /// Items the spec has but the crate does not (beyond whole path
    /// items), by why and what ([`Kind::LeftOut`]).
    pub left_out: BTreeMap<(Reason, Item), usize>,
    /// Items generated in a weaker form, by why and what became of them
    /// ([`Kind::Degraded`]).
    pub degraded: BTreeMap<(Reason, Fallback), usize>,
    /// Defects repaired so the item generates as the spec meant it
    /// ([`Kind::Repaired`]).
    pub repaired: BTreeMap<Repair, usize>,
}

/// The unions of a crate by how a variant is chosen when one is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnionCounts {
    /// Unions with at least one variant.
    pub unions: usize,
    /// Their variants.
    pub variants: usize,
    /// Decided by the spec's `discriminator`.
    pub by_discriminator: usize,
    /// Decided by a member every variant pins.
    pub by_tag: usize,
    /// Decided by trying each variant.
    pub by_trial: usize,
    /// Trial unions with variants the spec does not tell apart.
    pub ambiguous: usize,
}

impl UnionCounts {
    pub(crate) fn of(model: &Model) -> Self {
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

/// How the summary names an item left out.
fn item_name(item: Item) -> &'static str {
    match item {
        Item::Operation => "operation",
        Item::Parameter => "parameter",
        Item::RequestBody => "request body",
        Item::Response => "response",
        Item::Server => "server",
        Item::SecurityScheme => "security scheme",
        Item::AllOfMember => "allOf member",
        Item::TopLevelPart => "top-level part",
        Item::MediaType => "response media type",
    }
}

/// How the summary names what a degraded item became.
fn fallback_name(to: Fallback) -> &'static str {
    match to {
        Fallback::Json => "schema to serde_json::Value",
        Fallback::Bytes => "response to raw bytes",
        Fallback::RawBody => "request body to raw bytes",
        Fallback::JsonText => "parameter to JSON text",
    }
}

/// How the summary names a repair.
fn repair_name(repair: Repair) -> &'static str {
    match repair {
        Repair::ParameterWithoutSchema => "parameter without schema",
        Repair::UndeclaredPathVariable => "undeclared path variable",
    }
}

/// How the summary names why an item was left out or degraded.
fn reason_name(reason: Reason) -> &'static str {
    match reason {
        Reason::CouldNotBeRead => "could not be read",
        Reason::RefToNothing => "$ref to nothing",
        Reason::UnsupportedRef => "unsupported $ref",
        Reason::CircularRef => "circular $ref",
        Reason::NotInPathTemplate => "not in the path template",
        Reason::UnreadablePathTemplate => "unreadable path template",
        Reason::Unsupported => "not supported",
        Reason::Other => "other",
    }
}

const UNTYPED: &str =
    "schema gives no type (`{}`, no `type`/properties, free-form object or array)";
const DEGRADED: &str = "degraded, see the warning at its pointer";

impl Summary {
    pub(crate) fn new(model: &Model, diagnostics: &Diagnostics) -> Self {
        let warned: Vec<&JsonPointer> = diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Warning
                    && !matches!(d.kind, Kind::Collision | Kind::AmbiguousUnion)
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
            groups_in_spec: model.groups_in_spec,
            selected_groups: model.selected_features(),
            types: model.types.len(),
            merged_types: model.merged_types,
            unions: UnionCounts::of(model),
            ..Default::default()
        };
        for events in model.operations.iter().filter_map(|op| op.events.as_ref()) {
            match events.data {
                Some(_) => summary.typed_event_streams += 1,
                None => summary.text_event_streams += 1,
            }
        }
        for op in &model.operations {
            if let Some(pagination) = &op.pagination {
                *summary
                    .pagination
                    .entry(pagination.style.name())
                    .or_default() += 1;
            }
            if let Some(why) = op.unpaged {
                *summary.unpaged.entry(why.name()).or_default() += 1;
            }
        }
        summary.degraded_operations = model
            .operations
            .iter()
            .filter(|op| warned_under(&op.pointer))
            .count();
        for diagnostic in diagnostics.iter() {
            // Collision and ambiguity messages name their item; each kind
            // is one line.
            let line = match diagnostic.kind {
                Kind::Collision => format!("{COLLISION} names changed, each reported above"),
                Kind::AmbiguousUnion => format!("{AMBIGUOUS_UNION} each reported above"),
                _ => diagnostic.message.clone(),
            };
            *summary.warnings.entry(line).or_default() += 1;
            match diagnostic.kind {
                Kind::LeftOut { item, reason } => {
                    *summary.left_out.entry((reason, item)).or_default() += 1;
                }
                Kind::Degraded { to, reason } => {
                    *summary.degraded.entry((reason, to)).or_default() += 1;
                }
                Kind::Repaired(repair) => *summary.repaired.entry(repair).or_default() += 1,
                Kind::PathItemSkipped => {
                    *summary
                        .skipped
                        .entry(diagnostic.message.clone())
                        .or_default() += 1;
                }
                Kind::Collision | Kind::AmbiguousUnion | Kind::Other => {}
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
                Some(BodyContent::UrlEncoded(form)) => count(&form.ty, degraded),
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
        if let Some(in_spec) = self.groups_in_spec {
            writeln!(
                f,
                "  groups: {} of {in_spec} selected ({})",
                self.groups,
                self.selected_groups.join(", ")
            )?;
        }
        if !self.left_out.is_empty() {
            writeln!(f, "  skipped: {}", by_reason(&self.left_out, item_name))?;
        }
        if !self.degraded.is_empty() {
            writeln!(
                f,
                "  degraded: {}",
                by_reason(&self.degraded, fallback_name)
            )?;
        }
        if !self.repaired.is_empty() {
            let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
            for (repair, n) in &self.repaired {
                *by_name.entry(repair_name(*repair)).or_default() += n;
            }
            let repaired: Vec<String> = by_name.iter().map(|(item, n)| count(*n, item)).collect();
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
        let streams = self.typed_event_streams + self.text_event_streams;
        if streams > 0 {
            writeln!(
                f,
                "  event streams: {streams} operations with a `_stream` method ({} typed, {} text)",
                self.typed_event_streams, self.text_event_streams
            )?;
        }
        if !self.pagination.is_empty() || !self.unpaged.is_empty() {
            let styles: Vec<String> = self
                .pagination
                .iter()
                .map(|(style, n)| format!("{n} {style}"))
                .collect();
            let styles = if styles.is_empty() {
                "none".to_string()
            } else {
                styles.join(", ")
            };
            write!(f, "  pagination: {styles}")?;
            if !self.unpaged.is_empty() {
                let reasons: Vec<String> = self
                    .unpaged
                    .iter()
                    .map(|(why, n)| format!("{n} {why}"))
                    .collect();
                let left: usize = self.unpaged.values().sum();
                write!(f, "; {left} left a single page ({})", reasons.join(", "))?;
            }
            writeln!(f)?;
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

/// `1 operation, 2 parameters (could not be read); 1 parameter ($ref to
/// nothing)`: reasons and, within one, items in the order of their names.
fn by_reason<T: Copy>(
    counts: &BTreeMap<(Reason, T), usize>,
    name: fn(T) -> &'static str,
) -> String {
    let mut groups: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for ((reason, item), n) in counts {
        *groups
            .entry(reason_name(*reason))
            .or_default()
            .entry(name(*item))
            .or_default() += n;
    }
    groups
        .into_iter()
        .map(|(reason, items)| {
            let items: Vec<String> = items.iter().map(|(item, n)| count(*n, item)).collect();
            format!("{} ({reason})", items.join(", "))
        })
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
        "request body to raw bytes" => "request bodies to raw bytes".to_string(),
        "parameter to JSON text" => "parameters to JSON text".to_string(),
        "parameter without schema" => "parameters without schema".to_string(),
        other => format!("{other}s"),
    };
    format!("{n} {plural}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use crate::model::{Auth, Package};

    fn empty_model() -> Model {
        Model {
            package: Package {
                name: "api".to_string(),
                lib_name: "api".to_string(),
                title: "API".to_string(),
                description: None,
                api_version: "1".to_string(),
            },
            base_url: String::new(),
            auth: Auth {
                env_prefix: "API".to_string(),
                schemes: Vec::new(),
                requirements: Vec::new(),
            },
            types: Vec::new(),
            operations: Vec::new(),
            groups: Vec::new(),
            groups_in_spec: None,
            merged_types: 0,
            idempotency_keys: false,
            style: crate::naming::resource::NamingStyle::Operation,
            handles: Vec::new(),
        }
    }

    /// A warning of `kind` whose message is `message` as it is, so it can
    /// say anything, including another kind's words.
    fn warning(kind: Kind, message: &str) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            location: Location::Pointer(JsonPointer::root().push("paths")),
            message: message.to_string(),
            kind,
        }
    }

    fn left_out(item: Item, reason: Reason) -> Kind {
        Kind::LeftOut { item, reason }
    }

    fn degraded(to: Fallback, reason: Reason) -> Kind {
        Kind::Degraded { to, reason }
    }

    /// One warning of every kind (two of some), in no particular order.
    fn kinds() -> Vec<Kind> {
        vec![
            Kind::Collision,
            Kind::Collision,
            Kind::AmbiguousUnion,
            Kind::PathItemSkipped,
            left_out(Item::Parameter, Reason::RefToNothing),
            left_out(Item::AllOfMember, Reason::RefToNothing),
            left_out(Item::Parameter, Reason::RefToNothing),
            left_out(Item::Operation, Reason::UnreadablePathTemplate),
            left_out(Item::Parameter, Reason::NotInPathTemplate),
            left_out(Item::RequestBody, Reason::CouldNotBeRead),
            left_out(Item::Response, Reason::CouldNotBeRead),
            left_out(Item::Server, Reason::CouldNotBeRead),
            left_out(Item::SecurityScheme, Reason::CouldNotBeRead),
            left_out(Item::TopLevelPart, Reason::Other),
            degraded(Fallback::Json, Reason::CircularRef),
            degraded(Fallback::Json, Reason::UnsupportedRef),
            degraded(Fallback::Bytes, Reason::RefToNothing),
            degraded(Fallback::JsonText, Reason::Unsupported),
            degraded(Fallback::JsonText, Reason::Unsupported),
            degraded(Fallback::RawBody, Reason::Unsupported),
            Kind::Repaired(Repair::UndeclaredPathVariable),
            Kind::Repaired(Repair::ParameterWithoutSchema),
            Kind::Repaired(Repair::UndeclaredPathVariable),
            Kind::Other,
        ]
    }

    fn summary(warnings: impl IntoIterator<Item = Diagnostic>) -> Summary {
        Summary::new(&empty_model(), &Diagnostics::unique(warnings))
    }

    /// What the summary counts comes from the kind alone: messages that
    /// say nothing of it, or say another kind's words, count the same.
    #[test]
    fn counts_follow_the_kind_not_the_wording() {
        let numbered = |words: &str| {
            kinds()
                .into_iter()
                .enumerate()
                .map(|(i, kind)| warning(kind, &format!("{words} {i}")))
                .collect::<Vec<_>>()
        };
        let plain = summary(numbered("warning"));
        // Each message in the words of a kind it is not.
        let misleading = summary(numbered(
            "name collision: ambiguous union $ref `#/a` points to nothing, is circular, \
             could not be read, not in the path; its operations are skipped; the parameter \
             is skipped",
        ));
        for summary in [&plain, &misleading] {
            assert_eq!(
                summary.left_out,
                BTreeMap::from([
                    ((Reason::CouldNotBeRead, Item::RequestBody), 1),
                    ((Reason::CouldNotBeRead, Item::Response), 1),
                    ((Reason::CouldNotBeRead, Item::SecurityScheme), 1),
                    ((Reason::CouldNotBeRead, Item::Server), 1),
                    ((Reason::RefToNothing, Item::Parameter), 2),
                    ((Reason::RefToNothing, Item::AllOfMember), 1),
                    ((Reason::NotInPathTemplate, Item::Parameter), 1),
                    ((Reason::UnreadablePathTemplate, Item::Operation), 1),
                    ((Reason::Other, Item::TopLevelPart), 1),
                ])
            );
            assert_eq!(
                summary.degraded,
                BTreeMap::from([
                    ((Reason::CircularRef, Fallback::Json), 1),
                    ((Reason::UnsupportedRef, Fallback::Json), 1),
                    ((Reason::RefToNothing, Fallback::Bytes), 1),
                    ((Reason::Unsupported, Fallback::RawBody), 1),
                    ((Reason::Unsupported, Fallback::JsonText), 2),
                ])
            );
            assert_eq!(
                summary.repaired,
                BTreeMap::from([
                    (Repair::ParameterWithoutSchema, 1),
                    (Repair::UndeclaredPathVariable, 2),
                ])
            );
            assert_eq!(summary.skipped.values().sum::<usize>(), 1);
            assert_eq!(summary.warnings.values().sum::<usize>(), kinds().len());
        }
        let collisions = "name collision: names changed, each reported above";
        let ambiguous = "ambiguous union each reported above";
        assert_eq!(plain.warnings[collisions], 2);
        assert_eq!(plain.warnings[ambiguous], 1);
        assert_eq!(
            plain.skipped,
            BTreeMap::from([("warning 3".to_string(), 1)])
        );
        // Listed by kind and numbered message alike; no other line.
        assert_eq!(
            plain.warnings.len(),
            2 + kinds().len() - 3,
            "{:#?}",
            plain.warnings
        );
    }

    /// The summary's lines for every kind: reasons, and items within a
    /// reason, in the order of their names.
    #[test]
    fn prints_what_became_of_each_item_by_reason() {
        let printed = summary(
            kinds()
                .into_iter()
                .enumerate()
                .map(|(i, kind)| warning(kind, &format!("warning {i}"))),
        )
        .to_string();
        let expected = "\
summary:
  operations: 0 generated in 0 groups (0 degraded, 1 path items skipped)
    skipped 1: warning 3
  skipped: 1 allOf member, 2 parameters ($ref to nothing); 1 request body, 1 response, 1 security scheme, 1 server (could not be read); 1 parameter (not in the path template); 1 top-level part (other); 1 operation (unreadable path template)
  degraded: 1 response to raw bytes ($ref to nothing); 1 schema to serde_json::Value (circular $ref); 2 parameters to JSON text, 1 request body to raw bytes (not supported); 1 schema to serde_json::Value (unsupported $ref)
  repaired: 1 parameter without schema, 2 undeclared path variables
  types: 0 (0 of them aliases of a structurally identical type)
  fields/bodies left as serde_json::Value: 0
  warnings: 24 (each names its JSON pointer above)
       1 × ambiguous union each reported above
       2 × name collision: names changed, each reported above
";
        assert!(printed.starts_with(expected), "{printed}");
    }
}
