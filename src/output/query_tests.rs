//! `--query` tests. Expected documents are jmespath.py's results for the same data and
//! expressions, printed with `json.dumps(result, indent=4, ensure_ascii=False)`; expected
//! error messages are what the CLI prints (`Bad value for --query EXPR: ` + jmespath.py's
//! exception text, or the exception text alone for errors raised while searching).

use serde_json::Value;

use super::{Query, QueryError};
use crate::output::json::to_document;

const DATA: &str = "{\"Reservations\": [{\"ReservationId\": \"r-1\", \"Instances\": [{\"InstanceId\": \"i-1\", \"InstanceType\": \"t2.micro\", \"State\": {\"Code\": 16, \"Name\": \"running\"}, \"Placement\": {\"AvailabilityZone\": \"us-east-1a\", \"Tenancy\": \"default\"}, \"Tags\": [{\"Key\": \"Name\", \"Value\": \"web\"}, {\"Key\": \"env\", \"Value\": \"prod\"}], \"EbsOptimized\": false, \"CpuUsage\": 1.0}, {\"InstanceId\": \"i-2\", \"InstanceType\": \"m5.large\", \"State\": {\"Code\": 80, \"Name\": \"stopped\"}, \"Placement\": {\"AvailabilityZone\": \"us-east-1b\", \"Tenancy\": \"default\"}, \"Tags\": [{\"Key\": \"Name\", \"Value\": \"db\"}], \"EbsOptimized\": true, \"CpuUsage\": 0.5}]}], \"Items\": [3, 1, 2], \"Sizes\": [\"10\", \"2\", \"+5\"], \"Datapoints\": [{\"Timestamp\": \"2026-11-23T16:15:00+00:00\", \"Average\": 2.0, \"Unit\": \"Percent\"}, {\"Timestamp\": \"2026-11-23T16:10:00+00:00\", \"Average\": 0.0, \"Unit\": \"Percent\"}], \"Big\": 9007199254740993}";

