"""The web sites' cloud resources, with the same security headers the local site server sends (infra/site_server.py).

infra/site.json, the public sites (the portal and the institution panel): a private bucket read only by CloudFront
(origin access control), and one CloudFront distribution that serves their pages and routes `/api/*` and `/verify/*`
to API Gateway. It never serves the back office: an address under /staff/ is no page of it and opens the 404 page.

infra/staff_site.json, the back office: its own private bucket, served only inside the organisation's network by a
private API Gateway reached through the staff stage's VPC endpoint, on a private custom domain whose `/staff/` and
`/assets/` are the pages and `/api/` the staff stage's private API, so pages and API share one origin as locally.

`python -m infra.site_template` rewrites both; a test keeps them current and cfn-lint clean. Upload the built site
with `aws s3 sync web/dist s3://<SiteBucket> --exclude 'staff/*'`, and the back office with
`aws s3 sync web/dist/staff s3://<StaffSiteBucket>/staff` and `aws s3 sync web/dist/assets s3://<StaffSiteBucket>/assets`.
"""

import json
from pathlib import Path

from infra.site_server import security_headers
from web.build import LANGUAGES, PORTAL
from web.build import render as render_page
from web.sites import INSTITUTION, STAFF

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "infra" / "site.json"
STAFF_TEMPLATE = ROOT / "infra" / "staff_site.json"
PUBLIC_SITES = (INSTITUTION, PORTAL)  # the longest prefix first: an address belongs to the first that starts it
UPLOADS = "https://tamin-prod-uploads.s3.${AWS::Region}.amazonaws.com"
# AWS managed policies: no caching with every viewer header but Host forwarded (the API), and cached static files.
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"


def _paths() -> list[str]:
    return sorted(
        f"/{site.prefix}{'' if language == 'fa' else 'en/'}{page.path}"
        for site in PUBLIC_SITES
        for language in LANGUAGES
        for page in site.pages
    )


def viewer_request() -> str:
    """Directory addresses open their index.html; an address that is no page opens the 404 page of its site and
    language (S3 behind origin access control cannot tell "missing" from "forbidden", and a distribution-wide error
    page would also replace the API's own JSON errors)."""
    roots = ["/" + site.prefix for site in PUBLIC_SITES]
    return (
        "var PAGES = " + json.dumps(_paths(), separators=(",", ":")) + ";\n"
        "var SITES = " + json.dumps(roots, separators=(",", ":")) + ";\n"
        "function handler(event) {\n"
        "  var request = event.request;\n"
        "  var uri = request.uri;\n"
        "  if (uri.endsWith('/')) uri += 'index.html';\n"
        "  if (uri.indexOf('/assets/') !== 0 && PAGES.indexOf(uri) === -1) {\n"
        "    var root = '/';\n"
        "    for (var i = SITES.length - 1; i >= 0; i--) if (uri.indexOf(SITES[i]) === 0) root = SITES[i];\n"
        "    uri = root + (uri.indexOf(root + 'en/') === 0 ? 'en/' : '') + '404.html';\n"
        "  }\n"
        "  request.uri = uri;\n"
        "  return request;\n"
        "}\n"
    )


def _private_bucket() -> dict:
    return {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
            },
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "VersioningConfiguration": {"Status": "Enabled"},
        },
    }


def _headers_policy() -> dict:
    headers = security_headers(UPLOADS, deployed=True)
    return {
        "Type": "AWS::CloudFront::ResponseHeadersPolicy",
        "Properties": {
            "ResponseHeadersPolicyConfig": {
                "Name": "tamin-portal-security-headers",
                "SecurityHeadersConfig": {
                    "ContentSecurityPolicy": {
                        "ContentSecurityPolicy": {"Fn::Sub": headers["Content-Security-Policy"]},
                        "Override": True,
                    },
                    "ContentTypeOptions": {"Override": True},
                    "FrameOptions": {"FrameOption": "DENY", "Override": True},
                    "ReferrerPolicy": {"ReferrerPolicy": "no-referrer", "Override": True},
                    "StrictTransportSecurity": {
                        "AccessControlMaxAgeSec": 63072000,
                        "IncludeSubdomains": True,
                        "Preload": True,
                        "Override": True,
                    },
                },
                "CustomHeadersConfig": {
                    "Items": [
                        {"Header": name, "Value": headers[name], "Override": True}
                        for name in ("Permissions-Policy", "Cross-Origin-Opener-Policy")
                    ]
                },
            }
        },
    }


