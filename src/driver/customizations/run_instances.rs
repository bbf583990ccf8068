//! `ec2 run-instances` as the AWS CLI shapes it: `--count N` or `--count MIN:MAX` in place of
//! `--min-count`/`--max-count` (one instance when neither is given), and the scalar network
//! options `--secondary-private-ip-addresses`, `--secondary-private-ip-address-count` and
//! `--[no-]associate-public-ip-address`, which build the first network interface. When that
//! interface is built, the subnet, security group ids, private and IPv6 addresses given as
//! top-level parameters move into it, since EC2 refuses them beside a network interface.
//! User data is base64-encoded for you (prepare.rs, for every RunInstances call).

use serde_json::{Map, Value, json};

use super::{Customization, ExtraArgument, Given};
use crate::driver::argparse::{Conversion, Nargs};
use crate::driver::call::Call;
use crate::error::Error;

pub const CUSTOMIZATION: Customization = Customization {
    commands: &[("ec2", "run-instances")],
    arguments: &[
        ExtraArgument {
            name: "count",
            nargs: Nargs::One,
            conversion: Conversion::Text,
        },
        ExtraArgument {
            name: "secondary-private-ip-addresses",
            nargs: Nargs::Any,
            conversion: Conversion::Text,
        },
        ExtraArgument {
            name: "secondary-private-ip-address-count",
            nargs: Nargs::One,
            conversion: Conversion::Int,
        },
        ExtraArgument {
            name: "associate-public-ip-address",
            nargs: Nargs::Zero,
            conversion: Conversion::Text,
        },
        ExtraArgument {
            name: "no-associate-public-ip-address",
            nargs: Nargs::Zero,
            conversion: Conversion::Text,
        },
    ],
    optional: &[],
    hidden: &[],
    removed: &["min-count", "max-count"],
    apply,
    before_build: Some(before_build),
};

/// The scalar options that build the first network interface.
const SCALAR_NETWORK_OPTIONS: [&str; 4] = [
    "secondary-private-ip-addresses",
    "secondary-private-ip-address-count",
    "associate-public-ip-address",
    "no-associate-public-ip-address",
];

fn apply(given: &Given, call: &mut Call) -> Result<(), Error> {
    let scalar_given = SCALAR_NETWORK_OPTIONS
        .iter()
        .any(|name| given.all(name).is_some());
    if scalar_given && call.params.contains_key("NetworkInterfaces") {
        return Err(Error::ParamValidation {
            message: "Mixing the --network-interfaces option with the simple, scalar options is \
                      not supported."
                .into(),
            usage: false,
        });
    }
    if let Some(count) = given.one("count") {
        let (min, max) = count_range(count)?;
        call.params.insert("MinCount".into(), json!(min));
        call.params.insert("MaxCount".into(), json!(max));
    }
    if let Some(addresses) = given.all("secondary-private-ip-addresses")
        && !addresses.is_empty()
    {
        let addresses: Vec<Value> = addresses
            .iter()
            .map(|a| json!({"PrivateIpAddress": a, "Primary": false}))
            .collect();
        let interface = first_interface(&mut call.params);
        if !interface.contains_key("PrivateIpAddresses") {
            interface.insert("PrivateIpAddresses".into(), Value::Array(addresses));
        }
    }
    if let Some(count) = given.one("secondary-private-ip-address-count")
        && let Some(count) = crate::driver::argparse::python_int(count)
        && count != 0
    {
        first_interface(&mut call.params)
            .insert("SecondaryPrivateIpAddressCount".into(), json!(count));
    }
    // Each has its own destination and the CLI applies them in this order: `--no-` wins.
    let associate = if given.all("no-associate-public-ip-address").is_some() {
        Some(false)
    } else {
        given.all("associate-public-ip-address").map(|_| true)
    };
    if let Some(associate) = associate {
        first_interface(&mut call.params)
            .insert("AssociatePublicIpAddress".into(), json!(associate));
    }
    Ok(())
}

/// `N` or `MIN:MAX`; anything else is refused with the CLI's message.
fn count_range(value: &str) -> Result<(i64, i64), Error> {
    let bad =
        || Error::General("count parameter should be of form min[:max] (e.g. 1 or 1:10)".into());
    let (min, max) = match value.split_once(':') {
        Some((min, max)) if !max.contains(':') => (min, max),
        Some(_) => return Err(bad()),
        None => (value, value),
    };
    let int = |text: &str| crate::driver::argparse::python_int(text).ok_or_else(bad);
    Ok((int(min)?, int(max)?))
}

/// The first network interface, made (device 0) by the first scalar option that needs it:
/// `apply` refuses these options beside `--network-interfaces`, so the list is always ours.
fn first_interface(params: &mut Map<String, Value>) -> &mut Map<String, Value> {
    params
        .entry("NetworkInterfaces")
        .or_insert_with(|| json!([{"DeviceIndex": 0}]))[0]
        .as_object_mut()
        .expect("made as a list of one object")
}

