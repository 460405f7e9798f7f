"""The cloud template and IAM policy are generated from the models; they must be current and lint clean."""
import json
import subprocess
import sys
from pathlib import Path

from infra import cloud_template


def test_committed_template_and_policy_match_the_models():
    assert json.loads(cloud_template.TEMPLATE.read_text()) == json.loads(cloud_template.render(cloud_template.template())), \
        "run: python -m infra.cloud_template"
    assert json.loads(cloud_template.POLICY.read_text()) == json.loads(cloud_template.render(cloud_template.policy()))
    assert json.loads(cloud_template.API_RESPONSES.read_text()) == json.loads(cloud_template.render(cloud_template.api_responses()))


def test_every_model_has_its_table_keyed_as_the_model_reads_it():
    """Checked against each model's own attributes, not against the generator's schema walk."""
    resources = cloud_template.template()["Resources"]
    tables = {r["Properties"]["TableName"]: r["Properties"] for r in resources.values() if r["Type"] == "AWS::DynamoDB::Table"}
    prefix = json.loads((cloud_template.ROOT / ".chalice" / "config.json").read_text())["stages"]["prod"]["environment_variables"]["TABLE_PREFIX"]
    for model in cloud_template.cloud_models():
        keys = {a.attr_name: ("HASH" if a.is_hash_key else "RANGE") for a in model.get_attributes().values() if a.is_hash_key or a.is_range_key}
        table = tables.pop(prefix + model.Meta.table)
        assert {k["AttributeName"]: k["KeyType"] for k in table["KeySchema"]} == keys, model.__name__
    assert not tables, "a table without a model"


def test_template_lints_clean():
    result = subprocess.run([str(Path(sys.executable).parent / "cfn-lint"), str(cloud_template.TEMPLATE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
