//! Numbers beyond 64 bits. Tools that write integers through doubles emit
//! bounds like `minimum: -9223372036854776000`: the YAML reader refuses
//! such an integer outright, and openapiv3 wants integer bounds as `i64`.
//! The YAML text is read with each such integer taken as a float
//! ([`read_yaml`]), and an integer schema's bound that does not fit an
//! `i64` is dropped with a warning at its pointer ([`drop_wide_bounds`]): a
//! bound beyond the 64-bit range constrains nothing a Rust `i64` can hold.

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::pointer::JsonPointer;

/// How many out-of-range integers one document may have read as floats.
const MAX_WIDE_NUMBERS: usize = 10_000;

/// Reads YAML text; an integer the reader refuses as too wide (beyond
/// `i64`/`u64`) is read as the float it spells. Other errors are returned
/// as they are.
pub fn read_yaml(text: &str) -> Result<serde_yaml::Value, serde_yaml::Error> {
    let mut text = std::borrow::Cow::Borrowed(text);
    for _ in 0..MAX_WIDE_NUMBERS {
        let error = match serde_yaml::from_str::<serde_yaml::Value>(&text) {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let wide = error.to_string().contains(" as i128") || error.to_string().contains(" as u128");
        let Some(location) = error.location().filter(|_| wide) else {
            return Err(error);
        };
        let Some(fixed) = as_float(&text, location.index()) else {
            return Err(error);
        };
        text = std::borrow::Cow::Owned(fixed);
    }
    serde_yaml::from_str(&text)
}

/// `text` with the integer at byte `index` written as a float (`.0` added).
fn as_float(text: &str, index: usize) -> Option<String> {
    let rest = text.get(index..)?;
    let length = rest
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || (*i == 0 && matches!(c, '-' | '+'))))
        .map_or(rest.len(), |(i, _)| i);
    let token = &rest[..length];
    if !token.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let end = index + length;
    Some(format!("{}.0{}", &text[..end], &text[end..]))
}

/// Drops `minimum`/`maximum` of integer schemas that no `i64` can hold
/// (floats beyond the range, or above `i64::MAX`); an integral float within
/// the range becomes that integer.
pub fn drop_wide_bounds(document: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    walk(document, &JsonPointer::root(), &mut warnings);
    warnings
}

fn walk(value: &mut Value, at: &JsonPointer, warnings: &mut Vec<Diagnostic>) {
    match value {
        Value::Object(map) => {
            if map.get("type").and_then(Value::as_str) == Some("integer") {
                for keyword in ["minimum", "maximum"] {
                    let Some(Value::Number(number)) = map.get(keyword) else {
                        continue;
                    };
                    if number.is_i64() {
                        continue;
                    }
                    let float = number.as_f64().unwrap_or(f64::NAN);
                    if float.fract() == 0.0 && float >= i64::MIN as f64 && float < i64::MAX as f64 {
                        map.insert(keyword.to_string(), Value::from(float as i64));
                        continue;
                    }
                    warnings.push(Diagnostic::warning(
                        &at.push(keyword),
                        format!(
                            "`{keyword}` {number} is beyond a 64-bit integer; the bound is dropped"
                        ),
                    ));
                    map.remove(keyword);
                }
            }
            for (key, child) in map.iter_mut() {
                if !matches!(key.as_str(), "example" | "examples" | "default" | "enum") {
                    walk(child, &at.push(key.clone()), warnings);
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                walk(item, &at.push(index.to_string()), warnings);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wide_yaml_integers_are_read_as_floats() {
        let value =
            read_yaml("a: {minimum: -9223372036854776000, maximum: 99999999999999999999}\nb: 3\n")
                .unwrap();
        let a = &value["a"];
        assert_eq!(a["minimum"].as_f64(), Some(-9223372036854776000.0));
        assert_eq!(a["maximum"].as_f64(), Some(1e20));
        assert_eq!(value["b"].as_i64(), Some(3));
        assert!(read_yaml("a: [").is_err());
    }

    #[test]
    fn integer_bounds_beyond_i64_are_dropped() {
        let mut document = json!({ "components": { "schemas": {
            "c": { "type": "integer", "minimum": -9223372036854776000.0_f64, "maximum": 9223372036854775808_u64 },
            "d": { "type": "integer", "minimum": 5.0, "maximum": 7 },
            "n": { "type": "number", "minimum": -1e300 },
        }}});
        let warnings: Vec<String> = drop_wide_bounds(&mut document)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            warnings,
            [
                "warning: #/components/schemas/c/maximum: `maximum` 9223372036854775808 is beyond a 64-bit integer; the bound is dropped",
            ]
        );
        let schemas = &document["components"]["schemas"];
        // -9223372036854776000 is the double nearest i64::MIN: that bound.
        assert_eq!(
            schemas["c"],
            json!({ "type": "integer", "minimum": i64::MIN })
        );
        assert_eq!(
            schemas["d"],
            json!({ "type": "integer", "minimum": 5, "maximum": 7 })
        );
        assert_eq!(schemas["n"]["minimum"], json!(-1e300));
    }
}
