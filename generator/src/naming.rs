//! Every naming rule of the generator: case conversion, keyword escaping,
//! non-identifier characters, group prefixes and collision resolution.
//! Nothing outside this module decides how a Rust name is spelled.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Keywords that must be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot even be raw identifiers; they get a trailing `_`.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Operators and symbols that carry meaning in enum values and property
/// names (`<=`, `*`), spelled as words before case conversion.
const SYMBOL_WORDS: &[(&str, &str)] = &[
    ("<=", " lte "),
    (">=", " gte "),
    ("!=", " ne "),
    ("==", " eq "),
    ("<", " lt "),
    (">", " gt "),
    ("=", " eq "),
    ("*", " star "),
    ("+", " plus "),
    ("~", " tilde "),
    ("@", " at "),
    ("%", " percent "),
    ("&", " and "),
    ("|", " or "),
];

fn spell_symbols(raw: &str) -> String {
    let mut text = raw.to_string();
    for (symbol, word) in SYMBOL_WORDS {
        if text.contains(symbol) {
            text = text.replace(symbol, word);
        }
    }
    // A leading minus is a sign (`-1`), elsewhere a word separator.
    if let Some(rest) = text.strip_prefix('-') {
        text = format!("minus {rest}");
    }
    text
}

fn is_keyword(name: &str) -> bool {
    RAW_KEYWORDS.contains(&name) || NON_RAW_KEYWORDS.contains(&name)
}

/// Makes a converted name a valid identifier: digits cannot start one,
/// keywords are escaped.
fn finish_identifier(converted: String, digit_prefix: &str, empty: &str) -> String {
    let name = if converted.is_empty() {
        empty.to_string()
    } else {
        converted
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{name}")
    } else {
        name
    };
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// `UpperCamelCase` type name.
pub fn type_name(raw: &str) -> String {
    finish_identifier(spell_symbols(raw).to_upper_camel_case(), "Type", "Empty")
}

/// `UpperCamelCase` enum variant name for a wire value.
pub fn variant_name(raw: &str) -> String {
    finish_identifier(spell_symbols(raw).to_upper_camel_case(), "V", "Empty")
}

/// `snake_case` field or parameter name.
pub fn field_name(raw: &str) -> String {
    finish_identifier(spell_symbols(raw).to_snake_case(), "n", "empty")
}

/// `snake_case` method name for an operation id.
pub fn method_name(raw: &str) -> String {
    finish_identifier(spell_symbols(raw).to_snake_case(), "op_", "operation")
}

/// Feature names cargo reserves or the generated manifest already uses.
pub const RESERVED_FEATURES: &[&str] = &["default", "full", "mock"];

/// The group an operation belongs to: its first tag, or else the first
/// literal segment of its path (`/zones/{id}/dns` → `zones`).
pub fn group_title(first_tag: Option<&str>, path: &str) -> String {
    match first_tag.map(str::trim).filter(|t| !t.is_empty()) {
        Some(tag) => tag.to_string(),
        None => path
            .split('/')
            .find(|s| !s.is_empty() && !s.starts_with('{'))
            .unwrap_or("root")
            .to_string(),
    }
}

/// Module names for group titles. Titles that convert to the same module
/// (`SSL/TLS Mode` and `SSL TLS Mode`, or a tag `Nodes` and an untagged
/// operation under `/nodes`) name the same API area and share the module;
/// names cargo or the manifest reserve get a suffix (`default_2`). Keys are
/// the titles.
pub fn group_modules<'a>(titles: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let titles: BTreeSet<&str> = titles.into_iter().collect();
    let mut names = UniqueNames::default();
    for reserved in RESERVED_FEATURES {
        names.reserve(reserved);
    }
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    titles
        .into_iter()
        .map(|title| {
            let words: Vec<String> = spell_symbols(title)
                .split_whitespace()
                .map(acronym_word)
                .collect();
            let module = finish_identifier(words.join(" ").to_snake_case(), "g", "group");
            // Raw identifiers cannot name a file-backed module portably.
            let module = match module.strip_prefix("r#") {
                Some(keyword) => format!("{keyword}_"),
                None => module,
            };
            let claimed = modules
                .entry(module.clone())
                .or_insert_with(|| names.claim(&module))
                .clone();
            (title.to_string(), claimed)
        })
        .collect()
}

/// An acronym with a lowercase tail (`IPs`, `CAs`, `IPsec`) is one word;
/// case conversion would otherwise split it (`i_ps`).
fn acronym_word(word: &str) -> String {
    let upper = word.chars().take_while(char::is_ascii_uppercase).count();
    let rest = &word[upper..];
    if upper >= 2 && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_lowercase()) {
        word.to_ascii_lowercase()
    } else {
        word.to_string()
    }
}

