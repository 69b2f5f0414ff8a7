//! Every naming rule of the generator: case conversion, keyword escaping,
//! non-identifier characters, group prefixes and collision resolution.
//! Nothing outside this module decides how a Rust name is spelled.
//!
//! Names are decided plain (`type`, not `r#type`): the model, the record
//! and every derived name use them as they are, and emission alone writes a
//! keyword as a raw identifier, asking [`needs_raw`]. Keywords that cannot
//! be raw (`self`, `Self`, `super`, `crate`) get a trailing `_` here, when
//! the name is decided.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

pub mod resource;

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
/// keywords that cannot be raw identifiers get a trailing `_` (the others
/// stay plain; emission writes them raw, see [`needs_raw`]).
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
    } else {
        name
    }
}

/// Whether a decided name is a keyword, written as a raw identifier
/// (`r#type`) wherever it is emitted as one.
pub fn needs_raw(name: &str) -> bool {
    RAW_KEYWORDS.contains(&name)
}

/// The enum variant naming a security scheme whose credential is called
/// `rust_name`. It has always been converted from the escaped spelling
/// (`type` → `r#type` → `RType`), and stays so: a generated crate keeps
/// its names.
pub fn scheme_variant(rust_name: &str) -> String {
    if needs_raw(rust_name) {
        type_name(&format!("r#{rust_name}"))
    } else {
        type_name(rust_name)
    }
}

/// The constant holding an operation's security requirement, named from
/// its schemes' credential names: `_AND_` within an AND-group, `_OR_`
/// between groups, `ANONYMOUS` for an empty group (no credentials is also
/// fine) and `NONE` for no requirement at all.
pub fn requirement_name(groups: &[Vec<String>]) -> String {
    if groups.is_empty() {
        return "NONE".to_string();
    }
    let group_name = |group: &Vec<String>| {
        if group.is_empty() {
            return "ANONYMOUS".to_string();
        }
        let names: Vec<String> = group.iter().map(|s| s.to_shouty_snake_case()).collect();
        names.join("_AND_")
    };
    let names: Vec<String> = groups.iter().map(group_name).collect();
    names.join("_OR_")
}

/// Type names Rust's prelude (2024 edition) puts in every module. A model
/// of that name would shadow it in its module (`pub struct Option` breaks
/// every `Option<..>` and `Option::is_none` next to it), so such a name
/// gets [`PRELUDE_SUFFIX`] (`Option` → `OptionModel`). (`Debug` and `Hash`
/// are in the prelude only as derive macros, another namespace: a type of
/// that name shadows nothing.)
pub const PRELUDE_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// What a type name that would shadow the prelude gets appended.
pub const PRELUDE_SUFFIX: &str = "Model";

/// `UpperCamelCase` type name, also a part of longer names
/// (`{Type}{Property}`); a whole name goes through [`own_type_name`].
pub fn type_name(raw: &str) -> String {
    finish_identifier(spell_symbols(raw).to_upper_camel_case(), "Type", "Empty")
}

/// A name a type is defined under: never a name of the prelude.
pub fn own_type_name(name: String) -> String {
    if PRELUDE_TYPES.contains(&name.as_str()) {
        format!("{name}{PRELUDE_SUFFIX}")
    } else {
        name
    }
}

/// The name hint of an operation's inline error body: `{Operation}Error`
/// when it describes one, else one per status key (`{Operation}Error404`,
/// `{Operation}Error4xx`, `{Operation}ErrorDefault`).
pub fn error_type_hint(type_base: &str, status_key: Option<&str>) -> String {
    match status_key {
        None => format!("{type_base}Error"),
        Some("default") => format!("{type_base}ErrorDefault"),
        // `404`, `4XX`: digits, then at most `XX`.
        Some(key) => format!("{type_base}Error{}", key.to_ascii_lowercase()),
    }
}

/// The prelude name a component's type would have shadowed, when
/// [`type_name`] renamed it (`option` → `Some("Option")`).
pub fn prelude_rename(key: &str, assigned: &str) -> Option<&'static str> {
    let base = assigned.strip_suffix(PRELUDE_SUFFIX)?;
    let plain = |raw: &str| spell_symbols(raw).to_upper_camel_case();
    PRELUDE_TYPES.iter().copied().find(|p| {
        *p == base
            && (plain(key) == base
                || split_prefix(key).is_some_and(|(_, rest)| plain(rest) == base))
    })
}

/// `UpperCamelCase` enum variant name for a wire value.
pub fn variant_name(raw: &str) -> String {
    finish_identifier(spell_symbols(raw).to_upper_camel_case(), "V", "Empty")
}

