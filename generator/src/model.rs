//! The plain-data model between lowering and emission.
//!
//! Lowering fills it with every Rust name already decided and every `$ref`
//! and `allOf` already resolved; emission only reads it and never sees an
//! `openapiv3` type. Each item keeps the JSON pointer it came from.

use crate::naming::resource::{NamingStyle, ResourceName};
use crate::naming::{self, SourceKey};
use crate::pointer::JsonPointer;

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub package: Package,
    /// The first server URL of the spec: the client's default base URL.
    pub base_url: String,
    pub auth: Auth,
    /// Named types, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// API groups (one module and one cargo feature each), sorted by module:
    /// with a selection of groups, only the selected ones.
    pub groups: Vec<Group>,
    /// With a selection of groups: how many groups the spec has (the
    /// operations, types and `groups` are those of the selection only).
    /// `None` when every group is generated.
    pub groups_in_spec: Option<usize>,
    /// How many structurally identical types were merged into others.
    pub merged_types: usize,
    /// Some operation of the spec (selected or not) declares an
    /// `Idempotency-Key` header parameter: clients add a key to `POST` and
    /// `PATCH` requests by default.
    pub idempotency_keys: bool,
    /// How methods are named: operationIds on `Client`, or resource
    /// handles (then every operation has a `resource`).
    pub style: NamingStyle,
    /// With resource names: the handles the operations hang from, sorted
    /// by scope and chain (the client itself is none of them).
    pub handles: Vec<ResourceHandle>,
}

/// A resource handle: a scope (`client.account(id)`) or a resource under
/// one or under the client (`.gateway().app_types()`), with its type name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceHandle {
    pub scope: Option<String>,
    pub chain: Vec<String>,
    /// `AccountGatewayAppTypes`.
    pub type_name: String,
}

/// `#[deprecated] pub type Old = New;`: a type whose schema was renamed or
/// moved without changing shape stays reachable under its old name. Decided
/// by `regeneration` from the crate's earlier record, not by lowering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeprecatedAlias {
    pub name: String,
    pub target: String,
    pub note: String,
    /// Cargo features of the groups the target is compiled with; empty
    /// when it always is.
    pub features: Vec<String>,
}

/// A `#[deprecated]` method of the client under an operation's old method
/// name, forwarding to its new one (emitted next to it, in its group).
/// Decided by `regeneration` from the crate's earlier record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeprecatedMethod {
    /// The old method name.
    pub name: String,
    /// The operation's method name now.
    pub target: String,
    pub note: String,
}

