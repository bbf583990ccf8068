//! The `text` output format, a port of awscli/text.py: sorted keys, tab-separated scalars,
//! nested values on their own lines prefixed by the upper-cased key that holds them.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::python::{is_container, str_of};

/// The text rendering of one response (or one page: the CLI formats each page on its own).
pub(crate) fn to_text(value: &Value) -> String {
    let mut out = String::new();
    format_item(value, None, None, &mut out);
    out
}

fn format_item(
    item: &Value,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
    out: &mut String,
) {
    match item {
        Value::Object(map) => format_dict(map, identifier, scalar_keys, out),
        Value::Array(items) => format_list(items, identifier, out),
        scalar => {
            out.push_str(&str_of(scalar));
            out.push('\n');
        }
    }
}

fn format_list(items: &[Value], identifier: Option<&str>, out: &mut String) {
    if items.is_empty() {
        return;
    }
    if items.iter().any(Value::is_object) {
        // Every element prints the same columns: the union of the scalar keys of all dicts.
        let keys = all_scalar_keys(items);
        for element in items {
            format_item(element, identifier, Some(&keys), out);
        }
    } else if items.iter().any(Value::is_array) {
        let (scalars, nested): (Vec<&Value>, Vec<&Value>) =
            items.iter().partition(|v| !is_container(v));
        if !scalars.is_empty() {
            format_scalar_list(&scalars, identifier, out);
        }
        for element in nested {
            format_item(element, identifier, None, out);
        }
    } else {
        format_scalar_list(&items.iter().collect::<Vec<_>>(), identifier, out);
    }
}

/// Under a key each value gets its own `KEY\tvalue` line; a bare list is one tab-joined line.
fn format_scalar_list(items: &[&Value], identifier: Option<&str>, out: &mut String) {
    match identifier {
        Some(ident) => {
            let ident = ident.to_uppercase();
            for item in items {
                out.push_str(&ident);
                out.push('\t');
                out.push_str(&str_of(item));
                out.push('\n');
            }
        }
        None => {
            let line: Vec<_> = items.iter().map(|v| str_of(v)).collect();
            out.push_str(&line.join("\t"));
            out.push('\n');
        }
    }
}

fn format_dict(
    map: &Map<String, Value>,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
    out: &mut String,
) {
    let (mut scalars, nested) = partition_dict(map, scalar_keys);
    if !scalars.is_empty() {
        if let Some(ident) = identifier {
            scalars.insert(0, ident.to_uppercase());
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (key, value) in nested {
        format_item(value, Some(key), None, out);
    }
}

fn all_scalar_keys(items: &[Value]) -> Vec<String> {
    // The CLI would crash on a list mixing dicts with other values; those simply add no keys here.
    let keys: BTreeSet<&String> = items
        .iter()
        .filter_map(Value::as_object)
        .flat_map(|map| map.iter().filter(|(_, v)| !is_container(v)).map(|(k, _)| k))
        .collect();
    keys.into_iter().cloned().collect()
}

/// Splits a dict into the printed scalar cells and the (key, value) pairs to recurse into, both
/// in sorted key order. With `scalar_keys` (a list of dicts), missing keys print as empty cells.
fn partition_dict<'a>(
    map: &'a Map<String, Value>,
    scalar_keys: Option<&[String]>,
) -> (Vec<String>, Vec<(&'a str, &'a Value)>) {
    let mut sorted: Vec<(&String, &Value)> = map.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    match scalar_keys {
        None => {
            let mut scalars = Vec::new();
            let mut nested = Vec::new();
            for (key, value) in sorted {
                if is_container(value) {
                    nested.push((key.as_str(), value));
                } else {
                    scalars.push(str_of(value).into_owned());
                }
            }
            (scalars, nested)
        }
        Some(keys) => {
            let scalars = keys
                .iter()
                .map(|k| {
                    map.get(k)
                        .map(|v| str_of(v).into_owned())
                        .unwrap_or_default()
                })
                .collect();
            let nested = sorted
                .into_iter()
                .filter(|(key, _)| !keys.contains(key))
                .map(|(key, value)| (key.as_str(), value))
                .collect();
            (scalars, nested)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Expected strings come from awscli.text.format_text (aws-cli 1.45, identical in v2).
    #[test]
    fn caller_identity_sorted_tab_separated() {
        let v = json!({"UserId": "AKIAIOSFODNN7EXAMPLE", "Account": "123456789012", "Arn": "arn:aws:sts::123456789012:user/moto"});
        assert_eq!(
            to_text(&v),
            "123456789012\tarn:aws:sts::123456789012:user/moto\tAKIAIOSFODNN7EXAMPLE\n"
        );
    }

    #[test]
    fn reference_describe_instances_query() {
        // What the AWS CLI v2 prints for `ec2 describe-instances --output text --query
        // 'Reservations[0].Instances[0].{Id:InstanceId,Type:InstanceType,State:State,Tags:Tags,
        // AZ:Placement.AvailabilityZone,Nums:[`1`,`2`],Flag:EbsOptimized,Nothing:NoSuchField}'`:
        // scalars first, sorted by key, on one line; then each nested value under its key.
        let v = json!({
            "Id": "i-974ac61943ed24c8e", "Type": "t2.micro",
            "State": {"Code": 16, "Name": "running"},
            "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "env", "Value": "prod"}],
            "AZ": "us-east-1a", "Nums": [1, 2], "Flag": false, "Nothing": null
        });
        let want = "us-east-1a\tFalse\ti-974ac61943ed24c8e\tNone\tt2.micro\nNUMS\t1\nNUMS\t2\n\
                    STATE\t16\trunning\nTAGS\tName\tweb\nTAGS\tenv\tprod\n";
        assert_eq!(to_text(&v), want);
    }

    #[test]
    fn scalars_and_bare_lists() {
        assert_eq!(to_text(&json!(null)), "None\n");
        assert_eq!(to_text(&json!("i-1")), "i-1\n");
        assert_eq!(to_text(&json!(["i-1", "i-2"])), "i-1\ti-2\n");
        assert_eq!(
            to_text(&json!([1.5, true, null, "x"])),
            "1.5\tTrue\tNone\tx\n"
        );
        assert_eq!(to_text(&json!([])), "");
        assert_eq!(to_text(&json!({})), "");
        assert_eq!(
            to_text(&json!({"A": 1.0, "B": true, "C": null, "D": 1e-05, "E": 1e16})),
            "1.0\tTrue\tNone\t1e-05\t1e+16\n"
        );
    }

    #[test]
    fn list_of_dicts_uses_union_of_keys_and_recurses() {
        let v = json!({"Items": [
            {"b": 1, "a": "x", "Sub": {"z": 1}},
            {"a": "y", "c": 3, "L": ["p", "q"]}
        ]});
        // Python: ITEMS\tx\t1\t / SUB\t1 / ITEMS\ty\t\t3 / L\tp / L\tq
        assert_eq!(
            to_text(&v),
            "ITEMS\tx\t1\t\nSUB\t1\nITEMS\ty\t\t3\nL\tp\nL\tq\n"
        );
    }

    #[test]
    fn nested_lists_print_scalars_first() {
        let v = json!({"k": [1, [2, 3], "a", [[4]]]});
        assert_eq!(to_text(&v), "K\t1\nK\ta\nK\t2\nK\t3\nK\t4\n");
        assert_eq!(to_text(&json!([[1, 2], [3]])), "1\t2\n3\n");
    }

    #[test]
    fn next_token_line() {
        let v = json!({"NextToken": {"NextToken": "abc=="}});
        assert_eq!(to_text(&v), "NEXTTOKEN\tabc==\n");
    }
}
