#!/usr/bin/env bash
# A deployment script as CI pipelines write them, runnable with either tool:
#   AWS=aws    docs/examples/deploy-stack.sh STACK
#   AWS=awsctl docs/examples/deploy-stack.sh STACK
# It writes a template, deploys it (change set, wait, execute, wait), waits for the stack
# again as scripts often do, reads what was made, and deploys a parameter change. Any
# failure stops it with the tool's exit code. tests/it/cloudformation/deploy.rs runs it with
# both tools against moto.
set -euo pipefail
AWS="${AWS:-aws}"
stack="${1:?usage: deploy-stack.sh STACK}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat > "$work/template.yaml" <<'YAML'
Parameters:
  Env:
    Type: String
    Default: dev
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${AWS::StackName}-${Env}"
      Tags:
        - Key: env
          Value: !Ref Env
YAML

"$AWS" cloudformation deploy --template-file "$work/template.yaml" --stack-name "$stack" \
    --parameter-overrides Env=staging --tags team=platform
"$AWS" cloudformation wait stack-create-complete --stack-name "$stack"
queue="$("$AWS" cloudformation describe-stack-resource --stack-name "$stack" \
    --logical-resource-id Queue --query StackResourceDetail.PhysicalResourceId --output text)"
echo "queue: $queue"
"$AWS" cloudformation describe-stacks --stack-name "$stack" \
    --query 'Stacks[0].[StackStatus, Parameters[0].ParameterValue]' --output text

# A parameter change is an update; the update waiter then finds it complete.
"$AWS" cloudformation deploy --template-file "$work/template.yaml" --stack-name "$stack" \
    --parameter-overrides Env=prod
"$AWS" cloudformation wait stack-update-complete --stack-name "$stack"
"$AWS" cloudformation describe-stacks --stack-name "$stack" \
    --query 'Stacks[0].[StackStatus, Parameters[0].ParameterValue]' --output text