#[test]
fn results_match_jmespath_py() {
    let data: Value = serde_json::from_str(DATA).unwrap();
    let cases: &[(&str, &str)] = &[
        (
            "Reservations[].Instances[].InstanceId",
            "[\n    \"i-1\",\n    \"i-2\"\n]\n",
        ),
        (
            "Reservations[0].Instances[0].{Type:InstanceType,Id:InstanceId,AZ:Placement.AvailabilityZone}",
            "{\n    \"Type\": \"t2.micro\",\n    \"Id\": \"i-1\",\n    \"AZ\": \"us-east-1a\"\n}\n",
        ),
        (
            "Reservations[0].Instances[0]",
            "{\n    \"InstanceId\": \"i-1\",\n    \"InstanceType\": \"t2.micro\",\n    \"State\": {\n        \"Code\": 16,\n        \"Name\": \"running\"\n    },\n    \"Placement\": {\n        \"AvailabilityZone\": \"us-east-1a\",\n        \"Tenancy\": \"default\"\n    },\n    \"Tags\": [\n        {\n            \"Key\": \"Name\",\n            \"Value\": \"web\"\n        },\n        {\n            \"Key\": \"env\",\n            \"Value\": \"prod\"\n        }\n    ],\n    \"EbsOptimized\": false,\n    \"CpuUsage\": 1.0\n}\n",
        ),
        (
            "Reservations[].Instances[?State.Name=='running'][]",
            "[\n    {\n        \"InstanceId\": \"i-1\",\n        \"InstanceType\": \"t2.micro\",\n        \"State\": {\n            \"Code\": 16,\n            \"Name\": \"running\"\n        },\n        \"Placement\": {\n            \"AvailabilityZone\": \"us-east-1a\",\n            \"Tenancy\": \"default\"\n        },\n        \"Tags\": [\n            {\n                \"Key\": \"Name\",\n                \"Value\": \"web\"\n            },\n            {\n                \"Key\": \"env\",\n                \"Value\": \"prod\"\n            }\n        ],\n        \"EbsOptimized\": false,\n        \"CpuUsage\": 1.0\n    }\n]\n",
        ),
        (
            "Reservations[].Instances[?State.Name==`running`].InstanceId",
            "[\n    [\n        \"i-1\"\n    ]\n]\n",
        ),
        (
            "Reservations[].Instances[].Tags[?Key==`Name`].Value | []",
            "[\n    \"web\",\n    \"db\"\n]\n",
        ),
        (
            "sort_by(Reservations[].Instances[], &InstanceType)[].{Id: InstanceId, State: State}",
            "[\n    {\n        \"Id\": \"i-2\",\n        \"State\": {\n            \"Code\": 80,\n            \"Name\": \"stopped\"\n        }\n    },\n    {\n        \"Id\": \"i-1\",\n        \"State\": {\n            \"Code\": 16,\n            \"Name\": \"running\"\n        }\n    }\n]\n",
        ),
        ("length(Items)", "3\n"),
        ("sum(Items)", "6\n"),
        ("avg(Items)", "2.0\n"),
        ("max(Items)", "3\n"),
        ("sort(Items)", "[\n    1,\n    2,\n    3\n]\n"),
        ("abs(`-3`)", "3\n"),
        ("floor(`2.5`)", "2\n"),
        ("ceil(`2.5`)", "3\n"),
        ("Datapoints[].Average", "[\n    2.0,\n    0.0\n]\n"),
        ("sum(Datapoints[].Average)", "2.0\n"),
        (
            "max_by(Datapoints, &Average).Timestamp",
            "\"2026-11-23T16:15:00+00:00\"\n",
        ),
        ("Reservations[0].Instances[0].CpuUsage", "1.0\n"),
        ("Big", "9007199254740993\n"),
        (
            "join(`, `, Reservations[].Instances[].InstanceId)",
            "\"i-1, i-2\"\n",
        ),
        ("to_number(Sizes[0])", "10\n"),
        ("Sizes[].to_number(@)", "[\n    10,\n    2,\n    5\n]\n"),
        (
            "keys(Reservations[0].Instances[0])",
            "[\n    \"InstanceId\",\n    \"InstanceType\",\n    \"State\",\n    \"Placement\",\n    \"Tags\",\n    \"EbsOptimized\",\n    \"CpuUsage\"\n]\n",
        ),
        (
            "values(Reservations[0].Instances[0].State)",
            "[\n    16,\n    \"running\"\n]\n",
        ),
        ("NoSuchKey", "null\n"),
        ("Reservations[0].Instances[0].NoSuch", "null\n"),
        ("Items[?@ > `1`]", "[\n    3,\n    2\n]\n"),
        ("Items[-1]", "2\n"),
        ("Items[::-1]", "[\n    2,\n    1,\n    3\n]\n"),
        (
            "`{\"b\": 1, \"a\": [2]}`",
            "{\n    \"b\": 1,\n    \"a\": [\n        2\n    ]\n}\n",
        ),
        (
            "Reservations[0].Instances[*].[InstanceId, State.Name]",
            "[\n    [\n        \"i-1\",\n        \"running\"\n    ],\n    [\n        \"i-2\",\n        \"stopped\"\n    ]\n]\n",
        ),
        (
            "Reservations[0].Instances[0].State | {Name: Name, Code: Code}",
            "{\n    \"Name\": \"running\",\n    \"Code\": 16\n}\n",
        ),
        ("not_null(NoSuch, Items[0])", "3\n"),
        ("contains(Items, `1`)", "true\n"),
        ("to_string(Items)", "\"[3,1,2]\"\n"),
        ("type(Big)", "\"number\"\n"),
        (
            "Reservations[].Instances[?contains(InstanceType, 'micro')].InstanceId | [0]",
            "[\n    \"i-1\"\n]\n",
        ),
        (
            "Reservations[0].Instances[0].Tags[?Key=='env'] | [0].Value",
            "\"prod\"\n",
        ),
        ("avg(`[]`)", "null\n"),
        ("sum(`[]`)", "0\n"),
        (
            "Reservations[].Instances[].{Id: InstanceId, Tags: Tags[?Key=='Name'].Value | [0], Zone: Placement.AvailabilityZone}",
            "[\n    {\n        \"Id\": \"i-1\",\n        \"Tags\": \"web\",\n        \"Zone\": \"us-east-1a\"\n    },\n    {\n        \"Id\": \"i-2\",\n        \"Tags\": \"db\",\n        \"Zone\": \"us-east-1b\"\n    }\n]\n",
        ),
        (
            "Reservations[].Instances[?State.Code > `10` && !EbsOptimized].InstanceId",
            "[\n    [\n        \"i-1\"\n    ]\n]\n",
        ),
        (
            "Reservations[].Instances[?State.Code > `10` || EbsOptimized].[InstanceId, CpuUsage]",
            "[\n    [\n        [\n            \"i-1\",\n            1.0\n        ],\n        [\n            \"i-2\",\n            0.5\n        ]\n    ]\n]\n",
        ),
        (
            "Reservations[*].Instances[*].Tags[*].Key",
            "[\n    [\n        [\n            \"Name\",\n            \"env\"\n        ],\n        [\n            \"Name\"\n        ]\n    ]\n]\n",
        ),
        (
            "Reservations[].Instances[].Tags[]",
            "[\n    {\n        \"Key\": \"Name\",\n        \"Value\": \"web\"\n    },\n    {\n        \"Key\": \"env\",\n        \"Value\": \"prod\"\n    },\n    {\n        \"Key\": \"Name\",\n        \"Value\": \"db\"\n    }\n]\n",
        ),
        (
            "Reservations[].Instances[].Tags[][]",
            "[\n    {\n        \"Key\": \"Name\",\n        \"Value\": \"web\"\n    },\n    {\n        \"Key\": \"env\",\n        \"Value\": \"prod\"\n    },\n    {\n        \"Key\": \"Name\",\n        \"Value\": \"db\"\n    }\n]\n",
        ),
        ("Items[1:]", "[\n    1,\n    2\n]\n"),
        ("Items[:-1]", "[\n    3,\n    1\n]\n"),
        ("Items[::2]", "[\n    3,\n    2\n]\n"),
        ("Items[5:]", "[]\n"),
        (
            "Datapoints[?Average >= `1.0`]",
            "[\n    {\n        \"Timestamp\": \"2026-11-23T16:15:00+00:00\",\n        \"Average\": 2.0,\n        \"Unit\": \"Percent\"\n    }\n]\n",
        ),
        (
            "{All: @.Items, First: Reservations[0].Instances[0].State}",
            "{\n    \"All\": [\n        3,\n        1,\n        2\n    ],\n    \"First\": {\n        \"Code\": 16,\n        \"Name\": \"running\"\n    }\n}\n",
        ),
        (
            "Reservations[0].Instances[0].State.*",
            "[\n    16,\n    \"running\"\n]\n",
        ),
        (
            "Reservations[0].Instances[0].Placement",
            "{\n    \"AvailabilityZone\": \"us-east-1a\",\n    \"Tenancy\": \"default\"\n}\n",
        ),
        (
            "*",
            "[\n    [\n        {\n            \"ReservationId\": \"r-1\",\n            \"Instances\": [\n                {\n                    \"InstanceId\": \"i-1\",\n                    \"InstanceType\": \"t2.micro\",\n                    \"State\": {\n                        \"Code\": 16,\n                        \"Name\": \"running\"\n                    },\n                    \"Placement\": {\n                        \"AvailabilityZone\": \"us-east-1a\",\n                        \"Tenancy\": \"default\"\n                    },\n                    \"Tags\": [\n                        {\n                            \"Key\": \"Name\",\n                            \"Value\": \"web\"\n                        },\n                        {\n                            \"Key\": \"env\",\n                            \"Value\": \"prod\"\n                        }\n                    ],\n                    \"EbsOptimized\": false,\n                    \"CpuUsage\": 1.0\n                },\n                {\n                    \"InstanceId\": \"i-2\",\n                    \"InstanceType\": \"m5.large\",\n                    \"State\": {\n                        \"Code\": 80,\n                        \"Name\": \"stopped\"\n                    },\n                    \"Placement\": {\n                        \"AvailabilityZone\": \"us-east-1b\",\n                        \"Tenancy\": \"default\"\n                    },\n                    \"Tags\": [\n                        {\n                            \"Key\": \"Name\",\n                            \"Value\": \"db\"\n                        }\n                    ],\n                    \"EbsOptimized\": true,\n                    \"CpuUsage\": 0.5\n                }\n            ]\n        }\n    ],\n    [\n        3,\n        1,\n        2\n    ],\n    [\n        \"10\",\n        \"2\",\n        \"+5\"\n    ],\n    [\n        {\n            \"Timestamp\": \"2026-11-23T16:15:00+00:00\",\n            \"Average\": 2.0,\n            \"Unit\": \"Percent\"\n        },\n        {\n            \"Timestamp\": \"2026-11-23T16:10:00+00:00\",\n            \"Average\": 0.0,\n            \"Unit\": \"Percent\"\n        }\n    ],\n    9007199254740993\n]\n",
        ),
        (
            "Reservations[0].*",
            "[\n    \"r-1\",\n    [\n        {\n            \"InstanceId\": \"i-1\",\n            \"InstanceType\": \"t2.micro\",\n            \"State\": {\n                \"Code\": 16,\n                \"Name\": \"running\"\n            },\n            \"Placement\": {\n                \"AvailabilityZone\": \"us-east-1a\",\n                \"Tenancy\": \"default\"\n            },\n            \"Tags\": [\n                {\n                    \"Key\": \"Name\",\n                    \"Value\": \"web\"\n                },\n                {\n                    \"Key\": \"env\",\n                    \"Value\": \"prod\"\n                }\n            ],\n            \"EbsOptimized\": false,\n            \"CpuUsage\": 1.0\n        },\n        {\n            \"InstanceId\": \"i-2\",\n            \"InstanceType\": \"m5.large\",\n            \"State\": {\n                \"Code\": 80,\n                \"Name\": \"stopped\"\n            },\n            \"Placement\": {\n                \"AvailabilityZone\": \"us-east-1b\",\n                \"Tenancy\": \"default\"\n            },\n            \"Tags\": [\n                {\n                    \"Key\": \"Name\",\n                    \"Value\": \"db\"\n                }\n            ],\n            \"EbsOptimized\": true,\n            \"CpuUsage\": 0.5\n        }\n    ]\n]\n",
        ),
        (
            "merge(Reservations[0].Instances[0].State, `{\"x\": 1}`)",
            "{\n    \"Code\": 16,\n    \"Name\": \"running\",\n    \"x\": 1\n}\n",
        ),
        (
            "min_by(Reservations[].Instances[], &CpuUsage).InstanceId",
            "\"i-2\"\n",
        ),
        (
            "sort_by(Datapoints, &Timestamp)[].Average",
            "[\n    0.0,\n    2.0\n]\n",
        ),
        (
            "reverse(sort_by(Reservations[].Instances[], &CpuUsage))[].{C: CpuUsage, I: InstanceId}",
            "[\n    {\n        \"C\": 1.0,\n        \"I\": \"i-1\"\n    },\n    {\n        \"C\": 0.5,\n        \"I\": \"i-2\"\n    }\n]\n",
        ),
        ("length(Reservations[].Instances[])", "2\n"),
        (
            "map(&State.Name, Reservations[].Instances[])",
            "[\n    \"running\",\n    \"stopped\"\n]\n",
        ),
        ("to_array(Big)", "[\n    9007199254740993\n]\n"),
        (
            "starts_with(Reservations[0].Instances[0].InstanceId, 'i-')",
            "true\n",
        ),
        ("ends_with('abc', 'bc')", "true\n"),
        ("Items[?@ != `2`]", "[\n    3,\n    1\n]\n"),
        ("Reservations[].Instances[].State.Code | sum(@)", "96\n"),
        ("Reservations[].Instances[].CpuUsage | sum(@)", "1.5\n"),
        ("max(Datapoints[].Average)", "2.0\n"),
        (
            "Reservations[0].Instances[?Tags[?Value=='web']].InstanceId",
            "[\n    \"i-1\"\n]\n",
        ),
        ("Datapoints[0].Unit == 'Percent'", "true\n"),
        ("!Items", "false\n"),
        ("`null`", "null\n"),
        ("`[]`", "[]\n"),
        ("`{}`", "{}\n"),
        (
            "Reservations[0].Instances[0].[State, Placement]",
            "[\n    {\n        \"Code\": 16,\n        \"Name\": \"running\"\n    },\n    {\n        \"AvailabilityZone\": \"us-east-1a\",\n        \"Tenancy\": \"default\"\n    }\n]\n",
        ),
        (
            "values(Reservations[0].Instances[0].Placement)",
            "[\n    \"us-east-1a\",\n    \"default\"\n]\n",
        ),
        (
            "keys(@)",
            "[\n    \"Reservations\",\n    \"Items\",\n    \"Sizes\",\n    \"Datapoints\",\n    \"Big\"\n]\n",
        ),
        ("Reservations[0].\"ReservationId\"", "\"r-1\"\n"),
        (
            "Reservations[0].Instances[0].Tags[?Key==`\"env\"`].Value",
            "[\n    \"prod\"\n]\n",
        ),
    ];
    for (expr, want) in cases {
        let query = Query::compile(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
        let got = query.apply(&data).unwrap_or_else(|e| panic!("{expr}: {e}"));
        assert_eq!(to_document(&got), *want, "{expr}");
    }
}

#[test]
fn compile_errors_read_like_the_cli() {
    let cases: &[(&str, &str)] = &[
        (
            "",
            "Bad value for --query : Invalid JMESPath expression: cannot be empty.",
        ),
        (
            "foo[",
            "Bad value for --query foo[: Invalid jmespath expression: Incomplete expression:\n\"foo[\"\n     ^",
        ),
        (
            "foo | ",
            "Bad value for --query foo | : Invalid jmespath expression: Incomplete expression:\n\"foo | \"\n       ^",
        ),
        (
            "sort_by(a, ",
            "Bad value for --query sort_by(a, : Invalid jmespath expression: Incomplete expression:\n\"sort_by(a, \"\n            ^",
        ),
        (
            "foo[?a==`bar",
            "Bad value for --query foo[?a==`bar: Bad jmespath expression: Unclosed ` delimiter:\nfoo[?a==`bar\n        ^",
        ),
        (
            "foo[?a=='bar",
            "Bad value for --query foo[?a=='bar: Bad jmespath expression: Unclosed ' delimiter:\nfoo[?a=='bar\n        ^",
        ),
        (
            "foo.\"bar",
            "Bad value for --query foo.\"bar: Bad jmespath expression: Unclosed \" delimiter:\nfoo.\"bar\n    ^",
        ),
        (
            "`foo\"bar`",
            "Bad value for --query `foo\"bar`: Bad jmespath expression: Bad token foo\"bar:\n`foo\"bar`\n^",
        ),
        (
            "a - b",
            "Bad value for --query a - b: Bad jmespath expression: Unknown token '-':\na - b\n  ^",
        ),
        (
            "foo bar",
            "Bad value for --query foo bar: Unexpected token: bar: Parse error at column 4, token \"bar\" (UNQUOTED_IDENTIFIER), for expression:\n\"foo bar\"\n     ^",
        ),
        (
            "foo[?a==`x`].b c",
            "Bad value for --query foo[?a==`x`].b c: Unexpected token: c: Parse error at column 15, token \"c\" (UNQUOTED_IDENTIFIER), for expression:\n\"foo[?a==`x`].b c\"\n                ^",
        ),
        (
            "@@",
            "Bad value for --query @@: Unexpected token: @: Parse error at column 1, token \"@\" (CURRENT), for expression:\n\"@@\"\n  ^",
        ),
        (
            "a)",
            "Bad value for --query a): Unexpected token: ): Parse error at column 1, token \")\" (RPAREN), for expression:\n\"a)\"\n  ^",
        ),
        (
            "a ,b",
            "Bad value for --query a ,b: Unexpected token: ,: Parse error at column 2, token \",\" (COMMA), for expression:\n\"a ,b\"\n   ^",
        ),
        (
            "a \"b\"",
            "Bad value for --query a \"b\": Unexpected token: b: Parse error at column 2, token \"b\" (QUOTED_IDENTIFIER), for expression:\n\"a \"b\"\"\n   ^",
        ),
    ];
    for (expr, want) in cases {
        let err: QueryError = Query::compile(expr).unwrap_err();
        assert!(!err.during_search());
        assert_eq!(err.to_string(), *want, "{expr:?}");
    }
}

#[test]
fn search_errors_read_like_jmespath_py() {
    let data: Value = serde_json::from_str(r#"{"a": [1]}"#).unwrap();
    let cases: &[(&str, &str)] = &[
        ("nosuch(a)", "Unknown function: nosuch()"),
        (
            "length(a, b)",
            "Expected 1 argument for function length(), received 2",
        ),
        (
            "merge()",
            "Expected at least 1 argument for function merge(), received 0",
        ),
        ("a[0:1:0]", "slice step cannot be zero"),
    ];
    for (expr, want) in cases {
        let err = Query::compile(expr).unwrap().apply(&data).unwrap_err();
        assert!(err.during_search());
        assert_eq!(err.to_string(), *want, "{expr}");
    }
}

#[test]
fn type_errors_name_the_function_and_types() {
    let data: Value = serde_json::from_str(r#"{"a": [1]}"#).unwrap();
    let err = Query::compile("length(`1`)")
        .unwrap()
        .apply(&data)
        .unwrap_err();
    // jmespath.py also shows the offending value, which the jmespath crate does not report.
    assert_eq!(
        err.to_string(),
        "In function length(), invalid type for argument 0, expected one of: ['array', 'object', 'string'], received: \"number\""
    );
}

#[test]
fn expression_is_kept_verbatim() {
    assert_eq!(
        Query::compile("Tags[?Key==`Name`]").unwrap().expression(),
        "Tags[?Key==`Name`]"
    );
}
