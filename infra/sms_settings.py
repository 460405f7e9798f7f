"""SNS's account-wide SMS settings, which CloudFormation cannot set: every message transactional (delivered
ahead of promotional traffic, to numbers on do-not-disturb lists too) and a ceiling on the month's SMS spend.

    python -m infra.sms_settings --monthly-limit-usd 5000

SNS stops sending for the rest of the month once the limit is reached, so set it above a month's one-time
codes with room to spare. A limit above 1 USD is granted by an AWS support case ("SNS text messaging spend
limit increase"), which must be approved before this call succeeds with the higher value.
"""

import argparse
import sys


def apply(sns, monthly_limit_usd: int) -> dict:
    sns.set_sms_attributes(attributes={"DefaultSMSType": "Transactional", "MonthlySpendLimit": str(monthly_limit_usd)})
    current = sns.get_sms_attributes()["attributes"]
    return {name: current.get(name) for name in ("DefaultSMSType", "MonthlySpendLimit")}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.sms_settings", description=__doc__.splitlines()[0])
    parser.add_argument("--monthly-limit-usd", type=int, required=True)
    args = parser.parse_args(argv)
    if args.monthly_limit_usd < 1:
        parser.error("the monthly limit must be at least 1 USD")
    import boto3

    print(apply(boto3.client("sns"), args.monthly_limit_usd))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