/// The variant of an open enum or a union that keeps a value the spec does
/// not list. Taken before any listed value's variant, so a value spelled
/// `unknown` is `Unknown2`, never the catch-all.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The field of a received struct that keeps the members its schema does
/// not declare. Taken before any property's field, in every struct (sent
/// or not, so a property's name never depends on how its type is used): a
/// property spelled `extra` is `extra_2`.
pub const UNKNOWN_MEMBERS_FIELD: &str = "extra";

/// `snake_case` field or parameter name.
pub fn field_name(raw: &str) -> String {
    finish_identifier(spell_symbols(raw).to_snake_case(), "n", "empty")
}

/// `snake_case` method name for an operation id.
pub fn method_name(raw: &str) -> String {
    finish_identifier(spell_symbols(raw).to_snake_case(), "op_", "operation")
}

/// The method yielding an operation's server-sent events: its method's
/// name and `_stream` (`create_chat_completion_stream`).
pub fn stream_method_name(method_name: &str) -> String {
    format!("{method_name}_stream")
}

/// Feature names cargo reserves or the generated manifest already uses.
pub const RESERVED_FEATURES: &[&str] = &["default", "full", "mock", "tracing"];

/// The group an operation belongs to: its first tag, or else the first
/// literal segment of its path that is not a version prefix
/// (`/zones/{id}/dns` → `zones`, `/v1/charges/{id}` → `charges`, see
/// [`is_version_segment`]). A path of version prefixes alone is grouped by
/// its first one (`/v1` → `v1`).
pub fn group_title(first_tag: Option<&str>, path: &str) -> String {
    match first_tag.map(str::trim).filter(|t| !t.is_empty()) {
        Some(tag) => tag.to_string(),
        None => {
            let mut literals = path
                .split('/')
                .filter(|s| !s.is_empty() && !s.starts_with('{'));
            let first = literals.clone().next();
            literals
                .find(|s| !is_version_segment(s))
                .or(first)
                .unwrap_or("root")
                .to_string()
        }
    }
}

/// Whether a path segment says which version of an API it is, not which
/// part: `api`, `v1`, `V2`, `v2beta`, `v1alpha1`, a date (`2023-10-16`) or
/// a version number (`1`, `1.0`).
pub fn is_version_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    if lower == "api" {
        return true;
    }
    let numeric = |s: &str| {
        !s.is_empty()
            && s.split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    };
    let date = lower.len() == 10
        && lower.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let versioned = lower.strip_prefix('v').is_some_and(|rest| {
        let head = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let (number, tail) = rest.split_at(head);
        let stage = ["alpha", "beta", "rc"]
            .iter()
            .find_map(|stage| tail.strip_prefix(stage));
        numeric(number)
            && (tail.is_empty() || stage.is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())))
    });
    date || versioned || numeric(&lower)
}

/// Method names a setter of a request type (`.temperature(0.2)`, see
/// `emit::constructors`) does not take as they are: the constructor `new`;
/// methods of the traits these types implement or receive from blanket
/// impls, which an inherent method would shadow in method-call syntax
/// (`x.clone()` would call the setter); and names Clippy expects to
/// implement a standard trait (`should_implement_trait`: `add`, `next`…).
const SETTER_RESERVED: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "clone_from",
    "clone_into",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "deserialize",
    "div",
    "drop",
    "eq",
    "fmt",
    "from",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into",
    "into_iter",
    "mul",
    "ne",
    "neg",
    "new",
    "next",
    "not",
    "partial_cmp",
    "rem",
    "serialize",
    "shl",
    "shr",
    "sub",
    "to_owned",
    "try_from",
    "try_into",
    "type_id",
];

/// Put in front of a setter whose field has a reserved name
/// (`SETTER_RESERVED`): the field `default` is set by `.with_default(v)`.
pub const SETTER_PREFIX: &str = "with_";

