use crate::timestamp::Timestamp;

#[test]
fn any_number_of_fractional_digits_parses_and_round_trips() {
    for text in [
        "2025-01-01T12:21:02Z",
        "2025-01-01T12:21:02.0000Z",
        "2021-11-12T21:01:17.744476Z",
    ] {
        let parsed: Timestamp = serde_json::from_str(&format!("\"{text}\"")).unwrap();
        let again: Timestamp =
            serde_json::from_value(serde_json::to_value(parsed).unwrap()).unwrap();
        assert_eq!(parsed, again, "{text}");
    }
    assert!(Timestamp::parse("yesterday").is_err());
    let shown = Timestamp::parse("2021-11-12T21:01:17.744476Z")
        .unwrap()
        .to_string();
    assert_eq!(shown, "2021-11-12T21:01:17.744476Z");
}
