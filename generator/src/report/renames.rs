//! Recognising a renamed type: same shape, a name that looks alike.

use std::collections::BTreeMap;

use crate::record::{Record, TypeEntry};

/// Type names in the new crate's terms: an old name through its rename,
/// then any name through aliases to its definition, so `Foo` and `Bar`
/// compare equal when one is now an alias of the other.
pub(super) struct Canon<'r> {
    pub(super) new: &'r Record,
    pub(super) renames: &'r BTreeMap<String, String>,
}

impl Canon<'_> {
    pub(super) fn name(&self, name: &str, old_side: bool) -> String {
        let name = match self.renames.get(name) {
            Some(renamed) if old_side => renamed.as_str(),
            _ => name,
        };
        match self.new.definition(name) {
            Some((definition, _)) => definition.to_string(),
            None => name.to_string(),
        }
    }

    /// A type text with every name in it made canonical.
    pub(super) fn text(&self, text: &str, old_side: bool) -> String {
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                out.push_str(&self.name(&word, old_side));
                word.clear();
            }
            out.push(c);
        }
        out.pop();
        out
    }

    /// A definition's shape in canonical terms.
    pub(super) fn shape(&self, entry: &TypeEntry, old_side: bool) -> String {
        let fields: Vec<String> = entry
            .fields
            .iter()
            .map(|(name, ty)| format!("{name}:{}", self.text(ty, old_side)))
            .collect();
        format!(
            "{}|{}|{}",
            entry.kind,
            fields.join(","),
            entry.variants.join(",")
        )
    }
}

/// Old names that are gone, matched with new names of the same shape whose
/// source looks like the old one's (`iam_messages` → `iam_messages-2`).
/// Rounds repeat because recognising one rename can make the types that
/// use it match.
pub(super) fn find_renames(old: &Record, new: &Record) -> BTreeMap<String, String> {
    let gone: Vec<&String> = old
        .types
        .keys()
        .filter(|name| !new.types.contains_key(*name))
        .collect();
    let fresh: Vec<&String> = new
        .types
        .keys()
        .filter(|name| !old.types.contains_key(*name))
        .collect();
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    for _round in 0..4 {
        let canon = Canon {
            new,
            renames: &renames,
        };
        let mut by_shape: BTreeMap<String, Vec<&String>> = BTreeMap::new();
        for name in &fresh {
            if let Some((_, entry)) = new.definition(name) {
                by_shape
                    .entry(canon.shape(entry, false))
                    .or_default()
                    .push(name);
            }
        }
        let mut found = BTreeMap::new();
        for name in gone.iter().filter(|name| !renames.contains_key(**name)) {
            let Some((_, entry)) = old.definition(name) else {
                continue;
            };
            let Some(candidates) = by_shape.get(&canon.shape(entry, true)) else {
                continue;
            };
            let source = old.types[*name].source.as_str();
            let best = candidates
                .iter()
                .map(|candidate| {
                    let score = rename_score(
                        (name, source),
                        (candidate, new.types[candidate.as_str()].source.as_str()),
                    );
                    (score, *candidate)
                })
                .filter(|(score, _)| *score >= 0.5)
                .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
            if let Some((_, candidate)) = best {
                found.insert((*name).clone(), (*candidate).clone());
            }
        }
        if found.is_empty() {
            break;
        }
        renames.extend(found);
    }
    renames
}

/// How alike an old type and a candidate new one look: their component
/// keys when both are components (`iam_notice`, `iam_notice-2`), else their
/// Rust names, since an inline schema's pointer ends in generic words
/// (`items`, `schema`) that would make unrelated types look alike.
fn rename_score(old: (&str, &str), new: (&str, &str)) -> f64 {
    let component = |source: &str| {
        source
            .strip_prefix("#/components/schemas/")
            .filter(|key| !key.contains('/'))
            .map(str::to_string)
    };
    match (component(old.1), component(new.1)) {
        (Some(old_key), Some(new_key)) => similarity(&old_key, &new_key),
        _ => similarity(old.0, new.0),
    }
}

/// Shared leading and trailing characters over the longer length.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 0.0;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (prefix + suffix).min(a.len().min(b.len())) as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_types_must_look_alike() {
        let component = |key: &str| format!("#/components/schemas/{key}");
        let (notice, notice_2) = (component("iam_notice"), component("iam_notice-2"));
        assert!(rename_score(("Notice", &notice), ("Notice2", &notice_2)) >= 0.5);
        let device = component("zt_device");
        assert!(rename_score(("Notice", &notice), ("Device", &device)) < 0.5);
        // Inline schemas compare by name: `.../format/schema` says nothing.
        let format = "#/paths/~1a/get/parameters/query:format/schema";
        assert!(
            rename_score(
                ("RadarGetBgpIpSpaceTimeseriesFormat", format),
                ("RadarGetAnnotationsFormat", format)
            ) < 0.5
        );
        let text = "#/paths/~1a/post/requestBody/oneOf/3/properties/text";
        assert!(
            rename_score(
                ("WorkersAiRunRequestVariant4Text", text),
                ("WorkersAiRunRequestVariant3Text", text)
            ) >= 0.5
        );
        assert_eq!(similarity("", ""), 0.0);
    }
}
