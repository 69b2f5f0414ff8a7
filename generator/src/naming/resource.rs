//! Resource-style names: where an operation sits on the client, read from
//! its path rather than its operationId. `PATCH
//! /accounts/{account_id}/sso_connectors/{sso_connector_id}` is
//! `client.account(id).sso_connectors().edit(sso_connector_id, ..)`: a
//! scope that binds its path variable (`account`), a chain of resources
//! (`sso_connectors`) and a method named by the verb and the path's shape.
//!
//! The rule, over all operations at once (some parts look at siblings):
//!
//! - **Scope**: a first segment that is a plural literal followed by a
//!   text variable (`/accounts/{id}`, `/zones/{id}`, `/orgs/{org}`) under
//!   which at least [`SCOPE_CHILDREN`] different resources live. Its
//!   accessor is the literal made singular (`account`).
//! - **Chain**: the literal segments after the scope, each a snake-case
//!   name; version segments (`v1`, `api`) are dropped, and so is a
//!   segment repeating the one before it (`/addressing/prefixes/...`).
//! - **Method**: from the verb and the shape: a path ending in a variable
//!   is an item (`GET` → `get`); one ending in a literal is a collection
//!   (`GET` → `list` when the result is a list, or there are items under
//!   it, else `get`); `POST` → `create`, `PUT` → `update`, `PATCH` →
//!   `edit`, `DELETE` → `delete`; `PUT`/`PATCH`/`DELETE` on a collection
//!   whose items answer the same verb → `bulk_update`, `bulk_edit`,
//!   `bulk_delete`. The
//!   last literal is the method itself when it is a known verb (`rotate`,
//!   `verify`...) on a path with one operation, a `POST`-only leaf that is
//!   not a plural (an action: `/queues/{id}/messages/ack` →
//!   `messages.ack`, but `/zt/members` → `zt.members.create`), or a `GET`-only
//!   leaf beside another (a view: `/radar/http/summary/bot_class` →
//!   `radar.http.summary.bot_class`).
//! - **Clashes**: operations given the same name are kept apart, the one
//!   with the fewest path variables keeping it: a dropped version segment
//!   goes back into the others' chain, else their method says which
//!   variable tells them apart (`get_for_policy`), else a number; each is
//!   reported by the caller.
//!
//! Names are plain (`type`, never `r#type`), like every name decided here.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

/// How a crate names its operations' methods.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NamingStyle {
    /// One method per operation on `Client`, named from its operationId
    /// (`update_sso_connector_state`): every crate generated before
    /// resource names existed, and what a record without `naming` means.
    #[default]
    Operation,
    /// Methods on resource handles named from the path
    /// (`client.account(id).sso_connectors().edit(..)`): new crates.
    Resource,
}

impl NamingStyle {
    pub(crate) fn is_operation(&self) -> bool {
        *self == Self::Operation
    }
}

/// How many different resources a prefix must hold to be a scope.
pub const SCOPE_CHILDREN: usize = 3;

/// How many `GET`-only leaves one path must have for each to be a view
/// named by its segment (`radar.http.summary.bot_class`). Measured on
/// Cloudflare against its SDK: two agree more often than three (88.0 %
/// against 86.6 % of method names).
const VIEW_SIBLINGS: usize = 2;

/// Verbs that, as a path's last literal, name the operation itself.
const VERBS: &[&str] = &[
    "activate",
    "approve",
    "attach",
    "cancel",
    "check",
    "clone",
    "copy",
    "deactivate",
    "deploy",
    "detach",
    "disable",
    "download",
    "enable",
    "export",
    "import",
    "move",
    "preview",
    "promote",
    "purge",
    "query",
    "reauthenticate",
    "refresh",
    "regenerate",
    "reject",
    "renew",
    "reprioritize",
    "resend",
    "reset",
    "restore",
    "retry",
    "revoke",
    "rollback",
    "rotate",
    "scan",
    "search",
    "start",
    "stop",
    "submit",
    "sync",
    "test",
    "trace",
    "upload",
    "validate",
    "verify",
];

