//! S3's list operations with keys sent URL-encoded, as botocore asks for them: when the caller
//! did not choose an `EncodingType`, `url` is asked for (a key may hold characters XML 1.0
//! cannot carry) and the keys in the answer are decoded again, so the caller sees them as
//! stored. An `EncodingType` the caller chose is left alone, and so is the answer.

use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

/// Top-level members holding keys, then (list, member) pairs.
type KeyMembers = (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
);

/// The members holding keys in each list operation's answer.
fn key_members(operation: &str) -> Option<KeyMembers> {
    const LISTED: &[(&str, &str)] = &[("Contents", "Key"), ("CommonPrefixes", "Prefix")];
    match operation {
        "ListObjects" => Some((&["Delimiter", "Marker", "NextMarker"], LISTED)),
        "ListObjectsV2" => Some((&["Delimiter", "Prefix", "StartAfter"], LISTED)),
        "ListObjectVersions" => Some((
            &["KeyMarker", "NextKeyMarker", "Prefix", "Delimiter"],
            &[
                ("Versions", "Key"),
                ("DeleteMarkers", "Key"),
                ("CommonPrefixes", "Prefix"),
            ],
        )),
        _ => None,
    }
}

/// Asks for URL-encoded keys when the caller did not choose an encoding; true when it did so.
pub fn ask_for_encoded_keys(
    service: &str,
    operation: &str,
    params: &mut Map<String, Value>,
) -> bool {
    if service != "s3" || key_members(operation).is_none() || params.contains_key("EncodingType") {
        return false;
    }
    params.insert("EncodingType".into(), Value::String("url".into()));
    true
}

/// Decodes the keys of an answer to a request [`ask_for_encoded_keys`] encoded.
pub fn decode_keys(operation: &str, answer: &mut Value) {
    let Some((top, listed)) = key_members(operation) else {
        return;
    };
    let Some(answer) = answer.as_object_mut() else {
        return;
    };
    if answer.get("EncodingType").and_then(Value::as_str) != Some("url") {
        return;
    }
    for name in top {
        decode_member(answer, name);
    }
    for (list, member) in listed {
        if let Some(Value::Array(items)) = answer.get_mut(*list) {
            for item in items.iter_mut().filter_map(Value::as_object_mut) {
                decode_member(item, member);
            }
        }
    }
}

/// Python's `unquote_plus`: `+` is a space, `%XX` a byte, the bytes UTF-8.
fn decode_member(object: &mut Map<String, Value>, name: &str) {
    if let Some(Value::String(text)) = object.get_mut(name) {
        let plus_as_space = text.replace('+', " ");
        *text = percent_decode_str(&plus_as_space)
            .decode_utf8_lossy()
            .into_owned();
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_encoding_the_caller_chose_is_kept() {
        let mut params = Map::new();
        assert!(ask_for_encoded_keys("s3", "ListObjectsV2", &mut params));
        assert_eq!(params["EncodingType"], "url");
        let mut chosen = json!({"EncodingType": "url"}).as_object().unwrap().clone();
        assert!(!ask_for_encoded_keys("s3", "ListObjects", &mut chosen));
        assert!(!ask_for_encoded_keys("s3", "GetObject", &mut Map::new()));
        assert!(!ask_for_encoded_keys(
            "s3control",
            "ListObjects",
            &mut Map::new()
        ));
    }

    #[test]
    fn keys_are_decoded_as_unquote_plus_decodes_them() {
        let mut answer = json!({
            "EncodingType": "url",
            "Prefix": "a%2Fb+",
            "KeyMarker": "untouched%20",
            "Contents": [{"Key": "x+y%2B%E2%82%AC%0A", "Size": 1}],
            "CommonPrefixes": [{"Prefix": "d%2F"}]
        });
        decode_keys("ListObjectsV2", &mut answer);
        assert_eq!(answer["Prefix"], "a/b ");
        assert_eq!(answer["KeyMarker"], "untouched%20");
        assert_eq!(answer["Contents"][0]["Key"], "x y+€\n");
        assert_eq!(answer["CommonPrefixes"][0]["Prefix"], "d/");
        let mut versions = json!({"EncodingType": "url", "Versions": [{"Key": "a%20b"}], "DeleteMarkers": [{"Key": "c+d"}], "NextKeyMarker": "e%2Bf"});
        decode_keys("ListObjectVersions", &mut versions);
        assert_eq!(versions["Versions"][0]["Key"], "a b");
        assert_eq!(versions["DeleteMarkers"][0]["Key"], "c d");
        assert_eq!(versions["NextKeyMarker"], "e+f");
    }
}
