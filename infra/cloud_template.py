"""The cloud resources Chalice does not create, generated from the models so the two cannot drift.

`python -m infra.cloud_template` rewrites infra/resources.json (CloudFormation): every DynamoDB table with its
keys, indexes and TTL, the private buckets, all under the customer-managed key, and a throttle alarm per table;
infra/api_responses.json (merged into Chalice's template: API Gateway's own answers in the contract's error
shape, and from infra/operations.py the intake bucket and its event, the dead-letter queue and the alarms);
infra/staff_stage.json (the gateway's answers plus what makes the staff stage a private API reachable through one
VPC endpoint, given as a parameter, with the periodic jobs and the intake left to the public stage); and the IAM
policy file .chalice/policy.json.
A test regenerates both and compares, and lints the template with cfn-lint.
"""

import json
import os
from pathlib import Path

from chalicelib.errors import Code
from infra import operations

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "infra" / "resources.json"
API_RESPONSES = ROOT / "infra" / "api_responses.json"
STAFF_STAGE = ROOT / "infra" / "staff_stage.json"
POLICY = ROOT / ".chalice" / "policy.json"
CHALICE_CONFIG = ROOT / ".chalice" / "config.json"
LOCAL_ONLY_TABLES = ("local_",)
# Append-only tables: the service may put and read, never change or delete an entry.
APPEND_ONLY_TABLES = ("audit", "activity")
READ_AND_PUT = [
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
]
READ_WRITE = READ_AND_PUT + ["dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]


def prod() -> dict:
    """The prod stage's environment, the one place its names (prefix, buckets, URL, SSM parameters) are written."""
    return json.loads(CHALICE_CONFIG.read_text())["stages"]["prod"]["environment_variables"]


def _buckets() -> dict:
    env = prod()
    return {"LettersBucket": env["LETTERS_BUCKET"], "UploadsBucket": env["UPLOADS_BUCKET"]}


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _boto_shape(value):
    """PynamoDB's schema mixes snake_case and boto keys; CloudFormation wants PascalCase throughout."""
    if isinstance(value, dict):
        return {(_pascal(k) if "_" in k or k.islower() else k): _boto_shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_boto_shape(v) for v in value]
    return value


def _hash_first(keys: list) -> list:
    return sorted(keys, key=lambda key: key["KeyType"] != "HASH")


def _table(model) -> dict:
    schema = _boto_shape(model._get_schema())
    properties = {
        "TableName": prod()["TABLE_PREFIX"] + model.Meta.table,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": schema["AttributeDefinitions"],
        "KeySchema": _hash_first(schema["KeySchema"]),
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": operations.table_encryption({"Ref": "DataKey"}),
    }
    indexes = [
        {
            "IndexName": index["IndexName"],
            "KeySchema": _hash_first(index["KeySchema"]),
            "Projection": index["Projection"],
        }
        for index in schema["GlobalSecondaryIndexes"]
    ]
    if indexes:
        properties["GlobalSecondaryIndexes"] = indexes
    ttl = [name for name, attribute in model.get_attributes().items() if type(attribute).__name__ == "TTLAttribute"]
    if ttl:
        properties["TimeToLiveSpecification"] = {
            "AttributeName": model.get_attributes()[ttl[0]].attr_name,
            "Enabled": True,
        }
    return {
        "Type": "AWS::DynamoDB::Table",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": properties,
    }


def _upload_cors() -> dict:
    return {
        "CorsRules": [
            {
                "AllowedMethods": ["POST"],
                "AllowedOrigins": [prod()["PUBLIC_BASE_URL"]],
                "AllowedHeaders": ["*"],
                "MaxAge": 3000,
            }
        ]
    }


# Deleted and replaced objects stay recoverable for 30 days (the versioning's purpose), then go for good.
LIFECYCLE = {
    "Rules": [
        {
            "Id": "expire-old-versions",
            "Status": "Enabled",
            "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
            "ExpiredObjectDeleteMarker": True,
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
        }
    ]
}


def _bucket(name: str, cors: dict | None = None) -> dict:
    extra = {"CorsConfiguration": cors} if cors else {}
    extra["LifecycleConfiguration"] = LIFECYCLE
    return {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            **extra,
            "BucketName": name,
            "BucketEncryption": operations.bucket_encryption({"Fn::GetAtt": ["DataKey", "Arn"]}),
            "PublicAccessBlockConfiguration": operations.PUBLIC_ACCESS_BLOCKED,
            "VersioningConfiguration": {"Status": "Enabled"},
        },
    }


def cloud_models() -> list:
    from infra.local_stack import all_models

    return [m for m in all_models() if not m.Meta.table.startswith(LOCAL_ONLY_TABLES)]


def template() -> dict:
    resources = {_pascal(model.Meta.table) + "Table": _table(model) for model in cloud_models()}
    buckets = _buckets()
    resources["LettersBucket"] = _bucket(buckets["LettersBucket"])
    resources["UploadsBucket"] = _bucket(buckets["UploadsBucket"], _upload_cors())
    tables = {
        name: r["Properties"]["TableName"] for name, r in resources.items() if r["Type"] == "AWS::DynamoDB::Table"
    }
    resources.update(operations.data_key())
    resources.update(operations.alerts_topic())
    resources.update(operations.table_alarms(tables))
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Tamin e-services: tables, buckets, the data key and table alarms (functions and API come from `chalice package`)",
        "Resources": resources,
        "Outputs": operations.data_outputs(),
    }


