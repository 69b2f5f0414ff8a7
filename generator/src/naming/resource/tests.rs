//! Data-driven: routes in (`METHOD /path`, `list` when the result is a
//! list, `number` when the first variable is not text), one name per
//! route out, as users would call it.

use super::*;

/// Derives and separates the names of `input`'s routes and compares
/// `METHOD /path → name` lines (and the clashes) with `expected`.
fn check(input: &str, expected: &str) {
    check_with(&[], input, expected);
}

/// [`check`] with scopes the user declares.
fn check_with(declared: &[&str], input: &str, expected: &str) {
    let declared: Vec<String> = declared.iter().map(|s| s.to_string()).collect();
    let lines: Vec<(&str, &str, bool, bool)> = input
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut words = line.split_whitespace();
            let method = words.next().expect("a method");
            let path = words.next().expect("a path");
            let flags: Vec<&str> = words.collect();
            (
                method,
                path,
                flags.contains(&"list"),
                flags.contains(&"number"),
            )
        })
        .collect();
    let routes: Vec<Route> = lines
        .iter()
        .map(|&(http_method, path, returns_list, number)| Route {
            http_method,
            path,
            segments: path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|s| match s.strip_prefix('{') {
                    Some(variable) => RouteSegment::Variable(variable.trim_end_matches('}')),
                    None => RouteSegment::Literal(s),
                })
                .collect(),
            returns_list,
            text_first_variable: !number,
        })
        .collect();
    let mut names = derive(&routes, &declared);
    let fixed = vec![false; routes.len()];
    let separated = separate(&routes, &mut names, &fixed);
    let mut actual = String::new();
    for (route, name) in routes.iter().zip(&names) {
        actual.push_str(&format!(
            "{} {} → {}\n",
            route.http_method,
            route.path,
            name.call_text("..")
        ));
    }
    for s in separated {
        actual.push_str(&format!(
            "clash: {} {} was {}\n",
            routes[s.index].http_method,
            routes[s.index].path,
            s.clashed.record_text()
        ));
    }
    let expected: String = expected
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(actual, expected, "\nactual:\n{actual}");
}

#[test]
fn the_seed_operation_sits_under_its_account() {
    check(
        "
        GET /accounts/{account_id}/sso_connectors list
        POST /accounts/{account_id}/sso_connectors
        GET /accounts/{account_id}/sso_connectors/{sso_connector_id}
        PATCH /accounts/{account_id}/sso_connectors/{sso_connector_id}
        DELETE /accounts/{account_id}/sso_connectors/{sso_connector_id}
        POST /accounts/{account_id}/sso_connectors/{sso_connector_id}/begin_verification
        GET /accounts/{account_id}/members list
        GET /accounts/{account_id}/roles list
        ",
        "
        GET /accounts/{account_id}/sso_connectors → client.account(..).sso_connectors().list(..)
        POST /accounts/{account_id}/sso_connectors → client.account(..).sso_connectors().create(..)
        GET /accounts/{account_id}/sso_connectors/{sso_connector_id} → client.account(..).sso_connectors().get(..)
        PATCH /accounts/{account_id}/sso_connectors/{sso_connector_id} → client.account(..).sso_connectors().edit(..)
        DELETE /accounts/{account_id}/sso_connectors/{sso_connector_id} → client.account(..).sso_connectors().delete(..)
        POST /accounts/{account_id}/sso_connectors/{sso_connector_id}/begin_verification → client.account(..).sso_connectors().begin_verification(..)
        GET /accounts/{account_id}/members → client.account(..).members().list(..)
        GET /accounts/{account_id}/roles → client.account(..).roles().list(..)
        ",
    );
}

#[test]
fn a_prefix_with_few_resources_or_a_number_is_no_scope() {
    check(
        "
        GET /certificates list
        GET /certificates/{certificate_id}
        GET /certificates/{certificate_id}/download
        GET /items/{id}/a number
        GET /items/{id}/b number
        GET /items/{id}/c number
        ",
        "
        GET /certificates → client.certificates().list(..)
        GET /certificates/{certificate_id} → client.certificates().get(..)
        GET /certificates/{certificate_id}/download → client.certificates().download(..)
        GET /items/{id}/a → client.items().a(..)
        GET /items/{id}/b → client.items().b(..)
        GET /items/{id}/c → client.items().c(..)
        ",
    );
}

#[test]
fn collections_items_and_singletons() {
    check(
        "
        GET /zones/{zone_id}/dns_records
        GET /zones/{zone_id}/dns_records/{dns_record_id}
        PATCH /zones/{zone_id}/dns_records
        PATCH /zones/{zone_id}/dns_records/{dns_record_id}
        PUT /zones/{zone_id}/dns_records
        GET /zones/{zone_id}/settings/ssl
        PATCH /zones/{zone_id}/settings/ssl
        GET /zones/{zone_id}/analytics/dashboard
        ",
        "
        GET /zones/{zone_id}/dns_records → client.zone(..).dns_records().list(..)
        GET /zones/{zone_id}/dns_records/{dns_record_id} → client.zone(..).dns_records().get(..)
        PATCH /zones/{zone_id}/dns_records → client.zone(..).dns_records().bulk_edit(..)
        PATCH /zones/{zone_id}/dns_records/{dns_record_id} → client.zone(..).dns_records().edit(..)
        PUT /zones/{zone_id}/dns_records → client.zone(..).dns_records().update(..)
        GET /zones/{zone_id}/settings/ssl → client.zone(..).settings().ssl().get(..)
        PATCH /zones/{zone_id}/settings/ssl → client.zone(..).settings().ssl().edit(..)
        GET /zones/{zone_id}/analytics/dashboard → client.zone(..).analytics().dashboard().get(..)
        ",
    );
}

