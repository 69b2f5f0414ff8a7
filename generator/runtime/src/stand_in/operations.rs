//! Not copied: stands in for the generated `operations/*.rs`, one method
//! per way an operation uses the runtime, so that the runtime's tests can
//! drive it end to end and nothing in it is unused.

use crate::call::{Call, OptionalBody};
use crate::client::Client;
use crate::error_body::{ErrorBody, Statuses, typed};
use crate::events::EventCall;
use crate::form::Style;
use crate::multipart::{FilePart, Form};
use crate::pagination::{Next, PageItems, PagedCall, Paging};
use crate::path::fill;
use crate::request::{Request, json_body, raw_body};
use crate::response::RawResponse;

/// A `4XX` in the envelope, as most of Cloudflare's operations declare.
const ENVELOPE_4XX: &[ErrorBody] = &[ErrorBody {
    statuses: Statuses::Range(4),
    decode: crate::envelope::failure,
    message: &["errors", "[]"],
}];

impl Client {
    /// `PATCH /things/{id}` with a JSON body; the envelope's `result`
    /// is required, and every failure is an envelope too. Bearer token or
    /// header key.
    pub fn update_thing(&self, id: &str, body: &serde_json::Value) -> Call<serde_json::Value> {
        Call::new(
            self,
            RawResponse::envelope_required::<serde_json::Value>,
            || {
                crate::checks::argument(
                    "id",
                    crate::checks::check_length("Id", id, Some(1), Some(32)),
                )?;
                Ok(Request::new(
                    reqwest::Method::PATCH,
                    "update-thing",
                    crate::auth::API_TOKEN_OR_API_KEY,
                    fill("/things/{id}", &[id])?,
                )
                .errors(crate::envelope::FAILURES)
                .body(json_body(body)?))
            },
        )
    }

    /// `GET /things?page=`; the envelope's `result` may be missing, its
    /// `result_info` is page-style; a `4XX` is an envelope.
    pub fn list_things(&self, page: Option<i64>) -> PagedCall<Option<Vec<serde_json::Value>>> {
        PagedCall::new(
            self,
            RawResponse::envelope::<Vec<serde_json::Value>>,
            Paging {
                items: &["result"],
                has_more: None,
                page_size: Some("per_page"),
                next: Next::Page {
                    param: "page",
                    page: Some(&["result_info", "page"]),
                    next: None,
                    last: Some(&["result_info", "total_pages"]),
                    per_page: Some(&["result_info", "per_page"]),
                },
            },
            || {
                crate::checks::opt_range("page", &page, Some((1.0, false)), None)?;
                Ok(Request::new(
                    reqwest::Method::GET,
                    "list-things",
                    crate::auth::QUERY_KEY,
                    fill("/things", &[])?,
                )
                .errors(ENVELOPE_4XX)
                .opt("page", &page))
            },
        )
    }

    /// `GET /events`: a required list with a cursor-style `result_info`
    /// and an optional raw body.
    pub fn list_events(&self) -> PagedCall<Vec<serde_json::Value>, OptionalBody<[u8]>> {
        PagedCall::with_optional_body(
            self,
            RawResponse::envelope_required::<Vec<serde_json::Value>>,
            Paging {
                items: &["result"],
                has_more: None,
                page_size: Some("per_page"),
                next: Next::Token {
                    at: &["result_info", "cursor"],
                    param: "cursor",
                },
            },
            |body: &[u8]| Ok(raw_body(body.to_vec(), "application/x-ndjson")),
            || plain(reqwest::Method::GET, "/events"),
        )
    }

    /// `GET /customers?limit=&starting_after=`: Stripe's list object
    /// (`{object, data, has_more, url}`), the next page after the last
    /// item's `id`.
    pub fn list_customers(&self, limit: Option<i64>) -> PagedCall<ValueList> {
        PagedCall::new(
            self,
            RawResponse::json::<ValueList>,
            Paging {
                items: &["data"],
                has_more: Some(&["has_more"]),
                page_size: Some("limit"),
                next: Next::LastItem {
                    field: "id",
                    param: "starting_after",
                },
            },
            || {
                Ok(Request::new(
                    reqwest::Method::GET,
                    "list-customers",
                    crate::auth::NONE,
                    fill("/customers", &[])?,
                )
                .opt("limit", &limit))
            },
        )
    }

