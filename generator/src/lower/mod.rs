//! Lowering: `openapiv3::OpenAPI` → [`Model`]. Resolves references, merges
//! `allOf`, decides every Rust name and collects every problem with its
//! JSON pointer. Nothing here knows about tokens.

mod cycles;
mod dedup;
mod envelope;
mod errors;
mod events;
mod flatten;
mod keywords;
mod multipart;
mod operations;
mod pagination;
mod parameters;
mod path_template;
mod refs;
mod request_body;
mod resources;
mod response;
mod security;
mod selection;
mod types;
mod unions;
mod url_encoded;
mod usage;

use openapiv3::OpenAPI;

use crate::diagnostics::Diagnostics;
use crate::model::{Auth, Model, Operation, Package, ParamLocation, TypeDef, TypeKind};
use crate::naming;
use crate::naming::resource::{NamingStyle, Renames};
use crate::pointer::JsonPointer;

pub use operations::CLIENT_METHODS;
use refs::Resolver;
pub use security::AUTH_METHODS;
pub use selection::LeftOut;

/// The earlier generation's names of items this spec still has.
fn live_names(
    spec: &OpenAPI,
    paths: &naming::PathKeys,
    lock: &naming::NameLock,
) -> naming::NameLock {
    if lock == &naming::NameLock::default() {
        return naming::NameLock::default();
    }
    let mut roots = std::collections::BTreeSet::new();
    let mut operation_ids = std::collections::BTreeSet::new();
    for (path, item) in &spec.paths.paths {
        let at = JsonPointer::root().push("paths").push(path.clone());
        roots.insert(paths.source(&at.push("parameters").to_string()).to_string());
        if let openapiv3::ReferenceOr::Item(item) = item {
            for (method, operation) in item.iter() {
                roots.insert(paths.source(&at.push(method).to_string()).to_string());
                operation_ids.insert(paths.operation(&method.to_uppercase(), path));
                operation_ids.insert(
                    operation
                        .operation_id
                        .clone()
                        .unwrap_or_else(|| format!("{method} {path}")),
                );
            }
        }
    }
    if let Some(components) = &spec.components {
        let sections = [
            ("schemas", components.schemas.keys().collect::<Vec<_>>()),
            ("parameters", components.parameters.keys().collect()),
            ("requestBodies", components.request_bodies.keys().collect()),
            ("responses", components.responses.keys().collect()),
        ];
        for (section, keys) in sections {
            for key in keys {
                let at = JsonPointer::root()
                    .push("components")
                    .push(section)
                    .push(key.clone());
                roots.insert(at.to_string());
            }
        }
    }
    let mut live = lock.clone();
    live.retain_live(
        |root| roots.contains(root),
        |operation_id| operation_ids.contains(operation_id),
    );
    live
}

#[derive(Clone, Debug, Default)]
pub struct LowerOptions {
    /// Cargo package name; derived from `info.title` when absent.
    pub package_name: Option<String>,
    /// Names an earlier generation handed out, kept where the item remains.
    pub names: naming::NameLock,
    /// The API groups to generate, each by its cargo feature or module
    /// name; empty: every group.
    pub groups: Vec<String>,
    /// `groups` is the earlier record's selection, not the user's: a group
    /// the spec no longer has is then a warning, not an error.
    pub groups_recorded: bool,
    /// How methods are named (resource names are decided here).
    pub style: NamingStyle,
    /// First path segments the user declares scopes.
    pub scopes: Vec<String>,
    /// The user's renames of resource chains.
    pub renames: Renames,
}

