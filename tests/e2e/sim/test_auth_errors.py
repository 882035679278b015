#!/usr/bin/env python3
"""Signature failures look like AWS's to real clients: a wrong secret is
InvalidSignatureException (SignatureDoesNotMatch for Query services), an unknown key is
UnrecognizedClientException (InvalidClientTokenId / AuthFailure)."""
import unittest

import botocore.exceptions

from simharness import Sim


def code_of(call):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]
    return None


class AuthErrors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Sim()  # default estate: 123456789012 with testing/testing

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def test_awscli_wrong_secret(self):
        rc, _, err = self.sim.aws("apigateway", "get-rest-apis", key=("testing", "wrong"))
        self.assertEqual(rc, 255)
        self.assertIn("InvalidSignatureException", err)

    def test_awscli_unknown_key(self):
        rc, _, err = self.sim.aws("apigateway", "get-rest-apis", key=("AKIANOSUCHKEY0000000", "x"))
        self.assertEqual(rc, 255)
        self.assertIn("UnrecognizedClientException", err)

    def test_right_key_works(self):
        rc, out, err = self.sim.aws("apigateway", "get-rest-apis")
        self.assertEqual(rc, 0, err)

    def test_every_service_rejects_a_wrong_secret(self):
        bad = ("testing", "wrong")
        self.assertEqual(code_of(lambda: self.sim.client("apigateway", key=bad).get_rest_apis()),
                         "InvalidSignatureException")
        self.assertEqual(code_of(lambda: self.sim.client("acm", key=bad).list_certificates()),
                         "InvalidSignatureException")
        self.assertEqual(code_of(lambda: self.sim.client("sts", key=bad).get_caller_identity()),
                         "SignatureDoesNotMatch")
        self.assertEqual(code_of(lambda: self.sim.client("ec2", key=bad).describe_regions()),
                         "SignatureDoesNotMatch")

    def test_every_service_rejects_an_unknown_key(self):
        bad = ("AKIANOSUCHKEY0000000", "x")
        self.assertEqual(code_of(lambda: self.sim.client("apigateway", key=bad).get_rest_apis()),
                         "UnrecognizedClientException")
        self.assertEqual(code_of(lambda: self.sim.client("acm", key=bad).list_certificates()),
                         "UnrecognizedClientException")
        self.assertEqual(code_of(lambda: self.sim.client("sts", key=bad).get_caller_identity()),
                         "InvalidClientTokenId")
        self.assertEqual(code_of(lambda: self.sim.client("ec2", key=bad).describe_regions()),
                         "AuthFailure")

    def test_organizations_without_an_organization(self):
        org = self.sim.client("organizations")
        self.assertEqual(code_of(org.list_accounts), "AWSOrganizationsNotInUseException")


if __name__ == "__main__":
    unittest.main(verbosity=2)