/// A set of operations sharing their first tag (or, untagged, their first
/// path segment): one module and one cargo feature in the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Module under `groups::` (`sso`).
    pub module: String,
    /// Cargo feature enabling the module (`sso`).
    pub feature: String,
    /// The tag or path segment the group was made from.
    pub title: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Package {
    /// Cargo package name (`cloudflare-api`).
    pub name: String,
    /// Library name as used in `use` paths (`cloudflare_api`).
    pub lib_name: String,
    pub title: String,
    pub description: Option<String>,
    /// The version of the API described by the spec (`info.version`).
    pub api_version: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Auth {
    /// Prefix of environment variables (`CLOUDFLARE` → `CLOUDFLARE_BASE_URL`).
    pub env_prefix: String,
    /// Security schemes in document order.
    pub schemes: Vec<SecurityScheme>,
    /// The distinct security requirements of the operations, by name:
    /// each is written once as a constant the methods refer to.
    pub requirements: Vec<Requirement>,
}

/// One operation's security requirement (`Operation::security`), named.
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    /// The constant's name (`API_EMAIL_AND_API_KEY_OR_API_TOKEN`).
    pub name: String,
    /// OR of AND-groups of scheme `rust_name`s, as on the operations.
    pub groups: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SecurityScheme {
    /// The key under `components.securitySchemes`.
    pub key: String,
    /// Rust field/method name for this credential (`api_token`).
    pub rust_name: String,
    /// Rust enum variant naming the scheme (`ApiToken`).
    pub variant: String,
    pub kind: SecurityKind,
    /// Environment variable read by `Client::from_env`.
    pub env_var: String,
    pub doc: Option<String>,
    pub pointer: JsonPointer,
    /// Not in the spec: the optional bearer token a spec declaring no
    /// scheme is given (`lower::security::implied_token`). Every operation
    /// sends it when set and nothing otherwise.
    pub implied: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecurityKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <credentials>`: the setter takes a user and a
    /// password and encodes them (`runtime/security.rs`).
    Basic,
    /// A key sent in a header, query parameter or cookie with this name.
    ApiKey {
        location: ApiKeyLocation,
        name: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

impl Model {
    /// With a selection of groups, the selected ones' cargo features,
    /// sorted; empty when every group is generated.
    pub fn selected_features(&self) -> Vec<String> {
        if self.groups_in_spec.is_none() {
            return Vec::new();
        }
        let mut features: Vec<String> = self.groups.iter().map(|g| g.feature.clone()).collect();
        features.sort();
        features
    }

    /// The definition a type name stands for, through aliases.
    pub fn definition(&self, name: &str) -> Option<&TypeDef> {
        let mut current = self.types.iter().find(|t| t.name == name)?;
        // Aliases point at definitions that are not aliases themselves, but
        // a bound keeps a malformed model from looping.
        for _ in 0..self.types.len() {
            match &current.kind {
                TypeKind::Alias(TypeRef::Named { name, .. }) => {
                    current = self.types.iter().find(|t| &t.name == name)?;
                }
                _ => return Some(current),
            }
        }
        None
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    pub pointer: JsonPointer,
    /// What the name is filed under in the crate's record: the pointer with
    /// path variables unnamed and inline parameters named rather than
    /// numbered, so it survives reordering (see `naming::NameLock`).
    pub source: naming::SourceKey,
    pub kind: TypeKind,
    pub usage: Usage,
    /// A received struct's field keeping the members the spec does not
    /// declare (`extra`), so writing a value back loses nothing; `None`
    /// for other types and for structs only sent.
    pub unknown_members: Option<String>,
}

/// Where a type is reachable from, filled in after all operations are
/// lowered: it decides the derives and the module a type lives in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Reachable from a request body or parameter: needs `Serialize`.
    pub request: bool,
    /// Reachable from a response: needs `Deserialize`.
    pub response: bool,
    /// Modules of the groups whose operations reach the type, sorted. One
    /// group: the type lives in that group's module; several: in `models`.
    pub groups: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    Struct(Vec<Field>),
    /// A string enum; unknown wire values are kept, not rejected.
    Enum(Vec<EnumVariant>),
    /// A string with length limits, checked on construction and decoding.
    ConstrainedString(StringConstraints),
    /// `oneOf`/`anyOf`: which variant a received value is decided as
    /// the spec says (see [`Selection`]).
    Union(Union),
    /// Another name for a structurally identical type (always
    /// `TypeRef::Named`), kept so every operation's types keep the names the
    /// spec gives them.
    Alias(TypeRef),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    /// Absent or `null` allowed: emitted as `Option<_>`.
    pub optional: bool,
    /// Not required and `nullable`: absent, `null` and a value are three
    /// different things to send, so a sent type says which (`Nullable<_>`);
    /// a type only received keeps `Option<_>`.
    pub three_state: bool,
    /// `readOnly`: the server sets it, so a type that is also sent makes it
    /// optional (see `lower::usage`).
    pub read_only: bool,
    pub doc: Option<String>,
    pub pointer: JsonPointer,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumVariant {
    pub name: String,
    pub wire_value: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringConstraints {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// How a received value is matched to a variant, decided once here so
    /// decoding never guesses.
    pub selection: Selection,
    /// The variant (`Unknown(serde_json::Value)`) that keeps, unchanged, an
    /// input no variant recognises; `None` when a variant already takes
    /// any JSON.
    pub unknown: Option<String>,
}

/// How a union's variant is chosen when a value is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// The spec's `discriminator`: the string at `property` names the
    /// variant (each variant's [`UnionVariant::tags`]).
    Discriminator { property: String },
    /// No discriminator, but every variant pins `property` to values of
    /// its own (a one-value enum such as a DNS record's `type`): read the
    /// same way.
    Tag { property: String },
    /// Each variant tried ([`UnionVariant::fit`]); of those that fit, the
    /// one that accounts for most of the input's members wins, the first
    /// declared on a tie.
    Trial {
        /// Pairs of variants (earlier, later) an input of the later can
        /// also fit, so the earlier may win: the spec does not tell them
        /// apart. Reported as a warning.
        ambiguous: Vec<(String, String)>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    pub name: String,
    pub ty: TypeRef,
    /// The tag values naming this variant, with [`Selection::Discriminator`]
    /// or [`Selection::Tag`]; empty otherwise.
    pub tags: Vec<String>,
    /// How the variant is tried, with [`Selection::Trial`].
    pub fit: Fit,
}

/// What makes a value fit a variant while one is being chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fit {
    /// A struct: an object whose pinned members (one-value enums) hold
    /// their value when present, that decodes, and that shares at least
    /// one member with the struct (unless empty); scored by the members it
    /// declares.
    Object { pins: Vec<Pin> },
    /// An open enum: only a value it lists, never its `Unknown`.
    Known,
    /// A nested union: a value it recognises (not its `Unknown`), scored
    /// by the members of the variant it chose.
    Union,
    /// Anything that decodes.
    Any,
}

/// A member a struct pins to one value (a one-value `enum` or `const`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    pub wire_name: String,
    pub value: String,
}

/// A use of a type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    Bool,
    Integer,
    Number,
    String,
    DateTime,
    /// Only `null` is allowed (`enum: [null]`).
    Null,
    /// Untyped JSON: the schema says nothing more precise.
    Json,
    Named {
        name: String,
        boxed: bool,
    },
    Array(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
    Nullable(Box<TypeRef>),
}

impl TypeRef {
    /// The type as users write it (`Option<Vec<Message>>`), without paths:
    /// how `api.lock` records it and docs name it.
    pub fn text(&self) -> String {
        match self {
            Self::Bool => "bool".into(),
            Self::Integer => "i64".into(),
            Self::Number => "f64".into(),
            Self::String => "String".into(),
            Self::DateTime => "Timestamp".into(),
            Self::Null => "()".into(),
            Self::Json => "Value".into(),
            Self::Named { name, .. } => name.to_string(),
            Self::Array(item) => format!("Vec<{}>", item.text()),
            Self::Map(value) => format!("Map<{}>", value.text()),
            Self::Nullable(inner) => format!("Option<{}>", inner.text()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The operation's group as the spec names it: its first tag, else a
    /// path segment (`naming::group_title`).
    pub group_title: String,
    /// Module of the operation's group (see [`Group`]), decided from all
    /// titles at once (`lower::usage::assign_groups`).
    pub group: String,
    /// Rust method name (`update_sso_connector_state`): the method on
    /// `Client` with operation names; with resource names, what the mock
    /// expectation (`expect_update_sso_connector_state`) is named from.
    pub method_name: String,
    /// Where the method sits with resource names (`None` with operation
    /// names): decided by `lower::resources` once all operations are known.
    pub resource: Option<OperationResource>,
    /// The spec's `operationId` (`update-sso-connector-state`).
    pub operation_id: String,
    pub http_method: HttpMethod,
    /// The path template as written in the spec.
    pub path: String,
    pub path_segments: Vec<PathSegment>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub path_params: Vec<PathParam>,
    /// Query and header parameters, gathered into one struct.
    pub params: Option<ParamsStruct>,
    pub body: Option<RequestBody>,
    pub response: SuccessResponse,
    /// The error responses the spec describes with a JSON body, in the
    /// spec's order (see `lower::errors`).
    pub errors: Vec<ErrorResponse>,
    /// OR of AND-groups of security scheme `rust_name`s; empty means no auth.
    pub security: Vec<Vec<String>>,
    pub deprecated: bool,
    pub pointer: JsonPointer,
    /// Where the operation is filed in `api.lock` (`METHOD /path/{}`, see
    /// `naming::PathKeys`).
    pub key: String,
    /// How to walk all pages, for a list whose schema says how (see
    /// `lower::pagination`).
    pub pagination: Option<Pagination>,
    /// The success response's `text/event-stream` form, when it offers
    /// one: a second method yields its events.
    pub events: Option<EventStream>,
    /// A list that looks paginated but is left a single page, and why.
    pub unpaged: Option<Unpaged>,
}

/// An operation's resource name, and the one its path gave when the
/// user's renames changed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationResource {
    pub name: ResourceName,
    pub rule: Option<ResourceName>,
    /// The path parameter (index into `path_params`) the scope binds.
    pub bound: Option<usize>,
    /// The stream method's name on the handle (`create_stream`), when the
    /// operation streams.
    pub stream: Option<String>,
}

impl Operation {
    /// The name users call it by: the resource name's record text with
    /// resource names, else the method name. Deprecated methods name
    /// their target by it.
    pub fn callable_name(&self) -> String {
        match &self.resource {
            Some(resource) => resource.name.record_text(),
            None => self.method_name.clone(),
        }
    }
}

/// An operation's `text/event-stream` success response: its own method
/// (next to the operation's, which keeps the JSON or bytes form) yields
/// the events, each one's data decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct EventStream {
    /// The stream method's name (`create_chat_completion_stream`).
    pub method_name: String,
    /// What each event's data decodes as; `None` when the spec gives no
    /// schema: the data is text.
    pub data: Option<TypeRef>,
    /// The wire name of the JSON body's boolean member that asks for a
    /// stream (OpenAI's `stream`): the method sets it to `true`.
    pub flag: Option<String>,
}

/// An error response of an operation: the statuses it covers and how its
/// body is read.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorResponse {
    pub statuses: ErrorStatuses,
    pub body: ErrorBody,
}

/// The statuses an error response covers, as the spec keys it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorStatuses {
    /// `404`.
    Code(u16),
    /// `4XX` is `Range(4)`.
    Range(u16),
    /// `default`: every status the operation names no response for.
    Default,
}

/// How an error body is decoded.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorBody {
    /// In the API's envelope (`success`, `errors`, `messages`): the
    /// runtime reads its `errors` and `messages`, and the message from
    /// `errors`.
    Envelope,
    /// Decoded as `ty`; the server's message is at `message` (member
    /// names, `[]` for every item of a list), empty when the schema shows
    /// none.
    Typed { ty: TypeRef, message: Vec<String> },
}

/// How a list operation's pages are walked, recognised from its response
/// schema and parameters (see `lower::pagination`): what the runtime's
/// `Paging` descriptor says, as plain data. Paths are JSON member names
/// (wire names) from the body's root; an empty path is the body itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pagination {
    pub style: PagingStyle,
    /// The array of the page's items.
    pub items: Vec<String>,
    /// A boolean that is `false` on the last page (`has_more`).
    pub has_more: Option<Vec<String>>,
    /// The query parameter setting the page size (`per_page`, `limit`).
    pub page_size: Option<String>,
    pub next: NextPage,
}

/// How the page after one received is requested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextPage {
    /// `?param=N+1`; the body may say which page it is, the next one
    /// (`null` on the last), the last one and the page size.
    Page {
        param: String,
        page: Option<Vec<String>>,
        next: Option<Vec<String>>,
        last: Option<Vec<String>>,
        per_page: Option<Vec<String>>,
    },
    /// `?param=<the token at `at`>`.
    Token { at: Vec<String>, param: String },
    /// `?param=<the last item's `field`>`.
    LastItem { field: String, param: String },
    /// The URL at `at`.
    Url { at: Vec<String> },
    /// The `Link` header's `rel="next"`.
    LinkHeader,
}

/// The kinds of pagination, as counted in the summary and recorded in
/// `api.lock` ([`PagingStyle::name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PagingStyle {
    /// Cloudflare's `result_info` with `page`/`total_pages`.
    Page,
    /// Cloudflare's `result_info` with `cursor`.
    Cursor,
    /// A page number elsewhere in the body (`meta.pagination.page`).
    PageNumber,
    /// A token in the body sent back as a query parameter.
    Token,
    /// The last item's id sent as a query parameter (`starting_after`).
    LastItemId,
    /// A next URL in the body (`links.next`, `next`).
    NextLink,
    /// The `Link` response header.
    LinkHeader,
}

