use crate::checks::{check_length, check_range, opt_length, opt_range};

#[test]
fn ranges_honour_exclusive_bounds() {
    assert_eq!(check_range("page", 1.0, Some((1.0, false)), None), Ok(()));
    let below = check_range("page", 0.0, Some((1.0, false)), None).unwrap_err();
    assert_eq!(below.to_string(), "page: must be at least 1, got 0");
    let at_exclusive = check_range("ratio", 1.0, None, Some((1.0, true))).unwrap_err();
    assert_eq!(
        at_exclusive.to_string(),
        "ratio: must be less than 1, got 1"
    );
    assert_eq!(
        check_range("ratio", 0.5, Some((0.0, true)), Some((1.0, true))),
        Ok(())
    );
}

#[test]
fn lengths_count_characters() {
    assert_eq!(check_length("name", "ééé", Some(3), Some(3)), Ok(()));
    let long = check_length("name", "abcd", None, Some(3)).unwrap_err();
    assert_eq!(
        long.to_string(),
        "name: must be at most 3 characters long, got 4"
    );
    let exact = check_length("id", "abc", Some(32), Some(32)).unwrap_err();
    assert_eq!(
        exact.to_string(),
        "id: must be exactly 32 characters long, got 3"
    );
}

/// Optional parameters are checked when set, each type as a number.
#[test]
fn optional_values_are_checked_only_when_set() {
    let min = Some((1.0, false));
    assert_eq!(opt_range::<i64>("page", &None, min, None), Ok(()));
    assert_eq!(opt_range("page", &Some(2_i64), min, None), Ok(()));
    let below = opt_range("page", &Some(0_u32), min, None).unwrap_err();
    assert_eq!(below.to_string(), "page: must be at least 1, got 0");
    let ratio = opt_range("ratio", &Some(1.5_f64), None, Some((1.0, true))).unwrap_err();
    assert_eq!(ratio.to_string(), "ratio: must be less than 1, got 1.5");
    assert_eq!(opt_length::<String>("name", &None, Some(2), None), Ok(()));
    let short = opt_length("name", &Some("a".to_string()), Some(2), None).unwrap_err();
    assert_eq!(
        short.to_string(),
        "name: must be at least 2 characters long, got 1"
    );
}
