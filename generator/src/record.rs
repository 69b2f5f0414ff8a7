//! The record a generated crate keeps of the API it hands out: `api.lock`
//! next to its `Cargo.toml`. It lists every public type and method with the
//! spec item it was made from and its shape, the crate version, a digest of
//! the spec and the deprecated aliases still carried. The next generation
//! over the same crate reads it to keep every name (see
//! `NameLock`), to report what changed ([`crate::report`]) and to choose
//! the next version.
//!
//! The text is pretty-printed JSON with sorted keys, one entry per line
//! where possible, so a regeneration's diff of it reads like a changelog.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::GeneratedFile;
use crate::model::{
    BodyContent, Form, Model, Operation, PartKind, PathParamKind, ResponseKind, TypeDef, TypeKind,
    TypeRef,
};
use crate::naming::NameLock;
pub use crate::naming::SourceKey;
pub use crate::naming::resource::NamingStyle;
use crate::naming::resource::ResourceName;

/// The record's file name inside the generated crate.
pub const FILE_NAME: &str = "api.lock";

/// The layout [`Record`] writes. Format 2 added `format` itself, each
/// method's `feature` and `pagination`, each type's `features`, and the
/// `wire` names of fields and variants.
pub const FORMAT: u32 = 2;

fn format_1() -> u32 {
    1
}

/// The edition of the runtime's public API (`src/runtime/`, re-exported at
/// the crate root): raised when a change to the runtime can break code
/// written against an earlier crate, so that regenerating reports it
/// (`report::runtime_changes` says what each edition changed).
pub const RUNTIME_EDITION: u32 = 2;

fn runtime_edition_1() -> u32 {
    1
}

/// How many breaking versions a deprecated alias outlives unless the
/// crate's record says otherwise.
pub const DEFAULT_ALIAS_LIFETIME: u32 = 3;

/// A generated crate's `api.lock`: what the crate hands out, for the next
/// regeneration to keep and compare against.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Says what the file is and which command rewrites it.
    #[serde(rename = "@generated", default)]
    pub generated: String,
    /// The layout of this file: [`FORMAT`] when written by this generator.
    /// A record without it is format 1, which did not record pagination,
    /// groups or wire names: comparisons skip what an older record lacks.
    #[serde(default = "format_1")]
    pub format: u32,
    /// The crate version written to `Cargo.toml`.
    pub version: String,
    /// Digest of the generated code (every file but `Cargo.toml` and this
    /// one): tells "nothing changed" (version kept) from "the code changed
    /// but not the API" (a patch).
    #[serde(default)]
    pub code_digest: String,
    /// By `METHOD /path/{}` (path parameters unnamed, so renaming a path
    /// variable is a change of the operation, not a new one).
    pub operations: BTreeMap<String, OperationEntry>,
    /// Every public type by Rust name.
    pub types: BTreeMap<String, TypeEntry>,
    /// Old names still compiling as `#[deprecated]` aliases, by old name.
    #[serde(default)]
    pub deprecated: BTreeMap<String, DeprecatedEntry>,
    /// Old method names still compiling as `#[deprecated]` methods that
    /// forward to the renamed one, by old name.
    #[serde(default)]
    pub deprecated_methods: BTreeMap<String, DeprecatedMethodEntry>,
    /// How many breaking versions a deprecated alias (type or method)
    /// outlives: it goes at the breaking version after that many. Absent
    /// in records written before the setting existed: the default,
    /// [`DEFAULT_ALIAS_LIFETIME`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_lifetime: Option<u32>,
    /// Credential setters (`api_token`), one per security scheme.
    #[serde(default)]
    pub schemes: Vec<String>,
    /// Cargo features, one per API group.
    #[serde(default)]
    pub features: Vec<String>,
    /// The API groups the crate was generated with, by cargo feature,
    /// sorted; empty: every group. A regeneration given no selection of
    /// its own keeps this one ([`crate::Options::groups`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// The [`RUNTIME_EDITION`] the crate was generated with; 1 in records
    /// written before editions were recorded.
    #[serde(default = "runtime_edition_1")]
    pub runtime: u32,
    /// How methods are named; absent in records of crates with
    /// operationId names, which is what absent means.
    #[serde(default, skip_serializing_if = "NamingStyle::is_operation")]
    pub naming: NamingStyle,
}