/// One segment of a path, as the rule sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteSegment<'a> {
    Literal(&'a str),
    /// A segment holding a path variable (`{id}`, `{name}.json`), with the
    /// variable's Rust name (the first, if there are several).
    Variable(&'a str),
}

/// An operation as the resource rule sees it.
#[derive(Clone, Debug)]
pub struct Route<'a> {
    /// `GET`, `POST`...
    pub http_method: &'a str,
    /// The path template as written: operations of one path item share it.
    pub path: &'a str,
    pub segments: Vec<RouteSegment<'a>>,
    /// The success result is a list (or the operation is paginated).
    pub returns_list: bool,
    /// The first path variable is text, so a scope handle can hold it.
    pub text_first_variable: bool,
}

/// Where an operation sits on a resource-style client.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResourceName {
    /// The scope accessor binding the path's first variable (`account`).
    pub scope: Option<String>,
    /// Resource accessors after the scope, outermost first.
    pub chain: Vec<String>,
    pub method: String,
}

impl ResourceName {
    /// `gateway.app_types.list`: the chain and the method, as users read
    /// it after the scope (and as official SDKs spell their names).
    pub fn dotted(&self) -> String {
        let mut parts: Vec<&str> = self.chain.iter().map(String::as_str).collect();
        parts.push(&self.method);
        parts.join(".")
    }

    /// How `api.lock` writes it: `account(..).gateway.app_types.list`, or
    /// without a scope the dotted name.
    pub fn record_text(&self) -> String {
        match &self.scope {
            Some(scope) => format!("{scope}(..).{}", self.dotted()),
            None => self.dotted(),
        }
    }

    /// Reads [`ResourceName::record_text`] back; `None` for anything else.
    pub fn parse_record_text(text: &str) -> Option<Self> {
        let (scope, rest) = match text.split_once("(..).") {
            Some((scope, rest)) => (Some(scope.to_string()), rest),
            None => (None, text),
        };
        let mut parts: Vec<String> = rest.split('.').map(str::to_string).collect();
        let method = parts.pop().filter(|m| !m.is_empty())?;
        if parts.iter().any(String::is_empty) || scope.as_deref() == Some("") {
            return None;
        }
        Some(Self {
            scope,
            chain: parts,
            method,
        })
    }

    /// How a user's code reaches it: `client.account(account_id).gateway().app_types().list(..)`.
    pub fn call_text(&self, scope_argument: &str) -> String {
        let mut text = String::from("client");
        if let Some(scope) = &self.scope {
            text.push_str(&format!(".{scope}({scope_argument})"));
        }
        for part in &self.chain {
            text.push_str(&format!(".{part}()"));
        }
        text.push_str(&format!(".{}(..)", self.method));
        text
    }
}

/// The type names of resource handles, by scope and chain: the scope and
/// chain in `UpperCamelCase` (`AccountGatewayAppTypes`; the scope alone,
/// `Account`), numbered when two spell the same (`ab_c` and `ab.c`), in
/// sorted order so the numbers never depend on the spec's order.
pub fn handle_type_names(
    nodes: &BTreeSet<(Option<String>, Vec<String>)>,
) -> BTreeMap<(Option<String>, Vec<String>), String> {
    let mut unique = super::UniqueNames::default();
    nodes
        .iter()
        .map(|(scope, chain)| {
            let words: Vec<&str> = scope
                .iter()
                .map(String::as_str)
                .chain(chain.iter().map(String::as_str))
                .collect();
            let name = super::type_name(&words.join("_").to_upper_camel_case());
            ((scope.clone(), chain.clone()), unique.claim(&name))
        })
        .collect()
}

/// An accessor on `Client` that would take one of the client's own method
/// names (`builder`, `timeout`...) gets `_resources` (a scope `_scope`).
pub fn clear_of_client_methods(name: &mut ResourceName, client_methods: &[&str]) {
    if let Some(scope) = &mut name.scope {
        if client_methods.contains(&scope.as_str()) {
            scope.push_str("_scope");
        }
    } else if let Some(first) = name.chain.first_mut() {
        if client_methods.contains(&first.as_str()) {
            first.push_str("_resources");
        }
    } else if client_methods.contains(&name.method.as_str()) {
        name.method.push_str("_operation");
    }
}

