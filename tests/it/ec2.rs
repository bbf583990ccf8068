//! `awsctl ec2 ...` against moto, side by side with the AWS CLI on the same server (json and
//! text; timestamps normalised, since v1 prints the wire form), dry runs with authentication on,
//! and an UnauthorizedOperation with an encoded message, which only the fake server gives.

use crate::common;

use std::sync::OnceLock;

use common::fake_server::{FakeServer, Reply};
use common::{ALLOW_ALL_POLICY, Moto, Output, TestContext};

/// Timestamps in either the CLI v1's wire form or v2's ISO form, replaced by `<ts>`.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 19)].iter().collect();
        let is_stamp = rest.len() == 19
            && rest.chars().enumerate().all(|(j, c)| match j {
                4 | 7 => c == '-',
                10 => c == 'T',
                13 | 16 => c == ':',
                _ => c.is_ascii_digit(),
            });
        if !is_stamp {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 19;
        while i < chars.len() && (chars[i].is_ascii_digit() || ".Z+-:".contains(chars[i])) {
            i += 1;
        }
        out.push_str("<ts>");
    }
    out
}

struct Server {
    moto: Moto,
    allowed: (String, String),
    denied: (String, String),
}

/// A moto of this test binary with authentication on.
fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let (moto, mut keys) =
            Moto::with_users(&[("launcher", Some(ALLOW_ALL_POLICY)), ("intern", None)]);
        let denied = keys.pop().expect("two users");
        let allowed = keys.pop().expect("two users");
        Server {
            moto,
            allowed,
            denied,
        }
    })
}

fn env(cmd: common::AwsCmd, keys: &(String, String)) -> common::AwsCmd {
    cmd.env("AWS_ACCESS_KEY_ID", &keys.0)
        .env("AWS_SECRET_ACCESS_KEY", &keys.1)
        .env("AWS_DEFAULT_REGION", "us-east-1")
}

fn ours(ctx: &TestContext, args: &[&str]) -> Output {
    env(
        ctx.cmd(args)
            .args(["--endpoint-url", &server().moto.endpoint()]),
        &server().allowed,
    )
    .run()
}

fn theirs(ctx: &TestContext, args: &[&str]) -> Output {
    env(
        ctx.aws_cli(args)
            .args(["--endpoint-url", &server().moto.endpoint()]),
        &server().allowed,
    )
    .run()
}

