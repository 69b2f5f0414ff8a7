//! The type space: every schema the operations use becomes a `TypeRef`, and
//! every schema that needs a Rust item becomes a `TypeDef` with its name
//! decided here. Definitions live in a sorted map, so output order never
//! depends on the order schemas were reached.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use super::flatten::{Flat, flatten};
use super::keywords::{Additional, Primitive};
use super::refs::Resolver;
use super::unions;
use crate::diagnostics::{Diagnostic, Diagnostics, Fallback, Kind};
use crate::model::{
    EnumVariant, Field, Fit, StringConstraints, TypeDef, TypeKind, TypeRef, Union, UnionVariant,
};
use crate::naming::{self, SourceKey, UniqueNames};
use crate::pointer::JsonPointer;

/// A schema lowered to a use of a type.
#[derive(Clone, Debug, PartialEq)]
pub struct Lowered {
    pub ty: TypeRef,
    /// `null` is a valid value.
    pub nullable: bool,
    /// The schema's own description, for fields that have none.
    pub doc: Option<String>,
}

impl Lowered {
    fn json(doc: Option<String>) -> Self {
        Self {
            ty: TypeRef::Json,
            nullable: false,
            doc,
        }
    }

    /// A use of the named type `flat` defines.
    fn named(name: &str, flat: &Flat<'_>) -> Self {
        Self {
            ty: TypeRef::Named {
                name: name.to_string(),
                boxed: false,
            },
            nullable: flat.nullable,
            doc: flat.description.clone(),
        }
    }
}

enum ComponentState {
    InProgress,
    Done(Lowered),
}

pub struct TypeSpace<'a> {
    resolver: Resolver<'a>,
    component_names: BTreeMap<String, String>,
    /// The full name each renamed component wanted (see
    /// [`naming::component_name_collisions`]).
    component_collisions: BTreeMap<String, String>,
    components: BTreeMap<String, ComponentState>,
    /// Inline schemas that became named types, by where they sit. An inline
    /// schema reached again (through `allOf` of an enclosing component) is
    /// the same type, which also ends recursion through inline schemas.
    inline: BTreeMap<JsonPointer, Lowered>,
    /// Inline schemas being lowered, innermost last.
    active: Vec<JsonPointer>,
    defs: BTreeMap<String, TypeDef>,
    names: UniqueNames,
    /// Names of inline schemas and parameter structs from an earlier
    /// generation, by source; each is handed out at most once.
    locked: BTreeMap<SourceKey, String>,
    /// Field and variant names from an earlier generation, by the source
    /// of their type, then by wire name.
    members: BTreeMap<SourceKey, BTreeMap<String, String>>,
    /// How items under `paths` are filed.
    paths: naming::PathKeys,
    /// While an inline parameter's schema is lowered: its numbered pointer
    /// and the named source it is filed under instead.
    parameter_source: Option<(String, String)>,
}

impl<'a> TypeSpace<'a> {
    pub fn new(
        resolver: Resolver<'a>,
        component_keys: Vec<&'a str>,
        paths: naming::PathKeys,
        lock: &naming::NameLock,
    ) -> Self {
        let component_names = naming::component_type_names(component_keys, lock);
        let component_collisions = naming::component_name_collisions(&component_names);
        let mut names = UniqueNames::default();
        for name in component_names.values().chain(lock.taken()) {
            names.reserve(name);
        }
        Self {
            resolver,
            component_names,
            component_collisions,
            components: BTreeMap::new(),
            inline: BTreeMap::new(),
            active: Vec::new(),
            defs: BTreeMap::new(),
            names,
            locked: lock.types.clone(),
            members: lock.members.clone(),
            paths,
            parameter_source: None,
        }
    }

    /// Files what is defined under an inline parameter (`.../parameters/3`)
    /// under its location and name instead (`.../parameters/query:order`)
    /// until [`Self::end_parameter`], so reordering parameters keeps names.
    pub fn begin_parameter(&mut self, pointer: &JsonPointer, location: &str, name: &str) {
        let numbered = pointer.to_string();
        self.parameter_source = naming::named_parameter_pointer(&numbered, location, name)
            .map(|named| (numbered, named));
    }

    pub fn end_parameter(&mut self) {
        self.parameter_source = None;
    }

    /// `METHOD /path/{}`: where an operation is filed (see
    /// [`naming::PathKeys`]).
    pub fn operation_key(&self, http_method: &str, path: &str) -> String {
        self.paths.operation(http_method, path)
    }