/// The cargo feature enabling a group's module.
pub fn feature_name(module: &str) -> String {
    unraw(module).replace('_', "-")
}

/// A name without its `r#` prefix, for building derived names.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The cargo package name for an API title (`Cloudflare API` → `cloudflare-api`).
pub fn package_name(title: &str) -> String {
    let name = title.to_kebab_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{name}")
    } else {
        name
    }
}

/// The library name cargo derives from a package name.
pub fn lib_name(package: &str) -> String {
    package.replace('-', "_")
}

/// The prefix of environment variables, from the API title with a trailing
/// "API" dropped (`Cloudflare API` → `CLOUDFLARE`).
pub fn env_prefix(title: &str) -> String {
    let shouty = title.to_shouty_snake_case();
    let trimmed = shouty.strip_suffix("_API").unwrap_or(&shouty);
    if trimmed.is_empty() {
        "API".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The environment variable that holds a security scheme's credential.
///
/// The rule, applied to the scheme's key under `components.securitySchemes`:
/// 1. an `x-env-var` extension on the scheme (`override_name`) wins as is;
/// 2. otherwise a leading `api_` is dropped from the key, since the prefix
///    already says which API (`api_token` → `token`);
/// 3. a key that names an e-mail identity (its last word is `email`) becomes
///    `{PREFIX}_{NAME}`, because an e-mail address is not an API credential;
/// 4. every other key becomes `{PREFIX}_API_{NAME}`.
///
/// For Cloudflare: `api_token` → `CLOUDFLARE_API_TOKEN`, `api_key` →
/// `CLOUDFLARE_API_KEY`, `api_email` → `CLOUDFLARE_EMAIL`,
/// `user_service_key` → `CLOUDFLARE_API_USER_SERVICE_KEY`.
pub fn env_var(prefix: &str, scheme: &str, override_name: Option<&str>) -> String {
    if let Some(name) = override_name {
        return name.to_string();
    }
    let name = scheme.to_shouty_snake_case();
    let name = name
        .strip_prefix("API_")
        .filter(|rest| !rest.is_empty())
        .unwrap_or(&name);
    let names_email = name == "EMAIL" || name.ends_with("_EMAIL");
    if names_email {
        format!("{prefix}_{name}")
    } else {
        format!("{prefix}_API_{name}")
    }
}

/// Spelled out in `Client::from_env`'s docs, next to the variables.
pub const ENV_VAR_RULE: &str = "Variable names follow the generator's rule: an `x-env-var` \
     extension on a security scheme names its variable; otherwise a leading `api_` is dropped \
     from the scheme's key, a key naming an e-mail identity becomes `{PREFIX}_{NAME}` and any \
     other `{PREFIX}_API_{NAME}`, where `{PREFIX}` is the API title without a trailing \
     \"API\".";

/// Names handed out by an earlier generation of the same crate (read from
/// its record, `api.lock`). Honouring them keeps every name a user may have
/// written: a name never changes because something *else* appeared in the
/// spec; the newcomer, not the incumbent, gets the qualified name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameLock {
    /// Type names by the spec location they were made from (a schema's
    /// JSON pointer; for a parameter struct, its operation's pointer
    /// followed by `/parameters`).
    pub types: BTreeMap<String, String>,
    /// Method names by operationId.
    pub methods: BTreeMap<String, String>,
    /// Names nothing new may take: deprecated aliases the crate still
    /// carries, so a rename never hands an old name to a different type.
    pub reserved: BTreeSet<String>,
}

impl NameLock {
    /// Drops the names of items the spec no longer has: their names are
    /// free for newcomers (a moved operation's types get their old names
    /// back rather than a numbered suffix). `live` says whether the item a
    /// source lies under (its first three pointer segments, such as
    /// `#/paths/~1zones~1{}/get` or `#/components/schemas/x`) still exists.
    pub fn retain_live(
        &mut self,
        live: impl Fn(&str) -> bool,
        live_operation: impl Fn(&str) -> bool,
    ) {
        self.types.retain(|source, _| live(source_root(source)));
        self.methods
            .retain(|operation_id, _| live_operation(operation_id));
    }

    /// Every name the lock hands out or keeps, so fresh names avoid them.
    pub fn taken(&self) -> impl Iterator<Item = &String> {
        self.types
            .values()
            .chain(self.methods.values())
            .chain(&self.reserved)
    }
}

/// The key [`NameLock::types`] files a source pointer under: path variables
/// are left unnamed (`{}`), so renaming `{identifier}` to `{account_id}`
/// keeps the names of everything defined inline under that path.
pub fn source_key(pointer: &str) -> String {
    if !pointer.starts_with("#/paths/") {
        return pointer.to_string();
    }
    let mut key = String::with_capacity(pointer.len());
    let mut in_variable = false;
    for c in pointer.chars() {
        match c {
            '{' => {
                in_variable = true;
                key.push_str("{}");
            }
            '}' => in_variable = false,
            _ if in_variable => {}
            c => key.push(c),
        }
    }
    key
}

/// The first three segments of a source (`#/paths/~1a/get/requestBody` →
/// `#/paths/~1a/get`): the item whose presence keeps a locked name alive.
pub fn source_root(source: &str) -> &str {
    match source.match_indices('/').nth(3) {
        Some((index, _)) => &source[..index],
        None => source,
    }
}

/// Where a component schema is defined, the key [`NameLock::types`] uses.
pub fn component_source(key: &str) -> String {
    crate::pointer::JsonPointer::root()
        .push("components")
        .push("schemas")
        .push(key)
        .to_string()
}

/// Type names for component schemas. Cloudflare prefixes each component with
/// its API group (`iam_sso_connector`); the prefix is dropped when the
/// remaining name is unique among all components and no locked name holds
/// it, and kept otherwise, so the choice never depends on document order.
/// A component the lock knows keeps its locked name.
pub fn component_type_names<'a>(
    components: impl IntoIterator<Item = &'a str>,
    lock: &NameLock,
) -> BTreeMap<String, String> {
    let keys: BTreeSet<&str> = components.into_iter().collect();
    let mut short_counts: BTreeMap<String, usize> = BTreeMap::new();
    for key in &keys {
        *short_counts
            .entry(type_name(strip_group_prefix(key)))
            .or_default() += 1;
    }
    let mut names = UniqueNames::default();
    for taken in lock.taken() {
        names.reserve(taken);
    }
    let mut assigned: BTreeMap<String, String> = BTreeMap::new();
    let mut handed = BTreeSet::new();
    for key in &keys {
        if let Some(locked) = lock.types.get(&component_source(key))
            && handed.insert(locked.clone())
        {
            assigned.insert(key.to_string(), locked.clone());
        }
    }
    let newcomers: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|key| !assigned.contains_key(*key))
        .collect();
    for key in newcomers {
        let short = type_name(strip_group_prefix(key));
        let preferred = if short_counts[&short] == 1 && !names.is_taken(&short) {
            short
        } else {
            type_name(key)
        };
        assigned.insert(key.to_string(), names.claim(&preferred));
    }
    assigned
}