/// The setter of each member of a request type, in the order given: the
/// member's own name (`temperature`), or `with_<name>` for a reserved one
/// (`with_default`, `with_new`). A member's setter depends only on its own
/// name, so it is as stable as the field; the one case two members would
/// share one (`with_new` for `new` next to a member `with_new`) leaves the
/// prefixed one without a setter (its field is public), never renamed.
pub fn setter_names<'a>(members: impl IntoIterator<Item = &'a str>) -> Vec<Option<String>> {
    let members: Vec<&str> = members.into_iter().collect();
    let preferred: Vec<String> = members
        .iter()
        .map(|name| {
            if SETTER_RESERVED.contains(name) {
                format!("{SETTER_PREFIX}{name}")
            } else {
                (*name).to_string()
            }
        })
        .collect();
    preferred
        .iter()
        .zip(&members)
        .map(|(setter, member)| {
            let taken_by_another = preferred
                .iter()
                .zip(&members)
                .any(|(other, name)| other == setter && name != member && *name == setter.as_str());
            (!taken_by_another).then(|| setter.clone())
        })
        .collect()
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
            let module = if needs_raw(&module) {
                format!("{module}_")
            } else {
                module
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
    module.replace('_', "-")
}

/// The cargo feature a group name given by a user stands for: a group's
/// feature (`zone-settings`) and its module (`zone_settings`) both name it.
/// Module names never hold `-`, so a feature name is its own feature.
pub fn group_feature(name: &str) -> String {
    feature_name(name.trim())
}

/// The words of an API title, from which the crate name and the prefix of
/// environment variables are made.
///
/// The rule: a word is a run of ASCII letters and digits; every other
/// character (space, punctuation, anything not ASCII) separates words,
/// except an apostrophe, which is dropped (`Let's` is `Lets`). A change of
/// case inside a word is never a boundary, with no exception: a title
/// spells brand names the way their owners do (`OpenAI`, `GitHub`,
/// `PagerDuty`), and splitting them (`OPEN_AI`, `git-hub`) names nothing a
/// user would look for. The price is that a title written as one
/// camel-case identifier (`PetStoreApi`) is one word (`petstoreapi`);
/// `--name` names the crate otherwise. (Group modules follow their own
/// rule, [`group_modules`].)
pub fn title_words(title: &str) -> Vec<String> {
    title
        .replace(['\'', '\u{2019}'], "")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// The cargo package name for an API title: its [`title_words`] in lower
/// case joined by `-` (`Cloudflare API` → `cloudflare-api`, `OpenAI API` →
/// `openai-api`, `GitHub v3 REST API` → `github-v3-rest-api`); `api-` in
/// front of one starting with a digit, `api` for a title without words.
pub fn package_name(title: &str) -> String {
    let words: Vec<String> = title_words(title)
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect();
    let name = words.join("-");
    if name.is_empty() {
        "api".to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{name}")
    } else {
        name
    }
}

/// The library name cargo derives from a package name.
pub fn lib_name(package: &str) -> String {
    package.replace('-', "_")
}

/// The prefix of environment variables: the title's [`title_words`] in
/// upper case joined by `_`, a last word `API` (in any case) left out
/// (`Cloudflare API` → `CLOUDFLARE`, `OpenAI API` → `OPENAI`, `Twilio -
/// Api` → `TWILIO`); `API` for a title with no other word, and `API_` in
/// front of one starting with a digit (no shell variable does).
pub fn env_prefix(title: &str) -> String {
    let mut words: Vec<String> = title_words(title)
        .iter()
        .map(|word| word.to_ascii_uppercase())
        .collect();
    if words.last().is_some_and(|word| word == "API") {
        words.pop();
    }
    let prefix = words.join("_");
    if prefix.is_empty() {
        "API".to_string()
    } else if prefix.starts_with(|c: char| c.is_ascii_digit()) {
        format!("API_{prefix}")
    } else {
        prefix
    }
}

/// The environment variable that holds a security scheme's credential.
///
/// The rule, applied to the scheme's key under `components.securitySchemes`:
/// 1. an `x-env-var` extension on the scheme (`override_name`) wins as is;
/// 2. otherwise a last word `auth` is dropped from the key (`ApiKeyAuth` →
///    `ApiKey`), then a leading `api_`, since the prefix already says which
///    API (`api_token` → `token`);
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
    // `ApiKeyAuth`, `bearerAuth`: the scheme's last word `auth` says
    // nothing a variable name needs (`OPENAI_API_KEY`).
    let name = name
        .strip_suffix("_AUTH")
        .filter(|rest| !rest.is_empty())
        .unwrap_or(&name);
    let name = name
        .strip_prefix("API_")
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name);
    let names_email = name == "EMAIL" || name.ends_with("_EMAIL");
    if names_email {
        format!("{prefix}_{name}")
    } else {
        format!("{prefix}_API_{name}")
    }
}

/// Spelled out in `Client::from_env`'s docs, next to the variables.
pub const ENV_VAR_RULE: &str = "Variable names follow the generator's rule: an `x-env-var` \
     extension on a security scheme names its variable; otherwise a last word `auth` and then a \
     leading `api_` are dropped from the scheme's key, a key naming an e-mail identity becomes `{PREFIX}_{NAME}` and any \
     other `{PREFIX}_API_{NAME}`, where `{PREFIX}` is the API title's words (runs of ASCII \
     letters and digits, never split at a change of case) in upper case, joined by `_`, \
     without a last word \"API\".";

