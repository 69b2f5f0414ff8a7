//! `multipart/form-data` bodies (RFC 7578): the parts of a typed form,
//! encoded once into bytes under a boundary that none of them contains.
//!
//! Encoded here rather than with reqwest's `multipart` feature: its
//! `Form` is a stream, which the send loop cannot clone, so a retry could
//! not re-send it; and the feature would add `mime_guess` and
//! `futures-util` to every generated crate. Plain bytes are cloned for
//! each attempt like any other body, so a retry sends the same bytes
//! under the same boundary.

use std::borrow::Cow;
use std::fmt;

use crate::error::Error;
use crate::request::Body;

/// A file sent as one part of a multipart form: its bytes, and the file
/// name and content type the part announces.
///
/// `FilePart::new(std::fs::read("logo.png")?).file_name("logo.png").content_type("image/png")`
/// is a PNG file named `logo.png`.
///
/// Without a file name the part is named after its field (servers tell
/// files from text fields by it); without a content type it is sent as
/// the type the spec names for the part, else `application/octet-stream`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FilePart {
    pub bytes: Vec<u8>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
}

impl FilePart {
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The `filename` the part announces.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The part's `Content-Type` (`image/png`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

/// The bytes are counted, not printed: a file can be large or secret.
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// One part: its name, the headers it announces and its content.
struct Part<'a> {
    name: &'a str,
    file_name: Option<&'a str>,
    content_type: Option<&'a str>,
    content: Cow<'a, [u8]>,
}

/// A form being built by an operation method, borrowing the caller's
/// values until [`Form::into_body`] encodes it. Every adder takes an
/// iterator of values (`Some(&v)`, `&Option<T>`, `&Vec<T>`): each value
/// is one part of that name, so an absent optional field sends none.
#[derive(Default)]
pub(crate) struct Form<'a> {
    parts: Vec<Part<'a>>,
}

impl<'a> Form<'a> {
    /// Text parts: each value's `Display` form.
    pub fn text<T: fmt::Display + 'a>(
        mut self,
        name: &'a str,
        content_type: Option<&'a str>,
        values: impl IntoIterator<Item = &'a T>,
    ) -> Self {
        for value in values {
            self.parts.push(Part {
                name,
                file_name: None,
                content_type,
                content: Cow::Owned(value.to_string().into_bytes()),
            });
        }
        self
    }

    /// JSON parts (`content_type` is `application/json` unless the spec
    /// names another).
    pub fn json<T: serde::Serialize + 'a>(
        mut self,
        name: &'a str,
        content_type: &'a str,
        values: impl IntoIterator<Item = &'a T>,
    ) -> Result<Self, Error> {
        for value in values {
            let content = serde_json::to_vec(value).map_err(Error::Encode)?;
            self.parts.push(Part {
                name,
                file_name: None,
                content_type: Some(content_type),
                content: Cow::Owned(content),
            });
        }
        Ok(self)
    }

    /// File parts; `content_type` is the spec's type for the part, used
    /// where the file names none.
    pub fn files(
        mut self,
        name: &'a str,
        content_type: Option<&'a str>,
        files: impl IntoIterator<Item = &'a FilePart>,
    ) -> Self {
        for file in files {
            self.parts.push(file_part(name, content_type, file));
        }
        self
    }

    /// File parts under names the caller chose (the spec's `<any part
    /// name>`).
    // Called by generated forms with an `<any part name>` part; the stand-in
    // has none.
    #[allow(dead_code)]
    pub fn named_files(
        mut self,
        content_type: Option<&'a str>,
        files: impl IntoIterator<Item = &'a (String, FilePart)>,
    ) -> Self {
        for (name, file) in files {
            self.parts.push(file_part(name, content_type, file));
        }
        self
    }

    /// The encoded body, under a random boundary that occurs in no part
    /// (drawn again in the unlikely case that it does).
    pub fn into_body(self) -> Body {
        let mut boundary = random_boundary();
        while self.contains(boundary.as_bytes()) {
            boundary = random_boundary();
        }
        Body {
            bytes: self.encode(&boundary),
            content_type: Cow::Owned(format!("multipart/form-data; boundary={boundary}")),
        }
    }

    /// Whether `needle` occurs in any part's headers or content, where it
    /// could be read as the boundary.
    pub fn contains(&self, needle: &[u8]) -> bool {
        self.parts.iter().any(|part| {
            [
                part.name.as_bytes(),
                part.file_name.unwrap_or_default().as_bytes(),
                part.content_type.unwrap_or_default().as_bytes(),
                &part.content,
            ]
            .iter()
            .any(|haystack| occurs(needle, haystack))
        })
    }

    /// The body under `boundary` (RFC 7578): each part opens with
    /// `--boundary`, its `Content-Disposition` and `Content-Type`, a
    /// blank line and its content; `--boundary--` closes the body.
    pub fn encode(&self, boundary: &str) -> Vec<u8> {
        let size: usize = self.parts.iter().map(|p| p.content.len() + 128).sum();
        let mut out = Vec::with_capacity(size + boundary.len() * (self.parts.len() + 1));
        for part in &self.parts {
            out.extend_from_slice(b"--");
            out.extend_from_slice(boundary.as_bytes());
            out.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
            escape_into(&mut out, part.name);
            out.push(b'"');
            if let Some(file_name) = part.file_name {
                out.extend_from_slice(b"; filename=\"");
                escape_into(&mut out, file_name);
                out.push(b'"');
            }
            if let Some(content_type) = part.content_type {
                out.extend_from_slice(b"\r\nContent-Type: ");
                // A line break would end the header; none is kept.
                out.extend(content_type.bytes().filter(|b| !matches!(b, b'\r' | b'\n')));
            }
            out.extend_from_slice(b"\r\n\r\n");
            out.extend_from_slice(&part.content);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"--\r\n");
        out
    }
}

