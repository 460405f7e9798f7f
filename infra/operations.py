"""The cloud around the service: the customer-managed key for data at rest, the intake bucket and its event, the
dead-letter queue for failed asynchronous work, and the alarms an operator is paged by.

Two stacks, as deployed by the README's "Deploy to AWS": the data stack (infra/resources.json: tables, buckets and
the key, exported for the other stack) and Chalice's own (the functions and the API), into which
infra/api_responses.json is merged. The intake bucket lives in the second, beside its function, because an S3
notification needs the function and its permission in the same template (and SAM cannot package `on_s3_event`).
"""

APP = "tamin-eservices"
STAGE = "prod"
KEY_ALIAS = "alias/tamin-prod-data"
KEY_EXPORT = "tamin-prod-data-key-arn"
ALERTS_EXPORT = "tamin-prod-alerts-topic-arn"
INTAKE_BUCKET = "tamin-prod-intake"
DEAD_LETTERS = "tamin-prod-async-dead-letters"
ALERTS_TOPIC = "tamin-prod-alerts"
# Chalice's logical names and function names for the functions that run asynchronously; the names are set here
# (Chalice's SAM output leaves them to CloudFormation), so alarms and the policy file can name them.
ASYNC_FUNCTIONS = {
    "EmployerLists": "employer_lists",
    "VerifyRegistrations": "verify_registrations",
    "ExpirePermits": "expire_permits",
}
INTAKE_FUNCTION = "EmployerLists"


def function_name(name: str) -> str:
    return f"{APP}-{STAGE}-{name}"


def data_key() -> dict:
    """One key for every table and bucket, rotated yearly; the account administers it, the services use it."""
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AccountAdministers",
                "Effect": "Allow",
                "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}},
                "Action": "kms:*",
                "Resource": "*",
            },
            {
                "Sid": "QueuesAndAlarmsUseIt",
                "Effect": "Allow",
                "Principal": {"Service": ["sqs.amazonaws.com", "sns.amazonaws.com", "cloudwatch.amazonaws.com"]},
                "Action": ["kms:GenerateDataKey*", "kms:Decrypt"],
                "Resource": "*",
            },
        ],
    }
    return {
        "DataKey": {
            "Type": "AWS::KMS::Key",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                "Description": "Tamin e-services: tables, buckets, queues and topics at rest",
                "EnableKeyRotation": True,
                "KeyPolicy": policy,
            },
        },
        "DataKeyAlias": {
            "Type": "AWS::KMS::Alias",
            "Properties": {"AliasName": KEY_ALIAS, "TargetKeyId": {"Ref": "DataKey"}},
        },
    }


def data_outputs() -> dict:
    return {
        "DataKeyArn": {"Value": {"Fn::GetAtt": ["DataKey", "Arn"]}, "Export": {"Name": KEY_EXPORT}},
        "AlertsTopicArn": {"Value": {"Ref": "AlertsTopic"}, "Export": {"Name": ALERTS_EXPORT}},
    }