/// The argument of a scope's accessor: `account` takes `account_id`.
pub fn scope_argument(scope: &str) -> String {
    format!("{scope}_id")
}

/// A literal path segment as an accessor or method name.
fn segment_name(literal: &str) -> String {
    super::method_name(literal)
}

/// `accounts` → `account`, `policies` → `policy`, `addresses` →
/// `address`; `None` for a word that is not plural, which is no scope.
fn singular(plural: &str) -> Option<String> {
    let word = segment_name(plural);
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    for ending in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(ending) {
            return Some(word[..word.len() - 2].to_string());
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => Some(stem.to_string()),
        _ => None,
    }
}

/// The prefixes that are scopes, with their accessor names: the first
/// literal of `/literal/{variable}/...` paths holding at least
/// [`SCOPE_CHILDREN`] different next literals, or declared by the user;
/// its variable must be text in most of its operations, and its literal plural (`account` is the
/// accessor of `accounts`; a declared one that is not gets `_item`).
fn scopes(routes: &[Route], declared: &[String]) -> BTreeMap<String, String> {
    let mut children: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    // Operations under each prefix whose variable is text, and all of them.
    let mut textual: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for route in routes {
        if let [
            RouteSegment::Literal(first),
            RouteSegment::Variable(_),
            RouteSegment::Literal(child),
            ..,
        ] = route.segments.as_slice()
        {
            children.entry(first).or_default().insert(child);
        }
        if let [RouteSegment::Literal(first), RouteSegment::Variable(_), ..] =
            route.segments.as_slice()
        {
            let (text, all) = textual.entry(first).or_default();
            *text += usize::from(route.text_first_variable);
            *all += 1;
        }
    }
    // A spec may type the same identifier as a number here and there
    // (Cloudflare's `account_id` in a few operations): the scope holds text
    // when most operations say so.
    let untextual: BTreeSet<&str> = textual
        .into_iter()
        .filter(|(_, (text, all))| text * 2 <= *all)
        .map(|(first, _)| first)
        .collect();
    let mut found: BTreeMap<String, String> = children
        .into_iter()
        .filter(|(first, kids)| kids.len() >= SCOPE_CHILDREN && !untextual.contains(first))
        .filter_map(|(first, _)| Some((first.to_string(), singular(first)?)))
        .collect();
    for first in declared {
        if !untextual.contains(first.as_str()) && !found.contains_key(first) {
            let accessor =
                singular(first).unwrap_or_else(|| format!("{}_item", segment_name(first)));
            found.insert(first.clone(), accessor);
        }
    }
    found
}

/// What the rule knows of every path of the spec.
struct Paths<'a> {
    /// HTTP methods by path.
    methods: BTreeMap<&'a str, BTreeSet<&'a str>>,
    /// Every path, as segments with variables unnamed.
    shapes: BTreeSet<Vec<Option<&'a str>>>,
    /// HTTP methods by path shape.
    by_shape: BTreeMap<Vec<Option<&'a str>>, BTreeSet<&'a str>>,
}

impl<'a> Paths<'a> {
    fn new(routes: &[Route<'a>]) -> Self {
        let mut methods: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let mut shapes = BTreeSet::new();
        let mut by_shape: BTreeMap<_, BTreeSet<&str>> = BTreeMap::new();
        for route in routes {
            methods
                .entry(route.path)
                .or_default()
                .insert(route.http_method);
            shapes.insert(shape(&route.segments));
            by_shape
                .entry(shape(&route.segments))
                .or_default()
                .insert(route.http_method);
        }
        Self {
            methods,
            shapes,
            by_shape,
        }
    }

    /// Whether some path continues this one (`/a/b` under `/a`).
    fn has_children(&self, segments: &[RouteSegment]) -> bool {
        let prefix = shape(segments);
        self.shapes
            .range(prefix.clone()..)
            .nth(1)
            .is_some_and(|next| next.len() > prefix.len() && next.starts_with(&prefix))
    }

    /// Whether `/path/{variable}` exists: a collection with items.
    fn has_items(&self, segments: &[RouteSegment]) -> bool {
        let mut item = shape(segments);
        item.push(None);
        self.shapes.contains(&item)
    }

    /// Whether an item of this collection answers `method` too: the
    /// collection's own is then the bulk one.
    fn items_answer(&self, segments: &[RouteSegment], method: &str) -> bool {
        let mut item = shape(segments);
        item.push(None);
        self.by_shape
            .get(&item)
            .is_some_and(|methods| methods.contains(method))
    }

    /// A `GET`-only path nothing continues.
    fn is_view(&self, route_path: &str, segments: &[RouteSegment]) -> bool {
        self.methods
            .get(route_path)
            .is_some_and(|m| m.len() == 1 && m.contains("GET"))
            && !self.has_children(segments)
    }
}

fn shape<'a>(segments: &[RouteSegment<'a>]) -> Vec<Option<&'a str>> {
    segments
        .iter()
        .map(|segment| match segment {
            RouteSegment::Literal(text) => Some(*text),
            RouteSegment::Variable(_) => None,
        })
        .collect()
}

