//! `ec2 authorize-security-group-ingress` and `-egress`, `revoke-...`: one rule from
//! `--protocol`, `--port`, `--cidr`, `--source-group` and `--group-owner` instead of
//! `--ip-permissions` (which they cannot be mixed with). The model's flat members they stand
//! for (`--ip-protocol`, `--from-port`, ...) stay accepted but leave help.

use serde_json::{Map, Value};

use super::{Customization, ExtraArgument, Given};
use crate::driver::argparse::{Conversion, Nargs, python_int};
use crate::driver::call::Call;
use crate::error::Error;

pub const CUSTOMIZATION: Customization = Customization {
    commands: &[
        ("ec2", "authorize-security-group-ingress"),
        ("ec2", "authorize-security-group-egress"),
        ("ec2", "revoke-security-group-ingress"),
        ("ec2", "revoke-security-group-egress"),
    ],
    arguments: &[
        ExtraArgument {
            name: "protocol",
            nargs: Nargs::One,
            conversion: Conversion::Text,
        },
        ExtraArgument {
            name: "port",
            nargs: Nargs::One,
            conversion: Conversion::Text,
        },
        ExtraArgument {
            name: "cidr",
            nargs: Nargs::One,
            conversion: Conversion::Text,
        },
        ExtraArgument {
            name: "source-group",
            nargs: Nargs::One,
            conversion: Conversion::Text,
        },
        ExtraArgument {
            name: "group-owner",
            nargs: Nargs::One,
            conversion: Conversion::Text,
        },
    ],
    optional: &[],
    hidden: &[
        "ip-protocol",
        "from-port",
        "to-port",
        "cidr-ip",
        "source-security-group-name",
        "source-security-group-owner-id",
    ],
    removed: &[],
    apply,
    before_build: None,
};

fn invalid(message: &str) -> Error {
    Error::ParamValidation {
        message: message.to_string(),
        usage: false,
    }
}

fn apply(given: &Given, call: &mut Call) -> Result<(), Error> {
    if call.params.contains_key("IpPermissions") {
        // The CLI names the argument by its Python name here (`source_group`).
        for (name, python) in [
            ("protocol", "protocol"),
            ("port", "port"),
            ("cidr", "cidr"),
            ("source-group", "source_group"),
            ("group-owner", "group_owner"),
        ] {
            if given.one(name).is_some() {
                return Err(invalid(&format!(
                    "The --{python} option is not compatible with the --ip-permissions option "
                )));
            }
        }
        return Ok(());
    }
    let mut rule = Map::new();
    if let Some(protocol) = given.one("protocol") {
        rule.insert("IpProtocol".into(), protocol_value(protocol)?.into());
    }
    if let Some(port) = given.one("port") {
        let (from, to) = port_range(port)?;
        rule.insert("FromPort".into(), from.into());
        rule.insert("ToPort".into(), to.into());
    }
    if let Some(cidr) = given.one("cidr") {
        rule.insert("IpRanges".into(), serde_json::json!([{ "CidrIp": cidr }]));
    }
    let mut pair = Map::new();
    if let Some(group) = given.one("source-group") {
        let key = if group.starts_with("sg-") {
            "GroupId"
        } else {
            "GroupName"
        };
        pair.insert(key.into(), group.into());
    }
    if let Some(owner) = given.one("group-owner") {
        pair.insert("UserId".into(), owner.into());
    }
    if !pair.is_empty() {
        rule.insert("UserIdGroupPairs".into(), Value::Array(vec![pair.into()]));
    }
    if !rule.is_empty() {
        call.params
            .insert("IpPermissions".into(), Value::Array(vec![rule.into()]));
    }
    Ok(())
}

/// `tcp`, `udp`, `icmp`, `all` (which is `-1`), or a protocol number 0-255 (or -1).
fn protocol_value(value: &str) -> Result<String, Error> {
    match python_int(value) {
        Some(n) if !(0..=255).contains(&n) && n != -1 => Err(invalid(
            "protocol numbers must be in the range 0-255 or -1 to specify all protocols",
        )),
        Some(_) => Ok(value.to_string()),
        None if value == "all" => Ok("-1".into()),
        None if ["tcp", "udp", "icmp"].contains(&value) => Ok(value.to_string()),
        None => Err(invalid(
            "protocol parameter should be one of: tcp|udp|icmp|all or any valid protocol number.",
        )),
    }
}

/// `N`, `FROM-TO`, or `-1`/`all` for every port.
fn port_range(value: &str) -> Result<(i64, i64), Error> {
    let bad = || invalid("port parameter should be of the form <from[-to]> (e.g. 22 or 22-25)");
    let (from, to) = match value {
        "-1" | "all" => ("-1", "-1"),
        _ => value.split_once('-').unwrap_or((value, value)),
    };
    Ok((
        python_int(from).ok_or_else(bad)?,
        python_int(to).ok_or_else(bad)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_are_one_a_range_or_all() {
        assert_eq!(port_range("22").unwrap(), (22, 22));
        assert_eq!(port_range("1000-2000").unwrap(), (1000, 2000));
        assert_eq!(port_range("-1").unwrap(), (-1, -1));
        assert_eq!(port_range("all").unwrap(), (-1, -1));
        assert!(port_range("x").is_err());
        assert!(port_range("1-").is_err());
    }

    #[test]
    fn protocols_are_names_or_numbers() {
        assert_eq!(protocol_value("all").unwrap(), "-1");
        assert_eq!(protocol_value("6").unwrap(), "6");
        assert_eq!(protocol_value("tcp").unwrap(), "tcp");
        assert!(protocol_value("256").is_err());
        assert!(protocol_value("sctp").is_err());
    }
}
