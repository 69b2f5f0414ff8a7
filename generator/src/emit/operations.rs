//! `operations/<group>.rs`: one method on `Client` per operation of the
//! group, behind the group's cargo feature. A method checks its arguments,
//! describes a `Request` and returns a `Call`; the runtime sends it.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc_paragraphs, ident, type_ref};
use crate::model::{
    BodyContent, Group, Model, Operation, Pagination, Param, ParamLocation, ParamStyle,
    PathParamKind, PathSegment, ResponseKind, TemplatePart, TypeKind, TypeRef,
};

pub fn emit(model: &Model, group: &Group) -> TokenStream {
    let title = format!(
        " API group `{}` (cargo feature `{}`): its operations, as methods on [`Client`](crate::Client).",
        group.title, group.feature
    );
    let methods = model
        .operations
        .iter()
        .filter(|op| op.group == group.module)
        .map(|op| method(model, op));
    let mocks: Vec<TokenStream> = model
        .operations
        .iter()
        .filter(|op| op.group == group.module)
        .filter_map(mock_method)
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
    // Paths are written out in full, as in every generated file.
    quote! {
        #![doc = #title]

        impl crate::Client {
            #( #methods )*
        }

        #mocks
    }
}

/// The mock server's method for an operation: expects its method and
/// path and answers with its result type; none for non-JSON responses.
fn mock_method(op: &Operation) -> Option<TokenStream> {
    let (result, reply) = match &op.response.kind {
        ResponseKind::Envelope {
            result: Some(ty), ..
        } => (type_ref(ty), quote!(Envelope)),
        ResponseKind::Envelope { result: None, .. } => (quote!(()), quote!(Envelope)),
        ResponseKind::Json(ty) => (type_ref(ty), quote!(Json)),
        ResponseKind::Empty => (quote!(()), quote!(Empty)),
        ResponseKind::Bytes => return None,
    };
    // `expect_` keeps these apart from `MockApi`'s own methods.
    let name = ident(&format!("expect_{}", op.method_name));
    let arguments = op.path_params.iter().map(|param| {
        let arg = ident(&param.name);
        match &param.kind {
            PathParamKind::Str | PathParamKind::Validated(_) => quote!(#arg: impl AsRef<str>),
            PathParamKind::Display(ty) => {
                let ty = type_ref(ty);
                quote!(#arg: #ty)
            }
        }
    });
    let pieces = path_pieces(op, true);
    let method = op.http_method.as_str();
    let doc = format!(
        " Expects `{} {}` and answers as told (see [`Expect`](crate::mock::Expect)).",
        method, op.path
    );
    Some(quote! {
        #[doc = #doc]
        pub fn #name(&self, #( #arguments ),*) -> crate::mock::Expect<'_, #result> {
            crate::mock::Expect::new(
                self,
                #method,
                crate::request::build_path(&[ #( #pieces ),* ]),
                crate::mock::Reply::#reply,
            )
        }
    })
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

fn method(model: &Model, op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let signature_line = format!("`{} {}`", op.http_method.as_str(), op.path);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let raw_body = match op.body.as_ref().map(|b| &b.content) {
        Some(BodyContent::Raw { media_type }) => Some(format!(
            "`body` is sent as given, as `{media_type}` (`.content_type(..)` on the returned \
             call sends another): the generator does not type non-JSON bodies, so build e.g. a \
             multipart payload yourself."
        )),
        Some(BodyContent::Form(form)) => Some(super::forms::method_doc(form)),
        _ => None,
    };
    let raw_response = matches!(op.response.kind, ResponseKind::Bytes)
        .then_some("The response body is returned as raw bytes (it is not JSON).");
    let paging_doc = op.pagination.map(|style| {
        let how = match style {
            Pagination::Page => "page-style: `?page=N`",
            Pagination::Cursor => "cursor-style: `?cursor=…`",
        };
        format!(
            "Paginated ({how}): `.await` fetches one page; `.pages()` and `.items()` \
             walk all of them as a `Stream`."
        )
    });
    let doc = doc_paragraphs(&[
        op.summary.as_deref(),
        op.description.as_deref(),
        Some(&signature_line),
        raw_body.as_deref(),
        raw_response,
        paging_doc.as_deref(),
        op.response
            .doc
            .as_deref()
            .map(|d| format!("Returns: {d}"))
            .as_deref(),
    ]);

    let mut arguments = Vec::new();
    let mut checks = Vec::new();
    for param in &op.path_params {
        let arg = ident(&param.name);
        match &param.kind {
            PathParamKind::Str => arguments.push(quote!(#arg: impl AsRef<str>)),
            PathParamKind::Validated(type_name) => {
                let ty = ident(type_name);
                arguments.push(quote!(#arg: impl AsRef<str>));
                let arg_name = param.name.clone();
                checks.push(quote! {
                    let #arg = crate::models::#ty::new(#arg.as_ref())
                        .map_err(|error| error.for_argument(#arg_name))?;
                });
            }
            PathParamKind::Display(ty) => {
                let ty = type_ref(ty);
                arguments.push(quote!(#arg: #ty));
            }
        }
    }
    if let Some(params) = &op.params {
        let ty = ident(&params.name);
        arguments.push(quote!(params: &crate::models::#ty));
        checks.extend(params.fields.iter().filter_map(limit_check));
    }
    let body = match &op.body {
        Some(body) => match &body.content {
            BodyContent::Json(ty) => {
                let ty = type_ref(ty);
                arguments.push(quote!(body: &#ty));
                quote!(Some(crate::request::json_body(body)?))
            }
            BodyContent::Form(form) => {
                let ty = ident(&form.name);
                arguments.push(quote!(body: &crate::models::#ty));
                super::forms::encode(form)
            }
            BodyContent::Raw { media_type } => {
                arguments.push(quote!(body: impl Into<Vec<u8>>));
                quote!(Some(crate::request::Body {
                    bytes: body.into(),
                    content_type: std::borrow::Cow::Borrowed(#media_type),
                }))
            }
        },
        None => quote!(None),
    };

    let pieces = path_pieces(op, false);
    let query = param_pairs(model, op, ParamLocation::Query);
    let headers = param_pairs(model, op, ParamLocation::Header);
    let method = ident(op.http_method.as_str());
    let operation_id = &op.operation_id;
    let security = security(model, op);
    let result = result_type(&op.response.kind);
    let accept = match &op.response.kind {
        ResponseKind::Envelope { .. } | ResponseKind::Json(_) => quote!(Some("application/json")),
        ResponseKind::Bytes | ResponseKind::Empty => quote!(None),
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
    let (returns, construct) = match op.pagination {
        None => (
            quote!(crate::call::Call<#result>),
            quote!(crate::call::Call::new(self, request, crate::response::RawResponse::#decode)),
        ),
        Some(style) => {
            let style = match style {
                Pagination::Page => quote!(Page),
                Pagination::Cursor => quote!(Cursor),
            };
            (
                quote!(crate::pagination::PagedCall<#result>),
                quote! {
                    crate::pagination::PagedCall::new(
                        self,
                        request,
                        crate::response::RawResponse::#decode,
                        crate::pagination::Paging::#style,
                    )
                },
            )
        }
    };
    // A plain method returning a `Call`: the request is built (and checked)
    // here, and one shared async function per result type sends it, instead
    // of one async state machine per operation.
    quote! {
        #doc
        #deprecated
        pub fn #name(&self, #( #arguments ),*) -> #returns {
            let request = (|| -> Result<crate::request::Request, crate::error::Error> {
                #( #checks )*
                Ok(crate::request::Request {
                    method: reqwest::Method::#method,
                    path: crate::request::build_path(&[ #( #pieces ),* ])?,
                    query: #query,
                    headers: #headers,
                    body: #body,
                    accept: #accept,
                    security: #security,
                    operation_id: #operation_id,
                })
            })();
            #construct
        }
    }
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
    let check = |value: TokenStream| match &param.ty {
        TypeRef::String => {
            let (min, max) = (length(limits.min_length), length(limits.max_length));
            quote!(crate::checks::check_length(#wire, #value, #min, #max)?;)
        }
        // A number is an `f64` already; casting it again is what clippy's
        // `unnecessary_cast` flags.
        TypeRef::Number => {
            let (min, max) = (bound(limits.minimum), bound(limits.maximum));
            quote!(crate::checks::check_range(#wire, *#value, #min, #max)?;)
        }
        _ => {
            let (min, max) = (bound(limits.minimum), bound(limits.maximum));
            quote!(crate::checks::check_range(#wire, *#value as f64, #min, #max)?;)
        }
    };
    Some(if param.required {
        check(quote!(&params.#field))
    } else {
        let check = check(quote!(value));
        quote! {
            if let Some(value) = &params.#field {
                #check
            }
        }
    })
}

/// Literal text is merged across segments, so `/accounts/{id}` is two pieces.
/// A mock's arguments are not checked, so validated ones are plain text.
fn path_pieces(op: &Operation, mock: bool) -> Vec<TokenStream> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let flush = |literal: &mut String, pieces: &mut Vec<TokenStream>| {
        if !literal.is_empty() {
            let text = std::mem::take(literal);
            pieces.push(quote!(crate::request::PathPiece::Literal(#text)));
        }
    };
    for segment in &op.path_segments {
        literal.push('/');
        match segment {
            PathSegment::Literal(text) => literal.push_str(text),
            PathSegment::Template(parts) => {
                for part in parts {
                    match part {
                        TemplatePart::Literal(text) => literal.push_str(text),
                        TemplatePart::Param(index) => {
                            flush(&mut literal, &mut pieces);
                            let param = &op.path_params[*index];
                            let arg = ident(&param.name);
                            let wire = &param.wire_name;
                            let value = match &param.kind {
                                PathParamKind::Str => quote!(#arg.as_ref()),
                                PathParamKind::Validated(_) if mock => quote!(#arg.as_ref()),
                                PathParamKind::Validated(_) => quote!(#arg.as_str()),
                                PathParamKind::Display(_) => quote!(&#arg.to_string()),
                            };
                            pieces.push(quote!(crate::request::PathPiece::Param(#wire, #value)));
                        }
                    }
                }
            }
        }
    }
    if op.path_segments.is_empty() {
        literal.push('/');
    }
    flush(&mut literal, &mut pieces);
    pieces
}

/// The entries of one location: `request::Query`s for the query (written on
/// the wire by the runtime, as each style says), name/value pairs for
/// headers. Required single entries come first, as an array the vector
/// starts from, the rest is pushed conditionally: a `Vec::new()` followed
/// directly by pushes is what clippy's `vec_init_then_push` flags. (Not
/// `vec![..]`: the formatter leaves a macro's tokens as they are when they
/// hold a `crate::` path, `crate ::request`.)
fn param_pairs(model: &Model, op: &Operation, location: ParamLocation) -> TokenStream {
    let Some(params) = &op.params else {
        return quote!(Vec::new());
    };
    let mut leading: Vec<TokenStream> = Vec::new();
    let mut pushes: Vec<TokenStream> = Vec::new();
    for param in params.fields.iter().filter(|p| p.location == location) {
        let field = ident(&param.name);
        let push = match param_entry(param) {
            Entry::Single(entry) if param.required && pushes.is_empty() => {
                leading.push(entry);
                continue;
            }
            Entry::Single(entry) => quote!(pairs.push(#entry);),
            Entry::Pushes(pushes) => pushes,
            // Its pushes read the object from `value`.
            Entry::DeepObject if param.required => {
                let pushes = deep_object_pushes(model, param);
                quote! {{
                    let value = &params.#field;
                    #pushes
                }}
            }
            Entry::DeepObject => deep_object_pushes(model, param),
        };
        pushes.push(if param.required {
            push
        } else {
            quote! {
                if let Some(value) = &params.#field {
                    #push
                }
            }
        });
    }
    match (leading.is_empty(), pushes.is_empty()) {
        (true, true) => quote!(Vec::new()),
        (_, true) => quote!(Vec::from([ #( #leading ),* ])),
        (empty, false) => {
            // Without leading entries the first push is conditional, a
            // deepObject's block or an `extend`, never a plain push.
            let start = if empty {
                quote!(Vec::new())
            } else {
                quote!(Vec::from([ #( #leading ),* ]))
            };
            quote! {{
                let mut pairs = #start;
                #( #pushes )*
                pairs
            }}
        }
    }
}

/// What one parameter adds to its location's entries.
enum Entry {
    /// One entry (a scalar, a joined array): may lead the vector.
    Single(TokenStream),
    /// Statements pushing any number of entries onto `pairs`.
    Pushes(TokenStream),
    /// `name[key]` entries, from the object's definition.
    DeepObject,
}

/// The entry of `param`, read from its field (required) or from the
/// `value` its `Some` is bound to.
fn param_entry(param: &Param) -> Entry {
    let wire = &param.wire_name;
    let field = ident(&param.name);
    let (value, text) = if param.required {
        (quote!(&params.#field), quote!(params.#field.to_string()))
    } else {
        (quote!(value), quote!(value.to_string()))
    };
    let array = matches!(param.ty, TypeRef::Array(_));
    match (param.location, param.style) {
        (_, ParamStyle::DeepObject) => Entry::DeepObject,
        (ParamLocation::Query, ParamStyle::Delimited(separator)) => {
            Entry::Single(quote!(crate::request::Query::joined(#wire, #value, #separator)))
        }
        (ParamLocation::Query, ParamStyle::Exploded) if array => {
            Entry::Pushes(quote!(pairs.extend(crate::request::Query::exploded(#wire, #value));))
        }
        (ParamLocation::Query, ParamStyle::Exploded) => {
            Entry::Single(quote!(crate::request::Query::one(#wire, #value)))
        }
        (ParamLocation::Header, ParamStyle::Delimited(separator)) => {
            Entry::Single(quote!((#wire, crate::request::join(#value, #separator))))
        }
        (ParamLocation::Header, ParamStyle::Exploded) if array => Entry::Pushes(quote! {
            for item in #value {
                pairs.push((#wire, item.to_string()));
            }
        }),
        (ParamLocation::Header, ParamStyle::Exploded) => Entry::Single(quote!((#wire, #text))),
    }
}

/// `deepObject`: one entry per set property of the object (bound to
/// `value`), written `name[property]`. The object's properties are scalars
/// (lowering keeps the type only then); the definition is looked up here,
/// after merging.
fn deep_object_pushes(model: &Model, param: &Param) -> TokenStream {
    let mut ty = &param.ty;
    let fields = loop {
        let TypeRef::Named { name, .. } = ty else {
            return TokenStream::new();
        };
        match model
            .types
            .iter()
            .find(|def| &def.name == name)
            .map(|def| &def.kind)
        {
            Some(TypeKind::Struct(fields)) => break fields,
            Some(TypeKind::Alias(target)) => ty = target,
            _ => return TokenStream::new(),
        }
    };
    let wire = &param.wire_name;
    let pushes = fields.iter().map(|property| {
        let key = &property.wire_name;
        let name = ident(&property.name);
        if property.optional {
            quote! {
                if let Some(item) = &value.#name {
                    pairs.push(crate::request::Query::deep(#wire, #key, item));
                }
            }
        } else {
            quote!(pairs.push(crate::request::Query::deep(#wire, #key, &value.#name));)
        }
    });
    quote!( #( #pushes )* )
}

fn security(model: &Model, op: &Operation) -> TokenStream {
    let groups = op.security.iter().map(|group| {
        let schemes = group
            .iter()
            .filter_map(|name| model.auth.schemes.iter().find(|s| &s.rust_name == name))
            .map(|scheme| {
                let variant = ident(&scheme.variant);
                quote!(crate::auth::Scheme::#variant)
            });
        quote!(&[ #( #schemes ),* ])
    });
    quote!(&[ #( #groups ),* ])
}
