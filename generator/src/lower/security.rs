//! Security schemes and requirements.

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement};

use crate::diagnostics::Diagnostics;
use crate::model::{ApiKeyLocation, SecurityKind, SecurityScheme};
use crate::naming::{self, UniqueNames};
use crate::pointer::JsonPointer;

pub fn lower_schemes(
    spec: &OpenAPI,
    env_prefix: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<SecurityScheme> {
    let Some(components) = &spec.components else {
        return Vec::new();
    };
    let mut names = UniqueNames::default();
    let mut schemes = Vec::new();
    for (key, scheme) in &components.security_schemes {
        let pointer = JsonPointer::root()
            .push("components")
            .push("securitySchemes")
            .push(key.clone());
        let ReferenceOr::Item(scheme) = scheme else {
            diagnostics.warning(
                &pointer,
                "security scheme $refs are not supported; the scheme is ignored",
            );
            continue;
        };
        let (kind, doc) = match scheme {
            openapiv3::SecurityScheme::HTTP {
                scheme,
                description,
                ..
            } => match scheme.to_ascii_lowercase().as_str() {
                "bearer" => (SecurityKind::Bearer, description.clone()),
                "basic" => (SecurityKind::Basic, description.clone()),
                other => {
                    diagnostics.warning(
                        &pointer,
                        format!("HTTP auth scheme `{other}` is not supported; ignored"),
                    );
                    continue;
                }
            },
            openapiv3::SecurityScheme::APIKey {
                location,
                name,
                description,
                ..
            } => {
                let location = match location {
                    APIKeyLocation::Header => ApiKeyLocation::Header,
                    APIKeyLocation::Query => ApiKeyLocation::Query,
                    APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
                };
                (
                    SecurityKind::ApiKey {
                        location,
                        name: name.clone(),
                    },
                    description.clone(),
                )
            }
            openapiv3::SecurityScheme::OAuth2 { description, .. }
            | openapiv3::SecurityScheme::OpenIDConnect { description, .. } => {
                // A token obtained elsewhere is still sent as a bearer token.
                (SecurityKind::Bearer, description.clone())
            }
        };
        let rust_name = names.claim(&naming::field_name(key));
        schemes.push(SecurityScheme {
            key: key.clone(),
            variant: naming::type_name(&rust_name),
            rust_name,
            kind,
            env_var: naming::env_var(env_prefix, key),
            doc,
            pointer,
        });
    }
    schemes
}

/// Maps requirement objects to scheme Rust names; `scheme_names` pairs each
/// spec key with its Rust name. Unknown schemes drop their whole AND-group.
pub fn requirement_names(
    requirements: &[SecurityRequirement],
    scheme_names: &[(String, String)],
) -> Vec<Vec<String>> {
    requirements
        .iter()
        .filter_map(|requirement| {
            requirement
                .keys()
                .map(|key| {
                    scheme_names
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, rust)| rust.clone())
                })
                .collect::<Option<Vec<String>>>()
        })
        .collect()
}

/// Makes over-strict AND-groups usable. Cloudflare lists
/// `{api_email, api_key, api_token}` as one AND-group on 436 operations where
/// the API accepts any one of its credentials. The spec's group is kept
/// first, so a client holding every credential sends exactly what the spec
/// says; after it come the document-level requirements that the group
/// contains (`{api_email, api_key}`, `{api_token}`), so a client with only
/// one of those credentials can still call the operation. Only requirements
/// the document itself declares are ever added; nothing is invented.
pub fn with_declared_subsets(
    requirements: Vec<Vec<String>>,
    declared: &[Vec<String>],
) -> Vec<Vec<String>> {
    let mut result: Vec<Vec<String>> = Vec::new();
    for group in &requirements {
        if !result.contains(group) {
            result.push(group.clone());
        }
    }
    for group in &requirements {
        for subset in declared {
            let proper = subset.len() < group.len() && subset.iter().all(|s| group.contains(s));
            if proper && !result.contains(subset) {
                result.push(subset.clone());
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::with_declared_subsets;

    fn groups(spec: &[&[&str]]) -> Vec<Vec<String>> {
        spec.iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn adds_declared_subsets_after_the_spec_group() {
        let declared = groups(&[
            &["api_email", "api_key"],
            &["api_token"],
            &["user_service_key"],
        ]);
        let strict = groups(&[&["api_email", "api_key", "api_token"]]);
        assert_eq!(
            with_declared_subsets(strict, &declared),
            groups(&[
                &["api_email", "api_key", "api_token"],
                &["api_email", "api_key"],
                &["api_token"],
            ])
        );
        let already_or = groups(&[&["api_token"], &["api_email", "api_key"]]);
        assert_eq!(
            with_declared_subsets(already_or.clone(), &declared),
            already_or
        );
    }
}