/// A method of the client, as recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationEntry {
    /// The HTTP method.
    pub method: String,
    /// The path template as the spec writes it.
    pub path: String,
    /// The method's name from its operationId: the method itself in a
    /// crate of [`NamingStyle::Operation`]; in one of resource names, the
    /// name its mock expectation (`expect_<name>`) is made from.
    pub rust_name: String,
    /// Where the method sits in a crate of resource names:
    /// `account(..).sso_connectors.edit` (a scope binding the path's first
    /// variable, resources, the method).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The resource name the path gave, where the user's renames changed
    /// it: what the next regeneration keeps and renames again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_rule: Option<String>,
    /// The spec's `operationId` (or `method path` without one).
    pub operation_id: String,
    /// Where the operation is in the spec.
    pub pointer: String,
    /// Types of the positional path arguments, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_params: Vec<String>,
    /// The struct holding query and header parameters (its fields are in
    /// its [`TypeEntry`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<String>,
    /// The request body's type, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The body is optional: set with `.body(..)` on the returned call
    /// rather than passed as an argument. Absent in records of generators
    /// that passed every body as an argument, which is what `false` says.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub body_optional: bool,
    /// What the method returns.
    pub response: String,
    /// Accepted credentials: alternatives, each `a+b` for schemes sent together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auth: Vec<String>,
    /// How `.pages()` walks the list, when it does: `page` and `cursor`
    /// (Cloudflare's `result_info`), `page-number`, `token`,
    /// `last-item-id`, `next-link`, `link-header` (`PagingStyle::name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<String>,
    /// The cargo feature of the method's group.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub feature: String,
    /// The method yielding the operation's server-sent events, when its
    /// success response offers `text/event-stream`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<EventsEntry>,
}

impl OperationEntry {
    /// The name users call: the resource name in a crate of resource
    /// names, else the method's.
    pub fn callable(&self) -> &str {
        self.resource.as_deref().unwrap_or(&self.rust_name)
    }
}

/// An operation's stream method, as recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsEntry {
    /// The method's name.
    pub rust_name: String,
    /// What each event's data decodes as (`String`: its text).
    pub data: String,
}

/// A public type, as recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeEntry {
    /// What the name is filed under: the JSON pointer of the schema (for a
    /// parameter struct, of its operation followed by `/parameters`), with
    /// path variables unnamed and inline parameters named, not numbered.
    pub source: SourceKey,
    /// The schema's JSON pointer, where it differs from `source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// What kind of item the name is.
    pub kind: EntryKind,
    /// Struct, parameter and union fields: Rust name → Rust type. A
    /// received struct's `extra` and a union's `Unknown` are implied, as
    /// they are in every such type: neither is a change of its own.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// Enum variants (`Unknown` is implied).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// What an alias stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Built by users and sent: adding a required field breaks them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sent: bool,
    /// The cargo features of the groups whose methods reach the type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// The wire name of each field or variant whose Rust name differs from
    /// it (`"created_at": "createdAt"`), so the next lowering gives each
    /// member back its name whatever order or newcomers the spec has.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub wire: BTreeMap<String, String>,
}

/// The kind of a recorded type name, written in lower case in `api.lock`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A struct of the spec's object.
    #[default]
    Struct,
    /// An open string enum.
    Enum,
    /// A length-checked string newtype.
    String,
    /// A `oneOf`/`anyOf` enum.
    Union,
    /// Another name of a structurally identical type.
    Alias,
    /// An operation's query and header parameters.
    Params,
    /// An operation's multipart form.
    Form,
}

impl std::fmt::Display for EntryKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Struct => "struct",
            Self::Enum => "enum",
            Self::String => "string",
            Self::Union => "union",
            Self::Alias => "alias",
            Self::Params => "params",
            Self::Form => "form",
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
/// An old type name kept compiling as a deprecated alias.
pub struct DeprecatedEntry {
    /// The type the old name stands for, by its Rust name when recorded.
    pub target: String,
    /// Where the target is defined, to follow it if it is renamed again.
    pub target_source: SourceKey,
    /// The crate version that deprecated the name.
    pub since: String,
    /// How many breaking versions the name has outlived since then (not
    /// counting the one that deprecated it); it goes at the breaking
    /// version after [`Record::alias_lifetime`] of them.
    #[serde(default)]
    pub breaking_versions: u32,
}

/// An old method name kept compiling as a deprecated method that forwards
/// to the operation's new one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeprecatedMethodEntry {
    /// The operation, by its key in [`Record::operations`]
    /// (`METHOD /path/{}`).
    pub operation: String,
    /// The operation's method name, which the old one forwards to.
    pub target: String,
    /// The crate version that deprecated the name.
    pub since: String,
    /// How many breaking versions the name has outlived since then, as for
    /// [`DeprecatedEntry::breaking_versions`].
    #[serde(default)]
    pub breaking_versions: u32,
}

