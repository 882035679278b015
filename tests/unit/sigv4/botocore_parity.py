#!/usr/bin/env python3
"""Signs randomized requests with botocore's SigV4Auth at pinned clocks and prints them as JSON.

Also signs half as many presigned URLs with SigV4QueryAuth. Used by parity_test.cpp, which signs the same inputs and requires identical
canonical requests, strings to sign and signatures. Nothing here touches the network:
requests are only signed, never sent. Fixed seed: the output is the same every run.

Usage: botocore_parity.py [COUNT] [SEED]
"""
import datetime
import json
import random
import sys
from unittest import mock

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.utils import percent_encode

SERVICES = ["apigateway", "acm", "sts", "organizations", "execute-api", "lambda", "iam", "ec2"]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "eu-central-1"]
WORDS = ["restapis", "a1b2c3d4e5", "stages", "prod", "clientcertificates", "tags", "v1", "x"]
ODD = ["ሴ", "é", "日本語", "😀", "a b", "a+b", "50%", "k=v", "a&b", "q?", "#frag", "@", "!*'()",
       ",;", ":", "arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod", "~tilde", "-_.",
       "$dollar", "[x]", "\"quoted\"", "back\\slash", "tab\there"]
QUERY_KEYS = ["limit", "position", "embed", "name", "Param", "param", "a", "Z", "ሴ", "with space",
              "x-amz-meta", "k.e_y~", "1", "%"]
QUERY_VALUES = ["", "500", "methods", "value with spaces", "ሴ", "a/b", "a+b=c", "true", "~",
                "😀", "&", "0", "ABC", "%41"]


def rand_segment(rng):
    r = rng.random()
    if r < 0.45:
        return rng.choice(WORDS)
    if r < 0.9:
        return rng.choice(ODD) + (rng.choice(WORDS) if rng.random() < 0.3 else "")
    return "".join(chr(rng.randint(0x20, 0x2FF)) for _ in range(rng.randint(1, 6)))


def rand_wire_path(rng):
    """A path as botocore's REST serializer puts it on the wire: each label percent-encoded,
    greedy labels keeping '/', plus the odd raw '.', '..' and '//' to exercise normalization."""
    segments = []
    for _ in range(rng.randint(0, 5)):
        r = rng.random()
        if r < 0.07:
            segments.append(".")
        elif r < 0.14:
            segments.append("..")
        elif r < 0.2:
            segments.append("")  # gives '//'
        elif r < 0.3:
            segments.append(percent_encode(rand_segment(rng) + "/" + rand_segment(rng), safe="/~"))
        else:
            segments.append(percent_encode(rand_segment(rng)))
    path = "/" + "/".join(segments)
    if segments and rng.random() < 0.25:
        path += "/"
    return path


def rand_wire_query(rng):
    pairs = []
    for _ in range(rng.choice([0, 0, 1, 2, 3, 5])):
        key = rng.choice(QUERY_KEYS)
        value = rng.choice(QUERY_VALUES)
        enc_key = percent_encode(key)
        r = rng.random()
        if r < 0.08:
            pairs.append(enc_key)  # no '=' at all
        else:
            pairs.append(enc_key + "=" + percent_encode(value))
        if rng.random() < 0.2:  # a repeated key, as list parameters are serialized
            pairs.append(enc_key + "=" + percent_encode(rng.choice(QUERY_VALUES)))
    return "&".join(pairs)


def rand_headers(rng):
    headers = []
    if rng.random() < 0.6:
        headers.append(("Content-Type", rng.choice([
            "application/json", "application/x-amz-json-1.1",
            "application/x-www-form-urlencoded; charset=utf-8"])))
    if rng.random() < 0.5:
        headers.append(("Accept", "application/json"))
    if rng.random() < 0.3:
        headers.append(("X-Amz-Target", rng.choice([
            "CertificateManager.ListCertificates", "AWSOrganizationsV20161128.ListAccounts"])))
    # Headers botocore never signs.
    for name, value in [("User-Agent", "aws-cli/1.45.11 Python/3.11.7 botocore/1.43.11"),
                        ("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"),
                        ("Expect", "100-continue"), ("Connection", "keep-alive"),
                        ("Transfer-Encoding", "chunked")]:
        if rng.random() < 0.2:
            headers.append((name, value))
    for i in range(rng.randint(0, 3)):
        name = rng.choice(["X-Custom-%d" % i, "x-lower-%d" % i, "X-MiXeD-Case"])
        value = rng.choice(["plain", "  leading and trailing  ", "inner   runs\tof \t space",
                            "", "a,b", "UPPER lower", "x" * rng.randint(1, 40)])
        headers.append((name, value))
    if rng.random() < 0.15:  # the same header twice, differing in case
        headers.append(("X-Dup", "first"))
        headers.append(("x-dup", " second "))
    if rng.random() < 0.08:  # stale auth headers from a previous attempt: replaced
        headers.append(("X-Amz-Date", "20000101T000000Z"))
        headers.append(("Authorization", "AWS4-HMAC-SHA256 stale"))
    rng.shuffle(headers)
    return headers


def rand_body(rng):
    r = rng.random()
    if r < 0.4:
        return b""
    if r < 0.7:
        return json.dumps({"name": rand_segment(rng), "n": rng.randint(0, 99)}).encode()
    if r < 0.85:
        return b"Action=GetCallerIdentity&Version=2011-06-15"
    return bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 64)))


