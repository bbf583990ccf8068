//! Help pages from the models (`awsctl help`, `<service> help`, `<service> <operation> help`,
//! topics), hand-written commands' help, and `--version`'s shape. Nothing is sent anywhere.

use crate::common;

use common::TestContext;

fn help(args: &[&str]) -> String {
    let out = TestContext::new().cmd(args).run();
    out.assert_success();
    assert_eq!(out.stderr, "", "{out}");
    out.stdout
}

/// The section headings of a page, in order.
fn sections(page: &str) -> Vec<&str> {
    page.lines()
        .filter(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_uppercase() || c == ' '))
        .collect()
}

#[test]
fn an_operations_page_has_the_clis_sections_and_every_option() {
    let page = help(&["ec2", "describe-instances", "help"]);
    assert_eq!(
        sections(&page),
        [
            "NAME",
            "DESCRIPTION",
            "SYNOPSIS",
            "OPTIONS",
            "GLOBAL OPTIONS",
            "OUTPUT"
        ]
    );
    assert!(page.starts_with("NAME\n       describe-instances -\n\nDESCRIPTION\n       Describes the specified instances or all instances.\n"));
    // The synopsis: optional arguments bracketed, booleans with their negative.
    assert!(
        page.contains("\n            describe-instances\n          [--instance-ids <value>]\n")
    );
    assert!(page.contains("\n          [--dry-run | --no-dry-run]\n"));
    // A list of scalars: its type and the space-separated syntax.
    assert!(page.contains("\n       --instance-ids (list)\n          The instance IDs.\n"));
    assert!(page.contains("\n       Syntax:\n\n          \"string\" \"string\" ...\n"));
    // A list of structures: its members, the shorthand and the JSON syntax.
    assert!(
        page.contains("\n             Name -> (string)\n\n                The name of the filter.")
    );
    assert!(page.contains(
        "\n       Shorthand Syntax:\n\n          Name=string,Values=string,string ...\n\n       JSON Syntax:\n\n          [\n            {\n              \"Name\": \"string\",\n              \"Values\": [\"string\", ...]\n            }\n            ...\n          ]\n"
    ));
    assert!(page.contains("\n       --dry-run | --no-dry-run (boolean)\n"));
    assert!(page.contains("\n       --max-items (integer)\n"));
    // The response's shape, nested.
    assert!(page.contains("\nOUTPUT\n       NextToken -> (string)\n"));
    assert!(page.contains("\n       Reservations -> (list)\n"));
    // Global options come from the same definition the parser uses.
    assert!(page.contains("\nGLOBAL OPTIONS\n       --profile (string)\n"));
    assert!(page.lines().all(|l| l == l.trim_end()), "trailing blanks");
}

#[test]
fn required_options_enums_maps_and_constraints() {
    let page = help(&["sqs", "create-queue", "help"]);
    assert!(page.contains("\n       --queue-name (string) [required]\n"));
    assert!(
        page.contains("\n          --queue-name <value>\n"),
        "unbracketed in the synopsis"
    );
    assert!(page.contains("\n       --attributes (map)\n"));
    assert!(page.contains("\n          KeyName1=string,KeyName2=string\n\n          Where valid key names are:\n            All\n            Policy\n"));
    let page = help(&["ec2", "create-vpc", "help"]);
    assert!(page.contains(
        "\n          Possible values:\n\n          o default\n\n          o dedicated\n\n          o host\n"
    ));
    let page = help(&["ssm", "get-parameter", "help"]);
    assert!(
        page.contains("\n          Constraints:\n\n          o min: 1\n\n          o max: 2048\n"),
        "{page}"
    );
}

#[test]
fn a_services_page_lists_its_commands_hand_written_ones_included() {
    let page = help(&["ec2", "help"]);
    assert!(
        page.starts_with(
            "NAME\n       ec2 -\n\nDESCRIPTION\n       Amazon Elastic Compute Cloud\n"
        )
    );
    assert!(page.contains("\nAVAILABLE COMMANDS\n"));
    assert!(page.contains("\n       o describe-instances\n"));
    assert!(page.contains("\n       o run-instances\n"));
    // `help <service> <operation>` is the same page as `<service> <operation> help`.
    assert_eq!(
        help(&["help", "sts", "get-caller-identity"]),
        help(&["sts", "get-caller-identity", "help"])
    );
}