/// Each route's name by the rule, in order, clashes left in (see
/// [`separate`]).
pub fn derive(routes: &[Route], declared_scopes: &[String]) -> Vec<ResourceName> {
    let scopes = scopes(routes, declared_scopes);
    let paths = Paths::new(routes);
    // GET-only leaves by their parent path, to find views with siblings.
    let mut views: BTreeMap<Vec<Option<&str>>, usize> = BTreeMap::new();
    for route in routes {
        if let Some(RouteSegment::Literal(_)) = route.segments.last()
            && paths.is_view(route.path, &route.segments)
        {
            let parent = shape(&route.segments[..route.segments.len() - 1]);
            *views.entry(parent).or_default() += 1;
        }
    }
    routes
        .iter()
        .map(|route| derive_one(route, &scopes, &paths, &views))
        .collect()
}

fn derive_one(
    route: &Route,
    scopes: &BTreeMap<String, String>,
    paths: &Paths,
    views: &BTreeMap<Vec<Option<&str>>, usize>,
) -> ResourceName {
    let segments = &route.segments;
    let (scope, rest) = match segments.as_slice() {
        [
            RouteSegment::Literal(first),
            RouteSegment::Variable(_),
            rest @ ..,
        ] if scopes.contains_key(*first) => (scopes.get(*first).cloned(), rest),
        _ => (None, segments.as_slice()),
    };
    let mut chain: Vec<String> = Vec::new();
    for segment in rest {
        if let RouteSegment::Literal(text) = segment {
            if super::is_version_segment(text) {
                continue;
            }
            let name = segment_name(text);
            if chain.last() != Some(&name) {
                chain.push(name);
            }
        }
    }
    let item = matches!(segments.last(), Some(RouteSegment::Variable(_)));
    let one_method = paths.methods.get(route.path).is_some_and(|m| m.len() == 1);
    let leaf = !item && !paths.has_children(segments) && chain.len() > 1;
    let method = route.http_method;
    let last = chain.last().cloned().unwrap_or_default();
    let action = leaf
        && one_method
        && (VERBS.contains(&last.as_str())
            // A plural leaf is a collection, whatever it answers.
            || (method == "POST" && singular(&last).is_none())
            || (method == "GET"
                && paths.is_view(route.path, segments)
                && views
                    .get(&shape(&segments[..segments.len() - 1]))
                    .is_some_and(|n| *n >= VIEW_SIBLINGS)));
    let method_name = if action {
        // `/requests/new` is how some APIs spell create (and `new` is what
        // a constructor is called).
        Some(chain.pop().unwrap_or_default())
            .filter(|name| name != "new")
            .unwrap_or_else(|| "create".to_string())
    } else {
        let collection = !item && paths.has_items(segments);
        let bulk = collection && paths.items_answer(segments, method);
        match method {
            "GET" if item => "get".to_string(),
            "GET" if route.returns_list || collection => "list".to_string(),
            "GET" => "get".to_string(),
            "POST" => "create".to_string(),
            "PUT" if bulk => "bulk_update".to_string(),
            "PUT" => "update".to_string(),
            "PATCH" if bulk => "bulk_edit".to_string(),
            "PATCH" => "edit".to_string(),
            "DELETE" if bulk => "bulk_delete".to_string(),
            "DELETE" => "delete".to_string(),
            other => segment_name(&other.to_ascii_lowercase()),
        }
    };
    ResourceName {
        scope,
        chain,
        method: method_name,
    }
}

