//! `codeartifact login` side by side with the AWS CLI, for pip, npm and twine. moto has no
//! CodeArtifact, so a small fake answers GetAuthorizationToken and GetRepositoryEndpoint;
//! pip and npm are the real tools (pip from the CLI peer's environment), each tool run in its
//! own temporary HOME, and the files they leave must be the same.

use crate::common;

use std::path::{Path, PathBuf};

use common::fake_server::{FakeServer, Reply};
use common::{AwsCmd, Output, TestContext};

const TOKEN: &str = "ca-token-SECRET-123";

fn fake() -> FakeServer {
    let expiration = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 12 * 3600;
    FakeServer::start(move |request| {
        if request.path.starts_with("/v1/authorization-token") {
            Reply::json(
                200,
                serde_json::json!({"authorizationToken": TOKEN, "expiration": expiration}),
            )
        } else if request.path.starts_with("/v1/repository/endpoint") {
            let format = if request.path.contains("format=npm") {
                "npm"
            } else {
                "pypi"
            };
            Reply::json(
                200,
                serde_json::json!({"repositoryEndpoint": format!(
                    "https://dom-111122223333.d.codeartifact.us-east-1.amazonaws.com/{format}/repo/")}),
            )
        } else {
            Reply::Status(404, "no".into())
        }
    })
}

/// A directory on PATH with `pip` from the CLI peer's environment (the machine's own may need
/// the real HOME).
fn tools_dir(ctx: &TestContext) -> PathBuf {
    let dir = ctx.home().join("bin");
    std::fs::create_dir_all(&dir).unwrap();
    let pip = common::peer_binary("awscli-1.45.11/bin/pip");
    std::os::unix::fs::symlink(pip, dir.join("pip")).unwrap();
    dir
}

fn on(cmd: AwsCmd, ctx: &TestContext, server: &FakeServer) -> AwsCmd {
    let path = format!(
        "{}:{}",
        tools_dir(ctx).display(),
        std::env::var("PATH").unwrap_or_default()
    );
    cmd.args(["--endpoint-url", &server.endpoint()])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("PATH", path)
}

fn login(tool: &str) -> Vec<String> {
    [
        "codeartifact",
        "login",
        "--tool",
        tool,
        "--domain",
        "dom",
        "--domain-owner",
        "111122223333",
        "--repository",
        "repo",
    ]
    .into_iter()
    .map(String::from)
    .collect()
}

/// Each tool in its own HOME (seeded by `seed`); outputs with HOME filtered, and the file at
/// `file` (relative to HOME) of each.
fn both(args: &[String], file: &str, seed: impl Fn(&Path)) -> (Output, Output, String, String) {
    let server = fake();
    let (a, b) = (TestContext::new(), TestContext::new());
    seed(a.home());
    seed(b.home());
    let mut o = on(a.cmd(args), &a, &server).run();
    let mut t = on(b.aws_cli(args), &b, &server).run();
    o.stdout = a.filter(&o.stdout);
    t.stdout = b.filter(&t.stdout);
    let read =
        |ctx: &TestContext| std::fs::read_to_string(ctx.home().join(file)).unwrap_or_default();
    (o, t, read(&a), read(&b))
}

#[test]
fn pip_is_configured_as_the_cli_configures_it() {
    let (o, t, ours, theirs) = both(&login("pip"), ".config/pip/pip.conf", |_| {});
    o.assert_success();
    t.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert!(
        o.stdout.starts_with("Successfully configured pip to use AWS CodeArtifact repository https://dom-111122223333.d.codeartifact.us-east-1.amazonaws.com/pypi/repo/ \nLogin expires in 12 hours at "),
        "{o}"
    );
    assert_eq!(ours, theirs);
    assert!(ours.contains(&format!("index-url = https://aws:{TOKEN}@dom-111122223333.d.codeartifact.us-east-1.amazonaws.com/pypi/repo/simple/")), "{ours}");
}

#[test]
fn npm_is_configured_as_the_cli_configures_it() {
    let mut args = login("npm");
    args.extend(["--namespace".into(), "team".into()]);
    let (o, t, ours, theirs) = both(&args, ".npmrc", |_| {});
    o.assert_success();
    t.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert_eq!(ours, theirs);
    assert!(ours.contains("@team:registry=https://dom-111122223333.d.codeartifact.us-east-1.amazonaws.com/npm/repo/"), "{ours}");
    assert!(
        ours.contains(&format!(
            "//dom-111122223333.d.codeartifact.us-east-1.amazonaws.com/npm/repo/:_authToken={TOKEN}"
        )),
        "{ours}"
    );
}

