"""The portal's build and its cloud template: current, lint clean, and carrying the same headers as the local server."""

import json
import re
import subprocess
import sys
from pathlib import Path

from infra import site_server, site_template
from web import build
from web.text import en, fa

ASSETS = Path(build.ROOT) / "assets"


def test_committed_site_templates_are_current_and_lint_clean():
    for path, document in (
        (site_template.TEMPLATE, site_template.template()),
        (site_template.STAFF_TEMPLATE, site_template.staff_template()),
    ):
        assert json.loads(path.read_text()) == json.loads(site_template.render(document)), (
            "run: python -m infra.site_template"
        )
    result = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), str(site_template.TEMPLATE), str(site_template.STAFF_TEMPLATE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_public_distribution_opens_the_portal_and_the_panel_and_never_the_back_office():
    """The distribution's viewer-request function, run in node on addresses written out here: every address under
    /staff/ becomes the portal's 404 page, whatever the build holds, and no behaviour routes /staff/ elsewhere."""
    resources = json.loads(site_template.TEMPLATE.read_text())["Resources"]
    code = resources["PageAddresses"]["Properties"]["FunctionCode"]
    addresses = {
        "/": "/index.html",
        "/en/records.html": "/en/records.html",
        "/nothing": "/404.html",
        "/en/nothing": "/en/404.html",
        "/institution/": "/institution/index.html",
        "/institution/en/inquiry.html": "/institution/en/inquiry.html",
        "/institution/nothing": "/institution/404.html",
        "/institution/en/nothing": "/institution/en/404.html",
        "/staff/": "/404.html",
        "/staff/index.html": "/404.html",
        "/staff/home.html": "/404.html",
        "/staff/en/home.html": "/404.html",
        "/staff/404.html": "/404.html",
        "/assets/site.css": "/assets/site.css",
    }
    script = code + "console.log(JSON.stringify(%s.map((uri) => handler({request: {uri}}).uri)));" % json.dumps(
        list(addresses)
    )
    answered = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    assert dict(zip(addresses, json.loads(answered))) == addresses
    distribution = resources["Portal"]["Properties"]["DistributionConfig"]
    assert not [b for b in distribution["CacheBehaviors"] if "staff" in b["PathPattern"]]


def test_the_back_office_is_served_only_through_the_organisations_vpc_endpoint():
    resources = json.loads(site_template.STAFF_TEMPLATE.read_text())["Resources"]
    assert not [name for name, r in resources.items() if r["Type"].startswith("AWS::CloudFront::")]
    only_the_endpoint = {"StringEquals": {"aws:SourceVpce": {"Ref": "VpcEndpointId"}}}
    site = resources["StaffSite"]["Properties"]
    assert site["EndpointConfiguration"] == {"Types": ["PRIVATE"], "VpcEndpointIds": [{"Ref": "VpcEndpointId"}]}
    assert [s["Condition"] for s in site["Policy"]["Statement"]] == [only_the_endpoint]
    domain = resources["StaffDomain"]["Properties"]
    assert domain["EndpointConfiguration"] == {"Types": ["PRIVATE"]}
    assert [s["Condition"] for s in domain["Policy"]["Statement"]] == [only_the_endpoint]
    assert resources["StaffDomainAccess"]["Properties"]["AccessAssociationSourceType"] == "VPCE"
    mappings = {
        r["Properties"]["BasePath"]: r["Properties"]["RestApiId"]
        for r in resources.values()
        if r["Type"] == "AWS::ApiGateway::BasePathMappingV2"
    }
    assert mappings == {"staff": {"Ref": "StaffSite"}, "assets": {"Ref": "StaffSite"}, "api": {"Ref": "StaffApiId"}}
    assert all(resources["StaffSiteBucket"]["Properties"]["PublicAccessBlockConfiguration"].values())
    csp = site["Body"]["paths"]["/"]["get"]["x-amazon-apigateway-integration"]["responses"]["default"][
        "responseParameters"
    ]["method.response.header.Content-Security-Policy"]["Fn::Sub"]
    assert (
        csp.replace("\\'", "'")
        == "'" + site_server.security_headers(site_template.UPLOADS)["Content-Security-Policy"] + "'"
    )


def test_cloudfront_sends_the_local_servers_headers_and_routes_the_api():
    resources = site_template.template()["Resources"]
    config = resources["SecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    csp = config["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
    assert "'unsafe" not in csp and "frame-ancestors 'none'" in csp and "script-src 'self';" in csp
    assert csp == site_server.security_headers(site_template.UPLOADS)["Content-Security-Policy"]
    assert (
        config["ReferrerPolicy"]["ReferrerPolicy"] == "no-referrer"
        and config["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    )
    distribution = resources["Portal"]["Properties"]["DistributionConfig"]
    assert {b["PathPattern"] for b in distribution["CacheBehaviors"]} == {"/api/*", "/verify/*"}
    bucket = resources["SiteBucket"]["Properties"]["PublicAccessBlockConfiguration"]
    assert all(bucket.values())
    assert "S3OriginConfig" in distribution["Origins"][0] and distribution["Origins"][0]["OriginAccessControlId"]


def test_deployed_headers_add_hsts_and_local_ones_do_not():
    assert "Strict-Transport-Security" in site_server.security_headers("https://x", deployed=True)
    assert "Strict-Transport-Security" not in site_server.security_headers("http://127.0.0.1:1")


def test_catalogues_have_the_same_keys_and_every_page_builds_in_both_languages():
    assert set(fa.TEXT) == set(en.TEXT)
    for page in build.PAGES:
        for language in build.LANGUAGES:
            html = build.render(page, language)
            assert f'<html lang="{language}" dir="{"rtl" if language == "fa" else "ltr"}">' in html
            assert "<script>" not in html and " style=" not in html and "onclick" not in html
            assert (ASSETS / "js" / f"{page.module}.js").exists(), page.module


def test_stylesheet_uses_logical_properties_only():
    css = (ASSETS / "site.css").read_text()
    assert not re.search(
        r"(?<![\w-])(left|right)\s*:|(margin|padding|border)-(left|right)|text-align:\s*(left|right)|float:", css
    )


def test_every_field_code_the_portals_endpoints_name_has_wording():
    staff_only = ("staff", "institution_panel", "flows/institutions.py")  # served by other sites than this portal
    files = [
        p
        for p in Path(build.ROOT).parent.joinpath("chalicelib").rglob("*.py")
        if not any(part in str(p) for part in staff_only)
    ]
    source = "\n".join(p.read_text() for p in files)
    codes = set(re.findall(r'reject\("\w+", "([A-Z_]+)"', source))
    worded = {key for site in build.sites() for key in build._text("fa", site)}
    missing = {code for code in codes if f"js.code.{code}" not in worded}
    assert missing <= {"INVALID_KIND", "INVALID_OUTCOME", "UNSUPPORTED_LANGUAGE", "CODE_OR_ANSWERS", "INVALID_LIMIT"}, (
        missing
    )


def test_officer_enrolment_links_name_the_public_panel_when_the_back_office_has_its_own_origin():
    from web import sites

    page = next(p for p in sites.STAFF.pages if p.path == "institution.html")
    cloud = build.render(page, "fa", site=sites.STAFF, panel_origin="https://eservices.tamin.ir")
    local = build.render(page, "fa", site=sites.STAFF)
    assert 'data-panel-origin="https://eservices.tamin.ir"' in cloud
    assert 'data-panel-origin=""' in local
    script = (ASSETS / "js" / "staff-institution.js").read_text()
    assert "${form.dataset.panelOrigin || location.origin}/institution/enrol.html" in script
