#!/usr/bin/env python3
"""The seeds' AWS CLI audit procedures, run with awscli v1 against certguard-sim serving
examples/sample-estate.json, give the documented answers."""
import os
import unittest

from simharness import EXAMPLES, SAMPLE_NOW, Sim, keys_of, load_sample

PROD = "222222222222"
MGMT = "111111111111"


class CliProcedures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.estate = load_sample()
        cls.sim = Sim("--now", str(SAMPLE_NOW), estate=os.path.join(EXAMPLES, "sample-estate.json"))
        cls.prod = keys_of(cls.estate, PROD)
        cls.mgmt = keys_of(cls.estate, MGMT)

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def aws(self, *args, **kw):
        kw.setdefault("key", self.prod)
        return self.sim.aws_json(*args, **kw)

    def test_get_rest_apis_ids(self):
        ids = self.aws("apigateway", "get-rest-apis", "--query", "items[*].id")
        self.assertEqual(sorted(ids), ["lambdaapi1", "ordersapi1", "paymentsa1", "publicedg1"])
        eu = self.aws("apigateway", "get-rest-apis", "--query", "items[*].id", region="eu-west-1")
        self.assertEqual(sorted(eu), ["billingap1", "danglapi01"])

    def test_get_stages_names_and_certificate(self):
        names = self.aws("apigateway", "get-stages", "--rest-api-id", "ordersapi1",
                         "--query", "item[*].stageName")
        self.assertEqual(sorted(names), ["Staging", "prod"])
        cert = self.aws("apigateway", "get-stages", "--rest-api-id", "ordersapi1", "--query",
                        "item[?(stageName=='Staging')].clientCertificateId")
        self.assertEqual(cert, ["okcert"])
        none = self.aws("apigateway", "get-stages", "--rest-api-id", "ordersapi1", "--query",
                        "item[?(stageName=='prod')].clientCertificateId")
        self.assertEqual(none, [])

    def test_expiration_of_an_existing_certificate(self):
        exp = self.aws("apigateway", "get-client-certificate", "--client-certificate-id", "exp29d",
                       "--query", "expirationDate")
        self.assertEqual(exp, SAMPLE_NOW + 29 * 86400)  # epoch seconds, printed verbatim

    def test_generate_attach_inspect_delete(self):
        cert = self.aws("apigateway", "generate-client-certificate", "--description",
                        "certguard e2e")
        cid = cert["clientCertificateId"]
        self.assertIn("BEGIN CERTIFICATE", cert["pemEncodedCertificate"])
        self.assertEqual(cert["expirationDate"] - cert["createdDate"], 31536000)
        stage = self.aws("apigateway", "update-stage", "--rest-api-id", "ordersapi1",
                         "--stage-name", "prod", "--patch-operations",
                         f"op=replace,path=/clientCertificateId,value={cid}")
        self.assertEqual(stage["clientCertificateId"], cid)
        exp = self.aws("apigateway", "get-client-certificate", "--client-certificate-id", cid,
                       "--query", "expirationDate")
        self.assertEqual(exp, cert["expirationDate"])
        rc, out, err = self.sim.aws("apigateway", "delete-client-certificate",
                                    "--client-certificate-id", cid, key=self.prod)
        self.assertEqual(rc, 0, err)
        rc, out, err = self.sim.aws("apigateway", "get-client-certificate",
                                    "--client-certificate-id", cid, key=self.prod)
        self.assertEqual(rc, 255)
        self.assertIn("NotFoundException", err)
        # The stage keeps the dangling id, as seen in the field.
        dangling = self.aws("apigateway", "get-stages", "--rest-api-id", "ordersapi1", "--query",
                            "item[?(stageName=='prod')].clientCertificateId")
        self.assertEqual(dangling, [cid])
        # Put the sample back as it was for the other tests.
        self.aws("apigateway", "update-stage", "--rest-api-id", "ordersapi1", "--stage-name",
                 "prod", "--patch-operations", "op=remove,path=/clientCertificateId")

    def test_domain_names_and_acm(self):
        names = self.aws("apigateway", "get-domain-names", "--query", "items[*].domainName")
        self.assertEqual(sorted(names), ["api.prod.example.com", "pending.prod.example.com",
                                         "soon.prod.example.com"])
        domain = self.aws("apigateway", "get-domain-names", "--query",
                          "items[?domainName=='pending.prod.example.com'] | [0]")
        arn = domain.get("regionalCertificateArn") or domain.get("certificateArn")
        cert = self.aws("acm", "describe-certificate", "--certificate-arn", arn)["Certificate"]
        self.assertEqual(cert["Status"], "PENDING_VALIDATION")
        self.assertEqual(cert["DomainName"], "pending.prod.example.com")

    def test_sts_caller_identity_and_assume_role(self):
        me = self.aws("sts", "get-caller-identity", key=self.mgmt)
        self.assertEqual(me["Account"], MGMT)
        self.assertEqual(me["Arn"], f"arn:aws:iam::{MGMT}:root")
        creds = self.aws("sts", "assume-role", "--role-arn",
                         f"arn:aws:iam::{PROD}:role/CertguardAudit", "--role-session-name",
                         "certguard", key=self.mgmt)
        c = creds["Credentials"]
        self.assertTrue(c["AccessKeyId"].startswith("ASIA"))
        self.assertEqual(creds["AssumedRoleUser"]["Arn"],
                         f"arn:aws:sts::{PROD}:assumed-role/CertguardAudit/certguard")
        role_key = (c["AccessKeyId"], c["SecretAccessKey"])
        who = self.aws("sts", "get-caller-identity", key=role_key, token=c["SessionToken"])
        self.assertEqual(who["Account"], PROD)
        ids = self.aws("apigateway", "get-rest-apis", "--query", "items[*].id", key=role_key,
                       token=c["SessionToken"])
        self.assertIn("ordersapi1", ids)
        # A role the estate does not grant: AccessDenied.
        rc, _, err = self.sim.aws("sts", "assume-role", "--role-arn",
                                  f"arn:aws:iam::{PROD}:role/NotThere", "--role-session-name",
                                  "x1", key=self.mgmt)
        self.assertEqual(rc, 255)
        self.assertIn("AccessDenied", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
