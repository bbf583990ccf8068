//! Table format tests. Every expected string was produced by aws-cli's own TableFormatter
//! (awscli 1.45.11 formatter.py/table.py, the same code v2 runs), with the terminal width
//! patched to the given value; `--color on` output was captured through colorama's autoreset.

use serde_json::{Value, json};

use super::to_table;

fn render(data: &str, title: &str, width: usize, color: bool) -> String {
    let value: Value = serde_json::from_str(data).unwrap();
    to_table(&value, title, color, width)
        .unwrap()
        .expect("a truthy response renders")
}

#[test]
fn caller_identity() {
    let want = concat!(
        "----------------------------------------------------\n",
        "|                 GetCallerIdentity                |\n",
        "+---------+----------------------------------------+\n",
        "|  Account|  123456789012                          |\n",
        "|  Arn    |  arn:aws:sts::123456789012:user/moto   |\n",
        "|  UserId |  AKIAIOSFODNN7EXAMPLE                  |\n",
        "+---------+----------------------------------------+\n",
    );
    assert_eq!(
        render(
            r#"{"UserId": "AKIAIOSFODNN7EXAMPLE", "Account": "123456789012", "Arn": "arn:aws:sts::123456789012:user/moto"}"#,
            "GetCallerIdentity",
            80,
            false
        ),
        want
    );
}

#[test]
fn describe_instances() {
    let want = concat!(
        "-----------------------------------------------------------------------\n",
        "|                          DescribeInstances                          |\n",
        "+------------+--------+-----------------------+----------+------------+\n",
        "|     AZ     | Flag   |          Id           | Nothing  |   Type     |\n",
        "+------------+--------+-----------------------+----------+------------+\n",
        "|  us-east-1a|  False |  i-974ac61943ed24c8e  |  None    |  t2.micro  |\n",
        "+------------+--------+-----------------------+----------+------------+\n",
        "||                               Nums                                ||\n",
        "|+-------------------------------------------------------------------+|\n",
        "||  1                                                                ||\n",
        "||  2                                                                ||\n",
        "|+-------------------------------------------------------------------+|\n",
        "||                               State                               ||\n",
        "|+---------------------------+---------------------------------------+|\n",
        "||           Code            |                 Name                  ||\n",
        "|+---------------------------+---------------------------------------+|\n",
        "||  16                       |  running                              ||\n",
        "|+---------------------------+---------------------------------------+|\n",
        "||                               Tags                                ||\n",
        "|+------------------------------+------------------------------------+|\n",
        "||              Key             |               Value                ||\n",
        "|+------------------------------+------------------------------------+|\n",
        "||  Name                        |  web                               ||\n",
        "||  env                         |  prod                              ||\n",
        "|+------------------------------+------------------------------------+|\n",
    );
    assert_eq!(
        render(
            r#"{"Id": "i-974ac61943ed24c8e", "Type": "t2.micro", "State": {"Code": 16, "Name": "running"}, "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "env", "Value": "prod"}], "AZ": "us-east-1a", "Nums": [1, 2], "Flag": false, "Nothing": null}"#,
            "DescribeInstances",
            80,
            false
        ),
        want
    );
}

#[test]
fn describe_instances_reference_9_4() {
    let want = concat!(
        "---------------------------------------------------\n",
        "|                DescribeInstances                |\n",
        "+-------------+-----------------------+-----------+\n",
        "|     AZ      |          Id           |   Type    |\n",
        "+-------------+-----------------------+-----------+\n",
        "|  us-east-1a |  i-974ac61943ed24c8e  |  t2.micro |\n",
        "+-------------+-----------------------+-----------+\n",
        "||                     Nums                      ||\n",
        "|+-----------------------------------------------+|\n",
        "||  1                                            ||\n",
        "||  2                                            ||\n",
        "|+-----------------------------------------------+|\n",
        "||                     State                     ||\n",
        "|+-------------------+---------------------------+|\n",
        "||       Code        |           Name            ||\n",
        "|+-------------------+---------------------------+|\n",
        "||  16               |  running                  ||\n",
        "|+-------------------+---------------------------+|\n",
        "||                     Tags                      ||\n",
        "|+---------------------+-------------------------+|\n",
        "||         Key         |          Value          ||\n",
        "|+---------------------+-------------------------+|\n",
        "||  Name               |  web                    ||\n",
        "||  env                |  prod                   ||\n",
        "|+---------------------+-------------------------+|\n",
    );
    assert_eq!(
        render(
            r#"{"Id": "i-974ac61943ed24c8e", "Type": "t2.micro", "State": {"Code": 16, "Name": "running"}, "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "env", "Value": "prod"}], "AZ": "us-east-1a", "Nums": [1, 2]}"#,
            "DescribeInstances",
            80,
            false
        ),
        want
    );
}

