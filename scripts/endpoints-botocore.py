"""Prints the endpoint botocore chooses for each case of a JSON file (see
examples/endpoints_for_cases.rs): the URL up to the operation's own path, or ERROR and the
message. Run by scripts/endpoints-vs-botocore.sh with the AWS CLI's Python."""
import json
import os
import sys
import tempfile

import botocore.session
from botocore.awsrequest import AWSResponse
from botocore import xform_name

cases = json.load(open(sys.argv[1]))
base_env = dict(os.environ)
for case in cases:
    with tempfile.NamedTemporaryFile("w", suffix=".ini") as config:
        config.write("[default]\n" + case.get("config", "") + "\n")
        config.flush()
        os.environ.clear()
        os.environ.update({k: v for k, v in base_env.items() if not k.startswith("AWS_")})
        os.environ.update({
            "AWS_CONFIG_FILE": config.name,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "secret",
            "AWS_EC2_METADATA_DISABLED": "true",
        })
        # The AWS CLI v2 sends S3 in us-east-1 to its regional endpoint; botocore's own
        # default is the global one.
        if "us_east_1_regional_endpoint" not in case.get("config", ""):
            os.environ["AWS_S3_US_EAST_1_REGIONAL_ENDPOINT"] = "regional"
        os.environ.update(case.get("env", {}))
        seen = {}

        def grab(request, **kwargs):
            seen["url"] = request.url
            return AWSResponse(request.url, 200, {}, None)

        try:
            session = botocore.session.get_session()
            region = None
            # The AWS CLI runs S3 in us-east-1 when no region is configured.
            if case["service"] == "s3" and session.get_config_variable("region") is None:
                region = "us-east-1"
            client = session.create_client(case["service"], region_name=region)
            client.meta.events.register("before-send", grab)
            getattr(client, xform_name(case["op"]))(**case.get("params", {}))
        except Exception as e:  # the request is never really sent
            if "url" not in seen:
                seen["error"] = str(e)
        print(seen.get("url") or "ERROR " + seen.get("error", ""))
