//! Problems found in a spec. Lowering collects every problem instead of
//! stopping at the first, so one run shows the user everything to fix.

use std::fmt;

use crate::pointer::JsonPointer;

/// How the message of a [`Kind::Collision`] begins.
pub const COLLISION: &str = "name collision:";

/// How the message of a [`Kind::AmbiguousUnion`] begins.
pub const AMBIGUOUS_UNION: &str = "ambiguous union";

/// What a diagnostic says became of its item. Set where the diagnostic is
/// made and worded into its message there ([`Diagnostic::of`]); the
/// summary counts by it, never by the message, so rewording a message
/// moves no count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Anything else (every error is one).
    #[default]
    Other,
    /// A name changed to avoid a collision: `name collision: <problem>`.
    /// The code is complete, so it is not degradation.
    Collision,
    /// A union whose variants the spec does not tell apart: `ambiguous
    /// union <problem>`. The code is complete (the earlier variant wins),
    /// so it is not degradation.
    AmbiguousUnion,
    /// A path item none of whose operations is generated: `<problem>; its
    /// operations are skipped`.
    PathItemSkipped,
    /// An item the spec has but the crate does not: `<problem>; <what
    /// became of the item>`.
    LeftOut {
        /// What was left out.
        item: Item,
        /// Why.
        reason: Reason,
    },
    /// An item generated in a weaker form.
    Degraded {
        /// What it became.
        to: Fallback,
        /// Why.
        reason: Reason,
    },
    /// A defect repaired so the item generates as the spec meant it.
    Repaired(Repair),
}

/// What a [`Kind::LeftOut`] left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// An operation.
    Operation,
    /// A parameter of an operation or path item.
    Parameter,
    /// An operation's request body.
    RequestBody,
    /// A response of an operation.
    Response,
    /// A server URL.
    Server,
    /// A security scheme.
    SecurityScheme,
    /// A member of an `allOf`.
    AllOfMember,
    /// A top-level key or a `components` section or entry.
    TopLevelPart,
    /// A media type of a success response no method reads.
    MediaType,
}

/// What a [`Kind::Degraded`] item became.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fallback {
    /// A schema read as `serde_json::Value`.
    Json,
    /// A response read as raw bytes.
    Bytes,
    /// A request body sent as the bytes the caller gives.
    RawBody,
    /// A query or header parameter sent as JSON text.
    JsonText,
}

/// What a [`Kind::Repaired`] repaired.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Repair {
    /// A parameter without `schema` or `content`, read as a string.
    ParameterWithoutSchema,
    /// A path template variable no parameter declares, added as one.
    UndeclaredPathVariable,
}

/// Why an item was left out or degraded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// The part does not deserialize as what it should be.
    CouldNotBeRead,
    /// A local `$ref` to no component.
    RefToNothing,
    /// A `$ref` that is not local.
    UnsupportedRef,
    /// A chain of `$ref`s that never reaches an item.
    CircularRef,
    /// A path parameter the path template does not use.
    NotInPathTemplate,
    /// A path template with unbalanced braces.
    UnreadablePathTemplate,
    /// A construct the generator does not type (a structured parameter
    /// in a style other than `deepObject`, a form body whose schema is not
    /// an object); the message says which.
    Unsupported,
    /// Anything else; the message says what.
    Other,
}

impl Kind {
    /// The message of a diagnostic of this kind about `problem`.
    fn word(self, problem: String) -> String {
        let consequence = match self {
            Kind::Other => return problem,
            Kind::Collision => return format!("{COLLISION} {problem}"),
            Kind::AmbiguousUnion => return format!("{AMBIGUOUS_UNION} {problem}"),
            Kind::PathItemSkipped => "its operations are skipped",
            Kind::LeftOut { item, .. } => match item {
                Item::Operation => "the operation is skipped",
                Item::Parameter => "the parameter is skipped",
                Item::RequestBody => "the request body is skipped",
                Item::Response => "the response is skipped",
                Item::Server => "the server is skipped",
                Item::SecurityScheme => "the security scheme is skipped",
                Item::AllOfMember => "the allOf member is skipped",
                Item::TopLevelPart => "it is left out",
                Item::MediaType => "no method returns it",
            },
            Kind::Degraded { to, .. } => match to {
                Fallback::Json => "read as serde_json::Value",
                Fallback::Bytes => "the response is read as raw bytes",
                Fallback::RawBody => "the body is sent as the bytes the caller gives",
                Fallback::JsonText => "it is sent as JSON text, which the API may not read",
            },
            Kind::Repaired(repair) => match repair {
                Repair::ParameterWithoutSchema => "read as a string",
                Repair::UndeclaredPathVariable => "added as a required string path parameter",
            },
        };
        format!("{problem}; {consequence}")
    }
}

