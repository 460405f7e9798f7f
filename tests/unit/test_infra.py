"""The cloud template and IAM policy are generated from the models; they must be current and lint clean."""

import json
import subprocess
import sys
from pathlib import Path

from infra import cloud_template


def test_committed_template_and_policy_match_the_models():
    assert json.loads(cloud_template.TEMPLATE.read_text()) == json.loads(
        cloud_template.render(cloud_template.template())
    ), "run: python -m infra.cloud_template"
    assert json.loads(cloud_template.POLICY.read_text()) == json.loads(cloud_template.render(cloud_template.policy()))
    assert json.loads(cloud_template.API_RESPONSES.read_text()) == json.loads(
        cloud_template.render(cloud_template.api_responses())
    )
    assert json.loads(cloud_template.STAFF_STAGE.read_text()) == json.loads(
        cloud_template.render(cloud_template.staff_stage())
    )


def test_no_role_can_change_or_delete_audit_or_activity_entries():
    statements = cloud_template.policy()["Statement"]
    for table in cloud_template.APPEND_ONLY_TABLES:
        arn = f"arn:aws:dynamodb:*:*:table/{cloud_template.prod()['TABLE_PREFIX']}{table}"
        granted = {action for s in statements if arn in s["Resource"] for action in s["Action"]}
        assert "dynamodb:PutItem" in granted and "dynamodb:Query" in granted
        assert not granted & {"dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:*"}, (
            table
        )


def test_staff_stage_is_a_private_api_behind_a_vpc_endpoint_parameter():
    config = json.loads((cloud_template.ROOT / ".chalice" / "config.json").read_text())["stages"]
    assert config["staff"]["api_gateway_endpoint_type"] == "PRIVATE"
    assert config["staff"]["environment_variables"]["APP_STAGE"] == "staff"
    assert "api_gateway_endpoint_type" not in config["prod"]
    stage = cloud_template.staff_stage()
    assert stage["Parameters"]["VpcEndpointId"]["Type"] == "String"
    definition = stage["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
    assert definition["x-amazon-apigateway-endpoint-configuration"]["vpcEndpointIds"] == [{"Ref": "VpcEndpointId"}]


def test_every_model_has_its_table_keyed_as_the_model_reads_it():
    """Checked against each model's own attributes, not against the generator's schema walk."""
    resources = cloud_template.template()["Resources"]
    tables = {
        r["Properties"]["TableName"]: r["Properties"] for r in resources.values() if r["Type"] == "AWS::DynamoDB::Table"
    }
    prefix = json.loads((cloud_template.ROOT / ".chalice" / "config.json").read_text())["stages"]["prod"][
        "environment_variables"
    ]["TABLE_PREFIX"]
    for model in cloud_template.cloud_models():
        keys = {
            a.attr_name: ("HASH" if a.is_hash_key else "RANGE")
            for a in model.get_attributes().values()
            if a.is_hash_key or a.is_range_key
        }
        table = tables.pop(prefix + model.Meta.table)
        assert {k["AttributeName"]: k["KeyType"] for k in table["KeySchema"]} == keys, model.__name__
    assert not tables, "a table without a model"


def test_template_lints_clean():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), str(cloud_template.TEMPLATE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
