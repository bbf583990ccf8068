//! `awsctl cloudformation package` on moto, side by side with the AWS CLI (the pinned v1
//! peer): each tool packages the same template into its own bucket. The packaged templates
//! must be the same but for the bucket names and the keys of zipped artifacts (a zip records
//! file times, so its MD5 differs between tools); files uploaded as they are, and nested
//! templates packaged and uploaded, must get the same MD5-named keys, which also shows the
//! nested template is written byte for byte as the CLI writes it.

use crate::common;

use common::{Moto, Output, TestContext};
use std::io::Read;
use std::path::Path;

fn run(cmd: common::AwsCmd, dir: &Path) -> Output {
    // The CLI's S3 client ignores --endpoint-url: both tools reach moto through
    // AWS_ENDPOINT_URL.
    cmd.env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", Moto::shared().endpoint())
        .current_dir(dir)
        .run()
}

const TEMPLATE: &str = "AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: dev
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Role: !GetAtt Role.Arn
      Code: ./src
      Environment:
        Variables:
          ENV: !Ref Env
          FLAG: 'yes'
  Sls:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: single.py
      Handler: single.h
  Job:
    Type: AWS::Glue::Job
    Properties:
      Command:
        Name: glueetl
        ScriptLocation: etl.py
      Role: !Sub \"arn:aws:iam::${AWS::AccountId}:role/glue\"
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: nested/child.yaml
      Parameters:
        Env: !Ref Env
Outputs:
  Arn:
    Value: !GetAtt Fn.Arn
";

const CHILD: &str = "Parameters:
  Env: {Type: String}
Resources:
  Job2:
    Type: AWS::Glue::Job
    Properties:
      Command:
        ScriptLocation: ../etl.py
      Tags: [a, b]
      Ratio: 1.5
";

fn project(ctx: &TestContext) -> std::path::PathBuf {
    let dir = ctx.home().join("project");
    for (path, text) in [
        ("template.yaml", TEMPLATE),
        ("nested/child.yaml", CHILD),
        (
            "src/index.py",
            "def handler(event, context):\n    return 1\n",
        ),
        ("src/lib/util.py", "X = 1\n"),
        ("single.py", "def h(event, context):\n    pass\n"),
        ("etl.py", "print('etl')\n"),
    ] {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    dir
}

/// Zipped artifacts' keys (`p/` + 32 hex digits, no extension) made comparable.
fn without_zip_keys(text: &str, zipped: &[String]) -> String {
    zipped.iter().fold(text.to_string(), |t, key| {
        t.replace(key.as_str(), "p/<zip>")
    })
}

fn keys(ctx: &TestContext, dir: &Path, bucket: &str) -> Vec<String> {
    let out = run(
        ctx.cmd([
            "s3api",
            "list-objects-v2",
            "--bucket",
            bucket,
            "--query",
            "Contents[].Key",
        ]),
        dir,
    );
    out.assert_success();
    serde_json::from_value(out.json()).unwrap()
}

fn object(ctx: &TestContext, dir: &Path, bucket: &str, key: &str) -> Vec<u8> {
    let target = dir.join("downloaded");
    run(
        ctx.cmd([
            "s3api",
            "get-object",
            "--bucket",
            bucket,
            "--key",
            key,
            target.to_str().unwrap(),
        ]),
        dir,
    )
    .assert_success();
    std::fs::read(target).unwrap()
}

fn zip_names(bytes: Vec<u8>) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = archive.file_names().map(str::to_string).collect();
    names.sort();
    // Every entry reads back whole.
    for name in &names {
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert!(!text.is_empty(), "{name}");
    }
    names
}