def policy() -> dict:
    """BatchWriteItem can delete, so the append-only tables get neither it nor UpdateItem nor DeleteItem."""
    env = prod()
    prefix = env["TABLE_PREFIX"]
    parameters = [env[name] for name in sorted(env) if name.endswith("_SSM_PARAMETER")]

    def arns(models):
        tables = [f"arn:aws:dynamodb:*:*:table/{prefix}{m.Meta.table}" for m in models]
        return tables + [arn + "/index/*" for arn in tables]

    models = cloud_models()
    append_only = [m for m in models if m.Meta.table in APPEND_ONLY_TABLES]
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": READ_WRITE, "Resource": arns([m for m in models if m not in append_only])},
            {"Effect": "Allow", "Action": READ_AND_PUT, "Resource": arns(append_only)},
            {
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                "Resource": [f"arn:aws:s3:::{name}/*" for name in _buckets().values()],
            },
            {"Effect": "Allow", "Action": ["sns:Publish"], "Resource": "*"},
            {
                "Effect": "Allow",
                "Action": ["lambda:InvokeFunction"],
                "Resource": "arn:aws:lambda:*:*:function:tamin-eservices-prod-deliver_notice",
            },
            {"Effect": "Allow", "Action": ["ses:SendEmail"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["ssm:GetParameter"], "Resource": _ssm_scope(parameters)},
            {
                "Effect": "Allow",
                "Action": ["secretsmanager:GetSecretValue"],
                "Resource": f"arn:aws:secretsmanager:*:*:secret:{prefix}*",
            },
            {
                "Effect": "Allow",
                "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": "arn:aws:logs:*:*:*",
            },
            *operations.policy_statements(),
        ],
    }


def _ssm_scope(parameters: list[str]) -> str:
    """The folder every prod parameter lives in, e.g. /tamin/prod/*."""
    folder = os.path.commonpath(parameters) if parameters else "/"
    return f"arn:aws:ssm:*:*:parameter{folder.rstrip('/')}/*"


# What API Gateway answers on its own (no route, throttled, too large, a fault before the Lambda) in the
# contract's error shape; merged into Chalice's SAM template by `make package`.
GATEWAY_RESPONSES = {
    "MISSING_AUTHENTICATION_TOKEN": (404, Code.NOT_FOUND, {}),
    "THROTTLED": (429, Code.TOO_MANY_ATTEMPTS, {"Retry-After": "'1'"}),
    "REQUEST_TOO_LARGE": (413, Code.PAYLOAD_TOO_LARGE, {}),
    "DEFAULT_5XX": (503, Code.SERVICE_UNAVAILABLE, {"Retry-After": "'5'"}),
}


def gateway_responses() -> dict:
    from chalicelib.text import fa

    responses = {}
    for kind, (status, code, headers) in GATEWAY_RESPONSES.items():
        body = json.dumps({"error": {"code": code.name, "message": fa.ERRORS[code.name]}}, ensure_ascii=False)
        responses[kind] = {
            "StatusCode": status,
            "ResponseTemplates": {"application/json": body},
            **({"ResponseParameters": {"Headers": headers}} if headers else {}),
        }
    return {"Resources": {"RestAPI": {"Properties": {"GatewayResponses": responses}}}}


def api_responses() -> dict:
    """The public stage's merge: the gateway's answers and the operations around the functions."""
    document = gateway_responses()
    document["Resources"].update(operations.app_resources())
    return document


def staff_stage() -> dict:
    """Merged into `chalice package --stage staff`: the gateway's answers, the VPC endpoint as a parameter in the
    resource policy and endpoint configuration of the private API, and the schedules off (the public stage runs them)."""
    vpce = {"Ref": "VpcEndpointId"}
    definition = {
        "x-amazon-apigateway-policy": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "execute-api:Invoke",
                    "Resource": "execute-api:/*",
                    "Condition": {"StringEquals": {"aws:SourceVpce": vpce}},
                }
            ],
        },
        "x-amazon-apigateway-endpoint-configuration": {"vpcEndpointIds": [vpce]},
    }
    document = gateway_responses()
    document["Parameters"] = {
        "VpcEndpointId": {
            "Type": "String",
            "AllowedPattern": "^vpce-[0-9a-f]{8,17}$",
            "Description": "The organisation network's execute-api VPC endpoint: the only way into the staff API",
        }
    }
    document["Resources"]["RestAPI"]["Properties"]["DefinitionBody"] = definition
    for name in ("VerifyRegistrations", "ExpirePermits"):
        document["Resources"][name] = {"Properties": {"Events": {f"{name}Event": {"Properties": {"Enabled": False}}}}}
    return document


def render(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    os.environ.setdefault("APP_STAGE", "prod")
    TEMPLATE.write_text(render(template()))
    POLICY.write_text(render(policy()))
    API_RESPONSES.write_text(render(api_responses()))
    STAFF_STAGE.write_text(render(staff_stage()))
    print(
        f"wrote {TEMPLATE.relative_to(ROOT)}, {API_RESPONSES.relative_to(ROOT)}, {STAFF_STAGE.relative_to(ROOT)} and {POLICY.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
