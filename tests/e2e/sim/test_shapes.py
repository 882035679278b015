#!/usr/bin/env python3
"""Every response of every operation the sim serves parses under botocore's output shape,
member names and types included (see shapecheck.py)."""
import base64
import unittest

from simharness import EXAMPLES, SAMPLE_NOW, Sim, keys_of, load_sample
from shapecheck import ShapeChecker

PROD = "222222222222"
MGMT = "111111111111"

EC_CERT = """-----BEGIN CERTIFICATE-----
MIIBkzCCATmgAwIBAgIUT29uo676OqeM2JDC/zGNP5DaVIAwCgYIKoZIzj0EAwIw
HzEdMBsGA1UEAwwUaW1wb3J0ZWQuZXhhbXBsZS5jb20wHhcNMjYxMTIzMDAzODMz
WhcNMzYxMTIwMDAzODMzWjAfMR0wGwYDVQQDDBRpbXBvcnRlZC5leGFtcGxlLmNv
bTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABEUBcVF/FcZyAowCQDIgI3zNlMo8
DZLQh5FedwEzPnapS2Ems+UbGwPI+oToiUX/FlsIDhRfPIBfbLr3PDXe2TWjUzBR
MB0GA1UdDgQWBBRF5rC/miX3kLsmWgIj1Kdpf9iyIjAfBgNVHSMEGDAWgBRF5rC/
miX3kLsmWgIj1Kdpf9iyIjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gA
MEUCIQCkwAl06/HAVAAXYjWISoN5qAN++66NU1HBpeBYr0p9MQIgIrZp9iayi/is
bpjJiAcsv9+cXzlHzlmwfk1x/Dh3yw0=
-----END CERTIFICATE-----
"""
EC_KEY = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAJtXzoHT3UA1Nv+V
kYx9Js8yPZCqfcD5W/aB3zTZotahRANCAARFAXFRfxXGcgKMAkAyICN8zZTKPA2S
0IeRXncBMz52qUthJrPlGxsDyPqE6IlF/xZbCA4UXzyAX2y69zw13tk1
-----END PRIVATE KEY-----
"""


class Recorder:
    """Keeps (operation model, status, raw body) of every successful call."""

    def __init__(self):
        self.calls = []

    def __call__(self, http_response, parsed, model, **kwargs):
        if http_response.status_code < 300:
            self.calls.append((model, http_response.status_code, http_response.content))

    def attach(self, client):
        client.meta.events.register("after-call.*.*", self)
        return client


class CheckerSelfTest(unittest.TestCase):
    """The checker is not vacuous: it flags what botocore's parser would let through."""

    def test_flags_unknown_members_wrong_types_and_enums(self):
        import botocore.session
        model = botocore.session.get_session().get_service_model("apigateway")
        op = model.operation_model("GetStages")
        checker = ShapeChecker("rest-json")
        checker.check_response(op, 200, b'{"item":[{"stageName":"p","createdDate":"x",'
                                        b'"bogus":1,"cacheClusterStatus":"NOPE"}]}')
        self.assertEqual(len(checker.errors), 3, checker.errors)
        sts = botocore.session.get_session().get_service_model("sts")
        checker = ShapeChecker("query")
        checker.check_response(sts.operation_model("GetCallerIdentity"), 200,
                               b"<GetCallerIdentityResponse><GetCallerIdentityResult><Acct>1</Acct>"
                               b"</GetCallerIdentityResult><ResponseMetadata/>"
                               b"</GetCallerIdentityResponse>")
        self.assertEqual(len(checker.errors), 1, checker.errors)