def rand_endpoint(rng, service, region):
    r = rng.random()
    if r < 0.5:
        return "https://%s.%s.amazonaws.com" % (service, region)
    if r < 0.7:
        return "http://127.0.0.1:%d" % rng.randint(1024, 65535)
    if r < 0.8:
        return "https://localhost:443"
    if r < 0.9:
        return "http://LocalHost:80"
    return "https://%s.%s.amazonaws.com:8443" % (service, region)


class Recording:
    """Mixed into botocore's signers, unchanged otherwise: records the stages they compute."""

    def canonical_request(self, request):
        self.recorded_canonical = super().canonical_request(request)
        return self.recorded_canonical

    def string_to_sign(self, request, canonical_request):
        self.recorded_sts = super().string_to_sign(request, canonical_request)
        return self.recorded_sts

    def signature(self, string_to_sign, request):
        self.recorded_signature = super().signature(string_to_sign, request)
        return self.recorded_signature


class RecordingSigV4Auth(Recording, botocore.auth.SigV4Auth):
    pass


class RecordingSigV4QueryAuth(Recording, botocore.auth.SigV4QueryAuth):
    pass


def make_presign_case(rng, index):
    """A presigned URL. botocore rewrites the operation's query (parse_qs, one value per key)
    before appending the X-Amz-* parameters; the C++ side gets that rewritten query as input."""
    service = rng.choice(SERVICES)
    region = rng.choice(REGIONS)
    endpoint = rand_endpoint(rng, service, region)
    path = rand_wire_path(rng)
    query = rand_wire_query(rng)
    method = rng.choice(["GET", "GET", "HEAD", "DELETE"])
    headers = [h for h in rand_headers(rng)
               if h[0] not in ("Content-Type", "X-Amz-Date", "Authorization")]
    token = None
    if rng.random() < 0.35:
        token = "FwoGZXIvYXdzE" + "".join(
            rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
            for _ in range(rng.randint(10, 80)))
    akid = "ASIA%016d" % rng.randint(0, 10**16 - 1)
    secret = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                     for _ in range(40))
    epoch = rng.randint(1420070400, 1893456000)
    expires = rng.choice([1, 60, 900, 3600, 604800])
    when = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc).replace(tzinfo=None)

    url = endpoint + path + ("?" + query if query else "")
    request = AWSRequest(method=method, url=url, data=b"")
    for name, value in headers:
        request.headers[name] = value
    host = botocore.auth._host_from_url(url)
    auth = RecordingSigV4QueryAuth(Credentials(akid, secret, token), service, region,
                                   expires=expires)
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        auth.add_auth(request)
    final_query = request.url.split("?", 1)[1]
    cut = final_query.index("X-Amz-Algorithm=")
    return {
        "index": index,
        "method": method,
        "path": path,
        "query": final_query[:cut].rstrip("&"),  # the operation's query as botocore rewrote it
        "host": host,
        "headers": [[n, v] for n, v in headers],
        "body_hex": "",
        "access_key_id": akid,
        "secret_access_key": secret,
        "session_token": token or "",
        "region": region,
        "service": service,
        "epoch_seconds": epoch,
        "expires": expires,
        "canonical_request": auth.recorded_canonical,
        "string_to_sign": auth.recorded_sts,
        "signature": auth.recorded_signature,
        "presigned_query": final_query,
    }


def make_case(rng, index):
    service = rng.choice(SERVICES)
    region = rng.choice(REGIONS)
    endpoint = rand_endpoint(rng, service, region)
    path = rand_wire_path(rng)
    query = rand_wire_query(rng)
    method = rng.choice(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"])
    headers = rand_headers(rng)
    body = rand_body(rng)
    token = None
    if rng.random() < 0.35:
        token = "IQoJb3JpZ2luX2Vj" + "".join(
            rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
            for _ in range(rng.randint(10, 120)))
    akid = "AKIA%016d" % rng.randint(0, 10**16 - 1)
    secret = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                     for _ in range(40))
    epoch = rng.randint(1420070400, 1893456000)  # 2015..2030
    when = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc).replace(tzinfo=None)

    url = endpoint + path + ("?" + query if query else "")
    request = AWSRequest(method=method, url=url, data=body)
    for name, value in headers:
        request.headers[name] = value  # HTTPHeaders appends, so repeats are kept
    host = botocore.auth._host_from_url(url)
    auth = RecordingSigV4Auth(Credentials(akid, secret, token), service, region)
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        auth.add_auth(request)
    return {
        "index": index,
        "method": method,
        "path": path,
        "query": query,
        "host": host,
        "headers": [[n, v] for n, v in headers],
        "body_hex": body.hex(),
        "access_key_id": akid,
        "secret_access_key": secret,
        "session_token": token or "",
        "region": region,
        "service": service,
        "epoch_seconds": epoch,
        "canonical_request": auth.recorded_canonical,
        "string_to_sign": auth.recorded_sts,
        "signature": auth.recorded_signature,
        "authorization": request.headers["Authorization"],
    }


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 250
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20151123
    rng = random.Random(seed)
    cases = [make_case(rng, i) for i in range(count)]
    presign_cases = [make_presign_case(rng, i) for i in range(count // 2)]
    json.dump({"botocore_version": botocore.__version__, "seed": seed, "cases": cases,
               "presign_cases": presign_cases}, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