impl PagingStyle {
    /// The style's name in `api.lock` and the summary: Cloudflare's two
    /// keep the names records have always had (`page`, `cursor`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Page => "page",
            Self::Cursor => "cursor",
            Self::PageNumber => "page-number",
            Self::Token => "token",
            Self::LastItemId => "last-item-id",
            Self::NextLink => "next-link",
            Self::LinkHeader => "link-header",
        }
    }
}

/// Why a list that looks paginated is left a single page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unpaged {
    /// The body says there is more (`has_more`, a token) but the operation
    /// declares no query parameter to ask for it with.
    NoParameter,
    /// `has_more` and a parameter for the last item's id, but the items
    /// declare no `id`.
    NoItemId,
    /// Several arrays in the body: which holds the items is not clear.
    SeveralArrays,
}

impl Unpaged {
    pub fn name(self) -> &'static str {
        match self {
            Self::NoParameter => "no parameter to ask for the next page",
            Self::NoItemId => "items without an id to ask for the next page after",
            Self::SeveralArrays => "several arrays, none clearly the items",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
            Self::Trace => "TRACE",
        }
    }
}

/// One `/`-separated piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    Literal(String),
    /// A segment made of parameters and literal text (`{name}.json` or `{id}`);
    /// parameters are referred to by index into `path_params`.
    Template(Vec<TemplatePart>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplatePart {
    Literal(String),
    Param(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PathParam {
    pub name: String,
    pub wire_name: String,
    pub kind: PathParamKind,
    pub doc: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PathParamKind {
    /// Any string.
    Str,
    /// A string checked by this constrained-string type before sending.
    Validated(String),
    /// A non-string value, sent in its `Display` form.
    Display(TypeRef),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParamsStruct {
    pub name: String,
    /// Where the name is filed: the operation's pointer followed by
    /// `/parameters`, as a [`SourceKey`].
    pub source: SourceKey,
    pub fields: Vec<Param>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: String,
    pub wire_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    /// How the value is written into pairs (the spec's `style`/`explode`).
    pub style: ParamStyle,
    pub required: bool,
    pub doc: Option<String>,
    /// Checked before sending: cheap, and a request the server would reject.
    pub limits: Limits,
}

/// The spec's bounds on a scalar parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Limits {
    /// `(bound, exclusive)`.
    pub minimum: Option<(f64, bool)>,
    pub maximum: Option<(f64, bool)>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
}

impl Limits {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// How a query or header value becomes name/value pairs: the spec's
/// `style` and `explode`, decided in lowering for the parameter's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamStyle {
    /// One pair per value: a scalar's text, or each item of an array under
    /// the parameter's name (`form` with `explode: true`, the query default).
    Exploded,
    /// An array's items joined into one value by this separator: `,`
    /// (`form` with `explode: false`, header `simple`), ` `
    /// (`spaceDelimited`), `|` (`pipeDelimited`).
    Delimited(char),
    /// In brackets, at any depth (query `deepObject`, written by the
    /// runtime's `form.rs`): `name[key]=value` per member of an object or
    /// map, `name[]=item` per item of a list of scalars, `name[0][key]` for
    /// lists of anything else, `name=value` for a scalar (one choice of a
    /// union of an object and a scalar).
    DeepObject,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    Query,
    Header,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RequestBody {
    pub content: BodyContent,
    pub required: bool,
    pub doc: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BodyContent {
    Json(TypeRef),
    /// `multipart/form-data` whose schema is an object of properties: a
    /// typed form, encoded by the runtime (`multipart.rs`).
    Form(Form),
    /// `application/x-www-form-urlencoded` whose schema is an object of
    /// properties or a map: a model type, encoded by the runtime
    /// (`form.rs`) in brackets.
    UrlEncoded(UrlEncoded),
    /// Sent as given, with this media type.
    Raw {
        media_type: String,
    },
}

/// An `application/x-www-form-urlencoded` body (see
/// `lower::url_encoded`).
#[derive(Clone, Debug, PartialEq)]
pub struct UrlEncoded {
    /// The body's type: the component's when the schema is a `$ref` (the
    /// same type a JSON body or response has), else named like an inline
    /// JSON body (`{Operation}Request`).
    pub ty: TypeRef,
    /// How a list of scalars directly under a property is written, for
    /// the properties whose `encoding` says other than `form` exploded
    /// (`name=a&name=b`, the default), by wire name in property order:
    /// [`ParamStyle::DeepObject`] is `name[]=a&name[]=b`,
    /// [`ParamStyle::Delimited`] `name=a,b`. Objects, and lists of
    /// anything but scalars, are in brackets whatever the style.
    pub styles: Vec<(String, ParamStyle)>,
}

/// A `multipart/form-data` body typed from its schema: a struct with one
/// field per part (see `lower::multipart`).
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    /// Rust name of the form struct (`UploadImageForm`).
    pub name: String,
    pub parts: Vec<FormPart>,
    /// The operation's `requestBody/content/multipart~1form-data`, where
    /// its name is filed: under the operation even when the body is a
    /// shared `$ref`, so every operation's form keeps its own name.
    pub source: JsonPointer,
    /// `source` as a [`SourceKey`].
    pub key: SourceKey,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormPart {
    /// Rust field name.
    pub name: String,
    /// The part's name on the wire (its property name).
    pub wire_name: String,
    pub kind: PartKind,
    /// Not required, or nullable: an `Option` (a kind sending several
    /// parts is a `Vec` either way, empty when none is sent).
    pub optional: bool,
    /// The part's `Content-Type` from the media type's `encoding`, when it
    /// names one type; a JSON part's is `application/json` otherwise.
    pub content_type: Option<String>,
    pub doc: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PartKind {
    /// `type: string, format: binary` (or `byte`, `base64`): a file.
    File,
    /// An array of files: one part each, all under the part's name.
    Files,
    /// Files under names the caller chooses: the spec's property is a
    /// placeholder (`<any part name>`), not a name.
    NamedFiles,
    /// A scalar's text form (see `lower::parameters::text_form`).
    Text(TypeRef),
    /// An array of scalars: one text part per item.
    Texts(TypeRef),
    /// Anything structured: one part holding its JSON.
    Json(TypeRef),
}

impl PartKind {
    /// Several parts (a `Vec` field) rather than at most one.
    pub fn is_repeated(&self) -> bool {
        matches!(self, Self::Files | Self::NamedFiles | Self::Texts(_))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SuccessResponse {
    pub status: Option<u16>,
    pub kind: ResponseKind,
    pub doc: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ResponseKind {
    /// `{success, errors, messages, result}`: the method returns `result`.
    Envelope {
        result: Option<TypeRef>,
        result_required: bool,
    },
    Json(TypeRef),
    /// Any non-JSON body, returned as bytes.
    Bytes,
    Empty,
}