impl TypeEntry {
    /// Where the type is defined in the spec it was generated from.
    pub fn location(&self) -> &str {
        self.pointer.as_deref().unwrap_or(self.source.as_str())
    }
}

impl Record {
    /// The record of a lowered model (version taken from the model).
    /// The record of a lowered model; version, code digest and deprecated
    /// aliases are settled by `regeneration`.
    pub(crate) fn of_model(model: &Model, command: &str) -> Self {
        let features: BTreeMap<&str, &str> = model
            .groups
            .iter()
            .map(|g| (g.module.as_str(), g.feature.as_str()))
            .collect();
        let feature_of = |module: &str| features.get(module).copied().unwrap_or(module).to_string();
        let mut types: BTreeMap<String, TypeEntry> = model
            .types
            .iter()
            .map(|def| {
                let mut entry = type_entry(def);
                entry.features = def.usage.groups.iter().map(|m| feature_of(m)).collect();
                entry.features.sort();
                (def.name.clone(), entry)
            })
            .collect();
        let mut operations = BTreeMap::new();
        for op in &model.operations {
            if let Some(params) = &op.params {
                let fields = params
                    .fields
                    .iter()
                    .map(|p| {
                        let ty = p.ty.text();
                        let ty = if p.required {
                            ty
                        } else {
                            format!("Option<{ty}>")
                        };
                        (p.name.clone(), ty)
                    })
                    .collect();
                let pointer = op.pointer.push("parameters").to_string();
                types.insert(
                    params.name.clone(),
                    TypeEntry {
                        pointer: (params.source.as_str() != pointer).then_some(pointer),
                        source: params.source.clone(),
                        kind: EntryKind::Params,
                        fields,
                        sent: true,
                        features: vec![feature_of(&op.group)],
                        ..TypeEntry::default()
                    },
                );
            }
            if let Some(BodyContent::Form(form)) = op.body.as_ref().map(|b| &b.content) {
                let mut entry = form_entry(form);
                entry.features = vec![feature_of(&op.group)];
                types.insert(form.name.clone(), entry);
            }
            let mut entry = operation_entry(op);
            entry.feature = feature_of(&op.group);
            operations.insert(op.key.clone(), entry);
        }
        Self {
            generated: format!(
                "by `{command}`: the public names this crate hands out and their shapes. The next \
                 regeneration keeps these names and reports changes against them; do not edit."
            ),
            format: FORMAT,
            // Both settled by `regeneration::release`, once the code exists.
            version: String::new(),
            code_digest: String::new(),
            operations,
            types,
            // Filled in by the regeneration step, which knows the earlier record.
            deprecated: BTreeMap::new(),
            deprecated_methods: BTreeMap::new(),
            alias_lifetime: None,
            schemes: model
                .auth
                .schemes
                .iter()
                .map(|s| s.rust_name.clone())
                .collect(),
            features: model.groups.iter().map(|g| g.feature.clone()).collect(),
            groups: model.selected_features(),
            runtime: RUNTIME_EDITION,
            naming: model.style,
        }
    }

