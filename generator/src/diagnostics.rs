//! Problems found in a spec. Lowering collects every problem instead of
//! stopping at the first, so one run shows the user everything to fix.

use std::fmt;

use crate::pointer::JsonPointer;

/// How warnings about names changed to avoid a collision begin; the code
/// is still complete, so the summary does not count them as degradation.
pub const COLLISION: &str = "name collision:";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation went on, with the item degraded (e.g. to `serde_json::Value`).
    Warning,
    /// The spec cannot be generated.
    Error,
}

/// Where a problem is: a JSON pointer into the parsed document, or a
/// line/column for syntax errors found before there is a document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    Pointer(JsonPointer),
    Text { line: usize, column: usize },
    Document,
}

#[derive(Clone, Debug, PartialEq, Eq)]
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

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.sorted() {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
