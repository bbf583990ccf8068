#!/usr/bin/env bash
# The demo: builds awsctl, starts moto (a local AWS-compatible server) on a free loopback
# port with a temporary HOME, runs real awsctl commands against it and prints what they
# print, then stops the server. Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

peers_dir="$(bash scripts/install-peers.sh moto | tail -n 1)"
echo "==> building awsctl (release)"
cargo build --release --quiet
awsctl="$PWD/target/release/awsctl"

demo_home="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
endpoint="http://127.0.0.1:$port"
"$peers_dir/moto-5.2.5/bin/moto_server" -H 127.0.0.1 -p "$port" >"$demo_home/moto.log" 2>&1 &
moto_pid=$!
cleanup() { kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; rm -rf "$demo_home"; }
trap cleanup EXIT
for _ in $(seq 100); do
  curl -fs "$endpoint/moto-api/" >/dev/null 2>&1 && break
  sleep 0.1
done

# An IAM user with an access key, created in moto while its authentication is still off;
# then signature checking is switched on, so every awsctl call below is really verified.
read -r key secret < <(python3 - "$endpoint" <<'PY'
import re, sys, urllib.parse, urllib.request
endpoint = sys.argv[1]
auth = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0"
def call(params):
    body = urllib.parse.urlencode({**params, "Version": "2010-05-08"}).encode()
    req = urllib.request.Request(endpoint + "/", body, {"Authorization": auth, "Content-Type": "application/x-www-form-urlencoded"})
    return urllib.request.urlopen(req).read().decode()
call({"Action": "CreateUser", "UserName": "demo-user"})
policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}'
call({"Action": "PutUserPolicy", "UserName": "demo-user", "PolicyName": "all", "PolicyDocument": policy})
xml = call({"Action": "CreateAccessKey", "UserName": "demo-user"})
print(re.search("<AccessKeyId>(.*?)</AccessKeyId>", xml)[1], re.search("<SecretAccessKey>(.*?)</SecretAccessKey>", xml)[1])
PY
)
curl -fs -X POST -H 'Content-Type: text/plain' --data-binary 0 "$endpoint/moto-api/reset-auth" >/dev/null

mkdir -p "$demo_home/.aws"
cat >"$demo_home/.aws/credentials" <<INI
[demo]
aws_access_key_id = $key
aws_secret_access_key = $secret
INI
cat >"$demo_home/.aws/config" <<INI
[profile demo]
region = us-east-1
endpoint_url = $endpoint
INI
chmod 600 "$demo_home/.aws/credentials"

run() {
  echo
  echo "\$ awsctl $*"
  set +e
  env -i HOME="$demo_home" PATH="$PATH" TZ=UTC AWS_EC2_METADATA_DISABLED=true "$awsctl" "$@"
  echo "[exit $?]"
  set -e
}

echo "==> moto on $endpoint, profile 'demo' in a temporary HOME"
run --version
run sts get-caller-identity --profile demo
run sts get-caller-identity --profile demo --output text
run sts get-caller-identity --profile demo --output table
run sts get-caller-identity --profile demo --output yaml
run sts get-caller-identity --profile demo --query Arn --output text
run configure list --profile demo
echo
echo "==> S3"
run s3 mb s3://demo-bucket --profile demo
cd "$demo_home"
printf 'hello from awsctl\n' > hello.txt
run s3 cp hello.txt s3://demo-bucket/hello.txt --profile demo
run s3 cp s3://demo-bucket/hello.txt - --profile demo
mkdir -p site/css
printf '<h1>demo</h1>\n' > site/index.html
printf 'h1 { color: teal }\n' > site/css/main.css
printf 'old\n' > site/old.html
# Files edited a while ago (S3 keeps whole seconds: a file written in the second of its upload
# would look newer than its object to the next sync, with the AWS CLI too).
find site -type f -exec touch -d '-1 hour' {} +
run s3 sync site s3://demo-bucket/site --profile demo
rm site/old.html
run s3 sync site s3://demo-bucket/site --delete --profile demo
run s3 sync s3://demo-bucket/site mirror --profile demo
run s3 mv s3://demo-bucket/hello.txt s3://demo-bucket/moved/hello.txt --profile demo
run s3 ls s3://demo-bucket --recursive --human-readable --summarize --profile demo
cd - >/dev/null
run s3 ls --profile demo
run s3 presign s3://demo-bucket/moved/hello.txt --expires-in 60 --profile demo
echo
echo "==> EC2: a dry run (exit 254 with DryRunOperation, as v2), then a real launch"
run ec2 run-instances --image-id ami-12c6146b --instance-type t2.micro --dry-run --profile demo
run ec2 run-instances --image-id ami-12c6146b --instance-type t2.micro --profile demo --query 'Instances[0].InstanceId' --output text
run ec2 describe-instances --profile demo --query 'Reservations[].Instances[].[InstanceId, State.Name]' --output table
echo
echo "==> Any service, built from botocore's models: SSM parameters, a DynamoDB table"
run ssm put-parameter --name /demo/greeting --value hello --type String --profile demo
run ssm get-parameter --name /demo/greeting --query Parameter.Value --output text --profile demo
run dynamodb create-table --table-name demo --attribute-definitions AttributeName=pk,AttributeType=S --key-schema AttributeName=pk,KeyType=HASH --billing-mode PAY_PER_REQUEST --query TableDescription.TableStatus --output text --profile demo
run dynamodb put-item --table-name demo --item '{"pk": {"S": "a"}, "n": {"N": "1"}}' --profile demo
run dynamodb scan --table-name demo --query 'Items[].pk.S' --output text --profile demo
echo
echo "==> IAM: would this policy allow it? (evaluated offline)"
cat > "$demo_home/policy.json" <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo-bucket/*"}]}
JSON
run iam simulate-custom-policy --offline --policy-input-list "file://$demo_home/policy.json" --action-names s3:GetObject s3:PutObject --resource-arns 'arn:aws:s3:::demo-bucket/hello.txt' --query 'EvaluationResults[].[EvalActionName, EvalDecision]' --output text --profile demo
env_wrong() {
  echo
  echo "\$ AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=wrong awsctl sts get-caller-identity --region us-east-1 --endpoint-url $endpoint"
  set +e
  env -i HOME="$demo_home" PATH="$PATH" AWS_EC2_METADATA_DISABLED=true AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY=wrong \
    "$awsctl" sts get-caller-identity --region us-east-1 --endpoint-url "$endpoint"
  echo "[exit $?]"
  set -e
}
echo
echo "==> the same call with a wrong secret key (the service refuses it: exit 254)"
env_wrong
echo
echo "==> a profile that does not exist (exit 255)"
run sts get-caller-identity --profile nope
