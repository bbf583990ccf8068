#!/usr/bin/env python3
"""Writes src/services/paginate/cases.json: scripted page sequences and what botocore's
paginator makes of them (the requests it sends, the pages it yields, build_full_result, the
text format's per-page documents, or its error). The paging engine's unit tests replay each
case against awsctl's engine and compare.

Run it with the pinned botocore (1.43.67, whose wheel scripts/gen-models.sh keeps) on the
path of the peers' Python, which has botocore's own dependencies:
    unzip -q -d /tmp/botocore ~/.cache/awsctl-test/botocore-1.43.67/*.whl
    PYTHONPATH=/tmp/botocore ~/.cache/awsctl-test/awscli-*/bin/python scripts/gen-paging-cases.py
Only the expected values come from botocore; the cases themselves are written here.
"""

import copy
import json
import os
import sys
import types

import botocore
from botocore.paginate import Paginator
from botocore.utils import set_value_from_jmespath

NT = {"input_token": "NextToken", "output_token": "NextToken",
      "limit_key": "MaxResults", "result_key": "Items"}


def pages_of(items, per_page, token="NextToken", key="Items"):
    """Pages of `items`, `per_page` each, chained by tokens t1, t2, ..."""
    pages = []
    for i in range(0, max(len(items), 1), per_page):
        page = {key: items[i:i + per_page]}
        if i + per_page < len(items):
            page[token] = f"t{i + per_page}"
        pages.append(page)
    return pages