class Shapes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.estate = load_sample()
        cls.sim = Sim("--now", str(SAMPLE_NOW), estate=f"{EXAMPLES}/sample-estate.json")
        cls.prod = keys_of(cls.estate, PROD)
        cls.mgmt = keys_of(cls.estate, MGMT)

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def run_and_check(self, service, protocol, exercise, key=None):
        rec = Recorder()
        client = rec.attach(self.sim.client(service, key=key or self.prod))
        exercise(client)
        checker = ShapeChecker(protocol)
        for model, status, body in rec.calls:
            checker.check_response(model, status, body)
        self.assertEqual(checker.errors, [], "\n".join(checker.errors))
        return {m.name for m, _, _ in rec.calls}

    def test_apigateway(self):
        def exercise(c):
            c.get_rest_apis()
            c.get_rest_api(restApiId="ordersapi1")
            c.get_stages(restApiId="ordersapi1")
            c.get_stage(restApiId="ordersapi1", stageName="prod")
            c.get_resources(restApiId="ordersapi1", embed=["methods"])
            c.get_deployments(restApiId="ordersapi1")
            c.get_client_certificates()
            c.get_client_certificate(clientCertificateId="okcert")
            c.get_domain_names()
            c.get_domain_name(domainName="api.prod.example.com")
            api = c.create_rest_api(name="shape-check", endpointConfiguration={"types": ["PRIVATE"]})
            root = c.get_resources(restApiId=api["id"])["items"][0]["id"]
            res = c.create_resource(restApiId=api["id"], parentId=root, pathPart="things")
            c.put_method(restApiId=api["id"], resourceId=res["id"], httpMethod="GET",
                         authorizationType="NONE")
            c.put_integration(restApiId=api["id"], resourceId=res["id"], httpMethod="GET",
                              type="HTTP_PROXY", integrationHttpMethod="GET",
                              uri="https://backend.example.com/things")
            c.put_method(restApiId=api["id"], resourceId=res["id"], httpMethod="POST",
                         authorizationType="AWS_IAM", apiKeyRequired=True)
            c.get_method(restApiId=api["id"], resourceId=res["id"], httpMethod="GET")
            c.get_method(restApiId=api["id"], resourceId=res["id"], httpMethod="POST")
            c.get_resources(restApiId=api["id"], embed=["methods"])
            dep = c.create_deployment(restApiId=api["id"], stageName="dev")
            c.create_stage(restApiId=api["id"], stageName="qa", deploymentId=dep["id"])
            cert = c.generate_client_certificate(description="shape", tags={"k": "v"})
            cid = cert["clientCertificateId"]
            c.update_client_certificate(clientCertificateId=cid, patchOperations=[
                {"op": "replace", "path": "/description", "value": "shape2"}])
            c.update_stage(restApiId=api["id"], stageName="qa", patchOperations=[
                {"op": "replace", "path": "/clientCertificateId", "value": cid}])
            arn = f"arn:aws:apigateway:us-east-1::/restapis/{api['id']}"
            c.tag_resource(resourceArn=arn, tags={"team": "x"})
            c.get_tags(resourceArn=arn)
            c.untag_resource(resourceArn=arn, tagKeys=["team"])
            c.create_domain_name(domainName="shape.example.com",
                                 regionalCertificateArn="arn:aws:acm:us-east-1:222222222222:certificate/00000000-0000-4000-8000-000000000001",
                                 endpointConfiguration={"types": ["REGIONAL"]})
            c.delete_stage(restApiId=api["id"], stageName="qa")
            c.delete_client_certificate(clientCertificateId=cid)
            c.delete_rest_api(restApiId=api["id"])

        ops = self.run_and_check("apigateway", "rest-json", exercise)
        self.assertGreaterEqual(len(ops), 25, sorted(ops))

    def test_acm(self):
        def exercise(c):
            c.list_certificates()
            c.list_certificates(Includes={"keyTypes": ["EC_prime256v1", "RSA_2048"]},
                                CertificateStatuses=["ISSUED", "PENDING_VALIDATION"], MaxItems=2)
            for page in c.get_paginator("list_certificates").paginate():
                for s in page["CertificateSummaryList"]:
                    c.describe_certificate(CertificateArn=s["CertificateArn"])
            arn = c.request_certificate(DomainName="new.example.com", ValidationMethod="DNS")
            c.describe_certificate(CertificateArn=arn["CertificateArn"])
            imported = c.import_certificate(Certificate=EC_CERT.encode(), PrivateKey=EC_KEY.encode())
            c.describe_certificate(CertificateArn=imported["CertificateArn"])

        ops = self.run_and_check("acm", "json", exercise)
        self.assertEqual(ops, {"ListCertificates", "DescribeCertificate", "RequestCertificate",
                               "ImportCertificate"})

    def test_sts(self):
        def exercise(c):
            c.get_caller_identity()
            c.assume_role(RoleArn=f"arn:aws:iam::{PROD}:role/CertguardAudit",
                          RoleSessionName="shapes", DurationSeconds=900)
            c.assume_role_with_web_identity(RoleArn=f"arn:aws:iam::{PROD}:role/CertguardAudit",
                                            RoleSessionName="web", WebIdentityToken="token-123")

        ops = self.run_and_check("sts", "query", exercise, key=self.mgmt)
        self.assertEqual(ops, {"GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity"})

    def test_organizations_and_ec2(self):
        ops = self.run_and_check("organizations", "json",
                                 lambda c: c.list_accounts(MaxResults=2), key=self.mgmt)
        self.assertEqual(ops, {"ListAccounts"})

        def regions(c):
            c.describe_regions()
            c.describe_regions(AllRegions=True)
            c.describe_regions(RegionNames=["eu-west-1"])

        self.assertEqual(self.run_and_check("ec2", "ec2", regions), {"DescribeRegions"})


if __name__ == "__main__":
    unittest.main(verbosity=2)
