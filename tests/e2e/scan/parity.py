#!/usr/bin/env python3
"""Parity: the seeds' AWS CLI audit procedure (awscli v1: get-rest-apis -> get-stages ->
get-client-certificate, per region, per account, with each account's own keys) and
`certguard scan --strict --output json` (management keys, assume-role into each account)
against the same certguard-sim must report the same stages without a client certificate
and the same in-use certificates expiring within 30 days (expired included).

usage: parity.py CERTGUARD CERTGUARD_SIM ESTATE NOW"""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from awscli_inproc import aws, isolated_env  # noqa: E402
from sim_server import start_sim  # noqa: E402

THRESHOLD = 30 * 86400


def cli_audit(estate, url, now, targets, regions):
    """The seeds' loop. Any failed call other than a dangling certificate id is a test
    failure (an empty answer would make the comparison vacuous)."""
    no_cert, expiring, calls = set(), set(), 0
    for account in targets:
        key = account["access_keys"][0]
        env = isolated_env(url, key["access_key_id"], key["secret_access_key"])
        for region in regions:
            rc, apis, err = aws(env, "--region", region, "apigateway", "get-rest-apis")
            calls += 1
            assert rc == 0, f"{account['id']} {region} get-rest-apis: {err}"
            for api in apis["items"]:
                rc, stages, err = aws(env, "--region", region, "apigateway", "get-stages",
                                      "--rest-api-id", api["id"])
                calls += 1
                assert rc == 0, f"get-stages {api['id']}: {err}"
                for st in stages["item"]:
                    arn = (f"arn:aws:apigateway:{region}::/restapis/{api['id']}"
                           f"/stages/{st['stageName']}")
                    cid = st.get("clientCertificateId")
                    if not cid:
                        no_cert.add(arn)
                        continue
                    rc, cert, err = aws(env, "--region", region, "apigateway",
                                        "get-client-certificate", "--client-certificate-id", cid)
                    calls += 1
                    if rc != 0:
                        assert "NotFoundException" in err, f"get-client-certificate {cid}: {err}"
                        continue  # dangling id: CG-002's case, not an expiry
                    if cert["expirationDate"] - now <= THRESHOLD:
                        expiring.add(f"arn:aws:apigateway:{region}::/clientcertificates/{cid}")
    return no_cert, expiring, calls


def certguard_scan(certguard, estate, url, now, targets, regions, work):
    mg = next(a for a in estate["accounts"] if a["id"] == estate["management_account_id"])
    key = mg["access_keys"][0]
    env = isolated_env(url, key["access_key_id"], key["secret_access_key"])
    report = os.path.join(work, "report.json")
    r = subprocess.run([certguard, "scan", "--strict", "--accounts",
                        ",".join(a["id"] for a in targets), "--regions", ",".join(regions),
                        "--role-name", "CertguardAudit", "--now", str(now), "--output", "json",
                        "--out", report, "--quiet"], env=env, capture_output=True, text=True)
    # 1: FAILs found and the scan complete; 3 would mean an ERROR somewhere.
    assert r.returncode == 1, f"certguard scan exited {r.returncode}: {r.stderr}"
    findings = json.load(open(report))["findings"]
    no_cert = {f["resource_arn"] for f in findings
               if f["rule_id"] == "CG-001" and f["status"] == "FAIL"}
    expiring = {f["resource_arn"] for f in findings
                if f["rule_id"] in ("CG-003", "CG-004") and f["status"] == "FAIL"}
    return no_cert, expiring


def main():
    certguard, sim, estate_path, now = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    estate = json.load(open(estate_path))
    targets = [a for a in estate["accounts"]
               if a["id"] != estate["management_account_id"] and a.get("regions")]
    regions = sorted({r["name"] for a in targets for r in a["regions"]})
    with tempfile.TemporaryDirectory() as work:
        proc, url = start_sim(sim, estate_path, now, work)
        try:
            started = time.monotonic()
            cli_no_cert, cli_expiring, calls = cli_audit(estate, url, now, targets, regions)
            cli_time = time.monotonic() - started
            started = time.monotonic()
            cg_no_cert, cg_expiring = certguard_scan(certguard, estate, url, now, targets,
                                                     regions, work)
            cg_time = time.monotonic() - started
        finally:
            proc.terminate()
            proc.wait()
    print(f"awscli procedure: {calls} calls in {cli_time:.1f} s; certguard scan: {cg_time:.1f} s")
    print("stages without certificate: awscli", sorted(cli_no_cert))
    print("                          certguard", sorted(cg_no_cert))
    print("expiring within 30 days:    awscli", sorted(cli_expiring))
    print("                          certguard", sorted(cg_expiring))
    ok = True
    for what, cli, cg in (("stages without certificate", cli_no_cert, cg_no_cert),
                          ("certificates expiring within 30 days", cli_expiring, cg_expiring)):
        if not cli:
            print(f"FAIL: the awscli procedure found no {what}: the estate does not test parity")
            ok = False
        if cli != cg:
            print(f"FAIL: {what} differ: only awscli {sorted(cli - cg)}, "
                  f"only certguard {sorted(cg - cli)}")
            ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
