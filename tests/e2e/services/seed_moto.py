"""Seeds a running moto server with API Gateway, ACM, Organizations resources via boto3
and writes what boto3 reads back (the expected values) as JSON.

usage: seed_moto.py ENDPOINT_URL OUT_JSON
The caller sets dummy credentials and AWS_CONFIG_FILE=/dev/null; IMDS is disabled and pointed
at 127.0.0.1 here.
"""
import datetime
import json
import os
import sys

# Never let botocore probe the instance metadata address, whatever the caller passed.
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
os.environ["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:9"

import boto3  # noqa: E402

url, out_path = sys.argv[1], sys.argv[2]
region = "us-east-1"


def client(name):
    return boto3.client(name, endpoint_url=url, region_name=region)


def plain(value):
    """datetimes -> epoch seconds (float), recursively."""
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


apigw = client("apigateway")
apis = []
for i in range(3):
    api = apigw.create_rest_api(name=f"api-{i}", description=f"d{i}",
                                endpointConfiguration={"types": ["REGIONAL" if i else "EDGE"]},
                                tags={"n": str(i)})
    api_id = api["id"]
    root = [r for r in apigw.get_resources(restApiId=api_id)["items"] if r["path"] == "/"][0]
    res = apigw.create_resource(restApiId=api_id, parentId=root["id"], pathPart="orders")
    apigw.put_method(restApiId=api_id, resourceId=res["id"], httpMethod="GET",
                     authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=res["id"], httpMethod="GET",
                          type="HTTP_PROXY", integrationHttpMethod="GET",
                          uri=f"https://backend{i}.example.com/orders")
    dep = apigw.create_deployment(restApiId=api_id, stageName="prod", description="first")
    apigw.create_stage(restApiId=api_id, stageName="dev", deploymentId=dep["id"],
                       description="dev stage", variables={"k": "v"})
    apis.append(api_id)

expected = {"rest_apis": plain(apigw.get_rest_apis()["items"])}
expected["api_ids"] = apis
expected["stages"] = {a: plain(apigw.get_stages(restApiId=a)["item"]) for a in apis}
expected["resources"] = {a: plain(apigw.get_resources(restApiId=a, embed=["methods"])["items"])
                         for a in apis}

acm = client("acm")
arn = acm.request_certificate(DomainName="api.example.com",
                              SubjectAlternativeNames=["www.example.com"])["CertificateArn"]
apigw.create_domain_name(domainName="api.example.com", regionalCertificateArn=arn,
                         endpointConfiguration={"types": ["REGIONAL"]})
expected["domain_names"] = plain(apigw.get_domain_names()["items"])
expected["certificate_arn"] = arn
expected["certificates"] = plain(
    acm.list_certificates(Includes={"keyTypes": ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096",
                                                 "EC_prime256v1", "EC_secp384r1",
                                                 "EC_secp521r1"]})["CertificateSummaryList"])
expected["certificate"] = plain(acm.describe_certificate(CertificateArn=arn)["Certificate"])

orgs = client("organizations")
orgs.create_organization(FeatureSet="ALL")
for i in range(4):
    orgs.create_account(AccountName=f"member-{i}", Email=f"m{i}@example.com")
expected["accounts"] = plain(
    [a for page in orgs.get_paginator("list_accounts").paginate() for a in page["Accounts"]])

expected["regions"] = plain(client("ec2").describe_regions()["Regions"])
expected["identity"] = plain(client("sts").get_caller_identity())

with open(out_path, "w") as f:
    json.dump(expected, f, indent=1, default=str)
