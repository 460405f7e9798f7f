"""Cloud settings applied by the project's own scripts, checked against the emulator."""

from chalicelib import wiring
from infra import operations, sms_settings
from infra.cloud_template import api_responses, policy, template


def test_sms_is_transactional_with_a_monthly_spend_limit():
    assert sms_settings.apply(wiring.aws("sns"), 3000) == {
        "DefaultSMSType": "Transactional",
        "MonthlySpendLimit": "3000",
    }


def test_every_table_and_bucket_is_under_the_customer_managed_key():
    resources = template()["Resources"]
    for resource in resources.values():
        if resource["Type"] == "AWS::DynamoDB::Table":
            assert resource["Properties"]["SSESpecification"] == {
                "SSEEnabled": True,
                "SSEType": "KMS",
                "KMSMasterKeyId": {"Ref": "DataKey"},
            }
        if resource["Type"] == "AWS::S3::Bucket":
            rule = resource["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
            assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    intake = api_responses()["Resources"]["IntakeBucket"]["Properties"]
    assert intake["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"][
        "KMSMasterKeyID"
    ] == {"Fn::ImportValue": operations.KEY_EXPORT}


def test_asynchronous_work_fails_into_the_dead_letter_queue_and_pages_someone():
    resources = api_responses()["Resources"]
    for logical in operations.ASYNC_FUNCTIONS:
        assert resources[logical]["Properties"]["DeadLetterQueue"]["TargetArn"] == {
            "Fn::GetAtt": ["AsyncDeadLetters", "Arn"]
        }
        assert resources[f"{logical}ErrorsAlarm"]["Properties"]["AlarmActions"] == [
            {"Fn::ImportValue": operations.ALERTS_EXPORT}
        ]
    assert {"Api5xxAlarm", "DeadLettersAlarm", "APIHandlerThrottlesAlarm"} <= set(resources)
    actions = {action for statement in policy()["Statement"] for action in statement["Action"]}
    assert {"sqs:SendMessage", "lambda:InvokeFunction", "kms:GenerateDataKey"} <= actions