    /// `GET /customers/search?query=&page=`: the token in `next_page`
    /// sent back as `page`, while `has_more`.
    pub fn search_customers(&self, query: &str) -> PagedCall<ValueList> {
        PagedCall::new(
            self,
            RawResponse::json::<ValueList>,
            Paging {
                items: &["data"],
                has_more: Some(&["has_more"]),
                page_size: Some("limit"),
                next: Next::Token {
                    at: &["next_page"],
                    param: "page",
                },
            },
            || {
                Ok(Request::new(
                    reqwest::Method::GET,
                    "search-customers",
                    crate::auth::NONE,
                    fill("/customers/search", &[])?,
                )
                .one("query", query))
            },
        )
    }

    /// `GET /repos`: a JSON array, the next page in the `Link` header.
    pub fn list_repos(&self) -> PagedCall<Vec<serde_json::Value>> {
        PagedCall::new(
            self,
            RawResponse::json::<Vec<serde_json::Value>>,
            Paging {
                items: &[],
                has_more: None,
                page_size: Some("per_page"),
                next: Next::LinkHeader,
            },
            || plain(reqwest::Method::GET, "/repos"),
        )
    }

    /// `GET /articles`: JSON:API, the next page at `links.next`.
    pub fn list_articles(&self) -> PagedCall<ValueList> {
        PagedCall::new(
            self,
            RawResponse::json::<ValueList>,
            Paging {
                items: &["data"],
                has_more: None,
                page_size: None,
                next: Next::Url {
                    at: &["links", "next"],
                },
            },
            || plain(reqwest::Method::GET, "/articles"),
        )
    }

    /// `GET /servers?page=`: Hetzner's `meta.pagination`.
    pub fn list_servers(&self) -> PagedCall<ValueList> {
        PagedCall::new(
            self,
            RawResponse::json::<ValueList>,
            Paging {
                items: &["servers"],
                has_more: None,
                page_size: Some("per_page"),
                next: Next::Page {
                    param: "page",
                    page: Some(&["meta", "pagination", "page"]),
                    next: Some(&["meta", "pagination", "next_page"]),
                    last: Some(&["meta", "pagination", "last_page"]),
                    per_page: Some(&["meta", "pagination", "per_page"]),
                },
            },
            || plain(reqwest::Method::GET, "/servers"),
        )
    }

    /// `POST /things/search`: an optional JSON body, JSON out.
    pub fn search_things(&self) -> Call<serde_json::Value, OptionalBody<serde_json::Value>> {
        Call::with_optional_body(self, RawResponse::json, json_body, || {
            Ok(Request::new(
                reqwest::Method::POST,
                "search-things",
                crate::auth::NONE,
                fill("/things/search", &[])?,
            ))
        })
    }

    /// `POST /upload`, raw bytes in and out, no credentials.
    pub fn upload(&self, body: impl Into<Vec<u8>>) -> Call<Vec<u8>> {
        Call::new(self, RawResponse::bytes, || {
            Ok(Request::new(
                reqwest::Method::POST,
                "upload",
                crate::auth::NONE,
                fill("/upload", &[])?,
            )
            .headers(vec![("x-upload", "1".to_string())])
            .body(raw_body(body.into(), "application/octet-stream"))
            .accept_any())
        })
    }

    /// `POST /forms`: a multipart form of a file, a JSON part and
    /// repeated text parts, answered with an envelope without a result.
    pub fn upload_form(
        &self,
        file: &FilePart,
        meta: &serde_json::Value,
        tags: &[String],
    ) -> Call<()> {
        Call::new(self, RawResponse::envelope_empty, || {
            Ok(Request::new(
                reqwest::Method::POST,
                "upload-form",
                crate::auth::NONE,
                fill("/forms", &[])?,
            )
            .body(
                Form::default()
                    .files("file", None, Some(file))
                    .json("meta", "application/json", Some(meta))?
                    .text("tag", None, tags)
                    .into_body(),
            ))
        })
    }