/// Names handed out by an earlier generation of the same crate (read from
/// its record, `api.lock`). Honouring them keeps every name a user may have
/// written: a name never changes because something *else* appeared in the
/// spec; the newcomer, not the incumbent, gets the qualified name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameLock {
    /// Type names by the spec location they were made from (a schema's
    /// JSON pointer; for a parameter struct, its operation's pointer
    /// followed by `/parameters`).
    pub types: BTreeMap<SourceKey, String>,
    /// Struct field and enum variant names by their type's source, then by
    /// wire name.
    pub members: BTreeMap<SourceKey, BTreeMap<String, String>>,
    /// Operations by [`operation_key`], with their operationId and method
    /// name: an operation that stays where it was under the same
    /// operationId keeps its method, whatever other operations share that
    /// operationId.
    pub operations: BTreeMap<String, (String, String)>,
    /// Method names by operationId, for an operation whose path changed;
    /// only operationIds the earlier crate had once (a duplicated one
    /// names no single method).
    pub methods: BTreeMap<String, String>,
    /// Names nothing new may take: deprecated aliases the crate still
    /// carries, so a rename never hands an old name to a different type.
    pub reserved: BTreeSet<String>,
    /// Method names no other operation may take: deprecated methods the
    /// crate still carries, each with the key of the operation it forwards
    /// to (that operation may take its old name back).
    pub reserved_methods: BTreeMap<String, String>,
    /// Stream methods (server-sent events) by their operation's key, with
    /// its operationId: an operation keeps its stream method's name as it
    /// keeps its own.
    pub stream_methods: BTreeMap<String, (String, String)>,
    /// Resource names (before the user's renames) by operation key, with
    /// the operationId: kept like method names.
    pub resources: BTreeMap<String, (String, resource::ResourceName)>,
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
        self.types.retain(|source, _| live(source.root()));
        self.members.retain(|source, _| live(source.root()));
        self.operations.retain(|key, _| live_operation(key));
        self.methods
            .retain(|operation_id, _| live_operation(operation_id));
        self.stream_methods.retain(|key, _| live_operation(key));
        self.resources.retain(|key, _| live_operation(key));
    }

    /// Every name the lock hands out or keeps, so fresh names avoid them.
    pub fn taken(&self) -> impl Iterator<Item = &String> {
        self.types
            .values()
            .chain(self.operations.values().map(|(_, name)| name))
            .chain(self.methods.values())
            .chain(self.stream_methods.values().map(|(_, name)| name))
            .chain(&self.reserved)
    }
}

/// Where a generated name is filed, in the crate's record (`api.lock`) and
/// in the name lock lowering honours: the JSON pointer of the spec item it was made from,
/// with path variables unnamed (`{}`, so renaming `{identifier}` to
/// `{account_id}` keeps the names of everything defined inline under that
/// path) and inline parameters named, not numbered
/// (`named_parameter_pointer`). Written in `api.lock` as the plain text.
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct SourceKey(String);

impl SourceKey {
    /// The key of the item at `pointer` (a JSON pointer's text).
    pub fn of(pointer: &str) -> Self {
        Self(source_key(pointer))
    }

