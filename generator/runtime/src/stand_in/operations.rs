//! Not copied: stands in for the generated `operations/*.rs`, one method
//! per way an operation uses the runtime, so that the runtime's tests can
//! drive it end to end and nothing in it is unused.

use crate::call::Call;
use crate::client::Client;
use crate::multipart::{FilePart, Form};
use crate::pagination::{PagedCall, Paging};
use crate::request::{Body, PathPiece, Query, Request, build_path, json_body};
use crate::response::RawResponse;

impl Client {
    /// `PATCH /things/{id}` with a JSON body; the envelope's `result`
    /// is required. Bearer token or header key.
    pub fn update_thing(&self, id: &str, body: &serde_json::Value) -> Call<serde_json::Value> {
        let request = (|| -> Result<Request, crate::error::Error> {
            crate::checks::check_length("Id", id, Some(1), Some(32))
                .map_err(|error| error.for_argument("id"))?;
            Ok(Request {
                method: reqwest::Method::PATCH,
                path: build_path(&[PathPiece::Literal("/things/"), PathPiece::Param("id", id)])?,
                query: Vec::new(),
                headers: Vec::new(),
                body: Some(json_body(body)?),
                accept: Some("application/json"),
                security: &[
                    &[crate::auth::Scheme::ApiToken],
                    &[crate::auth::Scheme::ApiKey],
                ],
                operation_id: "update-thing",
            })
        })();
        Call::new(
            self,
            request,
            RawResponse::envelope_required::<serde_json::Value>,
        )
    }

    /// `GET /things?page=`; the envelope's `result` may be missing, its
    /// `result_info` is page-style.
    pub fn list_things(&self, page: Option<i64>) -> PagedCall<Option<Vec<serde_json::Value>>> {
        let request = (|| -> Result<Request, crate::error::Error> {
            let mut query = Vec::new();
            if let Some(page) = page {
                crate::checks::check_range("page", page as f64, Some((1.0, false)), None)?;
                query.push(Query::one("page", &page));
            }
            Ok(Request {
                method: reqwest::Method::GET,
                path: build_path(&[PathPiece::Literal("/things")])?,
                query,
                headers: Vec::new(),
                body: None,
                accept: Some("application/json"),
                security: &[&[crate::auth::Scheme::QueryKey]],
                operation_id: "list-things",
            })
        })();
        PagedCall::new(
            self,
            request,
            RawResponse::envelope::<Vec<serde_json::Value>>,
            Paging::Page,
        )
    }

    /// `GET /events`: a required list with a cursor-style `result_info`.
    pub fn list_events(&self) -> PagedCall<Vec<serde_json::Value>> {
        PagedCall::new(
            self,
            plain(reqwest::Method::GET, "/events"),
            RawResponse::envelope_required::<Vec<serde_json::Value>>,
            Paging::Cursor,
        )
    }

    /// `POST /upload`, raw bytes in and out, no credentials.
    pub fn upload(&self, body: impl Into<Vec<u8>>) -> Call<Vec<u8>> {
        let request = Ok(Request {
            method: reqwest::Method::POST,
            path: "/upload".to_string(),
            query: Vec::new(),
            headers: vec![("x-upload", "1".to_string())],
            body: Some(Body {
                bytes: body.into(),
                content_type: std::borrow::Cow::Borrowed("application/octet-stream"),
            }),
            accept: None,
            security: &[],
            operation_id: "upload",
        });
        Call::new(self, request, RawResponse::bytes)
    }

    /// `POST /forms`: a multipart form of a file, a JSON part and
    /// repeated text parts, answered with an envelope without a result.
    pub fn upload_form(
        &self,
        file: &FilePart,
        meta: &serde_json::Value,
        tags: &[String],
    ) -> Call<()> {
        let request = (|| -> Result<Request, crate::error::Error> {
            Ok(Request {
                method: reqwest::Method::POST,
                path: "/forms".to_string(),
                query: Vec::new(),
                headers: Vec::new(),
                body: Some(
                    Form::default()
                        .files("file", None, Some(file))
                        .json("meta", "application/json", Some(meta))?
                        .text("tag", None, tags)
                        .into_body(),
                ),
                accept: Some("application/json"),
                security: &[],
                operation_id: "upload-form",
            })
        })();
        Call::new(self, request, RawResponse::envelope_empty)
    }

    /// `DELETE /things`: an envelope without a result.
    pub fn delete_things(&self) -> Call<()> {
        Call::new(
            self,
            plain(reqwest::Method::DELETE, "/things"),
            RawResponse::envelope_empty,
        )
    }

    /// `GET /status`: JSON that is not an envelope.
    pub fn status(&self) -> Call<serde_json::Value> {
        Call::new(
            self,
            plain(reqwest::Method::GET, "/status"),
            RawResponse::json,
        )
    }

    /// `HEAD /ping`: no body at all.
    pub fn ping(&self) -> Call<()> {
        Call::new(
            self,
            plain(reqwest::Method::HEAD, "/ping"),
            RawResponse::empty,
        )
    }
}

fn plain(method: reqwest::Method, path: &'static str) -> Result<Request, crate::error::Error> {
    Ok(Request {
        method,
        path: path.to_string(),
        query: Vec::new(),
        headers: Vec::new(),
        body: None,
        accept: None,
        security: &[],
        operation_id: path,
    })
}