/// One instance unless a count was given; the top-level network parameters moved into the
/// interface the scalar options built.
fn before_build(params: &mut Map<String, Value>) {
    params.entry("MaxCount").or_insert(json!(1));
    params.entry("MinCount").or_insert(json!(1));
    let built = params
        .get("NetworkInterfaces")
        .and_then(|n| n.get(0))
        .and_then(Value::as_object)
        .is_some_and(|first| {
            [
                "PrivateIpAddresses",
                "SecondaryPrivateIpAddressCount",
                "AssociatePublicIpAddress",
            ]
            .iter()
            .any(|key| first.contains_key(*key))
        });
    if !built {
        return;
    }
    let mut moved = Map::new();
    for (from, to) in [
        ("SubnetId", "SubnetId"),
        ("SecurityGroupIds", "Groups"),
        ("Ipv6AddressCount", "Ipv6AddressCount"),
        ("Ipv6Addresses", "Ipv6Addresses"),
        ("EnablePrimaryIpv6", "PrimaryIpv6"),
    ] {
        if let Some(value) = params.shift_remove(from) {
            moved.insert(to.into(), value);
        }
    }
    if let Some(address) = params.shift_remove("PrivateIpAddress") {
        moved.insert(
            "PrivateIpAddresses".into(),
            json!([{"PrivateIpAddress": address, "Primary": true}]),
        );
    }
    let first = params
        .get_mut("NetworkInterfaces")
        .and_then(|n| n.get_mut(0))
        .and_then(Value::as_object_mut)
        .expect("checked above");
    first.extend(moved);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(values: &[(&'static str, &[&str])]) -> Given {
        Given {
            values: values
                .iter()
                .map(|(n, v)| (*n, v.iter().map(|s| s.to_string()).collect()))
                .collect(),
        }
    }

    fn applied(values: &[(&'static str, &[&str])], params: Value) -> Result<Value, Error> {
        let mut call = Call {
            params: params.as_object().unwrap().clone(),
            ..Call::default()
        };
        apply(&given(values), &mut call)?;
        before_build(&mut call.params);
        Ok(Value::Object(call.params))
    }

    #[test]
    fn count_is_one_number_or_a_range_and_defaults_to_one() {
        let out = applied(&[("count", &["3"])], json!({})).unwrap();
        assert_eq!((&out["MinCount"], &out["MaxCount"]), (&json!(3), &json!(3)));
        let out = applied(&[("count", &["2:5"])], json!({})).unwrap();
        assert_eq!((&out["MinCount"], &out["MaxCount"]), (&json!(2), &json!(5)));
        let out = applied(&[], json!({"MaxCount": 4})).unwrap();
        assert_eq!((&out["MinCount"], &out["MaxCount"]), (&json!(1), &json!(4)));
        for bad in ["two", "1:2:3", "1:", ":1"] {
            let error = applied(&[("count", &[bad])], json!({})).unwrap_err();
            assert!(error.to_string().contains("min[:max]"), "{bad}: {error}");
        }
    }

    #[test]
    fn scalar_options_build_the_first_interface_and_move_the_subnet_into_it() {
        let out = applied(
            &[
                ("secondary-private-ip-addresses", &["10.0.0.5", "10.0.0.6"]),
                ("associate-public-ip-address", &[]),
            ],
            json!({"SubnetId": "subnet-1", "SecurityGroupIds": ["sg-1"], "PrivateIpAddress": "10.0.0.4", "ImageId": "ami-1"}),
        )
        .unwrap();
        assert_eq!(
            out,
            json!({
                "ImageId": "ami-1",
                "NetworkInterfaces": [{
                    "DeviceIndex": 0,
                    "PrivateIpAddresses": [{"PrivateIpAddress": "10.0.0.4", "Primary": true}],
                    "AssociatePublicIpAddress": true,
                    "SubnetId": "subnet-1",
                    "Groups": ["sg-1"],
                }],
                "MaxCount": 1,
                "MinCount": 1,
            })
        );
    }

    #[test]
    fn no_associate_wins_over_associate_and_a_zero_count_is_left_out() {
        let out = applied(
            &[
                ("associate-public-ip-address", &[]),
                ("no-associate-public-ip-address", &[]),
                ("secondary-private-ip-address-count", &["0"]),
            ],
            json!({}),
        )
        .unwrap();
        assert_eq!(
            out["NetworkInterfaces"],
            json!([{"DeviceIndex": 0, "AssociatePublicIpAddress": false}])
        );
        let out = applied(&[("secondary-private-ip-address-count", &["2"])], json!({})).unwrap();
        assert_eq!(
            out["NetworkInterfaces"][0]["SecondaryPrivateIpAddressCount"],
            json!(2)
        );
    }

    #[test]
    fn scalar_options_are_refused_beside_network_interfaces_and_nothing_moves_without_them() {
        let error = applied(
            &[("associate-public-ip-address", &[])],
            json!({"NetworkInterfaces": [{"DeviceIndex": 0}]}),
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("Mixing the --network-interfaces option"),
            "{error}"
        );
        let out = applied(&[], json!({"SubnetId": "subnet-1"})).unwrap();
        assert_eq!(out["SubnetId"], json!("subnet-1"));
    }
}
