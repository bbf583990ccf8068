//! The codecs on the real models awsctl ships: S3's quirks, EC2's names, JSON error codes,
//! REST bindings, timestamps and member order as the CLI prints them.

use serde_json::{Map, Value, json};

use super::*;
use crate::model::ServiceModel;

fn op(service: &str, name: &str) -> (&'static ServiceModel, &'static Operation) {
    let model = crate::model::service(service).unwrap().unwrap();
    let op = model.operation(name).unwrap().unwrap();
    (model, op)
}

fn codec(model: &ServiceModel) -> &'static dyn Codec {
    codec_for(model.metadata.effective_protocol().unwrap()).unwrap()
}

fn params(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn parse(
    service: &str,
    name: &str,
    status: u16,
    hs: &[(&str, &str)],
    body: &str,
    ts: TimestampFormat,
) -> Result<Value, Error> {
    let (model, op) = op(service, name);
    let hs = headers(hs);
    let resp = HttpResponse {
        status,
        headers: &hs,
        body: body.as_bytes(),
    };
    codec(model).parse(model, op, &resp, ts)
}

fn error(service: &str, name: &str, status: u16, hs: &[(&str, &str)], body: &str) -> ServiceError {
    let (model, op) = op(service, name);
    let hs = headers(hs);
    let resp = HttpResponse {
        status,
        headers: &hs,
        body: body.as_bytes(),
    };
    assert!(codec(model).is_error(op, &resp));
    codec(model).parse_error(model, op, &resp)
}

#[test]
fn the_protocols_awsctl_speaks() {
    assert!(codec_for(Protocol::SmithyRpcV2Cbor).is_none());
    for p in [
        Protocol::Query,
        Protocol::Ec2,
        Protocol::Json,
        Protocol::RestJson,
        Protocol::RestXml,
    ] {
        assert!(codec_for(p).is_some(), "{p:?}");
    }
}

#[test]
fn s3_get_bucket_location_reads_the_bare_constraint() {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>"#;
    let out = parse(
        "s3",
        "GetBucketLocation",
        200,
        &[],
        body,
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert_eq!(out, json!({"LocationConstraint": "eu-west-1"}));
    let empty = r#"<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>"#;
    let out = parse(
        "s3",
        "GetBucketLocation",
        200,
        &[],
        empty,
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert_eq!(out, json!({"LocationConstraint": null}));
}

#[test]
fn s3_errors_in_a_200_are_errors() {
    let body = "<?xml version=\"1.0\"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message><RequestId>R1</RequestId></Error>";
    let e = error("s3", "CopyObject", 200, &[], body);
    assert_eq!(e.code, "InternalError");
    assert_eq!(e.request_id.as_deref(), Some("R1"));
    assert_eq!(
        e.to_string(),
        "An error occurred (InternalError) when calling the CopyObject operation: We encountered an internal error."
    );
    match parse(
        "s3",
        "CompleteMultipartUpload",
        200,
        &[],
        body,
        TimestampFormat::Iso8601,
    ) {
        Err(Error::Service(e)) => assert_eq!(e.code, "InternalError"),
        other => panic!("{other:?}"),
    }
    // A real result is no error, and PutObject's 200 is never read as one.
    let ok = "<CopyObjectResult><LastModified>2026-11-23T18:33:18.000Z</LastModified><ETag>\"e\"</ETag></CopyObjectResult>";
    let out = parse("s3", "CopyObject", 200, &[], ok, TimestampFormat::Iso8601).unwrap();
    assert_eq!(
        out,
        json!({"CopyObjectResult": {"ETag": "\"e\"", "LastModified": "2026-11-23T18:33:18+00:00"}})
    );
    let (model, put) = op("s3", "PutObject");
    let resp = HttpResponse {
        status: 200,
        headers: &[],
        body: body.as_bytes(),
    };
    assert!(!codec(model).is_error(put, &resp));
}

#[test]
fn s3_put_object_binds_labels_headers_and_leaves_the_stream_to_the_caller() {
    let (model, op) = op("s3", "PutObject");
    let req = codec(model)
        .serialize(
            model,
            op,
            &params(json!({
                "Bucket": "b",
                "Key": "dir/a b+c~é",
                "Body": "ignored",
                "ContentType": "text/plain",
                "Metadata": {"colour": "blue"},
                "Expires": 0,
            })),
        )
        .unwrap();
    assert_eq!(req.method, "PUT");
    assert_eq!(req.path, "/b/dir/a%20b%2Bc~%C3%A9");
    assert!(req.body.is_empty());
    assert_eq!(req.header("Content-Type"), Some("text/plain"));
    assert_eq!(req.header("x-amz-meta-colour"), Some("blue"));
    assert_eq!(req.header("Expires"), Some("Thu, 01 Jan 1970 00:00:00 GMT"));
    assert_eq!(req.host_prefix, None);
    // A missing label is the caller's parameter error, not a malformed URL.
    let missing = codec(model).serialize(model, op, &params(json!({"Bucket": "b"})));
    assert!(matches!(missing, Err(Error::ParamValidation { .. })));
}

#[test]
fn s3_head_object_reads_headers_in_model_order() {
    let hs = [
        ("ETag", "\"abc\""),
        ("Content-Length", "12"),
        ("Last-Modified", "Mon, 23 Nov 2026 18:33:18 GMT"),
        ("x-amz-meta-Colour", "blue"),
        ("Content-Type", "text/plain"),
    ];
    let out = parse("s3", "HeadObject", 200, &hs, "", TimestampFormat::Iso8601).unwrap();
    assert_eq!(out["LastModified"], "2026-11-23T18:33:18+00:00");
    assert_eq!(out["ContentLength"], 12);
    assert_eq!(out["Metadata"], json!({"Colour": "blue"}));
    let (model, head) = op("s3", "HeadObject");
    let shape = model.shape(&head.output.as_ref().unwrap().shape).unwrap();
    let expected: Vec<&String> = shape
        .members
        .keys()
        .filter(|k| out.get(k.as_str()).is_some())
        .collect();
    let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
    assert_eq!(keys, expected);
    let wire = parse("s3", "HeadObject", 200, &hs, "", TimestampFormat::Wire).unwrap();
    assert_eq!(wire["LastModified"], "Mon, 23 Nov 2026 18:33:18 GMT");
    // No metadata headers: an empty map, as the CLI prints it.
    let bare = parse(
        "s3",
        "HeadObject",
        200,
        &hs[..2],
        "",
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert_eq!(bare["Metadata"], json!({}));
    let e = error("s3", "HeadObject", 404, &[("x-amz-request-id", "R2")], "");
    assert_eq!(
        (e.code.as_str(), e.message.as_deref()),
        ("404", Some("Not Found"))
    );
    assert_eq!(e.request_id.as_deref(), Some("R2"));
}

#[test]
fn ec2_names_lists_and_errors() {
    let (model, op) = op("ec2", "DescribeVpcs");
    let req = codec(model)
        .serialize(
            model,
            op,
            &params(json!({
                "Filters": [{"Name": "tag:Name", "Values": ["a", "b"]}],
                "VpcIds": ["vpc-1"],
                "DryRun": false,
            })),
        )
        .unwrap();
    let body = String::from_utf8(req.body).unwrap();
    assert_eq!(
        body,
        "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=tag%3AName&Filter.1.Value.1=a&Filter.1.Value.2=b&VpcId.1=vpc-1&DryRun=false"
    );
    let resp = r#"<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>r</requestId>
  <vpcSet><item><vpcId>vpc-1</vpcId><cidrBlock>10.0.0.0/16</cidrBlock><isDefault>true</isDefault>
    <tagSet><item><key>Name</key><value>main</value></item></tagSet></item></vpcSet>
</DescribeVpcsResponse>"#;
    let out = parse(
        "ec2",
        "DescribeVpcs",
        200,
        &[],
        resp,
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert_eq!(out["Vpcs"][0]["VpcId"], "vpc-1");
    assert_eq!(out["Vpcs"][0]["IsDefault"], true);
    assert_eq!(
        out["Vpcs"][0]["Tags"],
        json!([{"Key": "Name", "Value": "main"}])
    );
    let e = error(
        "ec2",
        "DescribeVpcs",
        400,
        &[],
        "<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID 'vpc-1' does not exist</Message></Error></Errors><RequestID>R3</RequestID></Response>",
    );
    assert_eq!(e.code, "InvalidVpcID.NotFound");
    assert_eq!(e.request_id.as_deref(), Some("R3"));
}

#[test]
fn query_results_unwrap_and_keep_model_order() {
    let body = r#"<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::1:user/u</Arn><UserId>AID</UserId><Account>1</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>"#;
    let out = parse(
        "sts",
        "GetCallerIdentity",
        200,
        &[],
        body,
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_string(&out).unwrap(),
        r#"{"UserId":"AID","Account":"1","Arn":"arn:aws:iam::1:user/u"}"#
    );
    let e = error(
        "iam",
        "GetRole",
        404,
        &[],
        "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name r cannot be found.</Message></Error><RequestId>R4</RequestId></ErrorResponse>",
    );
    assert_eq!(e.code, "NoSuchEntity");
    assert_eq!(
        e.message.as_deref(),
        Some("The role with name r cannot be found.")
    );
    assert_eq!(e.request_id.as_deref(), Some("R4"));
}

#[test]
fn json_targets_timestamps_and_error_codes() {
    let (model, op) = op("dynamodb", "PutItem");
    let req = codec(model)
        .serialize(
            model,
            op,
            &params(json!({"TableName": "t", "Item": {"k": {"S": "v"}}})),
        )
        .unwrap();
    assert_eq!(
        req.header("X-Amz-Target"),
        Some("DynamoDB_20120810.PutItem")
    );
    assert_eq!(
        req.header("Content-Type"),
        Some("application/x-amz-json-1.0")
    );
    assert_eq!(
        String::from_utf8(req.body).unwrap(),
        r#"{"TableName":"t","Item":{"k":{"S":"v"}}}"#
    );
    let e = error(
        "dynamodb",
        "PutItem",
        400,
        &[("x-amzn-RequestId", "R5")],
        r#"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"#,
    );
    assert_eq!(
        e.to_string(),
        "An error occurred (ConditionalCheckFailedException) when calling the PutItem operation: The conditional request failed"
    );
    assert_eq!(e.request_id.as_deref(), Some("R5"));

    let body = r#"{"Table":{"TableName":"t","CreationDateTime":1700000000.5}}"#;
    let iso = parse(
        "dynamodb",
        "DescribeTable",
        200,
        &[],
        body,
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert_eq!(
        iso["Table"]["CreationDateTime"],
        "2023-11-14T22:13:20.500000+00:00"
    );
    let wire = parse(
        "dynamodb",
        "DescribeTable",
        200,
        &[],
        body,
        TimestampFormat::Wire,
    )
    .unwrap();
    assert_eq!(wire["Table"]["CreationDateTime"], 1700000000.5);
}

#[test]
fn query_compatible_json_services_report_their_query_codes() {
    let (model, op) = op("sqs", "GetQueueUrl");
    assert!(model.metadata.is_query_compatible());
    let req = codec(model)
        .serialize(model, op, &params(json!({"QueueName": "q"})))
        .unwrap();
    assert_eq!(req.header("x-amzn-query-mode"), Some("true"));
    let e = error(
        "sqs",
        "GetQueueUrl",
        400,
        &[(
            "x-amzn-query-error",
            "AWS.SimpleQueueService.NonExistentQueue;Sender",
        )],
        r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#,
    );
    assert_eq!(e.code, "AWS.SimpleQueueService.NonExistentQueue");
    assert_eq!(
        e.message.as_deref(),
        Some("The specified queue does not exist.")
    );
}

#[test]
fn rest_json_blob_payloads_status_codes_and_headers() {
    let (model, op) = op("lambda", "Invoke");
    let req = codec(model)
        .serialize(
            model,
            op,
            &params(json!({"FunctionName": "f:1", "Payload": "eyJhIjoxfQ==", "LogType": "Tail"})),
        )
        .unwrap();
    assert_eq!(req.path, "/2015-03-31/functions/f%3A1/invocations");
    assert_eq!(req.body, br#"{"a":1}"#);
    assert_eq!(req.header("X-Amz-Log-Type"), Some("Tail"));
    let out = parse(
        "lambda",
        "Invoke",
        200,
        &[("X-Amz-Executed-Version", "$LATEST")],
        r#"{"ok":true}"#,
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert_eq!(
        out,
        json!({"StatusCode": 200, "Payload": "eyJvayI6dHJ1ZX0=", "ExecutedVersion": "$LATEST"})
    );
    // botocore's order: the status code and headers, then the payload.
    let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["StatusCode", "ExecutedVersion", "Payload"]);
    let e = error(
        "lambda",
        "Invoke",
        404,
        &[(
            "x-amzn-ErrorType",
            "ResourceNotFoundException:http://internal.amazon.com/",
        )],
        r#"{"Type":"User","Message":"Function not found: f","message":"Function not found: f"}"#,
    );
    assert_eq!(e.code, "ResourceNotFoundException");
    assert_eq!(e.fields.get("Type"), Some(&json!("User")));
}

#[test]
fn rest_xml_bodies_carry_the_input_element_and_namespace() {
    let (model, op) = op("route53", "ChangeResourceRecordSets");
    let req = codec(model)
        .serialize(
            model,
            op,
            &params(json!({
                "HostedZoneId": "Z1",
                "ChangeBatch": {"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
                    "Name": "a.example.com", "Type": "A", "TTL": 60,
                    "ResourceRecords": [{"Value": "1.2.3.4"}]}}]},
            })),
        )
        .unwrap();
    assert_eq!(req.path, "/2013-04-01/hostedzone/Z1/rrset/");
    assert_eq!(
        String::from_utf8(req.body).unwrap(),
        r#"<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes><Change><Action>UPSERT</Action><ResourceRecordSet><Name>a.example.com</Name><Type>A</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>1.2.3.4</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>"#
    );
}

#[test]
fn host_prefixes_fill_their_labels() {
    let model = ServiceModel::from_parts(
        "t",
        serde_json::from_value(
            json!({"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "T"}),
        )
        .unwrap(),
        &params(
            json!({"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": "In"}, "endpoint": {"hostPrefix": "{Name}.data-"}}}),
        ),
        &params(
            json!({"In": {"type": "structure", "members": {"Name": {"shape": "S", "hostLabel": true}}},
            "S": {"type": "string"}}),
        ),
    );
    let op = model.operation("Op").unwrap().unwrap();
    let req = codec(&model)
        .serialize(&model, op, &params(json!({"Name": "acct"})))
        .unwrap();
    assert_eq!(req.host_prefix.as_deref(), Some("acct.data-"));
    assert!(codec(&model).serialize(&model, op, &Map::new()).is_err());
}

#[test]
fn s3_listings_read_flattened_and_wrapped_lists() {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix></Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
<Contents><Key>a.txt</Key><LastModified>2026-11-23T18:33:18.000Z</LastModified><ETag>&quot;e1&quot;</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>
<Contents><Key>b.txt</Key><LastModified>2026-11-23T18:33:19.000Z</LastModified><ETag>&quot;e2&quot;</ETag><Size>4</Size><StorageClass>STANDARD</StorageClass></Contents>
<CommonPrefixes><Prefix>d/</Prefix></CommonPrefixes></ListBucketResult>"#;
    let out = parse(
        "s3",
        "ListObjectsV2",
        200,
        &[],
        body,
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert_eq!(out["IsTruncated"], false);
    assert_eq!(out["Contents"].as_array().unwrap().len(), 2);
    assert_eq!(out["Contents"][1]["Key"], "b.txt");
    assert_eq!(out["Contents"][1]["ETag"], "\"e2\"");
    assert_eq!(
        out["Contents"][0]["LastModified"],
        "2026-11-23T18:33:18+00:00"
    );
    assert_eq!(out["Contents"][0]["Size"], 3);
    assert_eq!(out["CommonPrefixes"], json!([{"Prefix": "d/"}]));
    assert_eq!(out["Prefix"], "");
    let buckets = r#"<ListAllMyBucketsResult><Buckets><Bucket><Name>x</Name><CreationDate>2026-11-23T18:33:18.000Z</CreationDate></Bucket></Buckets><Owner><ID>o</ID></Owner></ListAllMyBucketsResult>"#;
    let out = parse(
        "s3",
        "ListBuckets",
        200,
        &[],
        buckets,
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert_eq!(
        out["Buckets"],
        json!([{"Name": "x", "CreationDate": "2026-11-23T18:33:18+00:00"}])
    );
    assert_eq!(out["Owner"], json!({"ID": "o"}));
}

#[test]
fn s3_get_object_leaves_the_body_to_the_caller() {
    let hs = [
        ("Content-Length", "5"),
        ("x-amz-meta-a", "1"),
        ("Content-Range", "bytes 0-4/10"),
    ];
    let out = parse(
        "s3",
        "GetObject",
        206,
        &hs,
        "hello",
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert!(out.get("Body").is_none());
    assert_eq!(out["ContentLength"], 5);
    assert_eq!(out["ContentRange"], "bytes 0-4/10");
    assert_eq!(out["Metadata"], json!({"a": "1"}));
}

#[test]
fn streaming_payloads_are_named_for_the_caller() {
    let (s3, get) = op("s3", "GetObject");
    assert_eq!(
        streaming_payload(s3, get.output.as_ref()).unwrap(),
        Some("Body")
    );
    assert_eq!(streaming_payload(s3, get.input.as_ref()).unwrap(), None);
    let (_, put) = op("s3", "PutObject");
    assert_eq!(
        streaming_payload(s3, put.input.as_ref()).unwrap(),
        Some("Body")
    );
    // Lambda's Invoke payload is a plain blob: the codec carries it.
    let (lambda, invoke) = op("lambda", "Invoke");
    assert_eq!(
        streaming_payload(lambda, invoke.output.as_ref()).unwrap(),
        None
    );
    let (_, list) = op("s3", "ListBuckets");
    assert_eq!(streaming_payload(s3, list.output.as_ref()).unwrap(), None);
}

#[test]
fn s3_acl_grantees_carry_their_xsi_type() {
    let (model, put) = op("s3", "PutObjectAcl");
    let req = codec(model)
        .serialize(
            model,
            put,
            &params(json!({"Bucket": "b", "Key": "k", "AccessControlPolicy": {
                "Grants": [{"Grantee": {"Type": "CanonicalUser", "ID": "abc"}, "Permission": "READ"}],
                "Owner": {"ID": "abc"}}})),
        )
        .unwrap();
    assert_eq!(req.query, "acl");
    assert_eq!(
        String::from_utf8(req.body).unwrap(),
        r#"<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>abc</ID></Grantee><Permission>READ</Permission></Grant></AccessControlList><Owner><ID>abc</ID></Owner></AccessControlPolicy>"#
    );
    let body = r#"<AccessControlPolicy><Owner><ID>abc</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>"#;
    let out = parse(
        "s3",
        "GetObjectAcl",
        200,
        &[],
        body,
        TimestampFormat::Iso8601,
    )
    .unwrap();
    assert_eq!(
        out["Grants"],
        json!([{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}])
    );
}