def _api_behaviour(pattern: str, origin: str) -> dict:
    return {
        "PathPattern": pattern,
        "TargetOriginId": origin,
        "ViewerProtocolPolicy": "https-only",
        "Compress": True,
        "AllowedMethods": ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
        "CachedMethods": ["GET", "HEAD"],
        "CachePolicyId": CACHING_DISABLED,
        "OriginRequestPolicyId": ALL_VIEWER_EXCEPT_HOST,
        "ResponseHeadersPolicyId": {"Ref": "SecurityHeaders"},
    }


def _api_origin(name: str) -> dict:
    return {
        "Id": name,
        "DomainName": {"Ref": "ApiDomainName"},
        "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]},
    }


def template() -> dict:
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Tamin e-services portal and institution panel: private site bucket behind CloudFront, /api/* and /verify/* to API Gateway",
        "Parameters": {
            "ApiDomainName": {
                "Type": "String",
                "Description": "The API Gateway host of the prod stage (xxxx.execute-api.<region>.amazonaws.com)",
            },
            "ApiStagePath": {
                "Type": "String",
                "Default": "/api",
                "Description": "The stage's path on that host (Chalice's api_gateway_stage)",
            },
        },
        "Resources": {
            "SiteBucket": _private_bucket(),
            "SiteAccess": {
                "Type": "AWS::CloudFront::OriginAccessControl",
                "Properties": {
                    "OriginAccessControlConfig": {
                        "Name": "tamin-portal-site",
                        "OriginAccessControlOriginType": "s3",
                        "SigningBehavior": "always",
                        "SigningProtocol": "sigv4",
                    }
                },
            },
            "SiteBucketPolicy": {
                "Type": "AWS::S3::BucketPolicy",
                "Properties": {
                    "Bucket": {"Ref": "SiteBucket"},
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Sid": "CloudFrontReadsTheSite",
                                "Effect": "Allow",
                                "Principal": {"Service": "cloudfront.amazonaws.com"},
                                "Action": "s3:GetObject",
                                "Resource": {"Fn::Sub": "${SiteBucket.Arn}/*"},
                                "Condition": {
                                    "StringEquals": {
                                        "AWS:SourceArn": {
                                            "Fn::Sub": "arn:aws:cloudfront::${AWS::AccountId}:distribution/${Portal}"
                                        }
                                    }
                                },
                            }
                        ],
                    },
                },
            },
            "PageAddresses": {
                "Type": "AWS::CloudFront::Function",
                "Properties": {
                    "Name": "tamin-portal-page-addresses",
                    "AutoPublish": True,
                    "FunctionCode": viewer_request(),
                    "FunctionConfig": {
                        "Comment": "Directory index pages and the 404 page",
                        "Runtime": "cloudfront-js-2.0",
                    },
                },
            },
            "SecurityHeaders": _headers_policy(),
            "Portal": {
                "Type": "AWS::CloudFront::Distribution",
                "Properties": {
                    "DistributionConfig": {
                        "Enabled": True,
                        "Comment": "Tamin e-services portal",
                        "HttpVersion": "http2and3",
                        "PriceClass": "PriceClass_All",
                        "DefaultRootObject": "index.html",
                        "Origins": [
                            {
                                "Id": "site",
                                "DomainName": {"Fn::GetAtt": ["SiteBucket", "RegionalDomainName"]},
                                "OriginAccessControlId": {"Fn::GetAtt": ["SiteAccess", "Id"]},
                                "S3OriginConfig": {"OriginAccessIdentity": ""},
                            },
                            # /api/me reaches the stage named api as /me; /verify/x needs the stage's path put in front.
                            _api_origin("api"),
                            {**_api_origin("verify"), "OriginPath": {"Ref": "ApiStagePath"}},
                        ],
                        "DefaultCacheBehavior": {
                            "TargetOriginId": "site",
                            "ViewerProtocolPolicy": "redirect-to-https",
                            "Compress": True,
                            "AllowedMethods": ["GET", "HEAD"],
                            "CachePolicyId": CACHING_OPTIMIZED,
                            "ResponseHeadersPolicyId": {"Ref": "SecurityHeaders"},
                            "FunctionAssociations": [
                                {
                                    "EventType": "viewer-request",
                                    "FunctionARN": {"Fn::GetAtt": ["PageAddresses", "FunctionARN"]},
                                }
                            ],
                        },
                        "CacheBehaviors": [_api_behaviour("/api/*", "api"), _api_behaviour("/verify/*", "verify")],
                        "ViewerCertificate": {"CloudFrontDefaultCertificate": True},
                    }
                },
            },
        },
        "Outputs": {
            "SiteBucketName": {"Value": {"Ref": "SiteBucket"}},
            "PortalDomainName": {"Value": {"Fn::GetAtt": ["Portal", "DomainName"]}},
        },
    }


def _static(value: str) -> str:
    """A fixed header value as API Gateway's response mappings take it: in single quotes, those inside escaped."""
    return "'" + value.replace("'", "\\'") + "'"


def _error_page(name: str) -> str:
    """The back office's own error page as a mapping template: English under /en/, else Persian, taken literally."""
    page = next(page for page in STAFF.pages if page.path == name)
    english, persian = (render_page(page, language, site=STAFF) for language in ("en", "fa"))
    return f"#if($input.params('proxy').startsWith('en/'))#[[{english}]]##else#[[{persian}]]##end"


def _site_operation(key: str) -> dict:
    """GET of one object of the private bucket, in the folder the stage names, with the site's headers; a missing
    object (S3 answers its XML error) opens the 404 page, a failing read the 503 page. The index pages always
    exist, so only the open-ended path carries the 404 page."""
    headers = {**security_headers(UPLOADS, deployed=True), "Cache-Control": "no-cache"}
    fixed = {
        f"method.response.header.{name}": {"Fn::Sub": _static(value)} if "${" in value else _static(value)
        for name, value in headers.items()
    }
    declared = {name: {"type": "string"} for name in ["Content-Type", *headers]}

    def page(status: str, name: str) -> dict:
        return {
            "statusCode": status,
            "contentHandling": "CONVERT_TO_TEXT",
            "responseParameters": {**fixed, "method.response.header.Content-Type": "'text/html; charset=utf-8'"},
            "responseTemplates": {"application/xml": _error_page(name)},
        }

    proxied = "{proxy}" in key
    return {
        "get": {
            "parameters": [{"name": "proxy", "in": "path", "required": True, "type": "string"}] if proxied else [],
            "responses": {status: {"description": status, "headers": declared} for status in ("200", "404", "503")},
            "x-amazon-apigateway-integration": {
                "type": "aws",
                "httpMethod": "GET",
                "uri": {
                    "Fn::Sub": "arn:aws:apigateway:${AWS::Region}:s3:path/${StaffSiteBucket}/${!stageVariables.folder}/"
                    + key
                },
                "credentials": {"Fn::GetAtt": ["StaffSiteReader", "Arn"]},
                "requestParameters": {"integration.request.path.proxy": "method.request.path.proxy"} if proxied else {},
                "passthroughBehavior": "when_no_match",
                "responses": {
                    "default": {
                        "statusCode": "200",
                        "responseParameters": {
                            **fixed,
                            "method.response.header.Content-Type": "integration.response.header.Content-Type",
                        },
                    },
                    **({"4\\d{2}": page("404", "404.html")} if proxied else {}),
                    "5\\d{2}": page("503", "503.html"),
                },
            },
        }
    }


def _from_the_network_only(resource: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "execute-api:Invoke",
                "Resource": resource,
                "Condition": {"StringEquals": {"aws:SourceVpce": {"Ref": "VpcEndpointId"}}},
            }
        ],
    }


def _mapping(base_path: str, api, stage) -> dict:
    return {
        "Type": "AWS::ApiGateway::BasePathMappingV2",
        "Properties": {
            "DomainNameArn": {"Fn::GetAtt": ["StaffDomain", "DomainNameArn"]},
            "BasePath": base_path,
            "RestApiId": api,
            "Stage": stage,
        },
    }


def staff_template() -> dict:
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Tamin e-services back office: private site bucket served by a private API inside the organisation's network, beside the staff stage's private API",
        "Parameters": {
            "VpcEndpointId": {
                "Type": "String",
                "AllowedPattern": "^vpce-[0-9a-f]{8,17}$",
                "Description": "The organisation network's execute-api VPC endpoint (the staff stage's VpcEndpointId)",
            },
            "StaffApiId": {
                "Type": "String",
                "Description": "The staff stage's private REST API (RestAPIId of `chalice package --stage staff`)",
            },
            "StaffApiStage": {"Type": "String", "Default": "staff", "Description": "Its stage (api_gateway_stage)"},
            "DomainName": {"Type": "String", "Description": "The back office's private host name"},
            "CertificateArn": {"Type": "String", "Description": "An ACM certificate for that name"},
        },
        "Resources": {
            "StaffSiteBucket": _private_bucket(),
            "StaffSiteBucketPolicy": {
                "Type": "AWS::S3::BucketPolicy",
                "Properties": {
                    "Bucket": {"Ref": "StaffSiteBucket"},
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Sid": "TlsOnly",
                                "Effect": "Deny",
                                "Principal": "*",
                                "Action": "s3:*",
                                "Resource": [
                                    {"Fn::GetAtt": ["StaffSiteBucket", "Arn"]},
                                    {"Fn::Sub": "${StaffSiteBucket.Arn}/*"},
                                ],
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            }
                        ],
                    },
                },
            },
            "StaffSiteReader": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "Description": "The back office's private API reads the site's pages and assets, nothing else",
                    "AssumeRolePolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"Service": "apigateway.amazonaws.com"},
                                "Action": "sts:AssumeRole",
                            }
                        ],
                    },
                    "Policies": [
                        {
                            "PolicyName": "read-the-staff-site",
                            "PolicyDocument": {
                                "Version": "2012-10-17",
                                "Statement": [
                                    {
                                        "Effect": "Allow",
                                        "Action": "s3:GetObject",
                                        "Resource": [
                                            {"Fn::Sub": "${StaffSiteBucket.Arn}/staff/*"},
                                            {"Fn::Sub": "${StaffSiteBucket.Arn}/assets/*"},
                                        ],
                                    }
                                ],
                            },
                        }
                    ],
                },
            },
            "StaffSite": {
                "Type": "AWS::ApiGateway::RestApi",
                "Properties": {
                    "Name": "tamin-staff-site",
                    "EndpointConfiguration": {"Types": ["PRIVATE"], "VpcEndpointIds": [{"Ref": "VpcEndpointId"}]},
                    "BinaryMediaTypes": ["*/*"],
                    "Policy": _from_the_network_only("execute-api:/*"),
                    "Body": {
                        "swagger": "2.0",
                        "info": {"title": "tamin-staff-site", "version": "1"},
                        "paths": {
                            "/": _site_operation("index.html"),
                            "/en": _site_operation("en/index.html"),
                            "/{proxy+}": _site_operation("{proxy}"),
                        },
                    },
                },
            },
            "StaffSiteDeployment": {
                "Type": "AWS::ApiGateway::Deployment",
                "Properties": {"RestApiId": {"Ref": "StaffSite"}},
            },
            # One API, two stages: /staff/… reads the bucket's staff/ folder and /assets/… its assets/ folder.
            **{
                f"StaffSite{name.title()}": {
                    "Type": "AWS::ApiGateway::Stage",
                    "Properties": {
                        "RestApiId": {"Ref": "StaffSite"},
                        "DeploymentId": {"Ref": "StaffSiteDeployment"},
                        "StageName": name,
                        "Variables": {"folder": folder},
                    },
                }
                for name, folder in (("pages", "staff"), ("assets", "assets"))
            },
            "StaffDomain": {
                "Type": "AWS::ApiGateway::DomainNameV2",
                "Properties": {
                    "DomainName": {"Ref": "DomainName"},
                    "CertificateArn": {"Ref": "CertificateArn"},
                    "EndpointConfiguration": {"Types": ["PRIVATE"]},
                    "SecurityPolicy": "TLS_1_2",
                    "Policy": _from_the_network_only("execute-api:/*"),
                },
            },
            "StaffDomainAccess": {
                "Type": "AWS::ApiGateway::DomainNameAccessAssociation",
                "Properties": {
                    "DomainNameArn": {"Fn::GetAtt": ["StaffDomain", "DomainNameArn"]},
                    "AccessAssociationSource": {"Ref": "VpcEndpointId"},
                    "AccessAssociationSourceType": "VPCE",
                },
            },
            "StaffPages": _mapping("staff", {"Ref": "StaffSite"}, {"Ref": "StaffSitePages"}),
            "StaffAssets": _mapping("assets", {"Ref": "StaffSite"}, {"Ref": "StaffSiteAssets"}),
            "StaffApi": _mapping("api", {"Ref": "StaffApiId"}, {"Ref": "StaffApiStage"}),
        },
        "Outputs": {
            "StaffSiteBucketName": {"Value": {"Ref": "StaffSiteBucket"}},
            "StaffSiteUrl": {"Value": {"Fn::Sub": "https://${DomainName}/staff/"}},
        },
    }


def render(document: dict) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    for path, document in ((TEMPLATE, template()), (STAFF_TEMPLATE, staff_template())):
        path.write_text(render(document))
        print(f"wrote {path.relative_to(ROOT)}")