CASES = [
    ("follows tokens and joins pages", NT, {}, {}, pages_of([1, 2, 3, 4, 5, 6, 7], 3)),
    ("page size sets the integer limit key", NT, {"PageSize": 3}, {"Filter": "x"},
     pages_of([1, 2, 3, 4], 3)),
    ("page size as text for a string limit key",
     {**NT, "limit_key": "MaxItems"}, {"PageSize": 2}, {}, pages_of([1, 2, 3], 2)),
    ("max items inside the first page", NT, {"MaxItems": 2}, {}, pages_of([1, 2, 3, 4, 5, 6, 7], 3)),
    ("max items inside a later page", NT, {"MaxItems": 5}, {}, pages_of([1, 2, 3, 4, 5, 6, 7], 3)),
    ("max items on a page boundary", NT, {"MaxItems": 3}, {}, pages_of([1, 2, 3, 4, 5, 6, 7], 3)),
    ("max items past the end", NT, {"MaxItems": 50}, {}, pages_of([1, 2, 3, 4], 3)),
    ("max items zero", NT, {"MaxItems": 0}, {}, pages_of([1, 2, 3, 4], 3)),
    ("max items negative", NT, {"MaxItems": -1}, {}, pages_of([1, 2, 3, 4], 3)),
    ("starting token skips into the first page and cuts again",
     NT, {"StartingToken": "eyJOZXh0VG9rZW4iOiAidDMiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==",
          "MaxItems": 1},
     {}, pages_of([4, 5, 6, 7], 3)),
    ("starting token with a truncate amount, to the end",
     NT, {"StartingToken": "eyJOZXh0VG9rZW4iOiAidDMiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="},
     {}, pages_of([4, 5, 6, 7], 3)),
    ("starting token with a null token and an amount",
     NT, {"StartingToken": "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ=="},
     {"NextToken": "left-by-hand"}, pages_of([1, 2, 3], 3)),
    ("old style starting token with an index", NT, {"StartingToken": "t3___1"}, {},
     pages_of([4, 5, 6, 7], 3)),
    ("old style plain service token", NT, {"StartingToken": "plain-token"}, {},
     pages_of([4, 5], 3)),
    ("old style token with too many parts", NT, {"StartingToken": "a___b___1"}, {},
     pages_of([1], 3)),
    ("an empty string token ends paging", NT, {}, {},
     [{"Items": [1], "NextToken": "t1"}, {"Items": [2], "NextToken": ""}]),
    ("pages without the result key, and empty ones", NT, {}, {},
     [{"NextToken": "t1"}, {"Items": [], "NextToken": "t2"}, {"Items": [9]}]),
    ("no result key at all", NT, {}, {}, [{"NextToken": "t1"}, {"Other": 1}]),
    ("a repeated token is refused", NT, {}, {},
     [{"Items": [1], "NextToken": "same"}, {"Items": [2], "NextToken": "same"},
      {"Items": [3]}]),
    ("more_results false stops despite a token",
     {**NT, "more_results": "IsTruncated"}, {}, {},
     [{"Items": [1], "NextToken": "t1", "IsTruncated": True},
      {"Items": [2], "NextToken": "t2", "IsTruncated": False}]),
    ("S3 ListObjects: expression token and non-aggregate keys",
     {"more_results": "IsTruncated", "limit_key": "MaxKeys",
      "output_token": "NextMarker || Contents[-1].Key", "input_token": "Marker",
      "result_key": ["Contents", "CommonPrefixes"],
      "non_aggregate_keys": ["Name", "Prefix", "RequestCharged"]},
     {"MaxItems": 3}, {"Bucket": "b"},
     [{"Name": "b", "Prefix": "", "IsTruncated": True, "Contents": [{"Key": "a"}, {"Key": "b"}],
       "ResponseMetadata": {"RequestId": "r1"}},
      {"Name": "b", "Prefix": "", "IsTruncated": True, "NextMarker": "m",
       "Contents": [{"Key": "c"}], "CommonPrefixes": [{"Prefix": "p/"}]},
      {"Name": "b", "Prefix": "", "IsTruncated": False, "Contents": [{"Key": "d"}, {"Key": "e"}]}]),
    ("Route 53: three tokens, more_results, string limit",
     {"input_token": ["StartRecordName", "StartRecordType", "StartRecordIdentifier"],
      "output_token": ["NextRecordName", "NextRecordType", "NextRecordIdentifier"],
      "more_results": "IsTruncated", "limit_key": "MaxItems",
      "result_key": "ResourceRecordSets"},
     {"MaxItems": "3", "PageSize": 2}, {"HostedZoneId": "Z"},
     [{"ResourceRecordSets": [1, 2], "IsTruncated": True, "NextRecordName": "n",
       "NextRecordType": "A", "MaxItems": "2"},
      {"ResourceRecordSets": [3, 4], "IsTruncated": True, "NextRecordName": "o",
       "NextRecordType": "A", "NextRecordIdentifier": "i", "MaxItems": "2"}]),
    ("Route 53: resuming from a three-token token",
     {"input_token": ["StartRecordName", "StartRecordType", "StartRecordIdentifier"],
      "output_token": ["NextRecordName", "NextRecordType", "NextRecordIdentifier"],
      "more_results": "IsTruncated", "limit_key": "MaxItems",
      "result_key": "ResourceRecordSets"},
     {"StartingToken": "n___A___None___1"}, {},
     [{"ResourceRecordSets": [3, 4], "IsTruncated": False}]),
    ("Kinesis: dotted result key and expression token",
     {"input_token": "ExclusiveStartShardId", "limit_key": "Limit",
      "more_results": "StreamDescription.HasMoreShards",
      "output_token": "StreamDescription.Shards[-1].ShardId",
      "result_key": "StreamDescription.Shards",
      "non_aggregate_keys": ["StreamDescription.StreamARN", "StreamDescription.StreamName"]},
     {"MaxItems": 3}, {"StreamName": "s"},
     [{"StreamDescription": {"StreamName": "s", "StreamARN": "arn", "HasMoreShards": True,
                             "Shards": [{"ShardId": "a"}, {"ShardId": "b"}]}},
      {"StreamDescription": {"StreamName": "s", "StreamARN": "arn", "HasMoreShards": False,
                             "Shards": [{"ShardId": "c"}, {"ShardId": "d"}]}}]),
    ("DynamoDB Scan: map token, counts added",
     {"input_token": "ExclusiveStartKey", "output_token": "LastEvaluatedKey",
      "limit_key": "Limit", "result_key": ["Items", "Count", "ScannedCount"],
      "non_aggregate_keys": ["ConsumedCapacity"]},
     {}, {"TableName": "t"},
     [{"Items": [{"k": {"S": "1"}}], "Count": 1, "ScannedCount": 2,
       "LastEvaluatedKey": {"k": {"S": "1"}, "z": {"N": "2"}}},
      {"Items": [{"k": {"S": "2"}}, {"k": {"S": "3"}}], "Count": 2, "ScannedCount": 2}]),
    ("DynamoDB Scan: cut inside a page with a map token",
     {"input_token": "ExclusiveStartKey", "output_token": "LastEvaluatedKey",
      "limit_key": "Limit", "result_key": ["Items", "Count", "ScannedCount"]},
     {"MaxItems": 2}, {},
     [{"Items": [1], "Count": 1, "ScannedCount": 1, "LastEvaluatedKey": {"k": {"S": "1"}}},
      {"Items": [2, 3], "Count": 2, "ScannedCount": 5, "LastEvaluatedKey": {"k": {"S": "3"}}}]),
    ("resuming empties the secondary result keys, numbers stay",
     {"input_token": "ExclusiveStartKey", "output_token": "LastEvaluatedKey",
      "result_key": ["Items", "Count", "Names", "Label"]},
     {"StartingToken": "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsiayI6ICJ2In0sICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9"},
     {},
     [{"Items": [1, 2, 3], "Count": 3, "Names": ["x"], "Label": "l"}]),
    ("string and number result keys are joined",
     {"input_token": "NextToken", "output_token": "NextToken", "result_key": ["Text", "Total", "Flag"]},
     {}, {},
     [{"Text": "ab", "Total": 1.5, "Flag": True, "NextToken": "t1"},
      {"Text": "cd", "Total": 2, "Flag": True}]),
    ("a string primary result key is cut by characters",
     {"input_token": "NextToken", "output_token": "NextToken", "result_key": "Text"},
     {"MaxItems": 3}, {},
     [{"Text": "ab", "NextToken": "t1"}, {"Text": "cdé", "NextToken": "t2"}]),
    ("a starting token for other members cannot resume a cut",
     NT, {"StartingToken": "eyJNYXJrZXIiOiAibSJ9", "MaxItems": 1}, {},
     [{"Items": [1, 2]}]),
    ("page size without a limit key",
     {"input_token": "NextToken", "output_token": "NextToken", "result_key": "Items"},
     {"PageSize": 2}, {}, [{"Items": [1]}]),
    ("unicode in a resume token",
     NT, {"MaxItems": 2}, {}, [{"Items": [1, 2], "NextToken": "é😀"}, {"Items": [3]}]),
]


