//! The model-driven codecs against a real peer: requests serialized from the shipped models
//! for each protocol (query, ec2, json, Query-compatible json, rest-json, rest-xml), sent to
//! moto on 127.0.0.1, and its answers parsed back, results and errors. The requests carry a
//! well-formed `Authorization` header with a dummy signature (moto picks the service from its
//! credential scope and checks no signature while auth is off); signing is the HTTP layer's.

use crate::common;

use awsctl::model::{Operation, ServiceModel};
use awsctl::protocol::codec::{Codec, HttpRequest, HttpResponse, codec_for};
use awsctl::settings::TimestampFormat;
use common::Moto;
use common::http;
use serde_json::{Map, Value, json};

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn model(service: &str) -> &'static ServiceModel {
    awsctl::model::service(service).unwrap().unwrap()
}

fn codec(model: &ServiceModel) -> &'static dyn Codec {
    codec_for(model.metadata.effective_protocol().unwrap()).unwrap()
}

fn send(moto: &Moto, model: &ServiceModel, req: &HttpRequest) -> Answer {
    let authorization = format!(
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/{}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0",
        model.metadata.signing_name()
    );
    let mut headers: Vec<(&str, &str)> = req
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    headers.push(("X-Amz-Date", "20260101T000000Z"));
    headers.push(("Authorization", &authorization));
    let r = http::request(moto.port(), &req.method, &req.uri(), &headers, &req.body)
        .unwrap_or_else(|e| panic!("moto request failed: {e}"));
    Answer {
        status: r.status,
        headers: r.headers,
        body: r.body,
    }
}

/// Serializes, sends, and parses: the output, or the service error.
fn call(
    moto: &Moto,
    service: &str,
    operation: &str,
    params: Value,
    body: Option<&[u8]>,
) -> Result<Value, awsctl::error::ServiceError> {
    let model = model(service);
    let op: &Operation = model.operation(operation).unwrap().unwrap();
    let codec = codec(model);
    let mut req = codec
        .serialize(model, op, params.as_object().unwrap())
        .unwrap_or_else(|e| panic!("{operation}: {e}"));
    if let Some(body) = body {
        req.body = body.to_vec();
    }
    let answer = send(moto, model, &req);
    let resp = HttpResponse {
        status: answer.status,
        headers: &answer.headers,
        body: &answer.body,
    };
    if codec.is_error(op, &resp) {
        return Err(codec.parse_error(model, op, &resp));
    }
    Ok(codec
        .parse(model, op, &resp, TimestampFormat::Iso8601)
        .unwrap_or_else(|e| {
            panic!(
                "{operation}: {e}\n{}",
                String::from_utf8_lossy(&answer.body)
            )
        }))
}

fn object(v: &Value) -> &Map<String, Value> {
    v.as_object().unwrap()
}

#[test]
fn query_sts_and_iam() {
    let moto = Moto::shared();
    let me = call(moto, "sts", "GetCallerIdentity", json!({}), None).unwrap();
    assert_eq!(me["Account"], "123456789012");
    let keys: Vec<&String> = object(&me).keys().collect();
    assert_eq!(keys, ["UserId", "Account", "Arn"]);
    let role = call(
        moto,
        "iam",
        "CreateRole",
        json!({"RoleName": "codec-role", "AssumeRolePolicyDocument": "{}",
               "Tags": [{"Key": "k", "Value": "v"}]}),
        None,
    )
    .unwrap();
    assert_eq!(role["Role"]["RoleName"], "codec-role");
    assert!(
        role["Role"]["CreateDate"]
            .as_str()
            .unwrap()
            .ends_with("+00:00")
    );
    let e = call(moto, "iam", "GetRole", json!({"RoleName": "nope"}), None).unwrap_err();
    assert_eq!(e.code, "NoSuchEntity");
    assert_eq!(e.status, 404);
}

#[test]
fn ec2_vpcs_with_filters() {
    let moto = Moto::shared();
    let vpc = call(
        moto,
        "ec2",
        "CreateVpc",
        json!({"CidrBlock": "10.42.0.0/16",
               "TagSpecifications": [{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "codec"}]}]}),
        None,
    )
    .unwrap();
    let id = vpc["Vpc"]["VpcId"].as_str().unwrap().to_string();
    let found = call(
        moto,
        "ec2",
        "DescribeVpcs",
        json!({"Filters": [{"Name": "tag:Name", "Values": ["codec"]}]}),
        None,
    )
    .unwrap();
    let vpcs = found["Vpcs"].as_array().unwrap();
    assert_eq!(vpcs.len(), 1);
    assert_eq!(vpcs[0]["VpcId"], id.as_str());
    assert_eq!(vpcs[0]["CidrBlock"], "10.42.0.0/16");
    assert_eq!(vpcs[0]["Tags"], json!([{"Key": "Name", "Value": "codec"}]));
    let e = call(
        moto,
        "ec2",
        "DescribeVpcs",
        json!({"VpcIds": ["vpc-00000000"]}),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, "InvalidVpcID.NotFound");
}