/// Lowers a parsed spec. The model is returned even when diagnostics hold
/// errors, so callers can decide; [`crate::generate`] refuses to emit then.
/// With a selection of groups, also what it leaves out: the caller drops
/// the warnings ([`LeftOut::covers`]) about that alone.
pub fn lower(spec: &OpenAPI, options: &LowerOptions) -> (Model, Diagnostics, LeftOut) {
    let mut diagnostics = Diagnostics::default();
    let package_name = options
        .package_name
        .clone()
        .unwrap_or_else(|| naming::package_name(&spec.info.title));
    let package = Package {
        lib_name: naming::lib_name(&package_name),
        name: package_name,
        title: spec.info.title.clone(),
        description: spec.info.description.clone(),
        api_version: spec.info.version.clone(),
    };
    let base_url = match spec.servers.first() {
        Some(server) => server.url.trim_end_matches('/').to_string(),
        None => {
            diagnostics.warning(
                &JsonPointer::root().push("servers"),
                "no server URL; clients must set a base URL",
            );
            String::new()
        }
    };
    let env_prefix = naming::env_prefix(&spec.info.title);
    let schemes = security::lower_schemes(spec, &env_prefix, &mut diagnostics);
    let scheme_names: Vec<(String, String)> = schemes
        .iter()
        .map(|s| (s.key.clone(), s.rust_name.clone()))
        .collect();
    let global_security = spec
        .security
        .as_deref()
        .map(|requirements| security::requirement_names(requirements, &scheme_names))
        .unwrap_or_default();

    let resolver = Resolver::new(spec);
    let component_keys = spec
        .components
        .iter()
        .flat_map(|c| c.schemas.keys().map(String::as_str))
        .collect();
    let paths = naming::PathKeys::new(spec.paths.paths.keys().map(String::as_str));
    let names = live_names(spec, &paths, &options.names);
    let mut space = types::TypeSpace::new(resolver, component_keys, paths, &names);
    let mut operations = operations::OperationLowering {
        spec,
        space: &mut space,
        diagnostics: &mut diagnostics,
        global_security,
        scheme_names: &scheme_names,
        names: &names,
    }
    .lower_all();
    if schemes.iter().any(|scheme| scheme.implied) {
        for op in &mut operations {
            op.security = security::implied_requirement();
        }
    }
    pagination::detect(spec, &mut operations);
    // The API's convention, so decided before a selection drops anything.
    let idempotency_keys = operations.iter().any(declares_idempotency_key);
    // Every operation is lowered and every type named before a selection
    // of groups drops anything, so names and modules are those of the
    // crate of all groups.
    let mut groups = usage::assign_groups(&mut operations);
    let selected = selection::select_groups(
        &groups,
        &options.groups,
        options.groups_recorded,
        &mut diagnostics,
    );
    let groups_in_spec = selected.as_ref().map(|_| groups.len());
    let mut defs = space.into_defs();
    let merged_refs = dedup::dedup(&mut defs);
    cycles::box_cycles(&mut defs);
    let mut types: Vec<TypeDef> = defs.into_values().collect();
    events::stream_flags(&types, &mut operations);
    if options.style == NamingStyle::Resource {
        resources::name_all(
            &mut operations,
            &types,
            &options.names,
            &options.scopes,
            &options.renames,
            &mut diagnostics,
        );
    }
    usage::analyse(&mut types, &operations, &merged_refs);
    let mut left_out = LeftOut::default();
    if let Some(modules) = &selected {
        let reached: Vec<bool> = types.iter().map(|d| !d.usage.groups.is_empty()).collect();
        let all = std::mem::take(&mut operations);
        operations = all
            .iter()
            .filter(|op| modules.contains(&op.group))
            .cloned()
            .collect();
        groups.retain(|g| modules.contains(&g.module));
        usage::regroup(&mut types, &operations, &merged_refs);
        left_out = LeftOut::new(&all, modules, &types, &reached);
    }
    let requirements = security::named_requirements(&operations);
    // Lowered but then not used: e.g. the schema of a structured path
    // parameter that is sent as plain text, or a type only groups outside
    // the selection reach. Nothing reachable refers to it.
    types.retain(|def| !def.usage.groups.is_empty());
    keep_unknown_members(&mut types);
    let merged_types = types
        .iter()
        .filter(|def| merged_refs.contains_key(&def.name))
        .count();
    let handles = resources::handles(&operations);
    let model = Model {
        package,
        base_url,
        auth: Auth {
            env_prefix,
            schemes,
            requirements,
        },
        types,
        operations,
        groups,
        groups_in_spec,
        merged_types,
        idempotency_keys,
        style: options.style,
        handles,
    };
    (model, diagnostics, left_out)
}

/// Whether the operation takes an `Idempotency-Key` header (Stripe's
/// convention, also that of the IETF draft of the header).
fn declares_idempotency_key(op: &Operation) -> bool {
    op.params.iter().flat_map(|p| &p.fields).any(|param| {
        param.location == ParamLocation::Header
            && param.wire_name.eq_ignore_ascii_case("idempotency-key")
    })
}

/// A struct that is received keeps what it does not declare, so writing
/// it back loses nothing; one only sent has nothing to keep.
fn keep_unknown_members(types: &mut [TypeDef]) {
    for def in types {
        if def.usage.response && matches!(def.kind, TypeKind::Struct(_)) {
            def.unknown_members = Some(naming::UNKNOWN_MEMBERS_FIELD.to_string());
        }
    }
}

#[cfg(test)]
mod tests;