/// A name changed to keep two operations apart, by index into the routes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Separated {
    pub index: usize,
    /// The name both would have had.
    pub clashed: ResourceName,
    /// The index of the operation keeping it.
    pub kept_by: usize,
}

/// Keeps every name unique: in each group of equal names, the operation
/// with a locked name (`fixed`), else the fewest path variables, else the
/// first in document order keeps it; each other one gets its dropped
/// version segment back in its chain, else a method saying which variable
/// sets it apart (`get_for_policy`), else a number. Handle accessors and
/// methods of one handle are kept apart too (a method never shadows a
/// resource under the same handle: the method gets `_` and a number).
pub fn separate(routes: &[Route], names: &mut [ResourceName], fixed: &[bool]) -> Vec<Separated> {
    let mut separated = Vec::new();
    let mut by_name: BTreeMap<ResourceName, Vec<usize>> = BTreeMap::new();
    for (index, name) in names.iter().enumerate() {
        by_name.entry(name.clone()).or_default().push(index);
    }
    let mut taken: BTreeSet<ResourceName> = names.iter().cloned().collect();
    for (name, mut indices) in by_name {
        if indices.len() < 2 {
            continue;
        }
        let variables = |index: usize| {
            routes[index]
                .segments
                .iter()
                .filter(|s| matches!(s, RouteSegment::Variable(_)))
                .count()
        };
        indices.sort_by_key(|&index| (!fixed[index], variables(index), index));
        let keeper = indices[0];
        for &index in &indices[1..] {
            let renamed = alternative(&routes[index], &routes[keeper], &name, &taken);
            taken.insert(renamed.clone());
            names[index] = renamed;
            separated.push(Separated {
                index,
                clashed: name.clone(),
                kept_by: keeper,
            });
        }
    }
    separate_methods_from_handles(names, &mut separated);
    separated.sort_by_key(|s| s.index);
    separated
}

/// A free name for `route`, whose rule name `name` is kept by `keeper`.
fn alternative(
    route: &Route,
    keeper: &Route,
    name: &ResourceName,
    taken: &BTreeSet<ResourceName>,
) -> ResourceName {
    let versions = |route: &Route| -> Vec<String> {
        route
            .segments
            .iter()
            .filter_map(|s| match s {
                RouteSegment::Literal(text) if super::is_version_segment(text) => {
                    Some(segment_name(text))
                }
                _ => None,
            })
            .collect()
    };
    let own = versions(route);
    if let Some(version) = own.iter().find(|v| !versions(keeper).contains(v)) {
        let mut chain = name.chain.clone();
        let at = literals_before(route, version, name.scope.is_some()).min(chain.len());
        chain.insert(at, version.clone());
        let candidate = ResourceName {
            chain,
            ..name.clone()
        };
        if !taken.contains(&candidate) {
            return candidate;
        }
    }
    let keeper_variables: BTreeSet<&str> = variables(keeper).collect();
    if let Some(variable) = variables(route)
        .filter(|v| !keeper_variables.contains(v))
        .last()
    {
        let subject = variable
            .strip_suffix("_identifier")
            .or_else(|| variable.strip_suffix("_id"))
            .filter(|s| !s.is_empty())
            .unwrap_or(variable);
        let candidate = ResourceName {
            method: format!("{}_for_{subject}", name.method),
            ..name.clone()
        };
        if !taken.contains(&candidate) {
            return candidate;
        }
    }
    (2..)
        .map(|n| ResourceName {
            method: format!("{}_{n}", name.method),
            ..name.clone()
        })
        .find(|candidate| !taken.contains(candidate))
        .expect("an unbounded range always yields a free name")
}

