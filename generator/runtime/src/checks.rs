//! Checks of arguments against the spec's limits, run before anything is
//! sent (and when decoding constrained strings).

use crate::error::ValidationError;

/// Names the method argument a constrained string's check was about
/// (`X::check(arg)`).
pub(crate) fn argument<T>(
    name: &'static str,
    checked: Result<T, ValidationError>,
) -> Result<T, ValidationError> {
    checked.map_err(|error| error.for_argument(name))
}

/// Checks a number against the spec's bounds, each `(bound, exclusive)`.
pub(crate) fn check_range(
    target: &'static str,
    value: f64,
    min: Option<(f64, bool)>,
    max: Option<(f64, bool)>,
) -> Result<(), ValidationError> {
    let reason = match (min, max) {
        (Some((min, false)), _) if value < min => format!("must be at least {min}, got {value}"),
        (Some((min, true)), _) if value <= min => format!("must be more than {min}, got {value}"),
        (_, Some((max, false))) if value > max => format!("must be at most {max}, got {value}"),
        (_, Some((max, true))) if value >= max => format!("must be less than {max}, got {value}"),
        _ => return Ok(()),
    };
    Err(ValidationError::new(target, reason))
}

/// Checks a string's length in characters against the spec's limits.
pub(crate) fn check_length(
    target: &'static str,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), ValidationError> {
    let length = value.chars().count();
    let reason = match (min, max) {
        (Some(min), Some(max)) if min == max && length != min => {
            format!("must be exactly {min} characters long, got {length}")
        }
        (Some(min), _) if length < min => {
            format!("must be at least {min} characters long, got {length}")
        }
        (_, Some(max)) if length > max => {
            format!("must be at most {max} characters long, got {length}")
        }
        _ => return Ok(()),
    };
    Err(ValidationError::new(target, reason))
}

/// A number the spec may bound, compared as an `f64` (as JSON has it).
pub(crate) trait Number: Copy {
    fn as_f64(self) -> f64;
}

macro_rules! numbers {
    ($($ty:ty),*) => {$(
        impl Number for $ty {
            fn as_f64(self) -> f64 {
                self as f64
            }
        }
    )*};
}

numbers!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

/// [`check_range`] of an optional parameter, if it is set.
pub(crate) fn opt_range<T: Number>(
    target: &'static str,
    value: &Option<T>,
    min: Option<(f64, bool)>,
    max: Option<(f64, bool)>,
) -> Result<(), ValidationError> {
    match value {
        Some(value) => check_range(target, value.as_f64(), min, max),
        None => Ok(()),
    }
}

/// [`check_length`] of an optional parameter, if it is set.
// Called by generated operations with an optional string argument; the
// stand-in has none.
#[allow(dead_code)]
pub(crate) fn opt_length<T: AsRef<str>>(
    target: &'static str,
    value: &Option<T>,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), ValidationError> {
    match value {
        Some(value) => check_length(target, value.as_ref(), min, max),
        None => Ok(()),
    }
}