    /// The key of the component schema `key`.
    pub fn component(key: &str) -> Self {
        Self(
            crate::pointer::JsonPointer::root()
                .push("components")
                .push("schemas")
                .push(key)
                .to_string(),
        )
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first three segments (`#/paths/~1a/get/requestBody` →
    /// `#/paths/~1a/get`): the item whose presence keeps a locked name
    /// alive.
    pub fn root(&self) -> &str {
        match self.0.match_indices('/').nth(3) {
            Some((index, _)) => &self.0[..index],
            None => &self.0,
        }
    }
}

impl std::borrow::Borrow<str> for SourceKey {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SourceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a spec's paths are filed: with variables unnamed
/// ([`SourceKey::of`], [`operation_key`]), except paths that would then be
/// one key with another path of the same spec
/// (`/phases/{phase}/entrypoint` and `/phases/{ruleset_phase}/entrypoint`):
/// those keep their variables' names, so each item has its own key.
#[derive(Clone, Debug, Default)]
pub struct PathKeys {
    /// `#/paths/<escaped path>` of each path filed by its named form.
    named: BTreeSet<String>,
}

impl PathKeys {
    /// The keys of a spec whose `paths` has these templates.
    pub fn new<'p>(paths: impl IntoIterator<Item = &'p str>) -> Self {
        let mut by_key: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for path in paths {
            by_key
                .entry(source_key(&path_pointer(path)))
                .or_default()
                .push(path);
        }
        let named = by_key
            .into_values()
            .filter(|paths| paths.len() > 1)
            .flatten()
            .map(path_pointer)
            .collect();
        Self { named }
    }

    /// The key of the item at `pointer` (a JSON pointer's text).
    pub fn source(&self, pointer: &str) -> SourceKey {
        if self.is_named(pointer) {
            return SourceKey(pointer.to_string());
        }
        SourceKey::of(pointer)
    }

    /// `METHOD /path/{}`: an operation's identity across spec versions
    /// (`METHOD /path/{name}` for a path filed by its named form).
    pub fn operation(&self, http_method: &str, path: &str) -> String {
        if self.is_named(&path_pointer(path)) {
            return format!("{http_method} {path}");
        }
        operation_key(http_method, path)
    }

    fn is_named(&self, pointer: &str) -> bool {
        let Some(rest) = pointer.strip_prefix("#/paths/") else {
            return false;
        };
        let end = rest
            .find('/')
            .map_or(pointer.len(), |i| "#/paths/".len() + i);
        self.named.contains(&pointer[..end])
    }
}

fn path_pointer(path: &str) -> String {
    crate::pointer::JsonPointer::root()
        .push("paths")
        .push(path)
        .to_string()
}

/// The pointer of an inline parameter (`.../parameters/3`) by its
/// location and name instead (`.../parameters/query:order`), so
/// reordering parameters keeps the names of what is defined under them;
/// `None` for a parameter defined under `components` (filed under its key).
pub fn named_parameter_pointer(numbered: &str, location: &str, name: &str) -> Option<String> {
    let (parent, index) = numbered.rsplit_once('/')?;
    index
        .parse::<usize>()
        .is_ok()
        .then(|| format!("{parent}/{location}:{}", name.replace('/', "~1")))
}

/// `METHOD /path/{}`: an operation's identity across spec versions (path
/// variables unnamed, so renaming one is a change of the operation, not a
/// new one).
pub fn operation_key(http_method: &str, path: &str) -> String {
    let path = SourceKey::of(&format!("#/paths/{path}"));
    format!("{http_method} {}", &path.as_str()["#/paths/".len()..])
}

/// [`SourceKey::of`]'s rule: path variables unnamed.
fn source_key(pointer: &str) -> String {
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

/// The group prefixes among component keys. Cloudflare prefixes each
/// component with its API group (`iam_sso_connector`, `zones_messages`);
/// other specs use the same shape for words that belong to the name
/// (`deleted_bank_account`, `customer_balance_transaction`). The text before
/// a key's first `_` is a group prefix when
/// 1. at least two keys start with it,
/// 2. no key is the prefix alone (a schema `customer` makes `customer_` a
///    word of the name, not a group), and
/// 3. no key with it names, after the prefix, another component outside
///    the prefix (`deleted_bank_account` next to `bank_account` says
///    `deleted` qualifies a thing, it does not group it;
///    `access_access_seat` next to `access_seat` stays in group `access`).
///
/// The rule depends only on the set of keys, never on their order.
pub fn group_prefixes<'a>(keys: &BTreeSet<&'a str>) -> BTreeSet<&'a str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for key in keys {
        if let Some((prefix, _)) = split_prefix(key) {
            *counts.entry(prefix).or_default() += 1;
        }
    }
    let qualifiers: BTreeSet<&str> = keys
        .iter()
        .filter_map(|key| split_prefix(key))
        .filter(|(prefix, rest)| {
            keys.contains(rest) && split_prefix(rest).is_none_or(|(inner, _)| inner != *prefix)
        })
        .map(|(prefix, _)| prefix)
        .collect();
    counts
        .into_iter()
        .filter(|(prefix, count)| {
            *count >= 2 && !keys.contains(prefix) && !qualifiers.contains(prefix)
        })
        .map(|(prefix, _)| prefix)
        .collect()
}

/// A key without its group prefix, when it has one (see [`group_prefixes`]).
fn strip_group_prefix<'a>(key: &'a str, groups: &BTreeSet<&str>) -> &'a str {
    match split_prefix(key) {
        Some((prefix, rest)) if groups.contains(prefix) => rest,
        _ => key,
    }
}

/// Type names for component schemas. A group prefix (see
/// [`group_prefixes`]) is dropped when the remaining name is unique among
/// all components and no locked name holds it, and kept otherwise, so the
/// choice never depends on document order; any other key is named in
/// full. Only keys that still convert to the same name (`stream_liveInput`
/// and `stream_live_input`) get a numeric suffix, the last resort. A
/// component the lock knows keeps its locked name.
pub fn component_type_names<'a>(
    components: impl IntoIterator<Item = &'a str>,
    lock: &NameLock,
) -> BTreeMap<String, String> {
    let keys: BTreeSet<&str> = components.into_iter().collect();
    let groups = group_prefixes(&keys);
    let mut short_counts: BTreeMap<String, usize> = BTreeMap::new();
    for key in &keys {
        *short_counts
            .entry(own_type_name(type_name(strip_group_prefix(key, &groups))))
            .or_default() += 1;
    }
    let mut names = UniqueNames::default();
    for taken in lock.taken() {
        names.reserve(taken);
    }
    let mut assigned: BTreeMap<String, String> = BTreeMap::new();
    let mut handed = BTreeSet::new();
    for key in &keys {
        if let Some(locked) = lock.types.get(&SourceKey::component(key))
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
        let short = own_type_name(type_name(strip_group_prefix(key, &groups)));
        let preferred = if short_counts[&short] == 1 && !names.is_taken(&short) {
            short
        } else {
            own_type_name(type_name(key))
        };
        assigned.insert(key.to_string(), names.claim(&preferred));
    }
    assigned
}