    /// Reads a record; the error says where the text is broken.
    pub fn parse(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The record as `api.lock` holds it (pretty JSON, sorted keys).
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| panic!("generator bug: the record does not serialize: {e}"));
        text.push('\n');
        text
    }

    /// The names this record hands out, for the next lowering.
    pub(crate) fn name_lock(&self) -> NameLock {
        NameLock {
            // A name that shadows the prelude never compiled: not kept.
            types: self
                .types
                .iter()
                .filter(|(name, _)| !crate::naming::PRELUDE_TYPES.contains(&name.as_str()))
                .map(|(name, entry)| (entry.source.clone(), name.clone()))
                .collect(),
            members: self.member_names(),
            operations: self
                .operations
                .iter()
                .map(|(key, op)| (key.clone(), (op.operation_id.clone(), op.rust_name.clone())))
                .collect(),
            methods: {
                let mut seen = BTreeMap::<&str, usize>::new();
                for op in self.operations.values() {
                    *seen.entry(&op.operation_id).or_default() += 1;
                }
                self.operations
                    .values()
                    .filter(|op| seen[op.operation_id.as_str()] == 1)
                    .map(|op| (op.operation_id.clone(), op.rust_name.clone()))
                    .collect()
            },
            reserved: self.deprecated.keys().cloned().collect::<BTreeSet<_>>(),
            reserved_methods: self
                .deprecated_methods
                .iter()
                .map(|(name, entry)| (name.clone(), entry.operation.clone()))
                .collect(),
            stream_methods: self
                .operations
                .iter()
                .filter_map(|(key, op)| {
                    let events = op.events.as_ref()?;
                    Some((
                        key.clone(),
                        (op.operation_id.clone(), events.rust_name.clone()),
                    ))
                })
                .collect(),
            resources: self
                .operations
                .iter()
                .filter_map(|(key, op)| {
                    let text = op.resource_rule.as_ref().or(op.resource.as_ref())?;
                    let name = ResourceName::parse_record_text(text)?;
                    Some((key.clone(), (op.operation_id.clone(), name)))
                })
                .collect(),
        }
    }

    /// How many breaking versions a deprecated alias outlives in this
    /// crate ([`DEFAULT_ALIAS_LIFETIME`] unless recorded).
    pub fn alias_lifetime(&self) -> u32 {
        self.alias_lifetime.unwrap_or(DEFAULT_ALIAS_LIFETIME)
    }

    /// Struct field and enum variant names by their type's source, then
    /// by wire name; none from a record of format 1, which did not record
    /// wire names.
    fn member_names(&self) -> BTreeMap<SourceKey, BTreeMap<String, String>> {
        if self.format < 2 {
            return BTreeMap::new();
        }
        self.types
            .values()
            .filter(|entry| matches!(entry.kind, EntryKind::Struct | EntryKind::Enum))
            .map(|entry| {
                let by_wire = entry
                    .fields
                    .keys()
                    .chain(&entry.variants)
                    .map(|name| (entry.wire.get(name).unwrap_or(name).clone(), name.clone()))
                    .collect();
                (entry.source.clone(), by_wire)
            })
            .collect()
    }

    /// The definition a type name stands for, through aliases.
    pub fn definition<'r>(&'r self, name: &'r str) -> Option<(&'r str, &'r TypeEntry)> {
        let mut name = name;
        let mut entry = self.types.get(name)?;
        for _ in 0..self.types.len() {
            match &entry.target {
                Some(target) if entry.kind == EntryKind::Alias => {
                    name = target;
                    entry = self.types.get(target)?;
                }
                _ => break,
            }
        }
        Some((name, entry))
    }
}

/// A digest of files' paths and contents (64-bit FNV-1a): stable across
/// runs and platforms, and enough to tell whether anything changed.
pub(crate) fn digest_files<'f>(files: impl IntoIterator<Item = &'f GeneratedFile>) -> String {
    let hash = files
        .into_iter()
        .flat_map(|file| [file.path.as_bytes(), &[0], file.contents.as_bytes(), &[0]])
        .flatten()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    format!("{hash:016x}")
}

fn type_entry(def: &TypeDef) -> TypeEntry {
    let pointer = def.pointer.to_string();
    let mut entry = TypeEntry {
        pointer: (pointer != def.source.as_str()).then_some(pointer),
        source: def.source.clone(),
        sent: def.usage.request,
        ..TypeEntry::default()
    };
    match &def.kind {
        TypeKind::Struct(fields) => {
            entry.kind = EntryKind::Struct;
            entry.fields = fields
                .iter()
                .map(|f| {
                    let ty = match (&f.ty, f.optional) {
                        (TypeRef::Nullable(inner), true) => format!("Option<{}>", inner.text()),
                        (ty, true) => format!("Option<{}>", ty.text()),
                        (ty, false) => ty.text(),
                    };
                    (f.name.clone(), ty)
                })
                .collect();
            entry.wire = fields
                .iter()
                .filter(|f| f.name != f.wire_name)
                .map(|f| (f.name.clone(), f.wire_name.clone()))
                .collect();
        }
        TypeKind::Enum(variants) => {
            entry.kind = EntryKind::Enum;
            entry.variants = variants.iter().map(|v| v.name.clone()).collect();
            entry.wire = variants
                .iter()
                .filter(|v| v.name != v.wire_value)
                .map(|v| (v.name.clone(), v.wire_value.clone()))
                .collect();
        }
        TypeKind::ConstrainedString(c) => {
            entry.kind = EntryKind::String;
            let bound = |b: Option<usize>| b.map(|b| b.to_string()).unwrap_or_default();
            let length = format!("{}..={}", bound(c.min_length), bound(c.max_length));
            entry.fields = [("length".to_string(), length)].into_iter().collect();
        }
        TypeKind::Union(union) => {
            entry.kind = EntryKind::Union;
            // `Unknown` is implied, as for enums.
            entry.fields = union
                .variants
                .iter()
                .map(|v| (v.name.clone(), v.ty.text()))
                .collect();
        }
        TypeKind::Alias(target) => {
            entry.kind = EntryKind::Alias;
            entry.target = Some(target.text());
        }
    }
    entry
}

