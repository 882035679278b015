#!/usr/bin/env python3
"""The issue's last gaps, seen by real clients: PutMethod's authorizationType and
apiKeyRequired come back from GetResources(embed=methods) and GetMethod (awscli; the
shapes are checked in test_shapes.py); CreateDomainName refuses an unknown or not-ISSUED ACM
certificate with BadRequestException; the settings survive a GET /_sim/estate dump loaded
into a fresh sim; a URL presigned by botocore
(generate_presigned_url) is accepted until it expires."""
import json
import time
import unittest
import urllib.error
import urllib.request

import botocore.exceptions

from simharness import SAMPLE_NOW, Sim, keys_of, load_sample


def error_of(call):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    return None, None


def fetch(url):
    """GET url; returns (status, parsed JSON body or None)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


class Gaps(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.estate = load_sample()
        cls.sim = Sim("--now", str(SAMPLE_NOW), estate=cls.estate)
        cls.key = keys_of(cls.estate, "222222222222")

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def client(self):
        return self.sim.client("apigateway", key=self.key)

    def api_with_iam_post(self, c, name):
        """A new API whose root has POST with AWS_IAM and an API key; returns (api, root id)."""
        api = c.create_rest_api(name=name)
        root = c.get_resources(restApiId=api["id"])["items"][0]["id"]
        c.put_method(restApiId=api["id"], resourceId=root, httpMethod="POST",
                     authorizationType="AWS_IAM", apiKeyRequired=True)
        return api, root

    def test_method_authorization_round_trips(self):
        c = self.client()
        api, root = self.api_with_iam_post(c, "auth-types")
        # awscli: the embedded methods carry what PutMethod stored.
        out = self.sim.aws_json("apigateway", "get-resources", "--rest-api-id", api["id"],
                                "--embed", "methods", key=self.key)
        post = out["items"][0]["resourceMethods"]["POST"]
        self.assertEqual(post["authorizationType"], "AWS_IAM")
        self.assertTrue(post["apiKeyRequired"])
        method = self.sim.aws_json("apigateway", "get-method", "--rest-api-id", api["id"],
                                   "--resource-id", root, "--http-method", "POST", key=self.key)
        self.assertEqual(method["authorizationType"], "AWS_IAM")
        self.assertTrue(method["apiKeyRequired"])

        code, _ = error_of(lambda: c.put_method(restApiId=api["id"], resourceId=root,
                                                httpMethod="GET", authorizationType="MAGIC"))
        self.assertEqual(code, "BadRequestException")

    def test_method_authorization_survives_estate_replay(self):
        # A dump (GET /_sim/estate) loaded into a fresh sim answers the same settings, as a
        # real estate captured by `scan --snapshot-out` must when replayed here.
        c = self.client()
        api, root = self.api_with_iam_post(c, "auth-replay")
        c.put_method(restApiId=api["id"], resourceId=root, httpMethod="GET",
                     authorizationType="CUSTOM", authorizerId="q1w2e3")
        status, dump = fetch(self.sim.url + "/_sim/estate")
        self.assertEqual(status, 200)
        with Sim("--now", str(SAMPLE_NOW), estate=dump) as fresh:
            c2 = fresh.client("apigateway", key=self.key)
            items = c2.get_resources(restApiId=api["id"], embed=["methods"])["items"]
            methods = items[0]["resourceMethods"]
            self.assertEqual(methods["POST"]["authorizationType"], "AWS_IAM")
            self.assertTrue(methods["POST"]["apiKeyRequired"])
            self.assertNotIn("authorizerId", methods["POST"])
            self.assertEqual(methods["GET"]["authorizationType"], "CUSTOM")
            self.assertEqual(methods["GET"]["authorizerId"], "q1w2e3")
            self.assertFalse(methods["GET"]["apiKeyRequired"])
            got = c2.get_method(restApiId=api["id"], resourceId=root, httpMethod="GET")
            self.assertEqual(got["authorizationType"], "CUSTOM")
            self.assertEqual(got["authorizerId"], "q1w2e3")

    def test_domain_name_needs_an_issued_certificate(self):
        c = self.client()
        base = "arn:aws:acm:us-east-1:222222222222:certificate/00000000-0000-4000-8000-0000000000"
        code, message = error_of(lambda: c.create_domain_name(
            domainName="pending.example.com", regionalCertificateArn=base + "02",
            endpointConfiguration={"types": ["REGIONAL"]}))
        self.assertEqual(code, "BadRequestException")
        self.assertEqual(message, f"Certificate {base}02 in account 222222222222 not yet issued")
        code, message = error_of(lambda: c.create_domain_name(
            domainName="unknown.example.com", regionalCertificateArn=base + "99",
            endpointConfiguration={"types": ["REGIONAL"]}))
        self.assertEqual(code, "BadRequestException")
        self.assertIn("Invalid certificate ARN", message)
        rc, _, err = self.sim.aws("apigateway", "create-domain-name", "--domain-name",
                                  "pending2.example.com", "--regional-certificate-arn",
                                  base + "02", "--endpoint-configuration", "types=REGIONAL",
                                  key=self.key)
        self.assertEqual(rc, 255)
        self.assertIn("BadRequestException", err)
        self.assertIn("not yet issued", err)

    def test_presigned_url_is_accepted_until_it_expires(self):
        c = self.client()
        url = c.generate_presigned_url("get_rest_apis", Params={"limit": 2}, ExpiresIn=2)
        self.assertIn("X-Amz-Signature=", url)
        status, body = fetch(url)
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body["item"]), 2)

        wrong = self.sim.client("apigateway", key=(self.key[0], "not-the-secret"))
        status, body = fetch(wrong.generate_presigned_url("get_rest_apis", ExpiresIn=60))
        self.assertEqual(status, 403)

        time.sleep(3.1)  # X-Amz-Expires is checked against real time, not --now
        status, body = fetch(url)
        self.assertEqual(status, 403)
        self.assertIn("expired", body["message"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