#[test]
fn the_top_page_and_topics() {
    let page = help(&["help"]);
    assert_eq!(
        sections(&page),
        [
            "NAME",
            "DESCRIPTION",
            "SYNOPSIS",
            "GLOBAL OPTIONS",
            "AVAILABLE SERVICES",
            "AVAILABLE TOPICS"
        ]
    );
    assert!(page.contains("\n       o dynamodb\n"));
    assert!(page.contains("\n       o config-vars: "));
    let topic = help(&["help", "config-vars"]);
    assert!(topic.starts_with("NAME\n       config-vars - "));
    assert!(topic.contains("AWS_PAGER"));
    let codes = help(&["help", "return-codes"]);
    assert!(
        codes.contains("\n       252   The command line is wrong"),
        "{codes}"
    );
    let out = TestContext::new().cmd(["help", "no-such-topic"]).run();
    out.assert_code(252);
    assert!(
        out.stderr.contains("Found invalid choice 'no-such-topic'"),
        "{out}"
    );
}

#[test]
fn hand_written_commands_show_their_own_help() {
    let page = help(&["s3", "cp", "help"]);
    assert!(
        page.contains("Usage: awsctl s3 cp [OPTIONS] <SOURCE> <DESTINATION>"),
        "{page}"
    );
    assert!(page.contains("--recursive"));
    let page = help(&["configure", "help"]);
    assert!(page.contains("Usage: awsctl configure"), "{page}");
    // `help` after a path is a path: a download to ./help, not a help page.
    let out = TestContext::new()
        .cmd(["s3", "cp", "s3://b/k", "help", "--region", "us-east-1"])
        .run();
    out.assert_code(253);
    assert!(out.stderr.contains("Unable to locate credentials"), "{out}");
}

/// `awsctl/<version> <System>/<release> exe/<arch>`: scripts that split the CLI's line on
/// spaces and `/` read it the same way.
#[test]
fn version_has_the_clis_shape() {
    let line = help(&["--version"]);
    let words: Vec<&str> = line.trim_end().split(' ').collect();
    assert_eq!(words.len(), 3, "{line}");
    assert_eq!(words[0], format!("awsctl/{}", env!("CARGO_PKG_VERSION")));
    let (system, release) = words[1].split_once('/').expect("System/release");
    assert!(["Linux", "Darwin", "Windows"].contains(&system), "{line}");
    assert!(!release.is_empty());
    assert_eq!(words[2], format!("exe/{}", std::env::consts::ARCH));
}

/// A few models reuse large structures so often that writing every path out runs to tens of
/// megabytes (quicksight's analysis definition: 28 MB); such a section is written again with
/// each structure's members given once.
#[test]
fn huge_definitions_give_each_structure_once() {
    let page = help(&["quicksight", "update-analysis", "help"]);
    assert!(page.len() < 4 << 20, "{} bytes", page.len());
    assert!(page.contains("\n       --definition (structure)\n"));
    assert!(page.contains("( ... members as above ... )"));
    assert!(page.contains("{ ... }"));
    // A page of ordinary size is written in full.
    let page = help(&["ec2", "describe-instances", "help"]);
    assert!(!page.contains("members as above"));
}

#[test]
fn a_waiters_page_is_its_operations_page_under_its_name() {
    let page = help(&["ec2", "wait", "instance-running", "help"]);
    assert_eq!(
        sections(&page),
        [
            "NAME",
            "DESCRIPTION",
            "SYNOPSIS",
            "OPTIONS",
            "GLOBAL OPTIONS"
        ]
    );
    assert!(page.starts_with("NAME\n       instance-running -\n\nDESCRIPTION\n       Wait until JMESPath query Reservations[].Instances[].State.Name returns\n"), "{page}");
    assert!(page.contains("This will exit with a return code of 255 after 40 failed checks."));
    assert!(page.contains("\n            instance-running\n          [--instance-ids <value>]\n"));
    let list = help(&["ec2", "wait", "help"]);
    assert!(list.contains("       o instance-running\n"), "{list}");
}