    /// The record key of an item defined at `pointer`.
    pub fn source_of(&self, pointer: &JsonPointer) -> SourceKey {
        let text = pointer.to_string();
        let text = match &self.parameter_source {
            Some((numbered, named)) if text.starts_with(numbered.as_str()) => {
                format!("{named}{}", &text[numbered.len()..])
            }
            _ => text,
        };
        self.paths.source(&text)
    }

    /// Names the item made from `source` (a JSON pointer): the name an
    /// earlier generation gave it, else a fresh one from `preferred`.
    pub fn claim_name(&mut self, source: &JsonPointer, preferred: &str) -> String {
        match self.locked.remove(&self.source_of(source)) {
            Some(locked) => locked,
            None => self
                .names
                .claim(&naming::own_type_name(preferred.to_string())),
        }
    }

    /// The kind of an already defined type.
    pub fn kind_of(&self, name: &str) -> Option<&TypeKind> {
        self.defs.get(name).map(|def| &def.kind)
    }

    pub fn resolver(&self) -> Resolver<'a> {
        self.resolver
    }

    /// The type definitions by name; recursive fields are not boxed yet.
    pub fn into_defs(self) -> BTreeMap<String, TypeDef> {
        self.defs
    }

    /// Lowers an inline schema or a `$ref`; `S` is `Schema` or the
    /// `Box<Schema>` openapiv3 uses for properties and items.
    pub fn lower<S: Borrow<Schema>>(
        &mut self,
        schema: &'a ReferenceOr<S>,
        pointer: &JsonPointer,
        hint: &str,
        diagnostics: &mut Diagnostics,
    ) -> Lowered {
        match schema {
            ReferenceOr::Item(item) => {
                self.lower_schema(item.borrow(), pointer, hint, None, diagnostics)
            }
            ReferenceOr::Reference { reference } => {
                self.lower_reference(reference, pointer, diagnostics)
            }
        }
    }

    fn lower_reference(
        &mut self,
        reference: &str,
        pointer: &JsonPointer,
        diagnostics: &mut Diagnostics,
    ) -> Lowered {
        let resolved = match self.resolver.schema(reference, pointer) {
            Ok(resolved) => resolved,
            Err(unresolved) => {
                diagnostics.push(unresolved.degraded(Fallback::Json));
                return Lowered::json(None);
            }
        };
        let key = resolved.component.unwrap_or_default().to_string();
        match self.components.get(&key) {
            Some(ComponentState::Done(lowered)) => return lowered.clone(),
            Some(ComponentState::InProgress) => {
                diagnostics.warning(
                    &resolved.pointer,
                    "schema refers to itself without passing through an object; degraded to serde_json::Value",
                );
                return Lowered::json(None);
            }
            None => {}
        }
        let name = self
            .component_names
            .get(&key)
            .cloned()
            .unwrap_or_else(|| naming::own_type_name(naming::type_name(&key)));
        if let Some(prelude) = naming::prelude_rename(&key, &name) {
            diagnostics.push(Diagnostic::of(
                Kind::Collision,
                &resolved.pointer,
                format!(
                    "schema `{key}` is type `{name}`: `{prelude}` would shadow Rust's prelude in the generated module"
                ),
            ));
        } else if let Some(wanted) = self.component_collisions.get(&key) {
            diagnostics.push(Diagnostic::of(
                Kind::Collision,
                &resolved.pointer,
                format!("schema `{key}` is type `{name}`: another schema is also `{wanted}`"),
            ));
        }
        let flat = flatten(self.resolver, resolved.item, &resolved.pointer, diagnostics);
        if needs_definition(&flat) {
            // Registered before lowering the body, so a recursive reference
            // finds the name instead of recursing forever.
            let lowered = Lowered::named(&name, &flat);
            self.components
                .insert(key, ComponentState::Done(lowered.clone()));
            self.define(flat, &resolved.pointer, name, true, diagnostics);
            lowered
        } else if let Some(lowered) = self.lower_recursive_array(&key, &flat, &name, diagnostics) {
            lowered
        } else if let Some(lowered) = self.lower_array_of_component(&key, &flat, diagnostics) {
            lowered
        } else {
            self.components
                .insert(key.clone(), ComponentState::InProgress);
            let lowered = self.lower_flat(flat, &resolved.pointer, &name, true, diagnostics);
            self.components
                .insert(key, ComponentState::Done(lowered.clone()));
            lowered
        }
    }

    /// An array component whose items are an inline object: the item type's
    /// name is claimed and the array's type recorded before the items are
    /// lowered, so items that refer back to the array (a trace whose steps
    /// hold traces) get `Vec<Item>` instead of an untyped value. The `Vec`
    /// already allocates, so nothing needs boxing.
    /// A component that is a list of another component that gets a
    /// definition (`NodeList: {items: {$ref: Node}}`) is `Vec<Node>`, known
    /// before `Node` is lowered; registering it first lets `Node` refer
    /// back to the list (`children: NodeList`) without a cycle.
    fn lower_array_of_component(
        &mut self,
        key: &str,
        flat: &Flat<'a>,
        diagnostics: &mut Diagnostics,
    ) -> Option<Lowered> {
        if infer_primitive(flat) != Some(Primitive::Array) {
            return None;
        }
        let items = flat.keywords.items.as_ref()?;
        let ReferenceOr::Reference { reference } = items.item else {
            return None;
        };
        let target = self.resolver.schema(reference, &items.pointer).ok()?;
        let item_name = self.component_names.get(target.component?)?.clone();
        // A probe only: the item's own lowering reports its problems.
        let item_flat = flatten(
            self.resolver,
            target.item,
            &target.pointer,
            &mut Diagnostics::default(),
        );
        if !needs_definition(&item_flat) {
            return None;
        }
        let lowered = Lowered {
            ty: TypeRef::Array(Box::new(nullable_ref(Lowered::named(
                &item_name, &item_flat,
            )))),
            nullable: flat.nullable || enum_allows_null(flat),
            doc: flat.description.clone(),
        };
        self.components
            .insert(key.to_string(), ComponentState::Done(lowered.clone()));
        let hint = format!("{item_name}Item");
        self.lower(items.item, &items.pointer, &hint, diagnostics);
        Some(lowered)
    }

    fn lower_recursive_array(
        &mut self,
        key: &str,
        flat: &Flat<'a>,
        name: &str,
        diagnostics: &mut Diagnostics,
    ) -> Option<Lowered> {
        if infer_primitive(flat) != Some(Primitive::Array) {
            return None;
        }
        let items = flat.keywords.items.as_ref()?;
        let ReferenceOr::Item(item) = items.item else {
            return None;
        };
        let item_flat = flatten(self.resolver, item, &items.pointer, diagnostics);
        if !needs_definition(&item_flat) {
            return None;
        }
        let item_name = self.claim_name(&items.pointer, &format!("{name}Item"));
        let item_ref = TypeRef::Named {
            name: item_name.clone(),
            boxed: false,
        };
        let lowered = Lowered {
            ty: TypeRef::Array(Box::new(if item_flat.nullable {
                TypeRef::Nullable(Box::new(item_ref))
            } else {
                item_ref
            })),
            nullable: flat.nullable || enum_allows_null(flat),
            doc: flat.description.clone(),
        };
        self.components
            .insert(key.to_string(), ComponentState::Done(lowered.clone()));
        self.inline.insert(
            items.pointer.clone(),
            Lowered {
                ty: TypeRef::Named {
                    name: item_name.clone(),
                    boxed: false,
                },
                nullable: item_flat.nullable,
                doc: item_flat.description.clone(),
            },
        );
        self.define(item_flat, &items.pointer, item_name, false, diagnostics);
        Some(lowered)
    }

    pub fn lower_schema(
        &mut self,
        schema: &'a Schema,
        pointer: &JsonPointer,
        hint: &str,
        component: Option<&str>,
        diagnostics: &mut Diagnostics,
    ) -> Lowered {
        if let Some(lowered) = self.inline.get(pointer) {
            return lowered.clone();
        }
        // Reaching an inline schema again while lowering it means an `allOf`
        // led back to an ancestor without passing through a named type
        // (`items: {allOf: [{$ref: <this array>}]}`): there is no finite type.
        if self.active.contains(pointer) {
            diagnostics.warning(
                pointer,
                "schema contains itself without passing through an object; degraded to serde_json::Value",
            );
            return Lowered::json(None);
        }
        self.active.push(pointer.clone());
        let flat = flatten(self.resolver, schema, pointer, diagnostics);
        let lowered = self.lower_flat(flat, pointer, hint, component.is_some(), diagnostics);
        self.active.pop();
        lowered
    }

    /// Lowers merged keywords; `is_component` says whether the schema has a
    /// name of its own in the spec (inline schemas never become newtypes).
    fn lower_flat(
        &mut self,
        flat: Flat<'a>,
        pointer: &JsonPointer,
        hint: &str,
        is_component: bool,
        diagnostics: &mut Diagnostics,
    ) -> Lowered {
        if needs_definition(&flat) || (is_component && is_constrained_string(&flat)) {
            if !is_component && let Some(lowered) = self.inline.get(pointer) {
                return lowered.clone();
            }
            let name = if is_component {
                hint.to_string()
            } else {
                self.claim_name(pointer, hint)
            };
            let lowered = Lowered::named(&name, &flat);
            if !is_component {
                self.inline.insert(pointer.clone(), lowered.clone());
            }
            self.define(flat, pointer, name, is_component, diagnostics);
            return lowered;
        }
        let doc = flat.description.clone();
        let nullable = flat.nullable || enum_allows_null(&flat);
        let k = &flat.keywords;
        let ty = if k
            .enumeration
            .as_ref()
            .is_some_and(|values| values.iter().all(Value::is_null))
        {
            TypeRef::Null
        } else {
            match infer_primitive(&flat) {
                Some(Primitive::String) if k.is_date_time() => TypeRef::DateTime,
                Some(Primitive::String) => TypeRef::String,
                Some(Primitive::Integer) => TypeRef::Integer,
                Some(Primitive::Number) => TypeRef::Number,
                Some(Primitive::Boolean) => TypeRef::Bool,
                Some(Primitive::Array) => match &k.items {
                    Some(items) => {
                        let item_hint = format!("{hint}Item");
                        let pointer = items.pointer.clone();
                        let item = self.lower(items.item, &pointer, &item_hint, diagnostics);
                        TypeRef::Array(Box::new(nullable_ref(item)))
                    }
                    None => TypeRef::Array(Box::new(TypeRef::Json)),
                },
                Some(Primitive::Object) => match &k.additional {
                    Some(Additional::Schema(values)) => {
                        let value_hint = format!("{hint}Value");
                        let pointer = values.pointer.clone();
                        let value = self.lower(values.item, &pointer, &value_hint, diagnostics);
                        TypeRef::Map(Box::new(nullable_ref(value)))
                    }
                    _ => TypeRef::Map(Box::new(TypeRef::Json)),
                },
                None => {
                    if let Some(unknown) = &k.unknown_type {
                        diagnostics.warning(
                            pointer,
                            format!("unknown type `{unknown}`; degraded to serde_json::Value"),
                        );
                    } else if k.has_not {
                        diagnostics.warning(
                            pointer,
                            "`not` is not supported; degraded to serde_json::Value",
                        );
                    }
                    TypeRef::Json
                }
            }
        };
        Lowered { ty, nullable, doc }
    }

    fn define(
        &mut self,
        flat: Flat<'a>,
        pointer: &JsonPointer,
        name: String,
        is_component: bool,
        diagnostics: &mut Diagnostics,
    ) {
        let doc = flat.description.clone();
        let members = self
            .members
            .remove(&self.source_of(pointer))
            .unwrap_or_default();
        let kind = if is_component && is_constrained_string(&flat) {
            let k = &flat.keywords;
            TypeKind::ConstrainedString(StringConstraints {
                min_length: k.min_length,
                max_length: k.max_length,
            })
        } else if is_string_enum(&flat) {
            TypeKind::Enum(self.enum_variants(&flat, &members))
        } else if !flat.keywords.properties.is_empty() {
            TypeKind::Struct(self.struct_fields(&flat, &name, &members, diagnostics))
        } else {
            TypeKind::Union(self.union(&flat, &name, pointer, diagnostics))
        };
        self.defs.insert(
            name.clone(),
            TypeDef {
                name,
                doc,
                source: self.source_of(pointer),
                pointer: pointer.clone(),
                kind,
                usage: Default::default(),
                unknown_members: None,
            },
        );
    }

    fn struct_fields(
        &mut self,
        flat: &Flat<'a>,
        type_name: &str,
        locked: &BTreeMap<String, String>,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Field> {
        let mut field_names = UniqueNames::default();
        field_names.reserve(naming::UNKNOWN_MEMBERS_FIELD);
        let locked = reserve_locked(
            &mut field_names,
            locked,
            flat.keywords.properties.keys().map(String::as_str),
        );
        let mut fields = Vec::new();
        for (wire_name, property) in &flat.keywords.properties {
            let hint = format!("{type_name}{}", naming::type_name(wire_name));
            let lowered = self.lower(property.item, &property.pointer, &hint, diagnostics);
            let own_doc = match property.item {
                ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
                ReferenceOr::Reference { .. } => None,
            };
            let required = flat.keywords.required.contains(wire_name);
            let read_only = self.is_read_only(property.item, &property.pointer);
            let preferred = naming::field_name(wire_name);
            let name = match locked.get(wire_name.as_str()) {
                Some(name) => name.clone(),
                None => field_names.claim(&preferred),
            };
            if name != preferred && !locked.contains_key(wire_name.as_str()) {
                diagnostics.push(Diagnostic::of(
                    Kind::Collision,
                    &property.pointer,
                    format!(
                        "property `{wire_name}` is field `{name}`: `{preferred}` is taken by another property"
                    ),
                ));
            }
            fields.push(Field {
                read_only,
                name,
                wire_name: wire_name.clone(),
                optional: !required || lowered.nullable,
                three_state: !required && lowered.nullable,
                doc: own_doc.or(lowered.doc),
                ty: lowered.ty,
                pointer: property.pointer.clone(),
            });
        }
        fields
    }

    /// `readOnly` on the property itself, on the schema it refers to, or on
    /// one of its direct `allOf` members (Cloudflare marks ids that way).
    fn is_read_only(&self, item: &'a ReferenceOr<Box<Schema>>, pointer: &JsonPointer) -> bool {
        let referenced = |reference: &str| {
            self.resolver
                .schema(reference, pointer)
                .is_ok_and(|resolved| resolved.item.schema_data.read_only)
        };
        match item {
            ReferenceOr::Reference { reference } => referenced(reference),
            ReferenceOr::Item(schema) => {
                schema.schema_data.read_only
                    || match &schema.schema_kind {
                        openapiv3::SchemaKind::AllOf { all_of } => {
                            all_of.iter().any(|member| match member {
                                ReferenceOr::Reference { reference } => referenced(reference),
                                ReferenceOr::Item(member) => member.schema_data.read_only,
                            })
                        }
                        _ => false,
                    }
            }
        }
    }

    fn enum_variants(
        &mut self,
        flat: &Flat<'a>,
        locked: &BTreeMap<String, String>,
    ) -> Vec<EnumVariant> {
        let mut variant_names = UniqueNames::default();
        // `Unknown` holds values the spec does not list.
        variant_names.reserve(naming::UNKNOWN_VARIANT);
        let mut seen = Vec::new();
        let values = || {
            flat.keywords
                .enumeration
                .iter()
                .flatten()
                .filter_map(Value::as_str)
        };
        let locked = reserve_locked(&mut variant_names, locked, values());
        values()
            .filter(|value| {
                let fresh = !seen.contains(value);
                seen.push(*value);
                fresh
            })
            .map(|value| EnumVariant {
                name: match locked.get(value) {
                    Some(name) => name.clone(),
                    None => variant_names.claim(&naming::variant_name(value)),
                },
                wire_value: value.to_string(),
            })
            .collect()
    }

    fn union(
        &mut self,
        flat: &Flat<'a>,
        type_name: &str,
        pointer: &JsonPointer,
        diagnostics: &mut Diagnostics,
    ) -> Union {
        let mut variant_names = UniqueNames::default();
        variant_names.reserve(naming::UNKNOWN_VARIANT);
        let members: Vec<_> = flat
            .keywords
            .one_of
            .iter()
            .chain(&flat.keywords.any_of)
            .collect();
        let mut variants: Vec<UnionVariant> = Vec::new();
        let mut member_variants = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let hint = format!("{type_name}Variant{}", index + 1);
            let lowered = self.lower(member.item, &member.pointer, &hint, diagnostics);
            let ty = nullable_ref(lowered);
            let reference = match member.item {
                ReferenceOr::Reference { reference } => Some(reference.as_str()),
                ReferenceOr::Item(_) => None,
            };
            let position = match variants.iter().position(|v| v.ty == ty) {
                Some(existing) => existing,
                None => {
                    variants.push(UnionVariant {
                        name: variant_names.claim(&variant_label(&ty)),
                        ty,
                        tags: Vec::new(),
                        fit: Fit::Any,
                    });
                    variants.len() - 1
                }
            };
            member_variants.push(unions::Member {
                reference,
                variant: position,
            });
        }
        let discriminator = flat
            .discriminator
            .or_else(|| self.inherited_discriminator(&members));
        unions::decide(
            unions::Candidate {
                type_name,
                pointer,
                variants,
                members: member_variants,
                discriminator,
            },
            &self.defs,
            diagnostics,
        )
    }

    /// The discriminator every variant inherits from an `allOf` parent,
    /// when the union declares none itself (`oneOf: [Cat, Dog]`, each
    /// `allOf: [Pet, ...]` with `Pet` holding the discriminator).
    fn inherited_discriminator(
        &self,
        members: &[&super::keywords::SchemaRef<'a>],
    ) -> Option<&'a openapiv3::Discriminator> {
        let mut found: Option<&'a openapiv3::Discriminator> = None;
        for member in members {
            let (schema, at) = match member.item {
                ReferenceOr::Item(schema) => (schema, member.pointer.clone()),
                ReferenceOr::Reference { reference } => {
                    let resolved = self.resolver.schema(reference, &member.pointer).ok()?;
                    (resolved.item, resolved.pointer)
                }
            };
            // A probe: the member's own lowering reports its problems.
            let own =
                flatten(self.resolver, schema, &at, &mut Diagnostics::default()).discriminator?;
            match found {
                Some(first) if first.property_name != own.property_name => return None,
                Some(_) => {}
                None => found = Some(own),
            }
        }
        found
    }
}

