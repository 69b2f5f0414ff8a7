//! Path templates (`/zones/{zone_id}/dns_records/{id}.json`): a small
//! parser from the spec's text to segments of literal and variable parts.
//!
//! Invariant: a template that parses has every `{` closed by a `}` in the
//! same segment, no `}` without its `{`, and no braces inside a variable
//! name; anything else is refused with the reason, before any parameter is
//! looked at. What the variables stand for is decided by the caller.

use std::fmt;

use crate::model::{PathParam, PathSegment, TemplatePart};

/// A parsed path template: its non-empty `/`-separated segments in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathTemplate<'p> {
    segments: Vec<Segment<'p>>,
}

/// One segment (`{id}.json`): its text and its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Segment<'p> {
    text: &'p str,
    parts: Vec<Part<'p>>,
}

/// A piece of a segment; literal pieces are never empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part<'p> {
    Literal(&'p str),
    Variable(&'p str),
}

/// Why a template cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// A `}` that closes nothing (`/a/b}`).
    UnmatchedClose { path: String },
    /// A `{` not closed within its segment (`/a/{b`, `/a/{b/c}`, `/{{b}}`).
    Unclosed { path: String },
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::UnmatchedClose { path } => write!(f, "unmatched `}}` in path `{path}`"),
            TemplateError::Unclosed { path } => write!(f, "unclosed `{{` in path `{path}`"),
        }
    }
}

impl<'p> PathTemplate<'p> {
    pub fn parse(path: &'p str) -> Result<Self, TemplateError> {
        let segments = path
            .split('/')
            .filter(|text| !text.is_empty())
            .map(|text| {
                Ok(Segment {
                    text,
                    parts: parse_segment(text).map_err(|error| error(path.to_string()))?,
                })
            })
            .collect::<Result<_, TemplateError>>()?;
        Ok(Self { segments })
    }

    /// The variables (`/zones/{zone_id}` → `zone_id`), in order and each
    /// once.
    pub fn variables(&self) -> Vec<&'p str> {
        let mut variables: Vec<&str> = Vec::new();
        for part in self.segments.iter().flat_map(|s| &s.parts) {
            if let Part::Variable(name) = *part
                && !variables.contains(&name)
            {
                variables.push(name);
            }
        }
        variables
    }

    /// The segments as the model has them: a segment without variables is
    /// one literal; a variable is an index into `params` (matched by wire
    /// name), and one no parameter declares is left out.
    pub fn to_model(&self, params: &[PathParam]) -> Vec<PathSegment> {
        self.segments
            .iter()
            .map(|segment| {
                if !segment.parts.iter().any(|p| matches!(p, Part::Variable(_))) {
                    return PathSegment::Literal(segment.text.to_string());
                }
                let parts = segment
                    .parts
                    .iter()
                    .filter_map(|part| match *part {
                        Part::Literal(text) => Some(TemplatePart::Literal(text.to_string())),
                        Part::Variable(name) => params
                            .iter()
                            .position(|p| p.wire_name == name)
                            .map(TemplatePart::Param),
                    })
                    .collect();
                PathSegment::Template(parts)
            })
            .collect()
    }
}

/// The parts of one segment (no `/` in it), or which error it is, waiting
/// for the whole path to name.
fn parse_segment(text: &str) -> Result<Vec<Part<'_>>, fn(String) -> TemplateError> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(|path| TemplateError::UnmatchedClose { path });
        }
        if open > 0 {
            parts.push(Part::Literal(&rest[..open]));
        }
        let inner = &rest[open + 1..];
        match inner.find(['{', '}']) {
            Some(close) if inner[close..].starts_with('}') => {
                parts.push(Part::Variable(&inner[..close]));
                rest = &inner[close + 1..];
            }
            _ => return Err(|path| TemplateError::Unclosed { path }),
        }
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PathParamKind;

    fn parts(path: &str) -> Vec<Vec<Part<'_>>> {
        let template = PathTemplate::parse(path).expect("parses");
        template.segments.into_iter().map(|s| s.parts).collect()
    }

    fn error(path: &str) -> String {
        PathTemplate::parse(path).expect_err("refused").to_string()
    }

    #[test]
    fn segments_of_literal_and_variable_parts() {
        use Part::{Literal, Variable};
        assert_eq!(
            parts("/a/{b}.json/{c}"),
            vec![
                vec![Literal("a")],
                vec![Variable("b"), Literal(".json")],
                vec![Variable("c")],
            ]
        );
        assert_eq!(
            parts("//v{major}-{minor}x/"),
            vec![vec![
                Literal("v"),
                Variable("major"),
                Literal("-"),
                Variable("minor"),
                Literal("x"),
            ]]
        );
        assert_eq!(parts("/"), Vec::<Vec<Part<'_>>>::new());
        assert_eq!(parts("/{}"), vec![vec![Variable("")]]);
    }

    #[test]
    fn variables_in_order_each_once() {
        let variables = |path| PathTemplate::parse(path).map(|t| t.variables());
        assert_eq!(
            variables("/zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint"),
            Ok(vec!["zone_id", "ruleset_phase"])
        );
        assert_eq!(variables("/a/{x}-{x}.{y}/{x}"), Ok(vec!["x", "y"]));
        assert_eq!(variables("/a"), Ok(vec![]));
    }

    #[test]
    fn unbalanced_templates_are_refused() {
        assert_eq!(error("/a/{b"), "unclosed `{` in path `/a/{b`");
        assert_eq!(error("/a/{b/c}"), "unclosed `{` in path `/a/{b/c}`");
        assert_eq!(error("/a/{{b}}"), "unclosed `{` in path `/a/{{b}}`");
        assert_eq!(error("/a/b}"), "unmatched `}` in path `/a/b}`");
        assert_eq!(error("/a/{b}}"), "unmatched `}` in path `/a/{b}}`");
        // The first problem from the left is the one reported.
        assert_eq!(error("/a}/{b"), "unmatched `}` in path `/a}/{b`");
        assert_eq!(error("/{a/}"), "unclosed `{` in path `/{a/}`");
    }

    #[test]
    fn model_segments_point_at_declared_parameters() {
        let param = |wire: &str| PathParam {
            name: wire.to_string(),
            wire_name: wire.to_string(),
            kind: PathParamKind::Str,
            doc: None,
        };
        let template = PathTemplate::parse("/a/{c}/{b}.json/{undeclared}x").unwrap();
        assert_eq!(
            template.to_model(&[param("b"), param("c")]),
            vec![
                PathSegment::Literal("a".into()),
                PathSegment::Template(vec![TemplatePart::Param(1)]),
                PathSegment::Template(vec![
                    TemplatePart::Param(0),
                    TemplatePart::Literal(".json".into()),
                ]),
                PathSegment::Template(vec![TemplatePart::Literal("x".into())]),
            ]
        );
    }
}