fn launch(ctx: &TestContext, name: &str) -> Vec<String> {
    let tags = format!("ResourceType=instance,Tags=[{{Key=Name,Value={name}}}]");
    let out = ours(
        ctx,
        &[
            "ec2",
            "run-instances",
            "--image-id",
            "ami-12c6146b",
            "--instance-type",
            "t2.micro",
            "--count",
            "2",
            "--tag-specifications",
            &tags,
            "--user-data",
            "#!/bin/sh\necho hi",
        ],
    );
    out.assert_success();
    let json = out.json();
    assert!(
        json["ReservationId"].as_str().unwrap().starts_with("r-"),
        "{out}"
    );
    json["Instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["InstanceId"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn describe_instances_matches_the_cli_in_json_and_text() {
    let ctx = TestContext::new();
    let ids = launch(&ctx, "side-by-side");
    let filter = "Name=tag:Name,Values=side-by-side";
    for format in ["json", "text"] {
        let args = [
            "ec2",
            "describe-instances",
            "--filters",
            filter,
            "--output",
            format,
        ];
        let (a, b) = (ours(&ctx, &args), theirs(&ctx, &args));
        b.assert_success();
        assert_eq!(
            normalise(&a.stdout),
            normalise(&b.stdout),
            "--output {format}\nawsctl: {a}\naws: {b}"
        );
    }
    let args = [
        "ec2",
        "describe-instances",
        "--instance-ids",
        &ids[0],
        "--query",
        "Reservations[].Instances[].[InstanceId, State.Name, Tags[0].Value]",
        "--output",
        "text",
    ];
    ours(&ctx, &args).assert_stdout(&format!("{}\trunning\tside-by-side\n", ids[0]));
}

#[test]
fn stop_start_terminate_print_the_state_changes() {
    let ctx = TestContext::new();
    let ids = launch(&ctx, "lifecycle");
    let stop = ours(
        &ctx,
        &["ec2", "stop-instances", "--instance-ids", &ids[0], &ids[1]],
    );
    stop.assert_success();
    let changes = stop.json()["StoppingInstances"].as_array().unwrap().clone();
    assert_eq!(changes.len(), 2);
    assert_eq!(
        changes[0]["PreviousState"],
        serde_json::json!({"Code": 16, "Name": "running"})
    );
    let start = theirs(
        &ctx,
        &[
            "ec2",
            "start-instances",
            "--instance-ids",
            &ids[0],
            "--output",
            "text",
        ],
    );
    let ours_text = ours(
        &ctx,
        &[
            "ec2",
            "start-instances",
            "--instance-ids",
            &ids[1],
            "--output",
            "text",
        ],
    );
    // Same lines for the other instance, as the CLI prints them.
    assert_eq!(
        start.stdout.replace(&ids[0], "ID"),
        ours_text.stdout.replace(&ids[1], "ID"),
        "aws: {start}\nawsctl: {ours_text}"
    );
    let out = ours(
        &ctx,
        &[
            "ec2",
            "terminate-instances",
            "--instance-ids",
            &ids[0],
            "--query",
            "TerminatingInstances[0].CurrentState.Name",
            "--output",
            "text",
        ],
    );
    out.assert_stdout("shutting-down\n");
}

#[test]
fn dry_runs_answer_like_v2() {
    let ctx = TestContext::new();
    let args = [
        "ec2",
        "run-instances",
        "--image-id",
        "ami-12c6146b",
        "--instance-type",
        "t2.micro",
        "--dry-run",
        "--endpoint-url",
    ];
    let out = env(
        ctx.cmd(args).arg(server().moto.endpoint()),
        &server().allowed,
    )
    .run();
    out.assert_code(254);
    assert_eq!(out.stdout, "");
    assert_output_snapshot!(&ctx, out.stderr);
    // A user without permission is refused by moto, with its AccessDenied.
    let out = env(
        ctx.cmd(args).arg(server().moto.endpoint()),
        &server().denied,
    )
    .run();
    out.assert_code(254);
    assert!(
        out.stderr
            .contains("An error occurred (AccessDenied) when calling the RunInstances operation"),
        "{out}"
    );
    // --no-dry-run after --dry-run wins, and the instance is launched.
    let out = ours(
        &ctx,
        &[
            "ec2",
            "run-instances",
            "--image-id",
            "ami-12c6146b",
            "--dry-run",
            "--no-dry-run",
            "--query",
            "Instances[0].State.Name",
            "--output",
            "text",
        ],
    );
    out.assert_stdout("pending\n");
}

#[test]
fn malformed_structured_parameters_are_252() {
    let ctx = TestContext::new();
    let out = ours(&ctx, &["ec2", "describe-instances", "--filters", "Name"]);
    out.assert_code(252);
    assert!(out.stderr.contains("Error parsing parameter '--filters': Expected: '=', received: 'EOF' for input:\nName\n    ^"), "{out}");
    let out = ours(
        &ctx,
        &["ec2", "describe-instances", "--filters", "[{\"Name\": "],
    );
    out.assert_code(252);
    assert!(
        out.stderr
            .contains("Error parsing parameter '--filters': Invalid JSON"),
        "{out}"
    );
    let out = ours(
        &ctx,
        &[
            "ec2",
            "run-instances",
            "--image-id",
            "ami-1",
            "--count",
            "two",
        ],
    );
    out.assert_code(255);
    assert!(
        out.stderr
            .contains("count parameter should be of form min[:max] (e.g. 1 or 1:10)"),
        "{out}"
    );
    let out = ours(&ctx, &["ec2", "terminate-instances"]);
    out.assert_code(252);
    assert!(
        out.stderr
            .contains("the following arguments are required: --instance-ids"),
        "{out}"
    );
}

#[test]
fn user_data_from_a_file_is_base64_encoded() {
    let ctx = TestContext::new();
    let script = ctx.home().join("boot.sh");
    std::fs::write(&script, "#!/bin/sh\necho from-file\n").unwrap();
    let out = ours(
        &ctx,
        &[
            "ec2",
            "run-instances",
            "--image-id",
            "ami-12c6146b",
            "--user-data",
            &format!("file://{}", script.display()),
            "--dry-run",
            "--debug",
        ],
    );
    out.assert_code(254);
    // base64 of the file's bytes, URL-encoded in the form body.
    assert!(
        out.stderr
            .contains("UserData=IyEvYmluL3NoCmVjaG8gZnJvbS1maWxlCg%3D%3D"),
        "{out}"
    );
}

/// EC2 refusing a dry run with UnauthorizedOperation and an encoded message, and STS decoding
/// it: no peer does either (test-peers.md). The "encoded" message is this fake's own token.
#[test]
fn unauthorized_dry_run_then_explain() {
    let fake = FakeServer::start(|request| {
        let body = String::from_utf8_lossy(&request.body).to_string();
        if body.contains("Action=RunInstances") {
            return Reply::Status(403, "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation. Encoded authorization failure message: fake-encoded-1</Message></Error></Errors><RequestID>r-1</RequestID></Response>".into());
        }
        let doc = r#"{"allowed":false,"explicitDeny":false,"matchedStatements":{"items":[]},"failures":{"items":[]},"context":{"principal":{"id":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/intern"},"action":"ec2:RunInstances","resource":"arn:aws:ec2:us-east-1:111122223333:instance/*","conditions":{"items":[]}}}"#;
        Reply::Status(
            200,
            format!(
                "<DecodeAuthorizationMessageResponse><DecodeAuthorizationMessageResult><DecodedMessage>{}</DecodedMessage></DecodeAuthorizationMessageResult></DecodeAuthorizationMessageResponse>",
                doc.replace('"', "&quot;")
            ),
        )
    });
    let ctx = TestContext::new();
    let keys = ("AKIAFAKE".to_string(), "secret".to_string());
    let out = env(
        ctx.cmd([
            "ec2",
            "run-instances",
            "--image-id",
            "ami-1",
            "--dry-run",
            "--endpoint-url",
            &fake.endpoint(),
        ]),
        &keys,
    )
    .run();
    out.assert_code(254);
    assert_output_snapshot!(&ctx, out.stderr);
    let encoded = out.stderr.trim().rsplit(' ').next().unwrap().to_string();
    let out = env(
        ctx.cmd([
            "sts",
            "decode-authorization-message",
            "--encoded-message",
            &encoded,
            "--explain",
            "--endpoint-url",
            &fake.endpoint(),
        ]),
        &keys,
    )
    .run();
    out.assert_success();
    assert!(out.stdout.contains("Decision: DENIED implicitly: no statement allows this request\nPrincipal: arn:aws:iam::111122223333:user/intern (AIDAEXAMPLE)\nAction: ec2:RunInstances\n"), "{out}");
}

#[test]
fn max_items_and_starting_token_page_like_the_cli() {
    let ctx = TestContext::new();
    let tag = common::unique_name("paging");
    launch(&ctx, &tag);
    launch(&ctx, &tag);
    let filter = format!("Name=tag:Name,Values={tag}");
    let first = [
        "ec2",
        "describe-instances",
        "--filters",
        &filter,
        "--max-items",
        "1",
        "--query",
        "{Ids: Reservations[].ReservationId, Token: NextToken}",
    ];
    let (a, b) = (ours(&ctx, &first), theirs(&ctx, &first));
    b.assert_success();
    assert_eq!(a.stdout, b.stdout, "awsctl: {a}\naws: {b}");
    let token = a.json()["Token"]
        .as_str()
        .expect("a resume token")
        .to_string();
    // Each tool resumes from the token: the second reservation, and no further token.
    let rest = [
        "ec2",
        "describe-instances",
        "--filters",
        &filter,
        "--starting-token",
        &token,
        "--query",
        "Reservations[].ReservationId",
        "--output",
        "text",
    ];
    let (a, b) = (ours(&ctx, &rest), theirs(&ctx, &rest));
    assert_eq!(a.stdout, b.stdout, "awsctl: {a}\naws: {b}");
    assert_eq!(a.stdout.split_whitespace().count(), 1, "{a}");
}

/// awsctl or the AWS CLI, on this binary's moto.
type Tool = fn(&TestContext, &[&str]) -> Output;

/// Launches with the CLI's scalar network options: the subnet, security group, private address
/// and public-address switch all reach EC2 inside the first network interface, for awsctl as for
/// the AWS CLI (moto gives a public address only when the interface asks for one).
#[test]
fn run_instances_builds_the_first_network_interface_as_the_cli_does() {
    let ctx = TestContext::new();
    let vpc =
        ours(&ctx, &["ec2", "create-vpc", "--cidr-block", "10.7.0.0/16"]).json()["Vpc"]["VpcId"]
            .as_str()
            .unwrap()
            .to_string();
    let subnet = ours(
        &ctx,
        &[
            "ec2",
            "create-subnet",
            "--vpc-id",
            &vpc,
            "--cidr-block",
            "10.7.1.0/24",
        ],
    )
    .json()["Subnet"]["SubnetId"]
        .as_str()
        .unwrap()
        .to_string();
    let group = ours(
        &ctx,
        &[
            "ec2",
            "create-security-group",
            "--group-name",
            "launch",
            "--description",
            "launch",
            "--vpc-id",
            &vpc,
        ],
    )
    .json()["GroupId"]
        .as_str()
        .unwrap()
        .to_string();
    let tools: [(&str, Tool); 2] = [("10.7.1.78", ours), ("10.7.1.79", theirs)];
    for (address, tool) in tools {
        let out = tool(
            &ctx,
            &[
                "ec2",
                "run-instances",
                "--image-id",
                "ami-12c6146b",
                "--subnet-id",
                &subnet,
                "--security-group-ids",
                &group,
                "--private-ip-address",
                address,
                "--associate-public-ip-address",
            ],
        );
        out.assert_success();
        let instance = &out.json()["Instances"][0];
        assert_eq!(instance["SubnetId"], subnet.as_str(), "{out}");
        assert_eq!(instance["PrivateIpAddress"], address, "{out}");
        assert!(instance["PublicIpAddress"].is_string(), "{out}");
        assert_eq!(
            instance["NetworkInterfaces"][0]["Groups"][0]["GroupId"],
            group.as_str(),
            "{out}"
        );
        let out = tool(
            &ctx,
            &[
                "ec2",
                "run-instances",
                "--image-id",
                "ami-12c6146b",
                "--subnet-id",
                &subnet,
                "--no-associate-public-ip-address",
            ],
        );
        out.assert_success();
        let instance = &out.json()["Instances"][0];
        assert_eq!(instance["SubnetId"], subnet.as_str(), "{out}");
        assert!(instance.get("PublicIpAddress").is_none(), "{out}");
    }
    let out = ours(
        &ctx,
        &[
            "ec2",
            "run-instances",
            "--image-id",
            "ami-1",
            "--network-interfaces",
            "DeviceIndex=0",
            "--associate-public-ip-address",
        ],
    );
    out.assert_code(252);
    assert!(
        out.stderr.contains(
            "Mixing the --network-interfaces option with the simple, scalar options is not supported."
        ),
        "{out}"
    );
}

/// User data from `fileb://` is sent as the base64 of the file's bytes (a gzip header is not
/// text), and text as the base64 of its UTF-8, exactly as the AWS CLI sends them.
#[test]
fn run_instances_user_data_matches_the_cli_for_bytes_and_text() {
    let ctx = TestContext::new();
    let file = ctx.home().join("user-data.gz");
    std::fs::write(&file, [0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe]).unwrap();
    let fileb = format!("fileb://{}", file.display());
    let user_data = |tool: Tool, value: &str| {
        let out = tool(
            &ctx,
            &[
                "ec2",
                "run-instances",
                "--image-id",
                "ami-12c6146b",
                "--user-data",
                value,
            ],
        );
        out.assert_success();
        let id = out.json()["Instances"][0]["InstanceId"]
            .as_str()
            .unwrap()
            .to_string();
        let out = tool(
            &ctx,
            &[
                "ec2",
                "describe-instance-attribute",
                "--instance-id",
                &id,
                "--attribute",
                "userData",
            ],
        );
        out.assert_success();
        out.json()["UserData"]["Value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(user_data(ours, &fileb), "H4sIAP/+");
    assert_eq!(user_data(theirs, &fileb), "H4sIAP/+");
    assert_eq!(user_data(ours, "héllo"), user_data(theirs, "héllo"));
}
