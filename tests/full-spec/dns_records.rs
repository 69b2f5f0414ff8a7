//! DNS records of the real Cloudflare spec, decoded and written back by
//! the crate generated from it. Not part of the workspace: `.ci/full-spec-check`
//! copies this file into the generated crate's `tests/` and runs it there
//! (`cargo test --features mock`), since that crate is built from
//! `../shared/specs/`.

use serde_json::{Value, json};

use cloudflare_api::models::{self, DnsRecordsDnsRecord as Record};

/// A record as the API returns it: the members every type shares, then the
/// type's own.
fn served(kind: &str, content: &str, own: Value) -> Value {
    let mut record = json!({
        "id": "372e67954025e0ba6aaa6d586b9e0b59",
        "zone_id": "023e105f4ecef8ad9ca31a8372d0c353",
        "zone_name": "example.com",
        "name": "example.com",
        "type": kind,
        "content": content,
        "proxiable": false,
        "proxied": false,
        "ttl": 3600,
        "locked": false,
        "meta": {"auto_added": false, "managed_by_apps": false, "managed_by_argo_tunnel": false, "source": "primary"},
        "comment": "Domain verification record",
        "tags": ["owner:dns-team"],
        "created_on": "2014-01-01T05:20:00.12345Z",
        "modified_on": "2014-01-01T05:20:00.12345Z",
        "comment_modified_on": "2024-01-01T05:20:00.12345Z"
    });
    let members = record.as_object_mut().unwrap();
    for (name, value) in own.as_object().unwrap() {
        members.insert(name.clone(), value.clone());
    }
    record
}

/// Decodes `input` as a record, hands it to `inspect`, and checks that it
/// writes back as exactly what was read, integral numbers without a
/// fraction.
fn round_trip(input: Value, inspect: impl FnOnce(&Record)) {
    let text = serde_json::to_string(&input).unwrap();
    let record: Record = serde_json::from_str(&text).unwrap();
    inspect(&record);
    let written = serde_json::to_string(&record).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&written).unwrap(), input);
    assert!(written.contains(r#""ttl":3600"#), "{written}");
    assert!(!written.contains(".0,"), "{written}");
}

#[test]
fn a_record() {
    round_trip(served("A", "198.51.100.4", json!({})), |record| {
        let Record::ARecord(a) = record else {
            panic!("read as {record:?}");
        };
        assert_eq!(a.content, "198.51.100.4");
        assert_eq!(a.r#type, models::ARecordType::A);
        // Members the spec does not declare are kept.
        assert_eq!(a.extra["zone_name"], json!("example.com"));
        assert_eq!(a.extra["comment_modified_on"], json!("2024-01-01T05:20:00.12345Z"));
    });
}

#[test]
fn aaaa_record() {
    round_trip(served("AAAA", "2400:cb00:2049::1", json!({})), |record| {
        let Record::AaaaRecord(aaaa) = record else {
            panic!("read as {record:?}");
        };
        assert_eq!(aaaa.content, "2400:cb00:2049::1");
    });
}

#[test]
fn cname_record() {
    round_trip(
        served("CNAME", "www.example.com", json!({"settings": {"flatten_cname": false}})),
        |record| {
            let Record::CnameRecord(cname) = record else {
                panic!("read as {record:?}");
            };
            assert_eq!(cname.content, "www.example.com");
        },
    );
}

#[test]
fn mx_record_keeps_its_priority() {
    round_trip(
        served("MX", "mx.example.com", json!({"priority": 10})),
        |record| {
            let Record::MxRecord(mx) = record else {
                panic!("read as {record:?}");
            };
            assert_eq!(mx.content, "mx.example.com");
            assert_eq!(mx.priority, 10.0);
        },
    );
    // What the issue saw: read as an A record, `priority` dropped.
    let written = serde_json::to_value(
        serde_json::from_value::<Record>(json!({
            "type": "MX", "name": "example.com", "content": "mx.example.com", "priority": 10
        }))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        written,
        json!({"type": "MX", "name": "example.com", "content": "mx.example.com", "priority": 10})
    );
}

#[test]
fn txt_record() {
    round_trip(
        served("TXT", "\"v=spf1 include:_spf.example.com ~all\"", json!({})),
        |record| {
            let Record::TxtRecord(txt) = record else {
                panic!("read as {record:?}");
            };
            assert_eq!(txt.content, "\"v=spf1 include:_spf.example.com ~all\"");
        },
    );
}

#[test]
fn a_type_this_client_does_not_know_is_kept_in_a_list() {
    let served = json!([
        served("A", "198.51.100.4", json!({})),
        {"type": "HINFO", "name": "example.com", "content": "\"INTEL-386\" \"UNIX\"", "ttl": 1},
        served("MX", "mx.example.com", json!({"priority": 20}))
    ]);
    let records: Vec<Record> = serde_json::from_value(served.clone()).unwrap();
    assert!(matches!(records[0], Record::ARecord(_)));
    assert_eq!(records[1], Record::Unknown(served[1].clone()));
    assert!(matches!(records[2], Record::MxRecord(_)));
    assert_eq!(serde_json::to_value(&records).unwrap(), served);
}
