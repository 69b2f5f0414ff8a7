use crate::request::{Query, Request};

fn request() -> Request {
    Request::new(
        reqwest::Method::GET,
        "list",
        &[],
        crate::path::fill("/", &[]).unwrap(),
    )
}

/// Each setter adds its parameter as its style says, in call order; an
/// unset optional one, or an empty array, adds nothing.
#[test]
fn setters_add_entries_in_order_and_skip_unset_ones() {
    let none: Option<i64> = None;
    let no_items: Option<Vec<i64>> = None;
    let request = request()
        .one("a", &1)
        .opt("b", &Some("x"))
        .opt("c", &none)
        .exploded("d", &[1, 2])
        .opt_exploded("e", &Some(vec![3]))
        .opt_exploded("f", &no_items)
        .joined("g", &["x", "y"], '|')
        .opt_joined("h", &Some(vec![4, 5]), ',')
        .opt_joined("i", &no_items, ',')
        .deep("j", &serde_json::json!({"gt": 6, "in": ["a b", "c"]}))
        .unwrap()
        .opt_deep("k", &Some(6))
        .unwrap()
        .opt_deep("l", &None::<i64>)
        .unwrap()
        .header("x-a", &7)
        .opt_header("x-b", &Some("v"))
        .opt_header("x-c", &none)
        .header_joined("x-d", &[1, 2], ',')
        .opt_header_joined("x-e", &no_items, ',')
        .header_joined("x-h", &[0u8; 0], ',')
        .opt_header_joined("x-i", &Some(Vec::<u8>::new()), ',')
        .header_items("x-f", &["p", "q"])
        .opt_header_items("x-g", &Some(vec![8]));
    let one = |name, value: &str| Query::One {
        name,
        value: value.to_string(),
    };
    let joined = |name, items: &[&str], delimiter| Query::Joined {
        name,
        items: items.iter().map(|item| item.to_string()).collect(),
        delimiter,
    };
    assert_eq!(
        request.query,
        [
            one("a", "1"),
            one("b", "x"),
            one("d", "1"),
            one("d", "2"),
            one("e", "3"),
            joined("g", &["x", "y"], '|'),
            joined("h", &["4", "5"], ','),
            Query::Pairs {
                name: "j",
                pairs: "j[gt]=6&j[in][]=a%20b&j[in][]=c".to_string(),
            },
            Query::Pairs {
                name: "k",
                pairs: "k=6".to_string(),
            },
        ]
    );
    let headers: Vec<(&str, &str)> = request
        .headers
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    assert_eq!(
        headers,
        [
            ("x-a", "7"),
            ("x-b", "v"),
            ("x-d", "1,2"),
            ("x-f", "p"),
            ("x-f", "q"),
            ("x-g", "8"),
        ]
    );
}