#[test]
fn verbs_actions_and_views_name_the_method() {
    check(
        "
        POST /accounts/{a}/keys/rotate
        POST /accounts/{a}/queues/{q}/messages/ack
        POST /accounts/{a}/queues/{q}/messages/pull
        GET /radar/http/summary/bot_class
        GET /radar/http/summary/device_type
        GET /radar/http/timeseries
        GET /accounts/{a}/urlscanner/scan
        POST /accounts/{a}/urlscanner/scan
        ",
        "
        POST /accounts/{a}/keys/rotate → client.account(..).keys().rotate(..)
        POST /accounts/{a}/queues/{q}/messages/ack → client.account(..).queues().messages().ack(..)
        POST /accounts/{a}/queues/{q}/messages/pull → client.account(..).queues().messages().pull(..)
        GET /radar/http/summary/bot_class → client.radar().http().summary().bot_class(..)
        GET /radar/http/summary/device_type → client.radar().http().summary().device_type(..)
        GET /radar/http/timeseries → client.radar().http().timeseries().get(..)
        GET /accounts/{a}/urlscanner/scan → client.account(..).urlscanner().scan().get(..)
        POST /accounts/{a}/urlscanner/scan → client.account(..).urlscanner().scan().create(..)
        ",
    );
}

#[test]
fn versions_and_repeated_segments_are_dropped() {
    check(
        "
        GET /accounts/{a}/images/v1/keys list
        GET /accounts/{a}/addressing/prefixes/{p}/bgp/prefixes list
        GET /v1/customers list
        GET /accounts/{a}/x
        ",
        "
        GET /accounts/{a}/images/v1/keys → client.account(..).images().keys().list(..)
        GET /accounts/{a}/addressing/prefixes/{p}/bgp/prefixes → client.account(..).addressing().prefixes().bgp().prefixes().list(..)
        GET /v1/customers → client.customers().list(..)
        GET /accounts/{a}/x → client.account(..).x().get(..)
        ",
    );
}

#[test]
fn clashes_are_kept_apart_deterministically() {
    check(
        "
        GET /accounts/{a}/devices/policy/include list
        GET /accounts/{a}/devices/policy/{policy_id}/include list
        GET /accounts/{a}/vectorize/indexes list
        GET /accounts/{a}/vectorize/v2/indexes list
        GET /accounts/{a}/stuff
        ",
        "
        GET /accounts/{a}/devices/policy/include → client.account(..).devices().policy().include().list(..)
        GET /accounts/{a}/devices/policy/{policy_id}/include → client.account(..).devices().policy().include().list_for_policy(..)
        GET /accounts/{a}/vectorize/indexes → client.account(..).vectorize().indexes().list(..)
        GET /accounts/{a}/vectorize/v2/indexes → client.account(..).vectorize().v2().indexes().list(..)
        GET /accounts/{a}/stuff → client.account(..).stuff().get(..)
        clash: GET /accounts/{a}/devices/policy/{policy_id}/include was account(..).devices.policy.include.list
        clash: GET /accounts/{a}/vectorize/v2/indexes was account(..).vectorize.indexes.list
        ",
    );
}

#[test]
fn record_text_reads_back() {
    for text in ["account(..).gateway.app_types.list", "ips.list", "get"] {
        let name = ResourceName::parse_record_text(text).expect("valid");
        assert_eq!(name.record_text(), text);
    }
    for bad in ["", "a..b", "(..).x", "a."] {
        assert_eq!(ResourceName::parse_record_text(bad), None, "{bad}");
    }
}

#[test]
fn renames_apply_a_whole_name_else_the_longest_prefix() {
    let renames = Renames::new([
        ("access", "zero_trust.access"),
        ("access.apps", "zero_trust.applications"),
        ("ips.get", "ips.list"),
    ])
    .expect("valid");
    let name = |text: &str| ResourceName::parse_record_text(text).expect("valid");
    let renamed = |text: &str| renames.apply(&name(text)).record_text();
    assert_eq!(
        renamed("account(..).access.groups.list"),
        "account(..).zero_trust.access.groups.list"
    );
    assert_eq!(
        renamed("access.apps.policies.get"),
        "zero_trust.applications.policies.get"
    );
    assert_eq!(renamed("ips.get"), "ips.list");
    assert_eq!(renamed("ips.create"), "ips.create");
    assert_eq!(renamed("accessx.list"), "accessx.list");
    assert!(Renames::new([("Access", "x")]).is_err());
    assert!(Renames::new([("a", "")]).is_err());
}

#[test]
fn a_declared_scope_binds_even_one_resource() {
    check_with(
        &["accounts", "stuff"],
        "
        PATCH /accounts/{account_id}/sso_connectors/{sso_connector_id}
        GET /stuff/{id}/x
        GET /other/{id}/x
        ",
        "
        PATCH /accounts/{account_id}/sso_connectors/{sso_connector_id} → client.account(..).sso_connectors().edit(..)
        GET /stuff/{id}/x → client.stuff_item(..).x().get(..)
        GET /other/{id}/x → client.other().x().get(..)
        ",
    );
}