#[test]
fn json_dynamodb_items_and_conditional_errors() {
    let moto = Moto::shared();
    let table = call(
        moto,
        "dynamodb",
        "CreateTable",
        json!({"TableName": "codec", "BillingMode": "PAY_PER_REQUEST",
               "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
               "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}]}),
        None,
    )
    .unwrap();
    assert_eq!(table["TableDescription"]["TableName"], "codec");
    let created = table["TableDescription"]["CreationDateTime"]
        .as_str()
        .unwrap();
    assert!(
        created.contains('T') && created.ends_with("+00:00"),
        "{created}"
    );
    call(
        moto,
        "dynamodb",
        "PutItem",
        json!({"TableName": "codec", "Item": {"k": {"S": "a"}, "b": {"B": "AAEC"}}}),
        None,
    )
    .unwrap();
    let item = call(
        moto,
        "dynamodb",
        "GetItem",
        json!({"TableName": "codec", "Key": {"k": {"S": "a"}}}),
        None,
    )
    .unwrap();
    assert_eq!(item["Item"]["b"]["B"], "AAEC");
    let e = call(
        moto,
        "dynamodb",
        "PutItem",
        json!({"TableName": "codec", "Item": {"k": {"S": "a"}},
               "ConditionExpression": "attribute_not_exists(k)"}),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, "ConditionalCheckFailedException");
    assert_eq!(e.status, 400);
}

#[test]
fn query_compatible_json_sqs() {
    let moto = Moto::shared();
    let queue = call(
        moto,
        "sqs",
        "CreateQueue",
        json!({"QueueName": "codec-q"}),
        None,
    )
    .unwrap();
    assert!(queue["QueueUrl"].as_str().unwrap().ends_with("/codec-q"));
    let e = call(
        moto,
        "sqs",
        "GetQueueUrl",
        json!({"QueueName": "nope"}),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.NonExistentQueue");
}

#[test]
fn rest_json_lambda_lists_and_errors() {
    let moto = Moto::shared();
    let out = call(
        moto,
        "lambda",
        "ListFunctions",
        json!({"MaxItems": 5}),
        None,
    )
    .unwrap();
    assert!(out["Functions"].is_array());
    let e = call(
        moto,
        "lambda",
        "GetFunction",
        json!({"FunctionName": "nope"}),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
    assert_eq!(e.status, 404);
}

#[test]
fn rest_xml_s3_buckets_objects_and_quirks() {
    let moto = Moto::shared();
    call(
        moto,
        "s3",
        "CreateBucket",
        json!({"Bucket": "codec-bucket",
               "CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"}}),
        None,
    )
    .unwrap();
    let location = call(
        moto,
        "s3",
        "GetBucketLocation",
        json!({"Bucket": "codec-bucket"}),
        None,
    )
    .unwrap();
    assert_eq!(location, json!({"LocationConstraint": "eu-west-1"}));
    // The caller puts the streaming body in after serialize.
    call(
        moto,
        "s3",
        "PutObject",
        json!({"Bucket": "codec-bucket", "Key": "dir/a b+c.txt", "Metadata": {"colour": "blue"},
               "ContentType": "text/plain"}),
        Some(b"hello"),
    )
    .unwrap();
    let head = call(
        moto,
        "s3",
        "HeadObject",
        json!({"Bucket": "codec-bucket", "Key": "dir/a b+c.txt"}),
        None,
    )
    .unwrap();
    assert_eq!(head["ContentLength"], 5);
    assert_eq!(head["ContentType"], "text/plain");
    assert_eq!(head["Metadata"], json!({"colour": "blue"}));
    assert!(head["LastModified"].as_str().unwrap().ends_with("+00:00"));
    let list = call(
        moto,
        "s3",
        "ListObjectsV2",
        json!({"Bucket": "codec-bucket", "Prefix": "dir/"}),
        None,
    )
    .unwrap();
    assert_eq!(list["Contents"][0]["Key"], "dir/a b+c.txt");
    assert_eq!(list["Contents"][0]["Size"], 5);
    let e = call(
        moto,
        "s3",
        "GetObject",
        json!({"Bucket": "codec-bucket", "Key": "missing"}),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, "NoSuchKey");
    let e = call(
        moto,
        "s3",
        "HeadObject",
        json!({"Bucket": "codec-bucket", "Key": "missing"}),
        None,
    )
    .unwrap_err();
    assert_eq!((e.code.as_str(), e.status), ("404", 404));
}

#[test]
fn rest_xml_route53_bodies() {
    let moto = Moto::shared();
    let zone = call(
        moto,
        "route53",
        "CreateHostedZone",
        json!({"Name": "codec.example.com", "CallerReference": "ref-1"}),
        None,
    )
    .unwrap();
    let id = zone["HostedZone"]["Id"].as_str().unwrap();
    assert!(zone["Location"].as_str().is_some());
    let zone_id = id.rsplit('/').next().unwrap();
    let change = call(
        moto,
        "route53",
        "ChangeResourceRecordSets",
        json!({"HostedZoneId": zone_id, "ChangeBatch": {"Changes": [{"Action": "CREATE",
            "ResourceRecordSet": {"Name": "a.codec.example.com", "Type": "A", "TTL": 60,
                "ResourceRecords": [{"Value": "192.0.2.1"}]}}]}}),
        None,
    )
    .unwrap();
    assert!(change["ChangeInfo"]["Id"].as_str().is_some());
    let sets = call(
        moto,
        "route53",
        "ListResourceRecordSets",
        json!({"HostedZoneId": zone_id}),
        None,
    )
    .unwrap();
    let names: Vec<&str> = sets["ResourceRecordSets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"a.codec.example.com."), "{names:?}");
}
