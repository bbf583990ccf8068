//! Shell completion: the completer called as bash calls it (`COMP_LINE`, `COMP_POINT`), the
//! generated bash script loaded and run in a real bash, S3 keys and buckets from moto, and a
//! listing that cannot answer given up within its time limit.

use crate::common;

use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::s3_fixtures::{create_bucket, put_object};
use common::{Moto, TestContext, unique_name};

/// The completer's lines for `line`, with the cursor at its end.
fn complete(ctx: &TestContext, shell: &str, line: &str) -> Vec<String> {
    let out = ctx
        .cmd(["__complete", shell])
        .env("COMP_LINE", line)
        .env("COMP_POINT", line.len().to_string())
        .run();
    out.assert_success();
    assert_eq!(out.stderr, "", "{out}");
    out.stdout.lines().map(str::to_string).collect()
}

#[test]
fn services_operations_options_and_values_as_bash_asks() {
    let ctx = TestContext::builder()
        .config("[default]\nregion = eu-west-1\n\n[profile staging]\n")
        .credentials("[ci]\n")
        .build();
    assert_eq!(
        complete(&ctx, "bash", "awsctl dynamo"),
        ["dynamodb ", "dynamodbstreams "]
    );
    let ops = complete(&ctx, "bash", "awsctl ec2 describe-vpc");
    assert!(ops.contains(&"describe-vpcs ".to_string()), "{ops:?}");
    assert!(ops.iter().all(|o| o.starts_with("describe-vpc")), "{ops:?}");
    assert_eq!(
        complete(&ctx, "bash", "awsctl ec2 describe-vpcs --vpc"),
        ["--vpc-ids "]
    );
    assert_eq!(complete(&ctx, "bash", "awsctl ec2 wai"), ["wait "]);
    assert_eq!(
        complete(&ctx, "bash", "awsctl ec2 wait instance-r"),
        ["instance-running "]
    );
    assert_eq!(
        complete(
            &ctx,
            "bash",
            "awsctl ec2 wait instance-running --instance-i"
        ),
        ["--instance-ids "]
    );
    assert_eq!(
        complete(&ctx, "bash", "awsctl sts get-caller-identity --profile "),
        ["ci ", "default ", "staging "]
    );
    assert_eq!(
        complete(&ctx, "bash", "awsctl s3 ls --region us-west-"),
        ["us-west-1 ", "us-west-2 "]
    );
    // The cursor decides, not the end of the line.
    let out = ctx
        .cmd(["__complete", "bash"])
        .env("COMP_LINE", "awsctl ec2 describe-vpcs")
        .env("COMP_POINT", "9")
        .run();
    assert!(out.stdout.lines().any(|l| l == "ec2 "), "{out}");
    // Other shells get the bare words.
    assert_eq!(complete(&ctx, "fish", "awsctl completion f"), ["fish"]);
}

/// `awsctl completion bash`, loaded into a real bash: `complete -p` shows it registered, and
/// its function fills COMPREPLY by calling back into awsctl.
#[test]
fn the_bash_script_loads_and_completes_in_bash() {
    let ctx = TestContext::new();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_awsctl")).parent().unwrap();
    let script = r#"
        source <(awsctl completion bash) || exit 1
        complete -p awsctl || exit 2
        COMP_LINE="awsctl sts get-caller-id"
        COMP_POINT=${#COMP_LINE}
        COMP_WORDS=(awsctl sts get-caller-id)
        COMP_CWORD=2
        _awsctl_complete
        printf '[%s]\n' "${COMPREPLY[@]}"
        compgen -W "$(awsctl completion bash | grep -c __complete)" 1
    "#;
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .env_clear()
        .env("HOME", ctx.home())
        .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
        .output()
        .expect("run bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout,
        "complete -o default -o nospace -F _awsctl_complete awsctl\n[get-caller-identity ]\n1\n"
    );
}

#[test]
fn every_shell_gets_a_script_that_calls_back() {
    let ctx = TestContext::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = ctx.cmd(["completion", shell]).run();
        out.assert_success();
        assert!(out.stdout.contains("awsctl __complete"), "{shell}: {out}");
    }
    let out = ctx.cmd(["completion", "tcsh"]).run();
    out.assert_code(252);
    assert!(out.stderr.contains("Found invalid choice 'tcsh'"), "{out}");
}

