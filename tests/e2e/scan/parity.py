#!/usr/bin/env python3
"""Parity: the seeds' AWS CLI audit procedure (awscli v1: get-rest-apis -> get-stages ->
get-client-certificate, per region, per account) and `certguard scan --strict` against the
same certguard-sim must report the same stages without a client certificate and the same
in-use certificates expiring within 30 days (expired included).

usage: parity.py CERTGUARD CERTGUARD_SIM ESTATE NOW"""
import json
import os
import subprocess
import sys
import tempfile
import time

certguard, sim, estate_path, now = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
estate = json.load(open(estate_path))
mgmt = estate["management_account_id"]
base_env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
base_env.update(AWS_EC2_METADATA_DISABLED="true", AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:9", AWS_CONFIG_FILE="/dev/null",
                AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_DEFAULT_REGION="us-east-1",
                AWS_PAGER="")

with tempfile.TemporaryDirectory() as work:
    out = open(os.path.join(work, "sim.out"), "w+")
    proc = subprocess.Popen([sim, "serve", "--port", "0", "--estate", estate_path,
                             "--now", str(now)], stdout=out, stderr=subprocess.DEVNULL)
    try:
        url = None
        for _ in range(100):
            out.seek(0)
            text = out.read()
            if "listening on" in text:
                url = text.split("listening on ")[1].split()[0]
                break
            time.sleep(0.1)
        assert url, "certguard-sim did not start"
        base_env["AWS_ENDPOINT_URL"] = url

        def aws(account, region, *args):
            acct = next(a for a in estate["accounts"] if a["id"] == account)
            env = dict(base_env, AWS_ACCESS_KEY_ID=acct["access_keys"][0]["access_key_id"],
                       AWS_SECRET_ACCESS_KEY=acct["access_keys"][0]["secret_access_key"])
            r = subprocess.run(["aws", "--region", region, "--output", "json", *args],
                               env=env, capture_output=True, text=True)
            return json.loads(r.stdout) if r.returncode == 0 and r.stdout.strip() else None

        cli_no_cert, cli_expiring = set(), set()
        targets = [a for a in estate["accounts"] if a["id"] != mgmt and a.get("regions")]
        regions = sorted({r["name"] for a in targets for r in a["regions"]})
        for account in targets:
            for region in regions:
                apis = aws(account["id"], region, "apigateway", "get-rest-apis") or {}
                for api in apis.get("items", []):
                    stages = aws(account["id"], region, "apigateway", "get-stages",
                                 "--rest-api-id", api["id"]) or {}
                    for st in stages.get("item", []):
                        arn = f"arn:aws:apigateway:{region}::/restapis/{api['id']}/stages/{st['stageName']}"
                        cid = st.get("clientCertificateId")
                        if not cid:
                            cli_no_cert.add(arn)
                            continue
                        cert = aws(account["id"], region, "apigateway", "get-client-certificate",
                                   "--client-certificate-id", cid)
                        if cert and cert["expirationDate"] - now <= 30 * 86400:
                            cli_expiring.add(f"arn:aws:apigateway:{region}::/clientcertificates/{cid}")

        mg = next(a for a in estate["accounts"] if a["id"] == mgmt)
        env = dict(base_env, AWS_ACCESS_KEY_ID=mg["access_keys"][0]["access_key_id"],
                   AWS_SECRET_ACCESS_KEY=mg["access_keys"][0]["secret_access_key"])
        report = os.path.join(work, "report.json")
        subprocess.run([certguard, "scan", "--strict", "--accounts",
                        ",".join(a["id"] for a in targets), "--regions", ",".join(regions),
                        "--role-name", "CertguardAudit", "--now", str(now), "--output", "json",
                        "--out", report, "--quiet"], env=env, check=False)
        findings = json.load(open(report))["findings"]
        cg_no_cert = {f["resource_arn"] for f in findings
                      if f["rule_id"] == "CG-001" and f["status"] == "FAIL"}
        cg_expiring = {f["resource_arn"] for f in findings
                       if f["rule_id"] in ("CG-003", "CG-004") and f["status"] == "FAIL"}
        ok = cli_no_cert == cg_no_cert and cli_expiring == cg_expiring
        print("stages without certificate: awscli", sorted(cli_no_cert), "certguard", sorted(cg_no_cert))
        print("expiring within 30 days:    awscli", sorted(cli_expiring), "certguard", sorted(cg_expiring))
        sys.exit(0 if ok else 1)
    finally:
        proc.terminate()
        proc.wait()