/// For each component that [`component_type_names`] (or the lock) had to
/// give another name because a different component converts to the same
/// one (`stream_liveInput` and `stream_live_input`), the name it wanted:
/// its key in full. Keyed by component key; `names` is what
/// [`component_type_names`] returned.
pub fn component_name_collisions(names: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let keys: BTreeSet<&str> = names.keys().map(String::as_str).collect();
    let groups = group_prefixes(&keys);
    names
        .iter()
        .filter_map(|(key, assigned)| {
            let full = own_type_name(type_name(key));
            let short = own_type_name(type_name(strip_group_prefix(key, &groups)));
            (*assigned != full && *assigned != short).then(|| (key.clone(), full))
        })
        .collect()
}

/// A key's text before and after its first `_`, both non-empty.
fn split_prefix(key: &str) -> Option<(&str, &str)> {
    key.split_once('_')
        .filter(|(prefix, rest)| !prefix.is_empty() && !rest.is_empty())
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
        let base = preferred;
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
    fn paths_of_one_shape_keep_their_variable_names() {
        let keys = PathKeys::new([
            "/zones/{zone_id}/phases/{phase}/entrypoint",
            "/zones/{zone_id}/phases/{ruleset_phase}/entrypoint",
            "/zones/{zone_id}/rules/{rule_id}",
        ]);
        assert_eq!(
            keys.operation("GET", "/zones/{zone_id}/phases/{phase}/entrypoint"),
            "GET /zones/{zone_id}/phases/{phase}/entrypoint"
        );
        assert_eq!(
            keys.operation("GET", "/zones/{zone_id}/rules/{rule_id}"),
            "GET /zones/{}/rules/{}"
        );
        let under = |path: &str, rest: &str| {
            let pointer = format!("{}{rest}", path_pointer(path));
            keys.source(&pointer).to_string()
        };
        assert_eq!(
            under(
                "/zones/{zone_id}/phases/{ruleset_phase}/entrypoint",
                "/get/responses"
            ),
            "#/paths/~1zones~1{zone_id}~1phases~1{ruleset_phase}~1entrypoint/get/responses"
        );
        assert_eq!(
            under("/zones/{zone_id}/rules/{rule_id}", "/get"),
            "#/paths/~1zones~1{}~1rules~1{}/get"
        );
        assert_eq!(
            under("/zones/{zone_id}/phases/{phase}/entrypoint", ""),
            "#/paths/~1zones~1{zone_id}~1phases~1{phase}~1entrypoint"
        );
        assert_eq!(
            keys.source("#/components/schemas/a{b}").to_string(),
            "#/components/schemas/a{b}"
        );
    }

    #[test]
    fn requirements_are_named_from_their_schemes() {
        let group = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(requirement_name(&[]), "NONE");
        assert_eq!(
            requirement_name(&[group(&["api_email", "api_key"]), group(&["api_token"])]),
            "API_EMAIL_AND_API_KEY_OR_API_TOKEN"
        );
        assert_eq!(
            requirement_name(&[group(&["type"]), group(&[])]),
            "TYPE_OR_ANONYMOUS"
        );
    }

    #[test]
    fn escapes_keywords() {
        assert_eq!(field_name("type"), "type");
        assert!(needs_raw(&field_name("type")));
        assert_eq!(field_name("self"), "self_");
        assert!(!needs_raw(&field_name("self")));
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(field_name("match"), "match");
        assert!(!needs_raw("Type"));
        assert_eq!(scheme_variant("type"), "RType");
        assert_eq!(scheme_variant("api_token"), "ApiToken");
    }

    #[test]
    fn type_names_never_shadow_the_prelude() {
        assert_eq!(own_type_name(type_name("option")), "OptionModel");
        assert_eq!(own_type_name(type_name("Result")), "ResultModel");
        assert_eq!(own_type_name(type_name("none")), "NoneModel");
        assert_eq!(own_type_name(type_name("options")), "Options");
        assert_eq!(own_type_name(type_name("hash")), "Hash");
        // A part of a longer name stays as it is.
        assert_eq!(type_name("result"), "Result");
        assert_eq!(prelude_rename("option", "OptionModel"), Some("Option"));
        assert_eq!(prelude_rename("x_result", "ResultModel"), Some("Result"));
        assert_eq!(prelude_rename("OptionModel", "OptionModel"), None);
        assert_eq!(variant_name("None"), "None");
        let names = component_type_names(["option", "Result"], &NameLock::default());
        assert_eq!(names["option"], "OptionModel");
        assert_eq!(names["Result"], "ResultModel");
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
            [
                "iam_sso_connector",
                "iam_messages",
                "zones_messages",
                "zones_zone",
            ],
            &none,
        );
        assert_eq!(names["iam_sso_connector"], "SsoConnector");
        assert_eq!(names["iam_messages"], "IamMessages");
        assert_eq!(names["zones_messages"], "ZonesMessages");
        assert_eq!(names["zones_zone"], "Zone");
        let pair = component_type_names(["stream_liveInput", "stream_live_input"], &none);
        assert_eq!(pair["stream_liveInput"], "StreamLiveInput");
        assert_eq!(pair["stream_live_input"], "StreamLiveInput2");
        let collisions = component_name_collisions(&pair);
        assert_eq!(
            collisions.into_iter().collect::<Vec<_>>(),
            [(
                "stream_live_input".to_string(),
                "StreamLiveInput".to_string()
            )]
        );
    }

    #[test]
    fn group_prefixes_are_shared_and_not_words_of_the_name() {
        let keys: BTreeSet<&str> = [
            "iam_a",
            "iam_b",
            "access_access_seat",
            "access_seat",
            "lonely_one",
            "customer",
            "customer_balance_transaction",
            "customer_session",
            "balance_transaction",
            "balance_amount",
            "bank_account",
            "deleted_bank_account",
            "deleted_customer",
        ]
        .into_iter()
        .collect();
        // `lonely` has one key, `customer` is a schema of its own,
        // `deleted_bank_account` names another component (`bank_account`).
        assert_eq!(
            group_prefixes(&keys).into_iter().collect::<Vec<_>>(),
            ["access", "balance", "iam"]
        );
    }

    #[test]
    fn qualifying_words_stay_in_the_name() {
        let names = component_type_names(
            [
                "bank_account",
                "deleted_bank_account",
                "deleted_customer",
                "customer",
                "balance_transaction",
                "customer_balance_transaction",
                "customer_session",
            ],
            &NameLock::default(),
        );
        assert_eq!(names["bank_account"], "BankAccount");
        assert_eq!(names["deleted_bank_account"], "DeletedBankAccount");
        assert_eq!(names["deleted_customer"], "DeletedCustomer");
        assert_eq!(names["balance_transaction"], "BalanceTransaction");
        assert_eq!(
            names["customer_balance_transaction"],
            "CustomerBalanceTransaction"
        );
        assert_eq!(names["customer_session"], "CustomerSession");
        assert!(component_name_collisions(&names).is_empty());
    }

    #[test]
    fn locked_names_stay_with_their_incumbents() {
        let first =
            component_type_names(["iam_sso_connector", "iam_messages"], &NameLock::default());
        assert_eq!(first["iam_sso_connector"], "SsoConnector");
        let mut lock = NameLock::default();
        for (key, name) in &first {
            lock.types.insert(SourceKey::component(key), name.clone());
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
        let key = |pointer: &str| SourceKey::of(pointer).to_string();
        assert_eq!(
            key("#/paths/~1accounts~1{account_id}~1x/post/requestBody"),
            "#/paths/~1accounts~1{}~1x/post/requestBody"
        );
        assert_eq!(
            key("#/components/schemas/a{b}"),
            "#/components/schemas/a{b}"
        );
        assert_eq!(
            SourceKey::of("#/paths/~1a/get/requestBody/x").root(),
            "#/paths/~1a/get"
        );
        assert_eq!(SourceKey::component("k").root(), "#/components/schemas/k");
        assert_eq!(
            named_parameter_pointer("#/paths/~1a/get/parameters/3", "query", "a/b"),
            Some("#/paths/~1a/get/parameters/query:a~1b".to_string())
        );
        assert_eq!(
            named_parameter_pointer("#/components/parameters/p", "query", "p"),
            None
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
            "Tracing",
            "type",
            "User's Invites",
        ]);
        assert_eq!(modules["SSL TLS Mode"], "ssl_tls_mode");
        assert_eq!(modules["SSL/TLS Mode"], "ssl_tls_mode");
        assert_eq!(modules["Default"], "default_2");
        assert_eq!(modules["Tracing"], "tracing_2");
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
        assert_eq!(group_title(None, "/v1/charges/{id}"), "charges");
        assert_eq!(group_title(None, "/api/v2beta/customers"), "customers");
        assert_eq!(group_title(None, "/2023-10-16/invoices"), "invoices");
        assert_eq!(group_title(Some("Charges"), "/v1/x"), "Charges");
        assert_eq!(group_title(None, "/v1"), "v1");
        assert_eq!(group_title(None, "/v1/{id}"), "v1");
        assert_eq!(group_title(None, "/{version}/v1/nodes"), "nodes");
    }

    #[test]
    fn recognises_version_segments() {
        for version in [
            "v1",
            "V2",
            "v2beta",
            "v1alpha1",
            "v3rc2",
            "v1.2",
            "api",
            "API",
            "2023-10-16",
            "1",
            "1.0",
        ] {
            assert!(is_version_segment(version), "{version}");
        }
        for part in [
            "v",
            "values",
            "vbeta",
            "volumes",
            "customers",
            "apis",
            "v1x",
            "2023-1-16",
            "1.",
            "",
        ] {
            assert!(!is_version_segment(part), "{part}");
        }
    }

    #[test]
    fn derives_package_and_env_names() {
        assert_eq!(package_name("Cloudflare API"), "cloudflare-api");
        assert_eq!(env_prefix("Cloudflare API"), "CLOUDFLARE");
        assert_eq!(lib_name("openai-api"), "openai_api");
        assert_eq!(
            env_var("CLOUDFLARE", "api_token", None),
            "CLOUDFLARE_API_TOKEN"
        );
    }

    #[test]
    fn setters_are_named_after_their_members() {
        let setters =
            |members: &[&str]| -> Vec<Option<String>> { setter_names(members.iter().copied()) };
        let some = |names: &[&str]| -> Vec<Option<String>> {
            names.iter().map(|n| Some(n.to_string())).collect()
        };
        assert_eq!(
            setters(&["temperature", "type", "self_"]),
            some(&["temperature", "type", "self_"])
        );
        assert_eq!(
            setters(&["new", "default", "clone", "into", "add", "next"]),
            some(&[
                "with_new",
                "with_default",
                "with_clone",
                "with_into",
                "with_add",
                "with_next"
            ])
        );
        // Prefixes Clippy reads as conventions are members' own names here.
        assert_eq!(
            setters(&["is_active", "to_email"]),
            some(&["is_active", "to_email"])
        );
        // `with_new` is the member's own: `new` gets no setter, whatever the order.
        assert_eq!(
            setters(&["new", "with_new"]),
            vec![None, Some("with_new".to_string())]
        );
        assert_eq!(
            setters(&["with_new", "new"]),
            vec![Some("with_new".to_string()), None]
        );
    }

    #[test]
    fn title_names_keep_brand_words_whole() {
        let names = |title| (package_name(title), env_prefix(title));
        let cases = [
            ("Cloudflare API", "cloudflare-api", "CLOUDFLARE"),
            ("OpenAI API", "openai-api", "OPENAI"),
            ("GitHub v3 REST API", "github-v3-rest-api", "GITHUB_V3_REST"),
            ("Twilio - Api", "twilio-api", "TWILIO"),
            ("Stripe API", "stripe-api", "STRIPE"),
            ("Box Platform API", "box-platform-api", "BOX_PLATFORM"),
            ("PagerDuty API", "pagerduty-api", "PAGERDUTY"),
            // Only a last word `API` is left out of the prefix.
            ("API Gateway", "api-gateway", "API_GATEWAY"),
            (
                "OpenAPI 31 Fixture",
                "openapi-31-fixture",
                "OPENAPI_31_FIXTURE",
            ),
            (
                "Let's Encrypt (ACME) API",
                "lets-encrypt-acme-api",
                "LETS_ENCRYPT_ACME",
            ),
            ("snake_case_api", "snake-case-api", "SNAKE_CASE"),
            ("PetStoreApi", "petstoreapi", "PETSTOREAPI"),
            ("3D Printing API", "api-3d-printing-api", "API_3D_PRINTING"),
            ("Café API", "caf-api", "CAF"),
            ("API", "api", "API"),
            ("", "api", "API"),
        ];
        for (title, package, prefix) in cases {
            assert_eq!(
                names(title),
                (package.to_string(), prefix.to_string()),
                "{title:?}"
            );
        }
    }

    #[test]
    fn env_vars_follow_the_documented_rule() {
        let var = |key| env_var("CLOUDFLARE", key, None);
        assert_eq!(var("api_token"), "CLOUDFLARE_API_TOKEN");
        assert_eq!(var("api_key"), "CLOUDFLARE_API_KEY");
        assert_eq!(var("api_email"), "CLOUDFLARE_EMAIL");
        assert_eq!(var("user_service_key"), "CLOUDFLARE_API_USER_SERVICE_KEY");
        assert_eq!(var("bearerAuth"), "CLOUDFLARE_API_BEARER");
        assert_eq!(env_var("OPENAI", "ApiKeyAuth", None), "OPENAI_API_KEY");
        assert_eq!(var("auth"), "CLOUDFLARE_API_AUTH");
        assert_eq!(var("api"), "CLOUDFLARE_API_API");
        assert_eq!(var("admin_email"), "CLOUDFLARE_ADMIN_EMAIL");
        assert_eq!(
            env_var("CLOUDFLARE", "api_token", Some("CF_TOKEN")),
            "CF_TOKEN"
        );
    }
}
