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


def test_every_table_has_hash_key_first_and_pay_per_request():
    resources = cloud_template.template()["Resources"]
    tables = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert len(tables) >= 12
    for table in tables:
        assert table["KeySchema"][0]["KeyType"] == "HASH" and table["BillingMode"] == "PAY_PER_REQUEST"


def test_template_lints_clean():
    result = subprocess.run([str(Path(sys.executable).parent / "cfn-lint"), str(cloud_template.TEMPLATE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
