//! Lowering: `openapiv3::OpenAPI` → [`Model`]. Resolves references, merges
//! `allOf`, decides every Rust name and collects every problem with its
//! JSON pointer. Nothing here knows about tokens.

mod cycles;
mod dedup;
mod flatten;
mod keywords;
mod operations;
mod refs;
mod security;
mod types;
mod usage;

use openapiv3::OpenAPI;

use crate::diagnostics::Diagnostics;
use crate::model::{Auth, Model, Package, TypeDef};
use crate::naming;
use crate::pointer::JsonPointer;

pub use operations::CLIENT_METHODS;
pub use refs::Resolver;

#[derive(Clone, Debug, Default)]
pub struct LowerOptions {
    /// Cargo package name; derived from `info.title` when absent.
    pub package_name: Option<String>,
}

/// Lowers a parsed spec. The model is returned even when diagnostics hold
/// errors, so callers can decide; [`crate::generate`] refuses to emit then.
pub fn lower(spec: &OpenAPI, options: &LowerOptions) -> (Model, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let package_name = options
        .package_name
        .clone()
        .unwrap_or_else(|| naming::package_name(&spec.info.title));
    let package = Package {
        lib_name: naming::lib_name(&package_name),
        name: package_name,
        version: "0.1.0".to_string(),
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
    let mut space = types::TypeSpace::new(resolver, component_keys);
    let mut operations = operations::OperationLowering {
        spec,
        space: &mut space,
        diagnostics: &mut diagnostics,
        global_security,
        scheme_names: &scheme_names,
    }
    .lower_all();
    let mut defs = space.into_defs();
    let merged = dedup::dedup(&mut defs);
    cycles::box_cycles(&mut defs);
    let mut types: Vec<TypeDef> = defs.into_values().collect();
    let groups = usage::assign_groups(&mut operations);
    usage::analyse(&mut types, &operations);
    // Lowered but then not used: e.g. the schema of a structured path
    // parameter that is sent as plain text. Nothing reachable refers to it.
    types.retain(|def| !def.usage.groups.is_empty());
    let model = Model {
        package,
        base_url,
        auth: Auth {
            env_prefix,
            schemes,
        },
        types,
        operations,
        groups,
        merged_types: merged,
    };
    (model, diagnostics)
}