/// The name a component wanted when [`component_type_names`] had to give it
/// another one because a different component converts to the same name
/// (`stream_liveInput` and `stream_live_input`); `None` when it got its own.
pub fn component_name_collision(key: &str, assigned: &str) -> Option<String> {
    let full = type_name(key);
    let short = type_name(strip_group_prefix(key));
    (assigned != full && assigned != short).then_some(full)
}

fn strip_group_prefix(key: &str) -> &str {
    match key.split_once('_') {
        Some((prefix, rest)) if !prefix.is_empty() && !rest.is_empty() => rest,
        _ => key,
    }
}

/// Hands out names unique within one scope; a taken name gets the smallest
/// free numeric suffix (`Name2`, `name_2`).
#[derive(Debug, Default, Clone)]
pub struct UniqueNames {
    taken: BTreeSet<String>,
}

impl UniqueNames {
    pub fn claim(&mut self, preferred: &str) -> String {
        if self.taken.insert(preferred.to_string()) {
            return preferred.to_string();
        }
        let base = unraw(preferred);
        let separator = if base.chars().next().is_some_and(char::is_uppercase) {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| !is_keyword(candidate) && self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }

    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_keywords() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(field_name("match"), "r#match");
    }

    #[test]
    fn converts_non_identifiers() {
        assert_eq!(field_name("comment.contains"), "comment_contains");
        assert_eq!(field_name("severity~neq"), "severity_tilde_neq");
        assert_eq!(variant_name("HTTP/2"), "Http2");
        assert_eq!(variant_name("<=1d"), "Lte1d");
        assert_eq!(variant_name("1"), "V1");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("*"), "Star");
        assert_eq!(field_name("1"), "n1");
    }

    #[test]
    fn strips_group_prefix_only_when_unique() {
        let none = NameLock::default();
        let names = component_type_names(
            ["iam_sso_connector", "iam_messages", "zones_messages"],
            &none,
        );
        assert_eq!(names["iam_sso_connector"], "SsoConnector");
        assert_eq!(names["iam_messages"], "IamMessages");
        assert_eq!(names["zones_messages"], "ZonesMessages");
        let pair = component_type_names(["stream_liveInput", "stream_live_input"], &none);
        assert_eq!(pair["stream_liveInput"], "StreamLiveInput");
        assert_eq!(pair["stream_live_input"], "StreamLiveInput2");
        assert_eq!(
            component_name_collision("stream_liveInput", "StreamLiveInput"),
            None
        );
        assert_eq!(
            component_name_collision("stream_live_input", "StreamLiveInput2"),
            Some("StreamLiveInput".to_string())
        );
    }

    #[test]
    fn locked_names_stay_with_their_incumbents() {
        let first =
            component_type_names(["iam_sso_connector", "iam_messages"], &NameLock::default());
        assert_eq!(first["iam_sso_connector"], "SsoConnector");
        let mut lock = NameLock::default();
        for (key, name) in &first {
            lock.types.insert(component_source(key), name.clone());
        }
        // Another group gains an `sso_connector`: the incumbent keeps the
        // short name, the newcomer is qualified.
        let next = component_type_names(
            ["iam_sso_connector", "iam_messages", "zt_sso_connector"],
            &lock,
        );
        assert_eq!(next["iam_sso_connector"], "SsoConnector");
        assert_eq!(next["zt_sso_connector"], "ZtSsoConnector");
        assert_eq!(next["iam_messages"], "Messages");
        // Without the lock both would be qualified.
        let fresh = component_type_names(
            ["iam_sso_connector", "zt_sso_connector"],
            &NameLock::default(),
        );
        assert_eq!(fresh["iam_sso_connector"], "IamSsoConnector");
        // A reserved name (a deprecated alias) is never handed to a newcomer.
        lock.reserved.insert("Thing".to_string());
        let reserved = component_type_names(["x_thing"], &lock);
        assert_eq!(reserved["x_thing"], "XThing");
    }

    #[test]
    fn source_keys_ignore_path_variable_names() {
        assert_eq!(
            source_key("#/paths/~1accounts~1{account_id}~1x/post/requestBody"),
            "#/paths/~1accounts~1{}~1x/post/requestBody"
        );
        assert_eq!(
            source_key("#/components/schemas/a{b}"),
            "#/components/schemas/a{b}"
        );
        assert_eq!(
            source_root("#/paths/~1a/get/requestBody/x"),
            "#/paths/~1a/get"
        );
        assert_eq!(
            source_root("#/components/schemas/k"),
            "#/components/schemas/k"
        );
    }

    #[test]
    fn resolves_collisions_deterministically() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim("stream_live_input"), "stream_live_input");
        assert_eq!(names.claim("stream_live_input"), "stream_live_input_2");
        assert_eq!(names.claim("Thing"), "Thing");
        assert_eq!(names.claim("Thing"), "Thing2");
    }

    #[test]
    fn names_groups() {
        let modules = group_modules([
            "SSL/TLS Mode",
            "SSL TLS Mode",
            "Default",
            "type",
            "User's Invites",
        ]);
        assert_eq!(modules["SSL TLS Mode"], "ssl_tls_mode");
        assert_eq!(modules["SSL/TLS Mode"], "ssl_tls_mode");
        assert_eq!(modules["Default"], "default_2");
        assert_eq!(modules["type"], "type_");
        assert_eq!(modules["User's Invites"], "user_s_invites");
        assert_eq!(feature_name("default_2"), "default-2");
        let acronyms = group_modules(["Cloudflare IPs", "Magic IPsec tunnels", "Access CAs"]);
        assert_eq!(acronyms["Cloudflare IPs"], "cloudflare_ips");
        assert_eq!(acronyms["Magic IPsec tunnels"], "magic_ipsec_tunnels");
        assert_eq!(acronyms["Access CAs"], "access_cas");
        assert_eq!(group_title(None, "/zones/{id}/dns"), "zones");
        assert_eq!(group_title(Some(" "), "/{id}"), "root");
        assert_eq!(group_title(Some("SSO"), "/x"), "SSO");
    }

    #[test]
    fn derives_package_and_env_names() {
        assert_eq!(package_name("Cloudflare API"), "cloudflare-api");
        assert_eq!(env_prefix("Cloudflare API"), "CLOUDFLARE");
        assert_eq!(
            env_var("CLOUDFLARE", "api_token", None),
            "CLOUDFLARE_API_TOKEN"
        );
    }

    #[test]
    fn env_vars_follow_the_documented_rule() {
        let var = |key| env_var("CLOUDFLARE", key, None);
        assert_eq!(var("api_token"), "CLOUDFLARE_API_TOKEN");
        assert_eq!(var("api_key"), "CLOUDFLARE_API_KEY");
        assert_eq!(var("api_email"), "CLOUDFLARE_EMAIL");
        assert_eq!(var("user_service_key"), "CLOUDFLARE_API_USER_SERVICE_KEY");
        assert_eq!(var("bearerAuth"), "CLOUDFLARE_API_BEARER_AUTH");
        assert_eq!(var("api"), "CLOUDFLARE_API_API");
        assert_eq!(var("admin_email"), "CLOUDFLARE_ADMIN_EMAIL");
        assert_eq!(
            env_var("CLOUDFLARE", "api_token", Some("CF_TOKEN")),
            "CF_TOKEN"
        );
    }
}
