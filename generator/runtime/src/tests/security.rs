//! Credentials: HTTP Basic encoded here, from the setter and from the
//! environment, and the headers each placement writes.

use crate::auth::{Credentials, Scheme};
use crate::client::Client;
use crate::security::{base64, basic_credentials};

#[test]
fn base64_matches_the_rfc_4648_vectors() {
    let vectors = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (text, encoded) in vectors {
        assert_eq!(base64(text.as_bytes()), encoded, "{text:?}");
    }
    // Every alphabet character, the last two (`+`, `/`) included.
    assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    assert_eq!(base64(&[0x00, 0x10, 0x83]), "ABCD");
}

#[test]
fn basic_credentials_are_user_colon_password_encoded() {
    assert_eq!(basic_credentials("user", "pass"), "dXNlcjpwYXNz");
    // Stripe: the secret key is the user, the password empty.
    assert_eq!(basic_credentials("sk_test_123", ""), "c2tfdGVzdF8xMjM6");
    // A colon in the password is kept; text is sent as UTF-8.
    assert_eq!(basic_credentials("a", "b:c"), "YTpiOmM=");
    assert_eq!(basic_credentials("jos\u{e9}", "\u{e9}"), "am9zw6k6w6k=");
}

#[test]
fn a_basic_credential_is_one_sensitive_authorization_header() {
    let credentials = Credentials::new().basic("user", "pass");
    let (name, value) = credentials.header(Scheme::Basic).unwrap().unwrap();
    assert_eq!(name, "authorization");
    assert_eq!(value.to_str().unwrap(), "Basic dXNlcjpwYXNz");
    assert!(value.is_sensitive());
    assert_eq!(
        format!("{credentials:?}"),
        "Credentials { api_token: None, api_key: None, query_key: None, basic: Some(<redacted>) }"
    );
}

#[test]
fn basic_credentials_from_the_environment_are_user_colon_password() {
    let header = |value: &str| {
        let value = value.to_string();
        let client =
            Client::from_env_with(|name| (name == "EXAMPLE_API_BASIC").then(|| value.clone()))
                .unwrap();
        let (_, header) = client
            .inner
            .credentials
            .header(Scheme::Basic)
            .unwrap()
            .unwrap();
        header.to_str().unwrap().to_string()
    };
    assert_eq!(header("user:pass"), "Basic dXNlcjpwYXNz");
    // Only the first colon separates: the password may hold more.
    assert_eq!(header("a:b:c"), "Basic YTpiOmM=");
    // No colon: all of it is the user, the password empty.
    assert_eq!(header("sk_test_123"), "Basic c2tfdGVzdF8xMjM6");
}
