"""The web portal's cloud resources: a private bucket read only by CloudFront (origin access control), and one
CloudFront distribution that serves the pages and routes `/api/*` and `/verify/*` to API Gateway, with the same
security headers the local site server sends (infra/site_server.py).

`python -m infra.site_template` rewrites infra/site.json; a test keeps it current and cfn-lint clean. Upload the
built site with `aws s3 sync web/dist s3://<SiteBucket>`.
"""

import json
from pathlib import Path

from infra.site_server import security_headers
from web.build import LANGUAGES, PAGES

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "infra" / "site.json"
UPLOADS = "https://tamin-prod-uploads.s3.${AWS::Region}.amazonaws.com"
# AWS managed policies: no caching with every viewer header but Host forwarded (the API), and cached static files.
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"


def _paths() -> list[str]:
    return sorted(("/" if language == "fa" else "/en/") + page.path for language in LANGUAGES for page in PAGES)


def viewer_request() -> str:
    """Directory addresses open their index.html; an address that is no page opens the 404 page (S3 behind origin
    access control cannot tell "missing" from "forbidden", and a distribution-wide error page would also replace
    the API's own JSON errors)."""
    return (
        "var PAGES = " + json.dumps(_paths(), separators=(",", ":")) + ";\n"
        "function handler(event) {\n"
        "  var request = event.request;\n"
        "  var uri = request.uri;\n"
        "  if (uri.endsWith('/')) uri += 'index.html';\n"
        "  if (uri.indexOf('/assets/') !== 0 && PAGES.indexOf(uri) === -1) uri = uri.indexOf('/en/') === 0 ? '/en/404.html' : '/404.html';\n"
        "  request.uri = uri;\n"
        "  return request;\n"
        "}\n"
    )


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
        "Description": "Tamin e-services web portal: private site bucket behind CloudFront, /api/* and /verify/* to API Gateway",
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
            "SiteBucket": {
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
                        "ServerSideEncryptionConfiguration": [
                            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                        ]
                    },
                    "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
                    "VersioningConfiguration": {"Status": "Enabled"},
                },
            },
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


def render() -> str:
    return json.dumps(template(), indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    TEMPLATE.write_text(render())
    print(f"wrote {TEMPLATE.relative_to(ROOT)}")