fn file_part<'a>(name: &'a str, spec_type: Option<&'a str>, file: &'a FilePart) -> Part<'a> {
    Part {
        name,
        file_name: Some(file.file_name.as_deref().unwrap_or(name)),
        content_type: Some(
            file.content_type
                .as_deref()
                .or(spec_type)
                .unwrap_or("application/octet-stream"),
        ),
        content: Cow::Borrowed(&file.bytes),
    }
}

/// Names and file names go between quotes: a quote and line breaks are
/// percent-encoded (`%22`, `%0D`, `%0A`), as RFC 7578 section 2 allows
/// and browsers do (WHATWG's form encoding); other text, UTF-8 included,
/// is sent as it is.
fn escape_into(out: &mut Vec<u8>, text: &str) {
    for byte in text.bytes() {
        match byte {
            b'"' => out.extend_from_slice(b"%22"),
            b'\r' => out.extend_from_slice(b"%0D"),
            b'\n' => out.extend_from_slice(b"%0A"),
            byte => out.push(byte),
        }
    }
}

/// 32 random letters and digits after a fixed prefix: RFC 2046 allows up
/// to 70 characters, and these need no quoting in the header.
pub(crate) fn random_boundary() -> String {
    let mut boundary = String::from("----form-boundary-");
    boundary.extend(std::iter::repeat_with(fastrand::alphanumeric).take(32));
    boundary
}

fn occurs(needle: &[u8], haystack: &[u8]) -> bool {
    let Some((&first, _)) = needle.split_first() else {
        return true;
    };
    haystack.len() >= needle.len()
        && (0..=haystack.len() - needle.len())
            .any(|at| haystack[at] == first && haystack[at..].starts_with(needle))
}

/// The `boundary` parameter of a `Content-Type`, so that
/// [`crate::Call::content_type`] can keep a form's boundary.
pub(crate) fn boundary_of(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (key, value) = parameter.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"'))
    })
}
