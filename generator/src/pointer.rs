//! JSON pointers (RFC 6901) into the source spec, carried by every model item
//! and every diagnostic so a problem can always be located in the document.

use std::fmt;

/// A JSON pointer such as `#/paths/~1accounts/patch/requestBody`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPointer {
    segments: Vec<String>,
}

impl JsonPointer {
    /// The whole document (`#`).
    pub fn root() -> Self {
        Self::default()
    }

    /// Parses a local `$ref` target like `#/components/schemas/x`.
    pub fn from_ref(reference: &str) -> Option<Self> {
        let rest = reference.strip_prefix('#')?;
        if rest.is_empty() {
            return Some(Self::root());
        }
        let rest = rest.strip_prefix('/')?;
        let segments = rest
            .split('/')
            .map(|raw| raw.replace("~1", "/").replace("~0", "~"))
            .collect();
        Some(Self { segments })
    }

    /// A child pointer; `segment` is the unescaped key or index.
    pub fn push(&self, segment: impl Into<String>) -> Self {
        let mut segments = self.segments.clone();
        segments.push(segment.into());
        Self { segments }
    }

    /// The unescaped segments, outermost first.
    pub fn segments(&self) -> &[String] {
        &self.segments
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("#")?;
        for segment in &self.segments {
            f.write_str("/")?;
            // Pointers are written for every type and warning; most segments
            // need no escape, so they go out without a copy.
            for (i, part) in segment.split('/').enumerate() {
                if i > 0 {
                    f.write_str("~1")?;
                }
                for (j, piece) in part.split('~').enumerate() {
                    if j > 0 {
                        f.write_str("~0")?;
                    }
                    f.write_str(piece)?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_slash_and_tilde() {
        let p = JsonPointer::root().push("paths").push("/a/{b}").push("x~y");
        assert_eq!(p.to_string(), "#/paths/~1a~1{b}/x~0y");
        assert_eq!(JsonPointer::from_ref(&p.to_string()), Some(p));
        let both = JsonPointer::root().push("~/x/~~");
        assert_eq!(both.to_string(), "#/~0~1x~1~0~0");
        assert_eq!(JsonPointer::from_ref(&both.to_string()), Some(both));
    }

    #[test]
    fn rejects_non_local_refs() {
        assert_eq!(JsonPointer::from_ref("other.yaml#/a"), None);
    }
}