#[test]
fn packages_local_artifacts_as_the_cli_does() {
    let ctx = TestContext::new();
    let dir = project(&ctx);
    let ours_bucket = common::unique_name("pkg-o");
    let theirs_bucket = common::unique_name("pkg-t");
    for b in [&ours_bucket, &theirs_bucket] {
        run(ctx.cmd(["s3", "mb", &format!("s3://{b}")]), &dir).assert_success();
    }
    let package = |bucket: &str| {
        vec![
            "cloudformation".to_string(),
            "package".into(),
            "--template-file".into(),
            "template.yaml".into(),
            "--s3-bucket".into(),
            bucket.to_string(),
            "--s3-prefix".into(),
            "p".into(),
        ]
    };
    let o = run(ctx.cmd(package(&ours_bucket)), &dir);
    let t = run(ctx.aws_cli(package(&theirs_bucket)), &dir);
    o.assert_success();
    t.assert_success();
    let ours_keys = keys(&ctx, &dir, &ours_bucket);
    let theirs_keys = keys(&ctx, &dir, &theirs_bucket);
    let zipped = |keys: &[String]| -> Vec<String> {
        keys.iter()
            .filter(|k| !k.contains('.') && *k != "p/b93752acafbca027ba05033a1355d39e")
            .cloned()
            .collect()
    };
    // The Glue script is uploaded as it is: its key is its MD5 for both tools.
    let etl = format!("p/{}", hex_md5(b"print('etl')\n"));
    assert!(
        ours_keys.contains(&etl) && theirs_keys.contains(&etl),
        "{ours_keys:?} {theirs_keys:?}"
    );
    let ours_zips: Vec<String> = zipped(&ours_keys)
        .into_iter()
        .filter(|k| *k != etl)
        .collect();
    let theirs_zips: Vec<String> = zipped(&theirs_keys)
        .into_iter()
        .filter(|k| *k != etl)
        .collect();
    assert_eq!(ours_zips.len(), 2, "{ours_keys:?}");
    assert_eq!(theirs_zips.len(), 2, "{theirs_keys:?}");
    // The same template but for the buckets and the zips' keys; the nested template's key
    // is the MD5 of its packaged text, which names the buckets.
    let ours_text = without_zip_keys(&o.stdout, &ours_zips).replace(&ours_bucket, "BUCKET");
    let theirs_text = without_zip_keys(&t.stdout, &theirs_zips).replace(&theirs_bucket, "BUCKET");
    let nested = |keys: &[String]| {
        keys.iter()
            .find(|k| k.ends_with(".template"))
            .cloned()
            .unwrap()
    };
    let (ours_nested, theirs_nested) = (nested(&ours_keys), nested(&theirs_keys));
    assert_eq!(
        ours_text.replace(&ours_nested, "NESTED"),
        theirs_text.replace(&theirs_nested, "NESTED"),
        "ours: {o}\ntheirs: {t}"
    );
    assert!(
        o.stdout
            .contains("      Role:\n        Fn::GetAtt:\n        - Role\n        - Arn\n"),
        "{o}"
    );
    assert!(o.stdout.contains("          FLAG: 'yes'\n"), "{o}");
    // The nested templates, packaged: the same text once the bucket names are swapped.
    let ours_child = String::from_utf8(object(&ctx, &dir, &ours_bucket, &ours_nested)).unwrap();
    let theirs_child =
        String::from_utf8(object(&ctx, &dir, &theirs_bucket, &theirs_nested)).unwrap();
    assert_eq!(
        ours_child.replace(&ours_bucket, "B"),
        theirs_child.replace(&theirs_bucket, "B")
    );
    // The folder and the single file (Lambda code must be a zip) are zips of the right files.
    let mut contents: Vec<Vec<String>> = ours_zips
        .iter()
        .map(|k| zip_names(object(&ctx, &dir, &ours_bucket, k)))
        .collect();
    contents.sort();
    assert_eq!(
        contents,
        vec![
            vec!["index.py".to_string(), "lib/util.py".into()],
            vec!["single.py".into()]
        ]
    );
    // Progress on stderr, one report per upload, as the CLI writes it.
    assert!(
        o.stderr
            .contains(&format!("\rUploading to {etl}  13 / 13.0  (100.00%)")),
        "{o}"
    );
}

#[test]
fn output_file_json_and_a_missing_artifact() {
    let ctx = TestContext::new();
    let dir = project(&ctx);
    let bucket = common::unique_name("pkg-json");
    run(ctx.cmd(["s3", "mb", &format!("s3://{bucket}")]), &dir).assert_success();
    let out = run(
        ctx.cmd([
            "cloudformation",
            "package",
            "--template-file",
            "nested/child.yaml",
            "--s3-bucket",
            &bucket,
            "--use-json",
            "--output-template-file",
            "packaged.json",
            "--metadata",
            "build=42,team=web",
        ]),
        &dir,
    );
    out.assert_success();
    let written = dir.join("packaged.json");
    assert_output_snapshot!(&ctx, out.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&written).unwrap()).unwrap();
    assert_eq!(
        json["Resources"]["Job2"]["Properties"]["Command"]["ScriptLocation"],
        format!("s3://{bucket}/{}", hex_md5(b"print('etl')\n"))
    );
    // Every artifact carries the metadata and AES256 encryption.
    let head = run(
        ctx.cmd([
            "s3api",
            "head-object",
            "--bucket",
            &bucket,
            "--key",
            &hex_md5(b"print('etl')\n"),
        ]),
        &dir,
    );
    head.assert_success();
    assert_eq!(
        head.json()["Metadata"],
        serde_json::json!({"build": "42", "team": "web"}),
        "{head}"
    );
    assert_eq!(head.json()["ServerSideEncryption"], "AES256", "{head}");
    // A path that does not exist: both tools word it the same, exit 255.
    std::fs::write(
        dir.join("broken.yaml"),
        "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: ./nowhere\n",
    )
    .unwrap();
    let args = [
        "cloudformation",
        "package",
        "--template-file",
        "broken.yaml",
        "--s3-bucket",
        &bucket,
    ];
    let (o, t) = (run(ctx.cmd(args), &dir), run(ctx.aws_cli(args), &dir));
    assert_eq!(t.code, 255, "{t}");
    o.assert_code(255);
    assert_eq!(
        o.stderr,
        format!("\naws: [ERROR]: {}\n", t.stderr.trim()),
        "theirs: {t}"
    );
}

fn hex_md5(bytes: &[u8]) -> String {
    use md5::Digest;
    md5::Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