#[test]
fn scalar() {
    let want = concat!("---\n", "|T|\n", "+-+\n",);
    assert_eq!(render(r#""abc""#, "T", 80, false), want);
}

#[test]
fn list_of_dicts_nested() {
    let want = concat!(
        "-----------------------------\n",
        "|      DescribeThings       |\n",
        "+---------------------------+\n",
        "||         Things          ||\n",
        "|+-------+--------+--------+|\n",
        "|| Extra | Name   | Size   ||\n",
        "|+-------+--------+--------+|\n",
        "||       |  a     |  1     ||\n",
        "|+-------+--------+--------+|\n",
        "|||         Tags          |||\n",
        "||+---------+-------------+||\n",
        "|||   Key   |    Value    |||\n",
        "||+---------+-------------+||\n",
        "|||  k      |  v          |||\n",
        "||+---------+-------------+||\n",
        "||         Things          ||\n",
        "|+-------+--------+--------+|\n",
        "|| Extra | Name   | Size   ||\n",
        "|+-------+--------+--------+|\n",
        "||  True |  bb    |        ||\n",
        "|+-------+--------+--------+|\n",
    );
    assert_eq!(
        render(
            r#"{"Things": [{"Name": "a", "Size": 1, "Tags": [{"Key": "k", "Value": "v"}]}, {"Name": "bb", "Extra": true, "Tags": []}]}"#,
            "DescribeThings",
            80,
            false
        ),
        want
    );
}

#[test]
fn vertical() {
    let want = concat!(
        "--------------------------------------------------------------------\n",
        "|                          GetSessionToken                         |\n",
        "+------------------------------------------------------------------+\n",
        "||                           Credentials                          ||\n",
        "|+------------------+---------------------------------------------+|\n",
        "||  AccessKeyId     |  ASIAIOSFODNN7EXAMPLE                       ||\n",
        "||  Expiration      |  2026-11-23T16:15:02+00:00                  ||\n",
        "||  SecretAccessKey |  wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY  ||\n",
        "||  SessionToken    |  FwoGZXIvYXdzEBYaDHhBTEXAMPLE               ||\n",
        "|+------------------+---------------------------------------------+|\n",
    );
    assert_eq!(
        render(
            r#"{"Credentials": {"AccessKeyId": "ASIAIOSFODNN7EXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", "SessionToken": "FwoGZXIvYXdzEBYaDHhBTEXAMPLE", "Expiration": "2026-11-23T16:15:02+00:00"}}"#,
            "GetSessionToken",
            60,
            false
        ),
        want
    );
}

#[test]
fn too_wide_even_vertical() {
    let want = concat!(
        "-------------------------------------------------------\n",
        "|                         Op                          |\n",
        "+-------+---------------------------------------------+\n",
        "|  A    |  x                                          |\n",
        "|  Token|  0123456789012345678901234567890123456789   |\n",
        "+-------+---------------------------------------------+\n",
    );
    assert_eq!(
        render(
            r#"{"A": "x", "Token": "0123456789012345678901234567890123456789"}"#,
            "Op",
            30,
            false
        ),
        want
    );
}

#[test]
fn color() {
    let want = concat!(
        "-----------------------\n",
        "\x1b[0m\x1b[0m|  GetCallerIdentity  |\x1b[0m\x1b[0m\n",
        "\x1b[0m\x1b[0m+----------+----------+\x1b[0m\x1b[0m\n",
        "\x1b[0m\x1b[0m|  Account | UserId   |\x1b[0m\x1b[0m\n",
        "\x1b[0m\x1b[0m+----------+----------+\x1b[0m\x1b[0m\n",
        "\x1b[0m\x1b[0m|  \x1b[1m\x1b[34m1234\x1b[0m    |  \x1b[1m\x1b[34mAKIA\x1b[0m    |\x1b[0m\x1b[0m\n",
        "\x1b[0m\x1b[0m+----------+----------+\x1b[0m\x1b[0m\n",
        "\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m|         S         |\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m\n",
        "\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m+--------+----------+\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m\n",
        "\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m|  \x1b[1m\x1b[34ma\x1b[0m     |  \x1b[1m\x1b[34m1\x1b[0m       |\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m\n",
        "\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m+--------+----------+\x1b[0m\x1b[2m\x1b[33m|\x1b[0m\x1b[0m\n",
        "\x1b[0m",
    );
    assert_eq!(
        render(
            r#"{"UserId": "AKIA", "Account": "1234", "S": {"a": 1}}"#,
            "GetCallerIdentity",
            80,
            true
        ),
        want
    );
}

#[test]
fn wide_chars() {
    let want = concat!(
        "-------------------\n",
        "|       Op        |\n",
        "+--------+--------+\n",
        "|  Desc  | Name   |\n",
        "+--------+--------+\n",
        "|  é±x |  桌子  |\n",
        "+--------+--------+\n",
    );
    assert_eq!(
        render(r#"{"Name": "桌子", "Desc": "é±x"}"#, "Op", 80, false),
        want
    );
}

#[test]
fn single_key() {
    let want = concat!(
        "-------------------\n",
        "|       Op        |\n",
        "+--------+--------+\n",
        "|  Only  |  one   |\n",
        "+--------+--------+\n",
        "||      Sub      ||\n",
        "|+------+--------+|\n",
        "||   x  |   y    ||\n",
        "|+------+--------+|\n",
        "||  1.5 |  None  ||\n",
        "|+------+--------+|\n",
    );
    assert_eq!(
        render(
            r#"{"Only": "one", "Sub": {"x": 1.5, "y": null}}"#,
            "Op",
            80,
            false
        ),
        want
    );
}

#[test]
fn list_of_scalars() {
    let want = concat!(
        "--------------\n",
        "| ListThings |\n",
        "+------------+\n",
        "||  Matrix  ||\n",
        "|+----+-----+|\n",
        "||  1 |  2  ||\n",
        "||  3 |  4  ||\n",
        "|+----+-----+|\n",
        "||   Names  ||\n",
        "|+----------+|\n",
        "||  alpha   ||\n",
        "||  beta    ||\n",
        "|+----------+|\n",
    );
    assert_eq!(
        render(
            r#"{"Names": ["alpha", "beta"], "Matrix": [[1, 2], [3, 4]]}"#,
            "ListThings",
            80,
            false
        ),
        want
    );
}

#[test]
fn untitled_sections() {
    let want = concat!(
        "--------------\n",
        "|     Op     |\n",
        "||     a    ||\n",
        "|+----+-----+|\n",
        "||  x |  1  ||\n",
        "|+----+-----+|\n",
        "||     a    ||\n",
        "|+----+-----+|\n",
        "||  x |  2  ||\n",
        "|+----+-----+|\n",
    );
    assert_eq!(
        render(r#"[[{"a": {"x": 1}}, {"a": {"x": 2}}]]"#, "Op", 80, false),
        want
    );
}

#[test]
fn dict_in_list_keys() {
    let want = concat!(
        "-------\n",
        "| Op  |\n",
        "+-----+\n",
        "|  k  |\n",
        "|  z  |\n",
        "+-----+\n",
    );
    assert_eq!(render(r#"["k", {"z": 1}]"#, "Op", 80, false), want);
}

#[test]
fn scaled_columns() {
    let want = concat!(
        "-----------------------------------\n",
        "|AVeryLongOperationTitleForScaling|\n",
        "+-------+-----------+-------------+\n",
        "|   A   |     B     |      C      |\n",
        "+-------+-----------+-------------+\n",
        "|  x    |  yy       |  zzz        |\n",
        "+-------+-----------+-------------+\n",
    );
    assert_eq!(
        render(
            r#"{"A": "x", "B": "yy", "C": "zzz"}"#,
            "AVeryLongOperationTitleForScaling",
            80,
            false
        ),
        want
    );
}

#[test]
fn row_length_mismatch_is_the_cli_value_error() {
    let err = to_table(&json!([1, [2, 3]]), "Op", false, 80).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Row should have 1 elements, instead it has 2"
    );
}

#[test]
fn falsy_responses_print_nothing() {
    for falsy in [
        json!({}),
        json!([]),
        json!(null),
        json!(0),
        json!(""),
        json!(false),
    ] {
        assert_eq!(to_table(&falsy, "Op", false, 80).unwrap(), None, "{falsy}");
    }
}
