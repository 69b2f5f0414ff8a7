//! Security schemes and requirements.

use std::collections::BTreeSet;

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement};

use crate::diagnostics::{Diagnostic, Diagnostics, Kind};
use crate::model::{ApiKeyLocation, Operation, Requirement, SecurityKind, SecurityScheme};
use crate::naming::{self, UniqueNames};
use crate::pointer::JsonPointer;

/// Methods of `Credentials` and `ClientBuilder` a scheme's setter may not
/// take: the runtime's builder methods, the generated `Credentials` helpers
/// and what their derives define. A scheme whose key converts to one
/// (`secret`, `build`) gets the suffix `_key` (`secret_key`) with a warning.
/// `generator/tests/reserved_names.rs` checks the list against the runtime.
pub const AUTH_METHODS: &[&str] = &[
    "base_url",
    "build",
    "clone",
    "clone_from",
    "credentials",
    "default",
    "default_header",
    "fmt",
    "http_client",
    "idempotency_keys",
    "is_empty",
    "max_response_size",
    "max_retries",
    "max_retry_time",
    "new",
    "on_request",
    "on_response",
    "rate_limit",
    "retry_base_delay",
    "secret",
    "timeout",
    "user_agent",
];

/// Appended to a scheme's setter that would take a name in [`AUTH_METHODS`].
pub const SETTER_SUFFIX: &str = "_key";

/// The key and credential name of the bearer token a spec declaring no
/// security scheme is given ([`implied_token`]).
pub const IMPLIED_TOKEN: &str = "api_token";

/// The spec's security schemes, in document order; a spec that declares
/// none gets one, [`implied_token`].
pub fn lower_schemes(
    spec: &OpenAPI,
    env_prefix: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<SecurityScheme> {
    let declared = spec
        .components
        .as_ref()
        .filter(|components| !components.security_schemes.is_empty());
    let Some(components) = declared else {
        return vec![implied_token(env_prefix)];
    };
    let mut names = UniqueNames::default();
    for reserved in AUTH_METHODS {
        names.reserve(reserved);
    }
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
        let env_override = env_var_extension(scheme, &pointer, diagnostics);
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
        let preferred = naming::field_name(key);
        let rust_name = if AUTH_METHODS.contains(&preferred.as_str()) {
            let renamed = names.claim(&format!("{preferred}{SETTER_SUFFIX}"));
            diagnostics.push(Diagnostic::of(
                Kind::Collision,
                &pointer,
                format!(
                    "security scheme `{key}` has setter `{renamed}`: `{preferred}` is a method credentials and the client builder already have"
                ),
            ));
            renamed
        } else {
            names.claim(&preferred)
        };
        schemes.push(SecurityScheme {
            key: key.clone(),
            variant: naming::scheme_variant(&rust_name),
            rust_name,
            kind,
            env_var: naming::env_var(env_prefix, key, env_override.as_deref()),
            doc,
            pointer,
            implied: false,
        });
    }
    schemes
}

/// A spec that declares no security scheme (GitHub's, many internal
/// APIs') still gets a credential: an optional bearer token, sent as
/// `Authorization: Bearer <token>` with every request once set and
/// otherwise not at all ([`implied_requirement`]). Its setter is
/// `api_token` and its variable `{PREFIX}_API_TOKEN`, by the same rule as
/// a declared scheme of that name, so `Client::new(token)` and
/// `Client::from_env()` work as for any bearer API; `from_env` does not
/// require it.
pub fn implied_token(env_prefix: &str) -> SecurityScheme {
    SecurityScheme {
        key: IMPLIED_TOKEN.to_string(),
        rust_name: IMPLIED_TOKEN.to_string(),
        variant: naming::scheme_variant(IMPLIED_TOKEN),
        kind: SecurityKind::Bearer,
        env_var: naming::env_var(env_prefix, IMPLIED_TOKEN, None),
        doc: None,
        pointer: JsonPointer::root()
            .push("components")
            .push("securitySchemes"),
        implied: true,
    }
}

/// Every operation's requirement with the implied token: the token when
/// it is set, else nothing (`[[api_token], []]`).
pub fn implied_requirement() -> Vec<Vec<String>> {
    vec![vec![IMPLIED_TOKEN.to_string()], Vec::new()]
}