#[test]
fn s3_keys_after_the_bucket_and_buckets_after_the_scheme() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared();
    let bucket = unique_name("compl");
    create_bucket(moto.port(), &bucket);
    for key in ["dir/a.txt", "dir/sub/b.txt", "dog.txt", "top.txt"] {
        put_object(moto.port(), &bucket, key, b"x");
    }
    let endpoint = moto.endpoint();
    let line = format!("awsctl s3 cp --endpoint-url {endpoint} --region us-east-1 s3://{bucket}/d");
    assert_eq!(
        complete(&ctx, "zsh", &line),
        [
            format!("s3://{bucket}/dir/"),
            format!("s3://{bucket}/dog.txt")
        ]
    );
    // bash replaces what follows the `:` only, and a finished key gets its space.
    assert_eq!(
        complete(&ctx, "bash", &format!("{line}ir/")),
        [
            format!("//{bucket}/dir/a.txt "),
            format!("//{bucket}/dir/sub/")
        ]
    );
    let line = format!(
        "awsctl s3 ls --endpoint-url {endpoint} --region us-east-1 s3://{}",
        &bucket[..bucket.len() - 2]
    );
    assert!(
        complete(&ctx, "zsh", &line).contains(&format!("s3://{bucket}/")),
        "{line}"
    );
}

#[test]
fn an_s3_endpoint_that_never_answers_is_given_up_quickly() {
    let ctx = TestContext::with_example_credentials();
    // Accepts connections and never replies: no peer behaves like this on purpose.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let line =
        format!("awsctl s3 ls --endpoint-url http://127.0.0.1:{port} --region us-east-1 s3://b/k");
    let start = Instant::now();
    assert!(complete(&ctx, "bash", &line).is_empty());
    let took = start.elapsed();
    assert!(took < Duration::from_secs(4), "took {took:?}");
    drop(silent);
}

#[test]
fn answers_for_the_largest_service_are_fast() {
    let ctx = TestContext::new();
    // A debug build is slower than a release one; the benchmark measures the release build.
    let start = Instant::now();
    let ops = complete(&ctx, "bash", "awsctl ec2 describe-instances --");
    assert!(ops.len() > 10, "{ops:?}");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

/// Runs `script` in `shell` with the built awsctl first on PATH; `None` when the shell is not
/// installed (bash is required above; zsh and fish are checked where they exist).
fn in_shell(ctx: &TestContext, shell: &str, args: &[&str], script: &str) -> Option<String> {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_awsctl")).parent().unwrap();
    let mut command = Command::new(shell);
    command
        .args(args)
        .arg(script)
        .env_clear()
        .env("HOME", ctx.home())
        .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()));
    let out = match command.output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("{shell} is not installed: its script is not run");
            return None;
        }
        Err(e) => panic!("{shell}: {e}"),
    };
    assert!(
        out.status.success(),
        "{shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_fish_script_completes_and_the_zsh_script_registers() {
    let ctx = TestContext::new();
    if let Some(out) = in_shell(
        &ctx,
        "fish",
        &["--no-config", "-c"],
        "awsctl completion fish | source; complete -C 'awsctl sts get-caller-id'",
    ) {
        assert_eq!(out, "get-caller-identity\n");
    }
    let zdump = ctx.home().join(".zcompdump");
    let script = format!(
        "autoload -U compinit; compinit -u -d {}; eval \"$(awsctl completion zsh)\"; print -r -- ${{_comps[awsctl]}}",
        zdump.display()
    );
    if let Some(out) = in_shell(&ctx, "zsh", &["-f", "-c"], &script) {
        assert_eq!(out, "_awsctl\n");
    }
}