/// A multipart form: its fields as the struct has them, filed under its
/// operation's media type object.
fn form_entry(form: &Form) -> TypeEntry {
    let pointer = form.source.to_string();
    let source = form.key.clone();
    let fields = form
        .parts
        .iter()
        .map(|part| {
            let ty = match &part.kind {
                PartKind::File => "FilePart".to_string(),
                PartKind::Files => "Vec<FilePart>".to_string(),
                PartKind::NamedFiles => "Vec<(String, FilePart)>".to_string(),
                PartKind::Texts(ty) => format!("Vec<{}>", ty.text()),
                PartKind::Text(ty) | PartKind::Json(ty) => ty.text(),
            };
            let ty = if part.optional && !part.kind.is_repeated() {
                format!("Option<{ty}>")
            } else {
                ty
            };
            (part.name.clone(), ty)
        })
        .collect();
    TypeEntry {
        pointer: (pointer != source.as_str()).then_some(pointer),
        source,
        kind: EntryKind::Form,
        fields,
        sent: true,
        ..TypeEntry::default()
    }
}

fn operation_entry(op: &Operation) -> OperationEntry {
    OperationEntry {
        method: op.http_method.as_str().to_string(),
        path: op.path.clone(),
        rust_name: op.method_name.clone(),
        resource: op.resource.as_ref().map(|r| r.name.record_text()),
        resource_rule: op
            .resource
            .as_ref()
            .and_then(|r| r.rule.as_ref())
            .map(ResourceName::record_text),
        operation_id: op.operation_id.clone(),
        pointer: op.pointer.to_string(),
        path_params: op
            .path_params
            .iter()
            .map(|p| match &p.kind {
                PathParamKind::Str => "String".to_string(),
                PathParamKind::Validated(name) => name.to_string(),
                PathParamKind::Display(ty) => ty.text(),
            })
            .collect(),
        params: op.params.as_ref().map(|p| p.name.clone()),
        body: op.body.as_ref().map(|body| match &body.content {
            BodyContent::Json(ty) => ty.text(),
            // The same argument as a JSON body's.
            BodyContent::UrlEncoded(form) => form.ty.text(),
            BodyContent::Form(form) => form.name.clone(),
            BodyContent::Raw { media_type } => format!("bytes ({media_type})"),
        }),
        body_optional: op.body.as_ref().is_some_and(|body| !body.required),
        response: match &op.response.kind {
            ResponseKind::Envelope {
                result: Some(ty),
                result_required: true,
            } => ty.text(),
            ResponseKind::Envelope {
                result: Some(ty), ..
            } => format!("Option<{}>", ty.text()),
            ResponseKind::Envelope { result: None, .. } | ResponseKind::Empty => "()".into(),
            ResponseKind::Json(ty) => ty.text(),
            ResponseKind::Bytes => "bytes".into(),
        },
        auth: op.security.iter().map(|group| group.join("+")).collect(),
        pagination: op
            .pagination
            .as_ref()
            .map(|pagination| pagination.style.name().to_string()),
        feature: String::new(),
        events: op.events.as_ref().map(|events| EventsEntry {
            rust_name: events.method_name.clone(),
            data: events
                .data
                .as_ref()
                .map_or_else(|| "String".to_string(), TypeRef::text),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_is_fnv1a_over_paths_and_contents() {
        let file = |path: &str, contents: &str| GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        };
        assert_eq!(digest_files([]), "cbf29ce484222325");
        let one = [file("a", "b")];
        assert_eq!(digest_files(&one), digest_files(&[file("a", "b")]));
        assert_ne!(digest_files(&one), digest_files(&[file("ab", "")]));
        assert_ne!(digest_files(&one), digest_files(&[file("a", "b ")]));
    }

    #[test]
    fn text_round_trips() {
        let mut record = Record {
            version: "0.2.0".into(),
            code_digest: "0123456789abcdef".into(),
            ..Record::default()
        };
        record.types.insert(
            "SsoConnector".into(),
            TypeEntry {
                source: SourceKey::component("iam_sso_connector"),
                kind: EntryKind::Struct,
                fields: [("id".to_string(), "Option<String>".to_string())].into(),
                ..TypeEntry::default()
            },
        );
        let text = record.to_text();
        assert_eq!(Record::parse(&text), Ok(record.clone()));
        let lock = record.name_lock();
        assert_eq!(
            lock.types["#/components/schemas/iam_sso_connector"],
            "SsoConnector"
        );
        assert!(Record::parse("{").unwrap_err().contains("line 1"));
    }
}