/// The earlier generation's member names (by wire name) whose members the
/// schema still has, each reserved in `names` before any newcomer claims
/// one, so a member keeps its name whatever comes before it now.
fn reserve_locked<'w>(
    names: &mut UniqueNames,
    locked: &BTreeMap<String, String>,
    wire_names: impl Iterator<Item = &'w str>,
) -> BTreeMap<String, String> {
    let mut kept = BTreeMap::new();
    for wire in wire_names {
        if let Some(name) = locked.get(wire)
            && !names.is_taken(name)
        {
            names.reserve(name);
            kept.insert(wire.to_string(), name.clone());
        }
    }
    kept
}

fn nullable_ref(lowered: Lowered) -> TypeRef {
    if lowered.nullable && lowered.ty != TypeRef::Null && lowered.ty != TypeRef::Json {
        TypeRef::Nullable(Box::new(lowered.ty))
    } else {
        lowered.ty
    }
}

fn variant_label(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Bool => "Bool".into(),
        TypeRef::Integer => "Integer".into(),
        TypeRef::Number => "Number".into(),
        TypeRef::String => "String".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::Null => "Null".into(),
        TypeRef::Json => "Value".into(),
        TypeRef::Named { name, .. } => name.to_string(),
        TypeRef::Array(item) => format!("{}List", variant_label(item)),
        TypeRef::Map(_) => "Map".into(),
        TypeRef::Nullable(inner) => variant_label(inner),
    }
}