#[test]
fn twine_gets_a_new_or_merged_pypirc_as_the_cli_writes_it() {
    let (o, t, ours, theirs) = both(&login("twine"), ".pypirc", |_| {});
    o.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert_eq!(ours, theirs);
    let existing = "[distutils]\nindex-servers =\n    pypi\n    private\n\n[private]\nrepository: https://private.example/\nusername: me\n";
    let (o, t, ours, theirs) = both(&login("twine"), ".pypirc", |home| {
        std::fs::write(home.join(".pypirc"), existing).unwrap();
    });
    o.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert_eq!(ours, theirs);
    assert!(ours.contains("\tprivate\n\tcodeartifact\n"), "{ours}");
    assert!(
        ours.contains("[private]\nrepository = https://private.example/\n"),
        "{ours}"
    );
}

#[test]
fn dry_run_prints_what_would_be_done_and_does_nothing() {
    for (tool, file) in [
        ("pip", ".config/pip/pip.conf"),
        ("npm", ".npmrc"),
        ("twine", ".pypirc"),
    ] {
        let mut args = login(tool);
        args.push("--dry-run".into());
        let (o, t, ours, theirs) = both(&args, file, |_| {});
        o.assert_success();
        assert_eq!(o.stdout, t.stdout, "{tool}");
        assert!(o.stdout.contains(TOKEN), "{o}");
        assert_eq!((ours.as_str(), theirs.as_str()), ("", ""), "{tool}");
    }
}

#[test]
fn the_token_stays_out_of_debug_output() {
    let server = fake();
    let ctx = TestContext::new();
    let mut args = login("pip");
    args.push("--debug".into());
    let out = on(ctx.cmd(&args), &ctx, &server).run();
    out.assert_success();
    assert!(out.stderr.contains("GetAuthorizationToken"), "{out}");
    assert!(!out.stderr.contains(TOKEN), "{out}");
}

/// swift keeps the token in `~/.netrc`; swift itself is not installed here, so the login
/// writes the file and then fails as the CLI does ("swift was not found").
#[test]
fn swift_gets_a_netrc_entry_as_the_cli_writes_it() {
    let mut args = login("swift");
    args.extend(["--namespace".into(), "team".into(), "--dry-run".into()]);
    let (o, t, _, _) = both(&args, ".netrc", |_| {});
    o.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert!(o.stdout.contains(&format!("machine dom-111122223333.d.codeartifact.us-east-1.amazonaws.com login token password {TOKEN}\n")), "{o}");
    assert!(o.stdout.contains(" --scope team\n"), "{o}");
    let existing = "machine example.com login me password old\nmachine dom-111122223333.d.codeartifact.us-east-1.amazonaws.com login token password stale\n";
    let (o, t, ours, theirs) = both(&login("swift"), ".netrc", |home| {
        std::fs::write(home.join(".netrc"), existing).unwrap();
    });
    assert_eq!((o.code, t.code), (255, 255), "ours: {o}\ntheirs: {t}");
    assert!(
        o.stderr
            .contains("swift was not found. Please verify installation."),
        "{o}"
    );
    assert_eq!(ours, theirs);
    assert_eq!(ours, existing.replace("stale", TOKEN));
}

/// dotnet is not installed here: a small fake `dotnet` script (a stand-in, as no peer offers
/// one) lists one source and records the arguments of every call.
fn fake_dotnet(home: &Path, listing: &str) {
    let dir = home.join("bin");
    std::fs::create_dir_all(&dir).unwrap();
    let script = format!(
        "#!/bin/sh\necho \"$@\" >> \"$HOME/dotnet-calls\"\ncase \"$2\" in list) printf '%s' '{listing}';; esac\n"
    );
    let path = dir.join("dotnet");
    std::fs::write(&path, script).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&path, perms).unwrap();
}

#[test]
fn dotnet_sources_are_added_or_updated_as_the_cli_does() {
    let none = "Registered Sources:\n\n  1.  nuget.org [Enabled]\n      https://api.nuget.org/v3/index.json\n";
    let (o, t, ours, theirs) = both(&login("dotnet"), "dotnet-calls", |home| {
        fake_dotnet(home, none)
    });
    o.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert!(o.stdout.starts_with("Added source dom/repo to the user level NuGet.Config\nSuccessfully configured nuget to use"), "{o}");
    assert_eq!(ours, theirs);
    assert!(ours.contains(&format!("nuget add source https://dom-111122223333.d.codeartifact.us-east-1.amazonaws.com/pypi/repo/v3/index.json --name dom/repo --username aws --password {TOKEN} --store-password-in-clear-text")), "{ours}");
    let mine = "Registered Sources:\n  1.  mine [Enabled]\n      https://dom-111122223333.d.codeartifact.us-east-1.amazonaws.com/pypi/repo/v3/index.json\n";
    let mut args = login("dotnet");
    args.push("--dry-run".into());
    let (o, t, ours, theirs) = both(&args, "dotnet-calls", |home| fake_dotnet(home, mine));
    o.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert!(
        o.stdout
            .starts_with("dotnet nuget update source mine --source "),
        "{o}"
    );
    assert_eq!(ours, theirs);
    assert_eq!(ours, "nuget list source --format detailed\n");
}
