#!/usr/bin/env python3
"""boto3 paginators walk every paginated operation the sim serves over at least 3 pages
(PageSize 2) and see every item exactly once."""
import unittest

from simharness import Sim, generate, keys_of

ALL_KEY_TYPES = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1",
                 "EC_secp384r1", "EC_secp521r1"]


def walk(client, operation, result_key, ident, **kwargs):
    """Every item's id, in page order; asserts at least 3 pages."""
    pages = list(client.get_paginator(operation).paginate(
        PaginationConfig={"PageSize": 2}, **kwargs))
    ids = [ident(item) for page in pages for item in page.get(result_key, [])]
    return pages, ids


class Paginators(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.estate = generate("--accounts", "5", "--regions", "us-east-1", "--apis-per-region",
                              "20", "--stages-per-api", "2", "--seed", "11")
        cls.sim = Sim("--now", str(cls.estate["captured_at"]), estate=cls.estate)
        cls.mgmt = cls.estate["accounts"][0]
        cls.key = keys_of(cls.estate, cls.mgmt["id"])
        cls.region = cls.mgmt["regions"][0]
        cls.apigw = cls.sim.client("apigateway", key=cls.key)

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def check(self, pages, ids, expected):
        self.assertGreaterEqual(len(pages), 3, "fewer than 3 pages")
        self.assertEqual(len(ids), len(set(ids)), "an item was returned twice")
        self.assertEqual(set(ids), set(expected))

    def test_get_rest_apis(self):
        pages, ids = walk(self.apigw, "get_rest_apis", "items", lambda i: i["id"])
        self.check(pages, ids, [a["id"] for a in self.region["rest_apis"]])

    def test_get_client_certificates(self):
        pages, ids = walk(self.apigw, "get_client_certificates", "items",
                          lambda i: i["clientCertificateId"])
        self.check(pages, ids, [c["id"] for c in self.region["client_certificates"]])

    def test_get_domain_names(self):
        pages, ids = walk(self.apigw, "get_domain_names", "items", lambda i: i["domainName"])
        self.check(pages, ids, [d["domain_name"] for d in self.region["domain_names"]])

    def test_get_resources_and_deployments(self):
        api = self.region["rest_apis"][0]
        root = next(r["id"] for r in api["resources"] if r["path"] == "/")
        for i in range(5):
            self.apigw.create_resource(restApiId=api["id"], parentId=root, pathPart=f"extra{i}")
        pages, ids = walk(self.apigw, "get_resources", "items", lambda i: i["id"],
                          restApiId=api["id"], embed=["methods"])
        listed = self.apigw.get_resources(restApiId=api["id"], limit=500)["items"]
        self.check(pages, ids, [r["id"] for r in listed])
        self.assertGreaterEqual(len(ids), len(api["resources"]) + 5)
        for i in range(5):
            self.apigw.create_deployment(restApiId=api["id"], description=f"d{i}")
        pages, ids = walk(self.apigw, "get_deployments", "items", lambda i: i["id"],
                          restApiId=api["id"])
        self.check(pages, ids, ids)
        self.assertGreaterEqual(len(ids), 6)

    def test_acm_list_certificates(self):
        acm = self.sim.client("acm", key=self.key)
        pages, ids = walk(acm, "list_certificates", "CertificateSummaryList",
                          lambda c: c["CertificateArn"], Includes={"keyTypes": ALL_KEY_TYPES})
        self.check(pages, ids, [c["arn"] for c in self.region["acm_certificates"]])
        # Without keyTypes only RSA_1024/RSA_2048 are listed, as in AWS.
        _, default_ids = walk(acm, "list_certificates", "CertificateSummaryList",
                              lambda c: c["CertificateArn"])
        expected = [c["arn"] for c in self.region["acm_certificates"]
                    if c.get("key_algorithm", "RSA_2048") in ("RSA_1024", "RSA_2048")]
        self.assertEqual(sorted(default_ids), sorted(expected))

    def test_organizations_list_accounts(self):
        org = self.sim.client("organizations", key=self.key)
        pages, ids = walk(org, "list_accounts", "Accounts", lambda a: a["Id"])
        self.check(pages, ids, [a["id"] for a in self.estate["accounts"]])


if __name__ == "__main__":
    unittest.main(verbosity=2)