fn infer_primitive(flat: &Flat<'_>) -> Option<Primitive> {
    let k = &flat.keywords;
    k.primitive.or_else(|| {
        if !k.properties.is_empty() || k.additional.is_some() {
            Some(Primitive::Object)
        } else if k.items.is_some() {
            Some(Primitive::Array)
        } else if let Some(values) = &k.enumeration {
            let first = values.iter().find(|v| !v.is_null())?;
            match first {
                Value::String(_) => Some(Primitive::String),
                Value::Bool(_) => Some(Primitive::Boolean),
                Value::Number(n) if n.is_i64() || n.is_u64() => Some(Primitive::Integer),
                Value::Number(_) => Some(Primitive::Number),
                _ => None,
            }
        } else {
            None
        }
    })
}

fn is_string_enum(flat: &Flat<'_>) -> bool {
    infer_primitive(flat) == Some(Primitive::String)
        && flat
            .keywords
            .enumeration
            .as_ref()
            .is_some_and(|values| values.iter().any(Value::is_string))
}

fn enum_allows_null(flat: &Flat<'_>) -> bool {
    flat.keywords
        .enumeration
        .as_ref()
        .is_some_and(|values| values.iter().any(Value::is_null))
}

fn is_constrained_string(flat: &Flat<'_>) -> bool {
    let k = &flat.keywords;
    infer_primitive(flat) == Some(Primitive::String)
        && k.enumeration.is_none()
        && !k.is_date_time()
        && (k.min_length.is_some() || k.max_length.is_some())
}

/// Whether a schema needs a named Rust item of its own.
fn needs_definition(flat: &Flat<'_>) -> bool {
    let k = &flat.keywords;
    let is_object = matches!(infer_primitive(flat), Some(Primitive::Object) | None);
    is_string_enum(flat)
        || (is_object && !k.properties.is_empty())
        || (k.properties.is_empty() && (!k.one_of.is_empty() || !k.any_of.is_empty()))
}