/// The `x-env-var` extension, when it holds a usable variable name.
fn env_var_extension(
    scheme: &openapiv3::SecurityScheme,
    pointer: &JsonPointer,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let extensions = match scheme {
        openapiv3::SecurityScheme::APIKey { extensions, .. }
        | openapiv3::SecurityScheme::HTTP { extensions, .. }
        | openapiv3::SecurityScheme::OAuth2 { extensions, .. }
        | openapiv3::SecurityScheme::OpenIDConnect { extensions, .. } => extensions,
    };
    let value = extensions.get("x-env-var")?;
    let name = value.as_str().filter(|name| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    if name.is_none() {
        diagnostics.warning(
            &pointer.push("x-env-var"),
            "`x-env-var` must be a non-empty string of ASCII letters, digits and `_`; ignored",
        );
    }
    name.map(str::to_string)
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
    use super::*;

    fn lower(schemes_yaml: &str) -> (Vec<SecurityScheme>, Diagnostics) {
        let spec = format!(
            "openapi: 3.0.3\ninfo: {{title: Example API, version: '1'}}\npaths: {{}}\n\
             components:\n  securitySchemes:\n{schemes_yaml}"
        );
        let spec = crate::parse::parse_spec(&spec)
            .expect("a valid test spec")
            .spec;
        let mut diagnostics = Diagnostics::default();
        let schemes = lower_schemes(&spec, "EXAMPLE", &mut diagnostics);
        (schemes, diagnostics)
    }

    #[test]
    fn x_env_var_overrides_the_derived_name() {
        let (schemes, diagnostics) = lower(
            "    api_token: {type: http, scheme: bearer, x-env-var: EXAMPLE_PAT}\n    \
             admin_email: {type: apiKey, in: header, name: X-Email}\n",
        );
        assert_eq!(diagnostics.len(), 0);
        let vars: Vec<&str> = schemes.iter().map(|s| s.env_var.as_str()).collect();
        assert_eq!(vars, ["EXAMPLE_PAT", "EXAMPLE_ADMIN_EMAIL"]);
    }

    #[test]
    fn a_spec_without_schemes_gets_an_optional_bearer_token() {
        for components in [
            "",
            "components: {}\n",
            "components:\n  securitySchemes: {}\n",
        ] {
            let spec = format!(
                "openapi: 3.0.3\ninfo: {{title: GitHub v3 REST API, version: '1'}}\npaths: {{}}\n{components}"
            );
            let spec = crate::parse::parse_spec(&spec)
                .expect("a valid test spec")
                .spec;
            let mut diagnostics = Diagnostics::default();
            let schemes = lower_schemes(&spec, "GITHUB_V3_REST", &mut diagnostics);
            assert_eq!(diagnostics.len(), 0);
            assert_eq!(schemes, [implied_token("GITHUB_V3_REST")], "{components}");
            let scheme = &schemes[0];
            assert_eq!(
                (
                    scheme.rust_name.as_str(),
                    scheme.variant.as_str(),
                    scheme.env_var.as_str()
                ),
                ("api_token", "ApiToken", "GITHUB_V3_REST_API_TOKEN")
            );
            assert_eq!(scheme.kind, SecurityKind::Bearer);
            assert!(scheme.implied);
        }
        // A declared scheme, even an unsupported one, is the spec's word.
        let (schemes, _) = lower("    digest: {type: http, scheme: digest}\n");
        assert_eq!(schemes, []);
    }

    #[test]
    fn unusable_x_env_var_is_a_warning_and_ignored() {
        let (schemes, diagnostics) =
            lower("    api_key: {type: apiKey, in: header, name: X-Key, x-env-var: 'not valid'}\n");
        assert_eq!(schemes[0].env_var, "EXAMPLE_API_KEY");
        let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0].contains("#/components/securitySchemes/api_key/x-env-var"),
            "{}",
            messages[0]
        );
    }
}

#[cfg(test)]
mod subset_tests {
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

/// Every distinct security requirement of `operations`, named from its
/// schemes and sorted by name (names unique: a clash, possible only with
/// scheme names holding `_AND_` or `_OR_`, gets a numeric suffix).
pub fn named_requirements(operations: &[Operation]) -> Vec<Requirement> {
    let distinct: BTreeSet<&Vec<Vec<String>>> = operations.iter().map(|op| &op.security).collect();
    let mut names = UniqueNames::default();
    let mut requirements: Vec<Requirement> = distinct
        .into_iter()
        .map(|groups| Requirement {
            name: names.claim(&naming::requirement_name(groups)),
            groups: groups.clone(),
        })
        .collect();
    requirements.sort_by(|a, b| a.name.cmp(&b.name));
    requirements
}
