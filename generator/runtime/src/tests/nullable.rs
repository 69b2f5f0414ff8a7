//! The exact JSON each state of a `Nullable` field sends, and back.

use serde_json::json;

use crate::nullable::Nullable;

#[derive(Default, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Update {
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    description: Nullable<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

fn sent(description: Nullable<String>) -> String {
    serde_json::to_string(&Update {
        description,
        enabled: Some(true),
    })
    .unwrap()
}

#[test]
fn each_state_sends_its_own_json() {
    assert_eq!(sent(Nullable::Absent), r#"{"enabled":true}"#);
    assert_eq!(
        sent(Nullable::Null),
        r#"{"description":null,"enabled":true}"#
    );
    assert_eq!(
        sent(Nullable::Value("x".to_string())),
        r#"{"description":"x","enabled":true}"#
    );
    assert_eq!(
        sent("x".to_string().into()),
        sent(Nullable::Value("x".into()))
    );
    assert_eq!(sent(None.into()), sent(Nullable::Null));
    assert_eq!(sent(Update::default().description), sent(Nullable::Absent));
}

#[test]
fn each_state_reads_back() {
    let read = |value| serde_json::from_value::<Update>(value).unwrap().description;
    assert_eq!(read(json!({})), Nullable::Absent);
    assert_eq!(read(json!({"description": null})), Nullable::Null);
    assert_eq!(
        read(json!({"description": "x"})),
        Nullable::Value("x".to_string())
    );
}

#[test]
fn accessors() {
    let value = Nullable::Value(1);
    assert_eq!(value.as_value(), Some(&1));
    assert!(Nullable::<i32>::Null.is_null());
    assert_eq!(Nullable::<i32>::Null.into_value(), None);
    assert!(Nullable::<i32>::default().is_absent());
}