    /// `POST /customers`: a form body whose `expand` is in brackets and
    /// whose `tags` are joined by commas, and a `deepObject` query
    /// parameter; answers JSON. A 404's body has its message at
    /// `error.message`, any other error's is a list of `detail`s.
    pub fn create_customer(
        &self,
        body: &serde_json::Value,
        created: &Option<serde_json::Value>,
    ) -> Call<serde_json::Value> {
        Call::new(self, RawResponse::json, || {
            Ok(Request::new(
                reqwest::Method::POST,
                "create-customer",
                crate::auth::NONE,
                fill("/customers", &[])?,
            )
            .errors(&[
                ErrorBody {
                    statuses: Statuses::Code(404),
                    decode: typed::<serde_json::Value>,
                    message: &["error", "message"],
                },
                ErrorBody {
                    statuses: Statuses::Default,
                    decode: typed::<Vec<serde_json::Value>>,
                    message: &["[]", "detail"],
                },
            ])
            .opt_deep("created", created)?
            .body(crate::form::body(
                body,
                &[("expand", Style::Brackets), ("tags", Style::Joined(','))],
            )?))
        })
    }

    /// `DELETE /things`: an envelope without a result.
    pub fn delete_things(&self) -> Call<()> {
        Call::new(self, RawResponse::envelope_empty, || {
            plain(reqwest::Method::DELETE, "/things")
        })
    }

    /// `POST /chat/completions` answering `text/event-stream`: each
    /// event's data is JSON; the body gets `stream: true`.
    pub fn create_chat_completion_stream(
        &self,
        body: &serde_json::Value,
    ) -> EventCall<serde_json::Value> {
        EventCall::new(self, crate::events::json::<serde_json::Value>, || {
            Ok(Request::new(
                reqwest::Method::POST,
                "create-chat-completion",
                crate::auth::API_TOKEN_OR_API_KEY,
                fill("/chat/completions", &[])?,
            )
            .body(crate::events::streaming_body(body, "stream")?))
        })
    }

    /// `GET /logs/{id}` answering `text/event-stream` without a schema:
    /// each event's data as text; an optional raw body.
    pub fn tail_logs_stream(&self, id: &str) -> EventCall<String, OptionalBody<[u8]>> {
        EventCall::with_optional_body(
            self,
            crate::events::text,
            |body: &[u8]| Ok(raw_body(body.to_vec(), "text/plain")),
            || {
                Ok(Request::new(
                    reqwest::Method::GET,
                    "tail-logs",
                    crate::auth::NONE,
                    fill("/logs/{id}", &[id])?,
                ))
            },
        )
    }

    /// `GET /status`: JSON that is not an envelope.
    pub fn status(&self) -> Call<serde_json::Value> {
        Call::new(self, RawResponse::json, || {
            plain(reqwest::Method::GET, "/status")
        })
    }

    /// `HEAD /ping`: no body at all.
    pub fn ping(&self) -> Call<()> {
        Call::new(self, RawResponse::empty, || {
            plain(reqwest::Method::HEAD, "/ping")
        })
    }
}

fn plain(method: reqwest::Method, path: &'static str) -> Result<Request, crate::error::Error> {
    Ok(Request::new(method, path, crate::auth::NONE, fill(path, &[])?).accept_any())
}

/// Stands in for a generated list object (`{data: [..], has_more, ..}`,
/// `{servers: [..], meta}`) and its `PageItems` impl: its items are the
/// object's first array member.
#[derive(Debug)]
pub struct ValueList {
    pub items: Vec<serde_json::Value>,
}

impl<'de> serde::Deserialize<'de> for ValueList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let items = value
            .as_object()
            .and_then(|object| object.values().find_map(serde_json::Value::as_array))
            .cloned()
            .unwrap_or_default();
        Ok(Self { items })
    }
}

impl PageItems for ValueList {
    type Item = serde_json::Value;

    fn item_count(&self) -> usize {
        self.items.len()
    }

    fn into_items(self) -> Vec<serde_json::Value> {
        self.items
    }
}
