//! Puts object keys back in order after a `--query`. The `jmespath` crate keeps objects in
//! sorted maps, while Python keeps insertion order: an object the query copied out of the
//! response keeps the service's order, and a multiselect hash `{Id: .., Type: ..}` or an
//! object literal keeps the order it was written in. Every object a query returns is one of
//! those (or a merge() of them), so an object is matched by its key set.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::query_runtime::OrderTable;

/// The key orders an output object can take, by sorted key set.
pub(super) struct KeyOrders<'a> {
    /// Multiselect hashes and object literals of the expression.
    declared: HashMap<Vec<String>, Vec<String>>,
    /// The response's objects, in document order.
    input: HashMap<Vec<String>, Vec<&'a Map<String, Value>>>,
}

fn sorted_keys(map: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<String> = map.keys().cloned().collect();
    keys.sort();
    keys
}

impl<'a> KeyOrders<'a> {
    pub fn new(declared: &[Vec<String>], input: &'a Value) -> KeyOrders<'a> {
        let mut orders = KeyOrders {
            declared: HashMap::new(),
            input: HashMap::new(),
        };
        for order in declared {
            let mut keys = order.clone();
            keys.sort();
            orders.declared.entry(keys).or_insert_with(|| order.clone());
        }
        orders.index(input);
        orders
    }

    fn index(&mut self, value: &'a Value) {
        match value {
            Value::Object(map) => {
                self.input.entry(sorted_keys(map)).or_default().push(map);
                map.values().for_each(|v| self.index(v));
            }
            Value::Array(items) => items.iter().for_each(|v| self.index(v)),
            _ => {}
        }
    }

    /// One order per key set for `keys()`/`values()`, which see no more than the key set.
    pub fn table(&self) -> OrderTable {
        let mut table: OrderTable = self
            .input
            .iter()
            .map(|(keys, maps)| (keys.clone(), maps[0].keys().cloned().collect()))
            .collect();
        table.extend(self.declared.iter().map(|(k, v)| (k.clone(), v.clone())));
        table
    }

    /// Reorders every object inside `value`, innermost first.
    pub fn restore(&self, value: &mut Value) {
        match value {
            Value::Array(items) => items.iter_mut().for_each(|v| self.restore(v)),
            Value::Object(map) => {
                map.values_mut().for_each(|v| self.restore(v));
                if let Some(order) = self.order_for(map) {
                    let mut old = std::mem::take(map);
                    for key in order {
                        if let Some((k, v)) = old.remove_entry(&key) {
                            map.insert(k, v);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn order_for(&self, map: &Map<String, Value>) -> Option<Vec<String>> {
        let keys = sorted_keys(map);
        let declared = self.declared.get(&keys);
        let candidates = self.input.get(&keys);
        let order_of = |m: &Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
        // A key set the expression spells out is most likely the object it builds, even when
        // its content equals a response object (`State | {Name: Name, Code: Code}`).
        if let Some(order) = declared {
            return Some(order.clone());
        }
        let maps = candidates?;
        if maps.iter().all(|m| m.keys().eq(maps[0].keys())) {
            return Some(order_of(maps[0]));
        }
        // Response objects with these keys come in several orders: the one the output is a
        // copy of decides.
        maps.iter()
            .find(|m| **m == map)
            .or(maps.first())
            .map(|m| order_of(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(v: &Value) -> Vec<&str> {
        v.as_object().unwrap().keys().map(String::as_str).collect()
    }

    #[test]
    fn copies_of_response_objects_get_the_service_order() {
        let input = json!({"State": {"Name": "running", "Code": 16}});
        let orders = KeyOrders::new(&[], &input);
        let mut out = json!([{"Code": 16, "Name": "running"}]);
        orders.restore(&mut out);
        assert_eq!(keys(&out[0]), ["Name", "Code"]);
    }

    #[test]
    fn multiselect_hash_keeps_written_order() {
        let input = json!({"a": 1});
        let orders = KeyOrders::new(&[vec!["Type".into(), "Id".into()]], &input);
        let mut out = json!({"Id": "i-1", "Type": "t2.micro"});
        orders.restore(&mut out);
        assert_eq!(keys(&out), ["Type", "Id"]);
    }

    #[test]
    fn same_keys_in_different_orders_follow_the_matching_object() {
        let input = json!([{"x": 1, "y": 2}, {"y": 3, "x": 4}]);
        let orders = KeyOrders::new(&[], &input);
        let mut out = json!([{"x": 4, "y": 3}, {"x": 1, "y": 2}]);
        orders.restore(&mut out);
        assert_eq!(keys(&out[0]), ["y", "x"]);
        assert_eq!(keys(&out[1]), ["x", "y"]);
    }

    #[test]
    fn unknown_key_sets_stay_sorted() {
        let input = json!({"b": 1, "a": 2});
        let orders = KeyOrders::new(&[], &input);
        let mut out = json!({"a": 1, "c": 2});
        orders.restore(&mut out);
        assert_eq!(keys(&out), ["a", "c"]);
        assert_eq!(
            orders.table()[&vec!["a".to_string(), "b".to_string()]],
            ["b", "a"]
        );
    }
}