def limit_type(config, options):
    limit = config.get("limit_key")
    return "string" if limit == "MaxItems" else "integer"


def run_case(name, config, options, params, pages):
    requests = []
    source = copy.deepcopy(pages)

    def method(**kwargs):
        requests.append(copy.deepcopy(kwargs))
        if not source:
            raise AssertionError(f"{name}: asked for more pages than scripted")
        return source.pop(0)

    limit = config.get("limit_key")
    members = {}
    if limit:
        members[limit] = types.SimpleNamespace(type_name=limit_type(config, options))
    model = types.SimpleNamespace(input_shape=types.SimpleNamespace(members=members))

    def iterator():
        return Paginator(method, config, model).paginate(
            **copy.deepcopy(params), PaginationConfig=dict(options))

    case = {"name": name, "config": config, "options": options, "params": params,
            "limit_key_is_string": limit_type(config, options) == "string",
            "pages": pages}
    try:
        it = iterator()
        yielded = [copy.deepcopy(p) for p in it]
        case["requests"] = copy.deepcopy(requests)
        case["yielded"] = yielded
        documents = []
        for i, page in enumerate(yielded):
            current = copy.deepcopy(it.non_aggregate_part) if i == 0 else {}
            for key in it.result_keys:
                set_value_from_jmespath(current, key.expression, key.search(page))
            documents.append(current)
        if it.resume_token:
            documents.append({"NextToken": {"NextToken": it.resume_token}})
        case["per_page"] = documents
        source[:] = copy.deepcopy(pages)
        case["full_result"] = iterator().build_full_result()
    except Exception as e:  # the engine must fail the same way
        case["requests"] = requests
        case["error"] = str(e)
    return case


def main():
    out = [run_case(*c) for c in CASES]
    path = os.path.join(os.path.dirname(__file__), "..", "src", "services", "paginate",
                        "cases.json")
    with open(path, "w") as f:
        json.dump({"botocore": botocore.__version__, "cases": out}, f, indent=1,
                  ensure_ascii=False)
        f.write("\n")
    print(f"{len(out)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