/// How many chain names come before the version segment `version` in
/// `route`'s path (the scope's segments are not in the chain).
fn literals_before(route: &Route, version: &str, scoped: bool) -> usize {
    let mut names: Vec<String> = Vec::new();
    for segment in &route.segments {
        if let RouteSegment::Literal(text) = segment {
            let name = segment_name(text);
            if name == version {
                break;
            }
            if !super::is_version_segment(text) && names.last() != Some(&name) {
                names.push(name);
            }
        }
    }
    // The scope's literal (`accounts`) is not part of the chain.
    names
        .len()
        .saturating_sub(usize::from(scoped && !names.is_empty()))
}

fn variables<'a>(route: &'a Route) -> impl Iterator<Item = &'a str> {
    route.segments.iter().filter_map(|s| match s {
        RouteSegment::Variable(name) => Some(*name),
        RouteSegment::Literal(_) => None,
    })
}

/// A method named like a resource accessor of the same handle
/// (`metadata_index.list` the method beside `metadata_index.list.x`)
/// gets a number: the accessor is the path to more operations.
fn separate_methods_from_handles(names: &mut [ResourceName], separated: &mut Vec<Separated>) {
    let handles: BTreeSet<(Option<String>, Vec<String>)> = names
        .iter()
        .flat_map(|name| {
            (1..=name.chain.len()).map(|n| (name.scope.clone(), name.chain[..n].to_vec()))
        })
        .collect();
    let mut taken: BTreeSet<ResourceName> = names.iter().cloned().collect();
    for (index, name) in names.iter_mut().enumerate() {
        let mut as_handle = name.chain.clone();
        as_handle.push(name.method.clone());
        if !handles.contains(&(name.scope.clone(), as_handle)) {
            continue;
        }
        let clashed = name.clone();
        let renamed = (2..)
            .map(|n| ResourceName {
                method: format!("{}_{n}", clashed.method),
                ..clashed.clone()
            })
            .find(|candidate| !taken.contains(candidate))
            .expect("an unbounded range always yields a free name");
        taken.insert(renamed.clone());
        *name = renamed;
        separated.push(Separated {
            index,
            clashed,
            kept_by: index,
        });
    }
}

/// The user's renames, kept beside the spec and applied on every
/// regeneration. A key equal to a whole name (chain and method,
/// `ips.get`) renames it, the value's last part the method (`ips.list`);
/// otherwise a key that starts a chain (`access`) is replaced by its value
/// there (`zero_trust.access`), the longest such key winning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renames {
    rules: Vec<(Vec<String>, Vec<String>)>,
}

impl Renames {
    /// From `(from, to)` pairs of dotted names; an empty or malformed
    /// side is an error naming the entry.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, String> {
        let split = |text: &str| -> Option<Vec<String>> {
            let parts: Vec<String> = text.trim().split('.').map(str::to_string).collect();
            parts
                .iter()
                .all(|part| !part.is_empty() && *part == segment_name(part))
                .then_some(parts)
        };
        let mut rules = Vec::new();
        for (from, to) in pairs {
            match (split(from), split(to)) {
                (Some(from_chain), Some(to_chain)) => rules.push((from_chain, to_chain)),
                _ => {
                    return Err(format!(
                        "`{from}: {to}`: both sides must be dotted snake_case names \
                         (`access: zero_trust.access`)"
                    ));
                }
            }
        }
        // Longest first, so the most specific rule wins.
        rules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Ok(Self { rules })
    }

    /// `name` with the rule for its whole name, else the first one
    /// matching the start of its chain, applied.
    pub fn apply(&self, name: &ResourceName) -> ResourceName {
        let mut whole = name.chain.clone();
        whole.push(name.method.clone());
        if let Some((_, to)) = self.rules.iter().find(|(from, _)| *from == whole) {
            let (method, chain) = to.split_last().expect("a rule's sides are never empty");
            return ResourceName {
                scope: name.scope.clone(),
                chain: chain.to_vec(),
                method: method.clone(),
            };
        }
        for (from, to) in &self.rules {
            if name.chain.starts_with(from) {
                let mut chain = to.clone();
                chain.extend(name.chain[from.len()..].iter().cloned());
                return ResourceName {
                    chain,
                    ..name.clone()
                };
            }
        }
        name.clone()
    }
}

#[cfg(test)]
mod tests;
