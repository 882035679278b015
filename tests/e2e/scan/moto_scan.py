#!/usr/bin/env python3
"""`certguard scan` against moto's server: an emulator nobody here wrote.

moto's server runs on 127.0.0.1, port 0 (read back); the estate is built there with the
AWS CLI (awscli v1's driver, see awscli_inproc.py): REST APIs with EDGE, REGIONAL and
PRIVATE endpoints and stages without client certificates, ACM certificates requested
(PENDING_VALIDATION) and imported (ISSUED, expiring soon, EXPIRED), and custom domain
names on each.

moto 5.2.1 does not implement API Gateway's client-certificate operations: GET
/clientcertificates answers 404 with an HTML page. The scan needs that list (CG-002,
CG-003/004 and CG-008 read it, and a stage's certificate id is only meaningful against
it), so against moto itself the region must be ERROR with that cause and no finding may
be PASS or FAIL: fail-closed, as DESIGN.md requires. That is asserted first.

To check the rest of the scan against moto's implementation, a pass-through proxy then
answers only that one operation, with an empty list (an account with no client
certificates, which is true of this moto estate), and forwards every other request to
moto unchanged. Through it: with --strict every stage FAILs CG-001, CG-007 follows the
endpoint types, CG-005/CG-006 follow the ACM statuses; without --strict, CG-001 follows
the integrations moto returns from GetResources?embed=methods.

usage: moto_scan.py CERTGUARD"""
import datetime
import http.client
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from awscli_inproc import aws, isolated_env  # noqa: E402

REGION = "us-east-1"
FAILURES = []


def check(cond, what):
    print(("ok:   " if cond else "FAIL: ") + what)
    if not cond:
        FAILURES.append(what)


def start_moto():
    # Imported here: moto reads its settings (and our dummy credentials) at import.
    from moto.server import ThreadedMotoServer
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


class ClientCertificateShim(http.server.BaseHTTPRequestHandler):
    """Answers GET /clientcertificates with no certificates; forwards the rest to moto."""
    moto_port = 0
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        if self.command == "GET" and self.path.split("?")[0] == "/clientcertificates":
            status, headers, data = 200, [("Content-Type", "application/json")], b'{"item":[]}'
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.moto_port, timeout=60)
            skip = {"host", "connection", "content-length"}
            conn.request(self.command, self.path, body=body,
                         headers={k: v for k, v in self.headers.items() if k.lower() not in skip})
            resp = conn.getresponse()
            data = resp.read()
            status = resp.status
            skip = {"connection", "content-length", "transfer-encoding", "server", "date"}
            headers = [(k, v) for k, v in resp.getheaders() if k.lower() not in skip]
            conn.close()
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward


def start_shim(moto_url):
    ClientCertificateShim.moto_port = int(moto_url.rsplit(":", 1)[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ClientCertificateShim)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def self_signed(domain, not_after, work):
    """A self-signed certificate and key (PEM files) valid until `not_after`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(not_after)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = os.path.join(work, domain + ".crt"), os.path.join(work, domain + ".key")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.TraditionalOpenSSL,
                                  serialization.NoEncryption()))
    return cert_path, key_path


def cli(env, *args):
    rc, out, err = aws(env, "--region", REGION, *args)
    if rc != 0:
        sys.exit(f"aws {' '.join(args[:2])} failed ({rc}): {err}")
    return out


def build_estate(env, work):
    """Returns the expected verdicts, keyed by (rule id, resource ARN)."""
    base = f"arn:aws:apigateway:{REGION}::"
    apis = {}  # name -> (id, endpoint type, integration type, stages)
    for name, endpoint, integration, stages in (("edge-http", "EDGE", "HTTP_PROXY", ["prod", "dev"]),
                                                ("regional-mock", "REGIONAL", "MOCK", ["prod"]),
                                                ("private-http", "PRIVATE", "HTTP", ["prod"])):
        api = cli(env, "apigateway", "create-rest-api", "--name", name,
                  "--endpoint-configuration", f"types={endpoint}")
        api_id = api["id"]
        res = cli(env, "apigateway", "create-resource", "--rest-api-id", api_id,
                  "--parent-id", api["rootResourceId"], "--path-part", "orders")
        cli(env, "apigateway", "put-method", "--rest-api-id", api_id, "--resource-id", res["id"],
            "--http-method", "GET", "--authorization-type", "NONE")
        integration_args = ["--type", integration]
        if integration != "MOCK":
            integration_args += ["--integration-http-method", "GET",
                                 "--uri", f"https://{name}.backend.example.com/orders"]
        cli(env, "apigateway", "put-integration", "--rest-api-id", api_id,
            "--resource-id", res["id"], "--http-method", "GET", *integration_args)
        dep = cli(env, "apigateway", "create-deployment", "--rest-api-id", api_id,
                  "--stage-name", stages[0])
        for extra in stages[1:]:
            cli(env, "apigateway", "create-stage", "--rest-api-id", api_id,
                "--stage-name", extra, "--deployment-id", dep["id"])
        apis[name] = (api_id, endpoint, integration, stages)

    # moto refuses to import an expired certificate and reports EXPIRED once NotAfter has
    # passed: "expired" is imported first, valid for a short while (the calls are slow on
    # a loaded machine), and has expired by the time the estate is built.
    certs, expires = {}, {}
    for label, valid in (("expired", datetime.timedelta(seconds=30)),
                         ("issued", datetime.timedelta(days=365)),
                         ("soon", datetime.timedelta(days=10))):
        expires[label] = datetime.datetime.now(datetime.timezone.utc) + valid
        cert, key = self_signed(f"{label}.example.com", expires[label], work)
        certs[label] = cli(env, "acm", "import-certificate", "--certificate", f"fileb://{cert}",
                           "--private-key", f"fileb://{key}")["CertificateArn"]
    certs["pending"] = cli(env, "acm", "request-certificate", "--domain-name",
                           "pending.example.com")["CertificateArn"]
    for label, arn in certs.items():
        cli(env, "apigateway", "create-domain-name", "--domain-name", f"{label}.example.com",
            "--regional-certificate-arn", arn, "--endpoint-configuration", "types=REGIONAL")
    time.sleep(max(0.0, (expires["expired"] - datetime.datetime.now(datetime.timezone.utc))
                   .total_seconds() + 1))
    statuses = {c["CertificateArn"]: c["Status"]
                for c in cli(env, "acm", "list-certificates", "--includes",
                             "keyTypes=RSA_2048")["CertificateSummaryList"]}
    want_acm = {"pending": "PENDING_VALIDATION", "issued": "ISSUED", "soon": "ISSUED",
                "expired": "EXPIRED"}
    for label, status in want_acm.items():
        if statuses.get(certs[label]) != status:
            sys.exit(f"moto reports {label}'s certificate as {statuses.get(certs[label])}, "
                     f"the test expects {status}")

    strict, default = {}, {}
    for name, (api_id, endpoint, integration, stages) in apis.items():
        for stage in stages:
            arn = f"{base}/restapis/{api_id}/stages/{stage}"
            strict[("CG-001", arn)] = "FAIL"
            default[("CG-001", arn)] = ("FAIL" if integration in ("HTTP", "HTTP_PROXY")
                                        else "NOT_APPLICABLE")
        strict[("CG-007", f"{base}/restapis/{api_id}")] = "PASS" if endpoint == "PRIVATE" else "FAIL"
    cg005 = {"pending": "FAIL", "issued": "PASS", "soon": "PASS", "expired": "FAIL"}
    cg006 = {"pending": "NOT_APPLICABLE", "issued": "PASS", "soon": "FAIL", "expired": "FAIL"}
    for label in certs:
        arn = f"{base}/domainnames/{label}.example.com"
        strict[("CG-005", arn)] = cg005[label]
        strict[("CG-006", arn)] = cg006[label]
    return strict, default


def scan(certguard, url, work, name, *extra):
    report = os.path.join(work, name + ".json")
    env = isolated_env(url)
    r = subprocess.run([certguard, "scan", "--regions", REGION, "--output", "json",
                        "--out", report, "--quiet", *extra],
                       env=env, capture_output=True, text=True, timeout=300)
    data = json.load(open(report)) if os.path.exists(report) else {"findings": [], "scan": {}}
    return r.returncode, data, r.stderr


def verdicts(data):
    return {(f["rule_id"], f["resource_arn"]): f["status"] for f in data["findings"]}


def compare(got, want, label):
    for key, status in sorted(want.items()):
        check(got.get(key) == status, f"{label}: {key[0]} {key[1]} is {got.get(key)}, "
                                      f"expected {status}")


def main():
    certguard = sys.argv[1]
    for k in ("AWS_PROFILE", "AWS_REGION", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy",
              "https_proxy"):
        os.environ.pop(k, None)
    os.environ.update(isolated_env("http://127.0.0.1:9"))
    moto, moto_url = start_moto()
    shim, shim_url = start_shim(moto_url)
    try:
        with tempfile.TemporaryDirectory() as work:
            strict_want, default_want = build_estate(isolated_env(moto_url), work)

            # 1. moto itself: GetClientCertificates is not implemented -> region ERROR.
            rc, data, err = scan(certguard, moto_url, work, "moto", "--strict")
            check(rc == 3, f"scan against moto exits 3 (incomplete), got {rc}: {err.strip()}")
            regions = data["scan"].get("regions", [])
            check(len(regions) == 1 and regions[0]["state"].upper() == "ERROR",
                  f"the region is ERROR: {regions}")
            cause = (regions[0].get("error_message") or "") if regions else ""
            check("GetClientCertificates" in cause or "clientcertificates" in cause,
                  f"the region's cause names the operation moto lacks: {cause!r}")
            statuses = {f["status"] for f in data["findings"]}
            check(data["findings"] and statuses == {"ERROR"},
                  f"every finding is ERROR, none PASS or FAIL: {sorted(statuses)}")

            # 2. moto behind the one-operation shim, --strict.
            rc, data, err = scan(certguard, shim_url, work, "strict", "--strict")
            check(rc == 1, f"--strict scan exits 1 (FAILs, complete), got {rc}: {err.strip()}")
            compare(verdicts(data), strict_want, "--strict")
            errors = [k for k, v in verdicts(data).items() if v == "ERROR"]
            check(not errors, f"no ERROR finding: {errors}")
            stage_fails = [k for k, v in verdicts(data).items() if k[0] == "CG-001"]
            check(len(stage_fails) == sum(1 for k in strict_want if k[0] == "CG-001"),
                  f"CG-001 reports exactly the estate's stages: {stage_fails}")

            # 3. Without --strict, CG-001 follows the integrations moto reports.
            rc, data, err = scan(certguard, shim_url, work, "default")
            check(rc == 1, f"default scan exits 1, got {rc}: {err.strip()}")
            compare(verdicts(data), default_want, "default")
    finally:
        shim.shutdown()
        moto.stop()
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