/// How bad a problem is.
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
    /// A place in the document (RFC 6901).
    Pointer(JsonPointer),
    /// A place in the text, 1-based.
    Text {
        /// The line.
        line: usize,
        /// The column.
        column: usize,
    },
    /// The document as a whole.
    Document,
}

/// One problem found in a spec.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Whether generation could go on.
    pub severity: Severity,
    /// Where the problem is.
    pub location: Location,
    /// What the user reads; for a kind other than [`Kind::Other`], worded
    /// from the kind ([`Diagnostic::of`]).
    pub message: String,
    /// What the problem did to the crate, which the summary counts by.
    pub kind: Kind,
}

impl Diagnostic {
    /// An error: the spec cannot be generated.
    pub fn error(pointer: &JsonPointer, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            location: Location::Pointer(pointer.clone()),
            message: message.into(),
            kind: Kind::Other,
        }
    }

    /// A warning of [`Kind::Other`]: `message` is shown as it is.
    pub fn warning(pointer: &JsonPointer, message: impl Into<String>) -> Self {
        Self::of(Kind::Other, pointer, message)
    }

    /// A warning of `kind` about `problem`, its message worded from the
    /// kind: `name collision: <problem>`, `<problem>; the parameter is
    /// skipped`, `<problem>; read as serde_json::Value`...
    pub fn of(kind: Kind, pointer: &JsonPointer, problem: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            location: Location::Pointer(pointer.clone()),
            message: kind.word(problem.into()),
            kind,
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

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub(crate) fn warning(&mut self, pointer: &JsonPointer, message: impl Into<String>) {
        self.push(Diagnostic::warning(pointer, message));
    }

    /// Whether any problem stops generation.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The problems, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// How many problems.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is none.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The wording users read, kind by kind (the summary does not read it).
    #[test]
    fn messages_are_worded_from_their_kind() {
        let message = |kind| Diagnostic::of(kind, &JsonPointer::root(), "problem").message;
        let left_out = |item| Kind::LeftOut {
            item,
            reason: Reason::Other,
        };
        let degraded = |to| Kind::Degraded {
            to,
            reason: Reason::Other,
        };
        let cases = [
            (Kind::Other, "problem"),
            (Kind::Collision, "name collision: problem"),
            (Kind::AmbiguousUnion, "ambiguous union problem"),
            (Kind::PathItemSkipped, "problem; its operations are skipped"),
            (
                left_out(Item::Operation),
                "problem; the operation is skipped",
            ),
            (
                left_out(Item::Parameter),
                "problem; the parameter is skipped",
            ),
            (
                left_out(Item::RequestBody),
                "problem; the request body is skipped",
            ),
            (left_out(Item::Response), "problem; the response is skipped"),
            (left_out(Item::Server), "problem; the server is skipped"),
            (
                left_out(Item::SecurityScheme),
                "problem; the security scheme is skipped",
            ),
            (
                left_out(Item::AllOfMember),
                "problem; the allOf member is skipped",
            ),
            (left_out(Item::TopLevelPart), "problem; it is left out"),
            (
                degraded(Fallback::Json),
                "problem; read as serde_json::Value",
            ),
            (
                degraded(Fallback::Bytes),
                "problem; the response is read as raw bytes",
            ),
            (
                Kind::Repaired(Repair::ParameterWithoutSchema),
                "problem; read as a string",
            ),
            (
                Kind::Repaired(Repair::UndeclaredPathVariable),
                "problem; added as a required string path parameter",
            ),
        ];
        for (kind, expected) in cases {
            assert_eq!(message(kind), expected, "{kind:?}");
        }
        let reason = |reason| Kind::LeftOut {
            item: Item::Parameter,
            reason,
        };
        assert_eq!(
            message(reason(Reason::CircularRef)),
            message(reason(Reason::CouldNotBeRead)),
            "the reason is the problem's to say"
        );
        let warning = Diagnostic::warning(&JsonPointer::root(), "as it is; read as a string");
        assert_eq!(warning.kind, Kind::Other);
        assert_eq!(warning.message, "as it is; read as a string");
    }
}
