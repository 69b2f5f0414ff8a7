//! Problems found in a spec. Lowering collects every problem instead of
//! stopping at the first, so one run shows the user everything to fix.

use std::fmt;

use crate::pointer::JsonPointer;

/// How warnings about names changed to avoid a collision begin; the code
/// is still complete, so the summary does not count them as degradation.
pub const COLLISION: &str = "name collision:";

/// How warnings about unions whose variants the spec does not tell apart
/// begin; the code is complete (the earlier variant wins), so the summary
/// does not count them as degradation.
pub const AMBIGUOUS_UNION: &str = "ambiguous union";

/// How warnings end when lenient intake left an item out, degraded it or
/// repaired it (`<problem>; <consequence>`); the summary counts them by
/// these endings.
pub mod consequence {
    pub const PATH_ITEM_SKIPPED: &str = "its operations are skipped";
    pub const OPERATION_SKIPPED: &str = "the operation is skipped";
    pub const PARAMETER_SKIPPED: &str = "the parameter is skipped";
    pub const REQUEST_BODY_SKIPPED: &str = "the request body is skipped";
    pub const RESPONSE_SKIPPED: &str = "the response is skipped";
    pub const SERVER_SKIPPED: &str = "the server is skipped";
    pub const SECURITY_SCHEME_SKIPPED: &str = "the security scheme is skipped";
    pub const ALL_OF_MEMBER_SKIPPED: &str = "the allOf member is skipped";
    pub const LEFT_OUT: &str = "it is left out";
    pub const READ_AS_JSON: &str = "read as serde_json::Value";
    pub const READ_AS_BYTES: &str = "the response is read as raw bytes";
    pub const READ_AS_STRING: &str = "read as a string";
    pub const ADDED_PATH_PARAMETER: &str = "added as a required string path parameter";
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation went on, with the item degraded (e.g. to `serde_json::Value`).
    Warning,
    /// The spec cannot be generated.
    Error,
}

/// Where a problem is: a JSON pointer into the parsed document, or a
/// line/column for syntax errors found before there is a document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    Pointer(JsonPointer),
    Text { line: usize, column: usize },
    Document,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn error(pointer: &JsonPointer, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            location: Location::Pointer(pointer.clone()),
            message: message.into(),
        }
    }

    pub fn warning(pointer: &JsonPointer, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            location: Location::Pointer(pointer.clone()),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match &self.location {
            Location::Pointer(pointer) => write!(f, "{severity}: {pointer}: {}", self.message),
            Location::Text { line, column } => {
                write!(
                    f,
                    "{severity}: line {line}, column {column}: {}",
                    self.message
                )
            }
            Location::Document => write!(f, "{severity}: {}", self.message),
        }
    }
}

/// All problems of one generation run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// The diagnostics in order, each identical one kept once (a dangling
    /// `$ref` reached twice, e.g. through two `allOf`s, is one problem).
    pub fn unique(items: impl IntoIterator<Item = Diagnostic>) -> Self {
        let mut seen = std::collections::HashSet::new();
        Self {
            items: items
                .into_iter()
                .filter(|d| seen.insert(d.clone()))
                .collect(),
        }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn error(&mut self, pointer: &JsonPointer, message: impl Into<String>) {
        self.push(Diagnostic::error(pointer, message));
    }

    pub fn warning(&mut self, pointer: &JsonPointer, message: impl Into<String>) {
        self.push(Diagnostic::warning(pointer, message));
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Errors first, then warnings, each in the order found.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by_key(|d| std::cmp::Reverse(d.severity));
        items
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self {
            items: vec![diagnostic],
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.sorted() {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
