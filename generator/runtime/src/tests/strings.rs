//! An open enum and a constrained string as the generator writes them:
//! the definition, then one line invoking `strings.rs`.

use std::str::FromStr;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Active,
    OnHold,
    Unknown(String),
}

crate::strings::open_enum!(Status { Active = "active", OnHold = "on-hold" });

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(String);

crate::strings::constrained_string!(AccountId, Some(2), Some(4));

#[test]
fn open_enums_keep_unknown_values_and_write_them_back() {
    assert_eq!(Status::OnHold.as_str(), "on-hold");
    assert_eq!(Status::from("active"), Status::Active);
    assert_eq!(
        Status::from("paused"),
        Status::Unknown("paused".to_string())
    );
    assert_eq!(Status::from("on-hold".to_string()), Status::OnHold);
    assert_eq!(
        Status::from("new".to_string()),
        Status::Unknown("new".to_string())
    );
    assert_eq!(Status::Unknown("x".into()).as_str(), "x");
    assert_eq!(Status::OnHold.to_string(), "on-hold");

    let read: Vec<Status> = serde_json::from_str(r#"["active","on-hold","paused"]"#).unwrap();
    assert_eq!(
        read,
        [
            Status::Active,
            Status::OnHold,
            Status::Unknown("paused".into())
        ]
    );
    assert_eq!(
        serde_json::to_string(&read).unwrap(),
        r#"["active","on-hold","paused"]"#
    );
    assert_eq!(
        serde_json::from_str::<Status>("1").unwrap_err().to_string(),
        "invalid type: integer `1`, expected a string at line 1 column 1"
    );
}

#[test]
fn constrained_strings_check_their_length_everywhere() {
    let id = AccountId::new("abc").unwrap();
    assert_eq!(id.as_str(), "abc");
    assert_eq!(id.as_ref(), "abc");
    assert_eq!(id.to_string(), "abc");
    assert_eq!(id.clone().into_inner(), "abc");
    assert_eq!(AccountId::from_str("ab"), Ok(AccountId("ab".into())));
    assert_eq!(
        AccountId::try_from("abcde".to_string())
            .unwrap_err()
            .to_string(),
        "AccountId: must be at most 4 characters long, got 5"
    );
    assert_eq!(
        AccountId::try_from("a").unwrap_err().to_string(),
        "AccountId: must be at least 2 characters long, got 1"
    );
    assert_eq!(AccountId::check("abcd"), Ok(()));
    assert_eq!(
        AccountId::check("abcde").unwrap_err(),
        AccountId::new("abcde").unwrap_err()
    );

    assert_eq!(serde_json::to_string(&id).unwrap(), r#""abc""#);
    assert_eq!(
        serde_json::from_str::<AccountId>(r#""abcd""#).unwrap(),
        AccountId("abcd".into())
    );
    assert_eq!(
        serde_json::from_str::<AccountId>(r#""abcde""#)
            .unwrap_err()
            .to_string(),
        "AccountId: must be at most 4 characters long, got 5"
    );
}
