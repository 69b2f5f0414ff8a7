//! `operations/<group>.rs`: one method on `Client` per operation of the
//! group, behind the group's cargo feature. A method checks its arguments,
//! describes a `Request` and returns a `Call`; the runtime sends it. An
//! operation answering `text/event-stream` also gets a stream method
//! returning an `EventCall`, the same request accepting events. An
//! operation's old method names (regeneration's deprecated methods) follow
//! its method, forwarding to it.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::tokens::{doc_paragraphs, ident, type_ref};
use crate::model::{
    BodyContent, DeprecatedMethod, EventStream, Group, Model, Operation, Param, ParamLocation,
    ParamStyle, PathParamKind, PathSegment, ResponseKind, TemplatePart, TypeRef, UrlEncoded,
};
use crate::naming::resource::{NamingStyle, ResourceName};

pub fn emit(model: &Model, group: &Group, deprecated: &[DeprecatedMethod]) -> TokenStream {
    let operations: Vec<&Operation> = model
        .operations
        .iter()
        .filter(|op| op.group == group.module)
        .collect();
    let old_names = |op: &Operation| {
        let callable = op.callable_name();
        deprecated
            .iter()
            .filter(|alias| alias.target == callable)
            .collect::<Vec<_>>()
    };
    let mocks: Vec<TokenStream> = operations
        .iter()
        .filter_map(|op| {
            let mock = mock_method(op)?;
            let aliases = old_names(op)
                .into_iter()
                // A crate switching to resource names keeps its mock's name.
                .filter(|alias| alias.name != op.method_name)
                .filter_map(|alias| deprecated_mock(op, alias));
            Some(quote!(#mock #( #aliases )*))
        })
        .collect();
    let mocks = (!mocks.is_empty()).then(|| {
        quote! {
            /// Typed expectations for tests (cargo feature `mock`).
            #[cfg(feature = "mock")]
            impl crate::mock::MockApi {
                #( #mocks )*
            }
        }
    });
    let methods = match model.style {
        NamingStyle::Operation => {
            let methods = operations.iter().map(|op| {
                let stream = op
                    .events
                    .as_ref()
                    .map(|events| method(model, op, Some(events)));
                let method = method(model, op, None);
                let aliases = old_names(op)
                    .into_iter()
                    .map(|alias| deprecated_method(op, alias));
                quote!(#method #stream #( #aliases )*)
            });
            quote! {
                impl crate::Client {
                    #( #methods )*
                }
            }
        }
        NamingStyle::Resource => resource_methods(model, &operations, &old_names),
    };
    let title = match model.style {
        NamingStyle::Operation => format!(
            " API group `{}` (cargo feature `{}`): its operations, as methods on [`Client`](crate::Client).",
            group.title, group.feature
        ),
        NamingStyle::Resource => format!(
            " API group `{}` (cargo feature `{}`): its operations, as methods of the resource \
             handles (`crate::resources`).",
            group.title, group.feature
        ),
    };
    // Paths are written out in full, as in every generated file.
    quote! {
        #![doc = #title]

        #methods

        #mocks
    }
}

/// With resource names: one `impl` per handle, its operations of this
/// group in document order, then the client's deprecated methods (old
/// names) forwarding to them.
fn resource_methods<'o>(
    model: &Model,
    operations: &[&'o Operation],
    old_names: &dyn Fn(&Operation) -> Vec<&'o DeprecatedMethod>,
) -> TokenStream
where
    'o: 'o,
{
    let mut by_handle: Vec<(&ResourceName, Vec<TokenStream>)> = Vec::new();
    let mut aliases = Vec::new();
    for op in operations {
        let Some(resource) = &op.resource else {
            continue;
        };
        let name = &resource.name;
        let methods = [
            Some(method(model, op, None)),
            op.events
                .as_ref()
                .map(|events| method(model, op, Some(events))),
        ];
        match by_handle
            .iter_mut()
            .find(|(other, _)| other.scope == name.scope && other.chain == name.chain)
        {
            Some((_, list)) => list.extend(methods.into_iter().flatten()),
            None => by_handle.push((name, methods.into_iter().flatten().collect())),
        }
        aliases.extend(
            old_names(op)
                .into_iter()
                .map(|alias| deprecated_forwarder(op, name, alias)),
        );
    }
    let impls = by_handle.into_iter().map(|(name, methods)| {
        let target = match model
            .handles
            .iter()
            .find(|handle| handle.scope == name.scope && handle.chain == name.chain)
        {
            Some(handle) => {
                let ty = ident(&handle.type_name);
                quote!(crate::resources::#ty)
            }
            None => quote!(crate::Client),
        };
        quote! {
            impl #target {
                #( #methods )*
            }
        }
    });
    let aliases = (!aliases.is_empty()).then(|| {
        quote! {
            impl crate::Client {
                #( #aliases )*
            }
        }
    });
    quote!(#( #impls )* #aliases)
}

/// An old method name on the client (before resource names, or an older
/// rename): the same signature, forwarding through the handles.
fn deprecated_forwarder(
    op: &Operation,
    name: &ResourceName,
    alias: &DeprecatedMethod,
) -> TokenStream {
    let old = ident(&alias.name);
    let (mut names, decls): (Vec<Ident>, Vec<TokenStream>) = arguments(op).into_iter().unzip();
    let mut call = quote!(self);
    if let (Some(scope), Some(index)) = (&name.scope, op.resource.as_ref().and_then(|r| r.bound)) {
        let scope = ident(scope);
        let argument = names.remove(index);
        // The scope holds text, whatever type the spec gives here.
        call = match op.path_params[index].kind {
            PathParamKind::Display(_) => quote!(#call.#scope(#argument.to_string())),
            _ => quote!(#call.#scope(#argument)),
        };
    }
    let rest = names.iter();
    for part in &name.chain {
        let part = ident(part);
        call = quote!(#call.#part());
    }
    let method = ident(&name.method);
    let returns = returns(op);
    let note = &alias.note;
    let doc = format!(" The old name of `{}`.", name.call_text(".."));
    let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #[doc = #doc]
        #[deprecated(note = #note)]
        #allow
        pub fn #old(&self, #( #decls ),*) -> #returns {
            #call.#method(#( #rest ),*)
        }
    }
}

/// The mock server's method for an operation: expects its method and
/// path and answers with its result type; none for non-JSON responses.
fn mock_method(op: &Operation) -> Option<TokenStream> {
    let reply = match &op.response.kind {
        ResponseKind::Envelope { .. } => quote!(Envelope),
        ResponseKind::Json(_) => quote!(Json),
        ResponseKind::Empty => quote!(Empty),
        ResponseKind::Bytes => return None,
    };
    let result = mock_result(&op.response.kind)?;
    let name = mock_name(&op.method_name);
    let arguments = mock_arguments(op).into_iter().map(|(_, decl)| decl);
    let (template, values) = path_template(op, true);
    let method = op.http_method.as_str();
    let operation = &op.method_name;
    let doc = format!(
        " Expects `{} {}` and answers as told (see [`Expect`](crate::mock::Expect)).",
        method, op.path
    );
    Some(quote! {
        #[doc = #doc]
        pub fn #name(&self, #( #arguments ),*) -> crate::mock::Expect<'_, #result> {
            crate::mock::Expect::new(
                self,
                #operation,
                #method,
                crate::path::fill(#template, &[ #( #values ),* ]),
                crate::mock::Reply::#reply,
            )
        }
    })
}

/// What an operation's mock answers with; none for non-JSON responses.
fn mock_result(response: &ResponseKind) -> Option<TokenStream> {
    match response {
        ResponseKind::Envelope {
            result: Some(ty), ..
        }
        | ResponseKind::Json(ty) => Some(type_ref(ty)),
        ResponseKind::Envelope { result: None, .. } | ResponseKind::Empty => Some(quote!(())),
        ResponseKind::Bytes => None,
    }
}

/// The mock server's method for a method name: `expect_` keeps these apart
/// from `MockApi`'s own methods.
fn mock_name(method_name: &str) -> Ident {
    ident(&format!("expect_{method_name}"))
}

/// The arguments of an operation's mock method: its path arguments, as
/// its method takes them.
fn mock_arguments(op: &Operation) -> Vec<(Ident, TokenStream)> {
    let mut arguments = arguments(op);
    arguments.truncate(op.path_params.len());
    arguments
}

/// What the mock method of an operation's old name is: a deprecated method
/// forwarding to the operation's own (none where the operation has none).
fn deprecated_mock(op: &Operation, alias: &DeprecatedMethod) -> Option<TokenStream> {
    let result = mock_result(&op.response.kind)?;
    let name = mock_name(&alias.name);
    let target = mock_name(&op.method_name);
    let (names, decls): (Vec<Ident>, Vec<TokenStream>) = mock_arguments(op).into_iter().unzip();
    let note = &alias.note;
    let doc = format!(" The old name of [`{target}`](Self::{target}).");
    Some(quote! {
        #[doc = #doc]
        #[deprecated(note = #note)]
        pub fn #name(&self, #( #decls ),*) -> crate::mock::Expect<'_, #result> {
            self.#target(#( #names ),*)
        }
    })
}

/// The old method name of a renamed operation: the same signature,
/// forwarding to the operation's method (which may itself be deprecated
/// by the spec: calling it is then allowed here).
fn deprecated_method(op: &Operation, alias: &DeprecatedMethod) -> TokenStream {
    let name = ident(&alias.name);
    let target = ident(&op.method_name);
    let (names, decls): (Vec<Ident>, Vec<TokenStream>) = arguments(op).into_iter().unzip();
    let returns = returns(op);
    let note = &alias.note;
    let doc = format!(" The old name of [`{0}`](Self::{0}).", op.method_name);
    let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #[doc = #doc]
        #[deprecated(note = #note)]
        #allow
        pub fn #name(&self, #( #decls ),*) -> #returns {
            self.#target(#( #names ),*)
        }
    }
}

/// A method's arguments in order, each its name and its declaration
/// (`account_id: impl AsRef<str>`): path arguments, the query/header
/// parameters, the body if it is required (an optional one is set on the
/// returned call).
fn arguments(op: &Operation) -> Vec<(Ident, TokenStream)> {
    let mut arguments = Vec::new();
    for param in &op.path_params {
        let arg = ident(&param.name);
        let decl = match &param.kind {
            PathParamKind::Str | PathParamKind::Validated(_) => quote!(#arg: impl AsRef<str>),
            PathParamKind::Display(ty) => {
                let ty = type_ref(ty);
                quote!(#arg: #ty)
            }
        };
        arguments.push((arg, decl));
    }
    if let Some(params) = &op.params {
        let ty = ident(&params.name);
        arguments.push((ident("params"), quote!(params: &crate::models::#ty)));
    }
    if let Some(body) = op.body.as_ref().filter(|body| body.required) {
        let decl = match &body.content {
            BodyContent::Raw { .. } => quote!(body: impl Into<Vec<u8>>),
            content => {
                let ty = body_type(content);
                quote!(body: &#ty)
            }
        };
        arguments.push((ident("body"), decl));
    }
    arguments
}

/// The type of an operation's body as its method or `.body(..)` takes it
/// by reference: its JSON type, its form, or bytes.
fn body_type(content: &BodyContent) -> TokenStream {
    match content {
        BodyContent::Json(ty) | BodyContent::UrlEncoded(UrlEncoded { ty, .. }) => type_ref(ty),
        BodyContent::Form(form) => {
            let ty = ident(&form.name);
            quote!(crate::models::#ty)
        }
        BodyContent::Raw { .. } => quote!([u8]),
    }
}

/// The body an operation's method takes optionally, if it has one that is
/// not required.
fn optional_body(op: &Operation) -> Option<&BodyContent> {
    op.body
        .as_ref()
        .filter(|body| !body.required)
        .map(|body| &body.content)
}

/// What a method returns: a `Call`, or a `PagedCall` for a list walked
/// page by page; with an optional body, one taking it (`OptionalBody`).
fn returns(op: &Operation) -> TokenStream {
    let result = result_type(&op.response.kind);
    let body = optional_body(op).map(|content| {
        let ty = body_type(content);
        quote!(, crate::call::OptionalBody<#ty>)
    });
    match op.pagination {
        None => quote!(crate::call::Call<#result #body>),
        Some(_) => quote!(crate::pagination::PagedCall<#result #body>),
    }
}

/// The Rust type `ApiResponse<_>` wraps for this operation.
fn result_type(response: &ResponseKind) -> TokenStream {
    match response {
        ResponseKind::Envelope {
            result: Some(ty),
            result_required: true,
        } => type_ref(ty),
        ResponseKind::Envelope {
            result: Some(ty),
            result_required: false,
        } => {
            let ty = type_ref(ty);
            quote!(Option<#ty>)
        }
        ResponseKind::Envelope { result: None, .. } | ResponseKind::Empty => quote!(()),
        ResponseKind::Json(ty) => type_ref(ty),
        ResponseKind::Bytes => quote!(Vec<u8>),
    }
}

/// An operation's method, or with `events` its stream method: the same
/// arguments and request, returning an `EventCall`.
fn method(model: &Model, op: &Operation, events: Option<&EventStream>) -> TokenStream {
    let names = MethodNames::of(op);
    let name = ident(match events {
        None => &names.method,
        Some(_) => &names.stream,
    });
    let resource = op.resource.as_ref().map(|resource| &resource.name);
    // A scope handle holds its path argument; a handle holds the client.
    let bound = op.resource.as_ref().and_then(|resource| resource.bound);
    let receiver = match resource {
        Some(name) if name.scope.is_some() || !name.chain.is_empty() => quote!(&self.client),
        _ => quote!(self),
    };
    let signature_line = match resource {
        None => format!("`{} {}`", op.http_method.as_str(), op.path),
        Some(name) => {
            let mock = mock_result(&op.response.kind).map_or(String::new(), |_| {
                format!("; in tests, `MockApi::{}`", mock_name(&op.method_name))
            });
            format!(
                "`{} {}` (`{}`; operationId `{}`{mock})",
                op.http_method.as_str(),
                op.path,
                name.call_text(".."),
                op.operation_id
            )
        }
    };
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let raw_body = match op.body.as_ref().map(|b| &b.content) {
        Some(BodyContent::Raw { media_type }) => Some(format!(
            "`body` is sent as given, as `{media_type}` (`.content_type(..)` on the returned \
             call sends another): the generator does not type non-JSON bodies, so build e.g. a \
             multipart payload yourself."
        )),
        Some(BodyContent::Form(form)) => Some(super::forms::method_doc(form)),
        Some(BodyContent::UrlEncoded(form)) => Some(super::forms::url_encoded_doc(form)),
        _ => None,
    };
    let optional_doc = optional_body(op).map(|_| {
        "The request body is optional: set it with `.body(..)` on the returned call; without \
         it nothing is sent (no body, no `Content-Type`)."
    });
    let raw_response = (events.is_none() && matches!(op.response.kind, ResponseKind::Bytes))
        .then_some("The response body is returned as raw bytes (it is not JSON).");
    let events_doc = match events {
        None => op
            .events
            .as_ref()
            .map(|_| format!("Its server-sent events: [`{0}`](Self::{0}).", names.stream)),
        Some(events) => Some(stream_doc(&names.method, events)),
    };
    let paging_doc = op
        .pagination
        .as_ref()
        .filter(|_| events.is_none())
        .map(|pagination| {
            let how = super::paging::describe(pagination);
            format!(
                "Paginated ({how}): `.await` fetches one page; `.pages()` and `.items()` \
             walk all of them as a `Stream`."
            )
        });
    let errors_doc = super::errors::doc(op);
    let doc = doc_paragraphs(&[
        op.summary.as_deref(),
        op.description.as_deref(),
        Some(&signature_line),
        raw_body.as_deref(),
        optional_doc,
        raw_response,
        paging_doc.as_deref(),
        errors_doc.as_deref(),
        events_doc.as_deref(),
        op.response
            .doc
            .as_deref()
            .map(|d| format!("Returns: {d}"))
            .as_deref(),
    ]);

    let mut arguments = arguments(op);
    let bind = bound.map(|index| {
        let (argument, _) = arguments.remove(index);
        // An `Arc<str>` is `AsRef<str>` only, as the argument it replaces.
        quote!(let #argument = std::sync::Arc::clone(&self.scope);)
    });
    let arguments = arguments.into_iter().map(|(_, decl)| decl);
    let mut checks = Vec::new();
    for param in &op.path_params {
        if let PathParamKind::Validated(type_name) = &param.kind {
            let arg = ident(&param.name);
            let ty = ident(type_name);
            let arg_name = param.name.clone();
            // Checked in place: the path copies the text anyway.
            checks.push(quote! {
                let #arg = #arg.as_ref();
                crate::checks::argument(#arg_name, crate::models::#ty::check(#arg))?;
            });
        }
    }
    if let Some(params) = &op.params {
        checks.extend(params.fields.iter().filter_map(limit_check));
    }
    // `Request::new` describes a request without query, headers or body
    // that accepts JSON; a setter follows for each way this one differs.
    let mut setters: Vec<TokenStream> = super::errors::setter(op).into_iter().collect();
    // A fallible setter (a `deepObject`'s) ends the chain when the
    // parameters are its last setters: the chain is then the closure's
    // result itself, since `Ok(chain?)` fails clippy's
    // `needless_question_mark` in the user's crate.
    let mut fallible_tail = false;
    if let Some(params) = &op.params {
        for (setter, fallible) in params.fields.iter().map(param_setter) {
            close_tail(&mut setters, &mut fallible_tail);
            setters.push(setter);
            fallible_tail = fallible;
        }
    }
    // A stream method sets the body's flag asking for events.
    let flag = events.and_then(|events| events.flag.as_deref());
    let json_body = match flag {
        None => quote!(crate::request::json_body(body)),
        Some(flag) => quote!(crate::events::streaming_body(body, #flag)),
    };
    if let Some(body) = op.body.as_ref().filter(|body| body.required) {
        close_tail(&mut setters, &mut fallible_tail);
        setters.push(match &body.content {
            BodyContent::Json(_) => quote!(.body(#json_body?)),
            BodyContent::Form(form) => super::forms::encode(form),
            BodyContent::UrlEncoded(form) => super::forms::url_encoded(form),
            BodyContent::Raw { media_type } => {
                quote!(.body(crate::request::raw_body(body.into(), #media_type)))
            }
        });
    }
    // An optional body is encoded when the caller gives it, by a function
    // the call keeps.
    let encode = optional_body(op).map(|content| {
        let encode = match content {
            BodyContent::Json(_) if flag.is_some() => {
                let ty = body_type(content);
                quote!(|body: &#ty| #json_body)
            }
            BodyContent::Json(_) => quote!(crate::request::json_body),
            BodyContent::Form(form) => {
                let ty = body_type(content);
                let encoded = super::forms::encoded(form);
                quote!(|body: &#ty| Ok(#encoded))
            }
            BodyContent::UrlEncoded(form) => {
                let ty = body_type(content);
                let encoded = super::forms::url_encoded_body(form);
                quote!(|body: &#ty| #encoded)
            }
            BodyContent::Raw { media_type } => {
                quote!(|body: &[u8]| Ok(crate::request::raw_body(body.to_vec(), #media_type)))
            }
        };
        quote!(#encode,)
    });
    if matches!(op.response.kind, ResponseKind::Bytes | ResponseKind::Empty) {
        close_tail(&mut setters, &mut fallible_tail);
        setters.push(quote!(.accept_any()));
    }

    let (template, values) = path_template(op, false);
    let method = ident(op.http_method.as_str());
    let operation_id = &op.operation_id;
    let security = security(model, op);
    let returns = match events {
        None => returns(op),
        Some(events) => stream_returns(op, events),
    };
    let decode = match &op.response.kind {
        ResponseKind::Envelope {
            result: Some(ty),
            result_required,
        } => {
            let ty = type_ref(ty);
            if *result_required {
                quote!(envelope_required::<#ty>)
            } else {
                quote!(envelope::<#ty>)
            }
        }
        ResponseKind::Envelope { result: None, .. } => quote!(envelope_empty),
        ResponseKind::Json(ty) => {
            let ty = type_ref(ty);
            quote!(json::<#ty>)
        }
        ResponseKind::Bytes => quote!(bytes),
        ResponseKind::Empty => quote!(empty),
    };
    let constructor = match encode {
        None => quote!(new),
        Some(_) => quote!(with_optional_body),
    };
    let (construct, paging) = match &op.pagination {
        _ if events.is_some() => (quote!(crate::events::EventCall::#constructor), None),
        None => (quote!(crate::call::Call::#constructor), None),
        Some(pagination) => {
            let paging = super::paging::descriptor(pagination);
            (
                quote!(crate::pagination::PagedCall::#constructor),
                Some(quote!(#paging,)),
            )
        }
    };
    let decode = match events.map(|events| &events.data) {
        None => quote!(crate::response::RawResponse::#decode),
        Some(Some(ty)) => {
            let ty = type_ref(ty);
            quote!(crate::events::json::<#ty>)
        }
        Some(None) => quote!(crate::events::text),
    };
    let request = quote! {
        crate::request::Request::new(
            reqwest::Method::#method,
            #operation_id,
            #security,
            crate::path::fill(#template, &[ #( #values ),* ])?,
        ) #( #setters )*
    };
    let request = if fallible_tail {
        request
    } else {
        quote!(Ok(#request))
    };
    // A plain method returning a `Call`: the closure checks the arguments
    // and describes the request (`Call::new` runs it at once, its `?`s end
    // in the call), and one shared async function per result type sends
    // it, instead of one async state machine per operation.
    quote! {
        #doc
        #deprecated
        pub fn #name(&self, #( #arguments ),*) -> #returns {
            #bind
            #construct(#receiver, #decode, #paging #encode || {
                #( #checks )*
                #request
            })
        }
    }
}

/// What a stream method returns: an `EventCall` of the event data's
/// type, taking an optional body as the operation's method does.
fn stream_returns(op: &Operation, events: &EventStream) -> TokenStream {
    let data = events
        .data
        .as_ref()
        .map_or_else(|| quote!(String), type_ref);
    let body = optional_body(op).map(|content| {
        let ty = body_type(content);
        quote!(, crate::call::OptionalBody<#ty>)
    });
    quote!(crate::events::EventCall<#data #body>)
}

/// The names of an operation's method and stream method where users call
/// them: on the client, or with resource names on its handle.
struct MethodNames {
    method: String,
    stream: String,
}

impl MethodNames {
    fn of(op: &Operation) -> Self {
        match &op.resource {
            None => Self {
                method: op.method_name.clone(),
                stream: op
                    .events
                    .as_ref()
                    .map_or_else(String::new, |events| events.method_name.clone()),
            },
            Some(resource) => Self {
                method: resource.name.method.clone(),
                stream: resource.stream.clone().unwrap_or_default(),
            },
        }
    }
}

/// What a stream method's docs say it yields and how the stream ends.
fn stream_doc(method: &str, events: &EventStream) -> String {
    let data = match &events.data {
        Some(TypeRef::Named { name, .. }) => {
            format!("its data decoded as [`{name}`](crate::models::{name})")
        }
        Some(_) => "its data decoded from JSON".to_string(),
        None => "its data as text".to_string(),
    };
    let flag = match &events.flag {
        Some(flag) => format!(
            " The body is sent with `{flag}: true`, which asks the API for events, whatever \
             the value given."
        ),
        None => String::new(),
    };
    format!(
        "The server-sent events (`text/event-stream`) of [`{method}`](Self::{method}): the \
         same request, answered as a stream. `.await` sends it (retried like any call, before \
         any event is read; a non-2xx response is the error) and gives an \
         [`EventStream`](crate::EventStream) of [`Event`](crate::Event)s, {data}; an event \
         whose data does not decode is an `Error::Decode` item and the stream goes on. It ends \
         when the server closes it or sends `data: [DONE]`. The client's timeout bounds each \
         wait for the headers or the next bytes, not the stream.{flag}"
    )
}

/// A check of a parameter against the spec's bounds, if it has any.
fn limit_check(param: &Param) -> Option<TokenStream> {
    let limits = &param.limits;
    if limits.is_empty() {
        return None;
    }
    let field = ident(&param.name);
    let wire = &param.wire_name;
    let bound = |bound: Option<(f64, bool)>| match bound {
        Some((value, exclusive)) => quote!(Some((#value, #exclusive))),
        None => quote!(None),
    };
    let length = |length: Option<usize>| match length {
        Some(length) => quote!(Some(#length)),
        None => quote!(None),
    };
    if param.required {
        return Some(match &param.ty {
            TypeRef::String => {
                let (min, max) = (length(limits.min_length), length(limits.max_length));
                quote!(crate::checks::check_length(#wire, &params.#field, #min, #max)?;)
            }
            // A number is an `f64` already; casting it again is what
            // clippy's `unnecessary_cast` flags.
            TypeRef::Number => {
                let (min, max) = (bound(limits.minimum), bound(limits.maximum));
                quote!(crate::checks::check_range(#wire, params.#field, #min, #max)?;)
            }
            _ => {
                let (min, max) = (bound(limits.minimum), bound(limits.maximum));
                quote!(crate::checks::check_range(#wire, params.#field as f64, #min, #max)?;)
            }
        });
    }
    // An optional one is checked if set, by the runtime's `opt_*`.
    let check = match &param.ty {
        TypeRef::String => {
            let (min, max) = (length(limits.min_length), length(limits.max_length));
            quote!(crate::checks::opt_length(#wire, &params.#field, #min, #max)?;)
        }
        _ => {
            let (min, max) = (bound(limits.minimum), bound(limits.maximum));
            quote!(crate::checks::opt_range(#wire, &params.#field, #min, #max)?;)
        }
    };
    Some(check)
}

/// The path as its template, each parameter written `{wire_name}`, and
/// the values `path::fill` puts in their places, in order. Braces of the
/// spec's literal text are written encoded (`%7B`, as the URL would send
/// them anyway) and braces in a name dropped, so that every brace left
/// delimits a name. A mock's arguments are not checked, so validated ones
/// are plain text.
fn path_template(op: &Operation, mock: bool) -> (String, Vec<TokenStream>) {
    // A handle's scope holds its argument as text, whatever its type.
    let bound = op
        .resource
        .as_ref()
        .and_then(|resource| resource.bound)
        .filter(|_| !mock);
    let mut template = String::new();
    let mut values = Vec::new();
    let literal = |template: &mut String, text: &str| {
        template.push_str(&text.replace('{', "%7B").replace('}', "%7D"));
    };
    for segment in &op.path_segments {
        template.push('/');
        match segment {
            PathSegment::Literal(text) => literal(&mut template, text),
            PathSegment::Template(parts) => {
                for part in parts {
                    match part {
                        TemplatePart::Literal(text) => literal(&mut template, text),
                        TemplatePart::Param(index) => {
                            let param = &op.path_params[*index];
                            template.push('{');
                            template.push_str(&param.wire_name.replace(['{', '}'], ""));
                            template.push('}');
                            let arg = ident(&param.name);
                            values.push(match &param.kind {
                                PathParamKind::Display(_) if bound == Some(*index) => {
                                    quote!(#arg.as_ref())
                                }
                                PathParamKind::Str => quote!(#arg.as_ref()),
                                PathParamKind::Validated(_) if mock => quote!(#arg.as_ref()),
                                PathParamKind::Validated(_) => quote!(#arg),
                                PathParamKind::Display(_) => quote!(&#arg.to_string()),
                            });
                        }
                    }
                }
            }
        }
    }
    if op.path_segments.is_empty() {
        template.push('/');
    }
    (template, values)
}

/// Writes the `?` after the last setter if it is fallible, so that another
/// setter can follow it.
fn close_tail(setters: &mut [TokenStream], fallible_tail: &mut bool) {
    if std::mem::take(fallible_tail) {
        if let Some(last) = setters.last_mut() {
            last.extend(quote!(?));
        }
    }
}

/// The setter of `Request` (runtime `params.rs`) that adds one query or
/// header parameter, read from its field, as its style says; the `opt_`
/// ones skip an unset optional parameter. A `deepObject`'s setter encodes
/// it through its `Serialize`, which may fail: the flag says so, and the
/// caller writes the `?` unless the setter ends the chain.
fn param_setter(param: &Param) -> (TokenStream, bool) {
    let wire = &param.wire_name;
    let field = ident(&param.name);
    let value = quote!(&params.#field);
    let array = matches!(param.ty, TypeRef::Array(_));
    let setter = |name: &str| {
        let name = match (param.required, name) {
            (true, _) => ident(name),
            (false, "one") => ident("opt"),
            (false, _) => ident(&format!("opt_{name}")),
        };
        quote!(.#name)
    };
    let fallible = param.style == ParamStyle::DeepObject;
    let tokens = match (param.location, param.style) {
        (_, ParamStyle::DeepObject) => {
            let setter = setter("deep");
            quote!(#setter(#wire, #value))
        }
        (ParamLocation::Query, ParamStyle::Delimited(separator)) => {
            let setter = setter("joined");
            quote!(#setter(#wire, #value, #separator))
        }
        (ParamLocation::Query, ParamStyle::Exploded) if array => {
            let setter = setter("exploded");
            quote!(#setter(#wire, #value))
        }
        (ParamLocation::Query, ParamStyle::Exploded) => {
            let setter = setter("one");
            quote!(#setter(#wire, #value))
        }
        (ParamLocation::Header, ParamStyle::Delimited(separator)) => {
            let setter = setter("header_joined");
            quote!(#setter(#wire, #value, #separator))
        }
        (ParamLocation::Header, ParamStyle::Exploded) if array => {
            let setter = setter("header_items");
            quote!(#setter(#wire, #value))
        }
        (ParamLocation::Header, ParamStyle::Exploded) => {
            let setter = setter("header");
            quote!(#setter(#wire, #value))
        }
    };
    (tokens, fallible)
}

/// The constant `auth.rs` holds for the operation's security requirement
/// (the list itself should lowering not have named it).
fn security(model: &Model, op: &Operation) -> TokenStream {
    match model
        .auth
        .requirements
        .iter()
        .find(|requirement| requirement.groups == op.security)
    {
        Some(requirement) => {
            let name = ident(&requirement.name);
            quote!(crate::auth::#name)
        }
        None => super::auth::requirement_groups(model, &op.security, &quote!(crate::auth::Scheme)),
    }
}