def table_encryption(key: dict) -> dict:
    return {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": key}


# Every bucket of ours refuses public ACLs and policies, whatever an object or a later policy asks for.
PUBLIC_ACCESS_BLOCKED = {
    "BlockPublicAcls": True,
    "BlockPublicPolicy": True,
    "IgnorePublicAcls": True,
    "RestrictPublicBuckets": True,
}


def bucket_encryption(key: dict) -> dict:
    return {
        "ServerSideEncryptionConfiguration": [
            {
                "ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key},
                "BucketKeyEnabled": True,
            }
        ]
    }


def _alarm(
    description: str, topic: dict, metric: dict | None = None, metrics: list | None = None, threshold: float = 0
) -> dict:
    body = {
        "AlarmDescription": description,
        "Threshold": threshold,
        "ComparisonOperator": "GreaterThanThreshold",
        "EvaluationPeriods": 1,
        "TreatMissingData": "notBreaching",
        "AlarmActions": [topic],
        "OKActions": [topic],
    }
    if metric:
        body.update(
            {
                "Namespace": metric["namespace"],
                "MetricName": metric["name"],
                "Statistic": metric.get("statistic", "Sum"),
                "Period": metric.get("period", 300),
                "Dimensions": [{"Name": k, "Value": v} for k, v in metric["dimensions"].items()],
            }
        )
    else:
        body["Metrics"] = metrics
    return {"Type": "AWS::CloudWatch::Alarm", "Properties": body}


def _stat(id_: str, namespace: str, name: str, dimensions: dict, stat: str = "Sum") -> dict:
    return {
        "Id": id_,
        "ReturnData": False,
        "MetricStat": {
            "Period": 300,
            "Stat": stat,
            "Metric": {
                "Namespace": namespace,
                "MetricName": name,
                "Dimensions": [{"Name": k, "Value": v} for k, v in dimensions.items()],
            },
        },
    }


def table_alarms(tables: dict[str, str]) -> dict:
    """Per table (logical name -> table name): any throttled read or write in five minutes pages someone."""
    alarms = {}
    for logical, table in tables.items():
        alarms[logical.removesuffix("Table") + "ThrottleAlarm"] = _alarm(
            f"DynamoDB throttled requests on {table}",
            {"Ref": "AlertsTopic"},
            metrics=[
                _stat("reads", "AWS/DynamoDB", "ReadThrottleEvents", {"TableName": table}),
                _stat("writes", "AWS/DynamoDB", "WriteThrottleEvents", {"TableName": table}),
                {"Id": "throttled", "Expression": "reads + writes", "Label": "throttled requests", "ReturnData": True},
            ],
        )
    return alarms


def alerts_topic() -> dict:
    """Where every alarm goes; subscribe the on-call addresses to it (README)."""
    return {
        "AlertsTopic": {
            "Type": "AWS::SNS::Topic",
            "Properties": {"TopicName": ALERTS_TOPIC, "KmsMasterKeyId": {"Ref": "DataKey"}},
        }
    }


def app_resources() -> dict:
    """What is merged into Chalice's template: the intake bucket wired to its function, the dead-letter queue
    behind every asynchronous function, and the alarms on the API, the functions and the queue."""
    key, topic = {"Fn::ImportValue": KEY_EXPORT}, {"Fn::ImportValue": ALERTS_EXPORT}
    resources = {
        "IntakeBucket": {
            "Type": "AWS::S3::Bucket",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "DependsOn": "IntakeInvokePermission",
            "Properties": {
                "BucketName": INTAKE_BUCKET,
                "BucketEncryption": bucket_encryption(key),
                "PublicAccessBlockConfiguration": PUBLIC_ACCESS_BLOCKED,
                "VersioningConfiguration": {"Status": "Enabled"},
                "LifecycleConfiguration": {
                    "Rules": [
                        {
                            "Id": "old-lists",
                            "Status": "Enabled",
                            "ExpirationInDays": 400,
                            "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                        }
                    ]
                },
                "NotificationConfiguration": {
                    "LambdaConfigurations": [
                        {
                            "Event": "s3:ObjectCreated:*",
                            "Function": {"Fn::GetAtt": [INTAKE_FUNCTION, "Arn"]},
                            "Filter": {"S3Key": {"Rules": [{"Name": "suffix", "Value": ".csv"}]}},
                        }
                    ]
                },
            },
        },
        "IntakeInvokePermission": {
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "Action": "lambda:InvokeFunction",
                "FunctionName": {"Fn::GetAtt": [INTAKE_FUNCTION, "Arn"]},
                "Principal": "s3.amazonaws.com",
                "SourceAccount": {"Ref": "AWS::AccountId"},
                "SourceArn": {"Fn::Sub": f"arn:${{AWS::Partition}}:s3:::{INTAKE_BUCKET}"},
            },
        },
        "AsyncDeadLetters": {
            "Type": "AWS::SQS::Queue",
            "Properties": {"QueueName": DEAD_LETTERS, "MessageRetentionPeriod": 1209600, "KmsMasterKeyId": key},
        },
        "Api5xxAlarm": _alarm(
            "More than 1% of API requests answered 5xx over 5 minutes",
            topic,
            threshold=1,
            metrics=[
                _stat("errors", "AWS/ApiGateway", "5XXError", {"ApiName": APP}),
                _stat("requests", "AWS/ApiGateway", "Count", {"ApiName": APP}),
                {
                    "Id": "rate",
                    "Expression": "IF(requests > 0, 100 * errors / requests, 0)",
                    "Label": "5xx %",
                    "ReturnData": True,
                },
            ],
        ),
        "DeadLettersAlarm": _alarm(
            "Failed asynchronous work is waiting in the dead-letter queue",
            topic,
            metric={
                "namespace": "AWS/SQS",
                "name": "ApproximateNumberOfMessagesVisible",
                "statistic": "Maximum",
                "dimensions": {"QueueName": DEAD_LETTERS},
            },
        ),
    }
    for logical, name in ASYNC_FUNCTIONS.items():
        kind = "intake" if logical == INTAKE_FUNCTION else "job"
        resources[logical] = {
            "Properties": {
                "FunctionName": function_name(name),
                "DeadLetterQueue": {"Type": "SQS", "TargetArn": {"Fn::GetAtt": ["AsyncDeadLetters", "Arn"]}},
            }
        }
        resources[f"{logical}ErrorsAlarm"] = _alarm(
            f"The {kind} {name} failed",
            topic,
            metric={"namespace": "AWS/Lambda", "name": "Errors", "dimensions": {"FunctionName": function_name(name)}},
        )
        resources[f"{logical}ThrottlesAlarm"] = _alarm(
            f"The {kind} {name} was throttled",
            topic,
            metric={
                "namespace": "AWS/Lambda",
                "name": "Throttles",
                "dimensions": {"FunctionName": function_name(name)},
            },
        )
    resources["APIHandler"] = {"Properties": {"FunctionName": f"{APP}-{STAGE}"}}
    resources["APIHandlerThrottlesAlarm"] = _alarm(
        "The API's function was throttled",
        topic,
        metric={"namespace": "AWS/Lambda", "name": "Throttles", "dimensions": {"FunctionName": f"{APP}-{STAGE}"}},
    )
    return resources


def policy_statements() -> list[dict]:
    """What the functions need beyond the tables and buckets: the key, the dead-letter queue, the intake handing a
    long file on to itself, and the intake bucket."""
    return [
        {
            "Effect": "Allow",
            "Action": ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"],
            "Resource": "arn:aws:kms:*:*:key/*",
            "Condition": {"ForAnyValue:StringEquals": {"kms:ResourceAliases": KEY_ALIAS}},
        },
        {"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": f"arn:aws:sqs:*:*:{DEAD_LETTERS}"},
        {
            "Effect": "Allow",
            "Action": ["lambda:InvokeFunction"],
            "Resource": f"arn:aws:lambda:*:*:function:{function_name('employer_lists')}",
        },
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": f"arn:aws:s3:::{INTAKE_BUCKET}/*"},
    ]
