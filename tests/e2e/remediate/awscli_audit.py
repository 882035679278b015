#!/usr/bin/env python3
"""The seeds' AWS CLI audit around `certguard fix` and `certguard rollback`, against
certguard-sim serving the sample estate: with management keys, fix assumes CertguardAudit
in both workload accounts (--accounts, --regions, --role-name, as scan takes them). After
`fix --apply` the audit loop (awscli v1: get-rest-apis -> get-stages, item[*].
clientCertificateId, with each account's own keys) must find no stage without a
certificate and no stage pointing at a certificate that does not exist; after
`rollback --apply` it must find the original state again, except stages whose original
id was dangling (nothing to restore them to: they keep a working certificate).

usage: awscli_audit.py CERTGUARD CERTGUARD_SIM ESTATE NOW"""
import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from awscli_inproc import aws, isolated_env  # noqa: E402
from sim_server import start_sim  # noqa: E402


def audit(url, targets, regions):
    """{(account, region, api, stage): clientCertificateId or None} and the set of
    (account, region, certificate id) that exist."""
    stages, certs = {}, set()
    for account in targets:
        key = account["access_keys"][0]
        env = isolated_env(url, key["access_key_id"], key["secret_access_key"])
        for region in regions:
            rc, apis, err = aws(env, "--region", region, "apigateway", "get-rest-apis")
            assert rc == 0, f"{account['id']} {region} get-rest-apis: {err}"
            for api in apis.get("items", []):
                rc, got, err = aws(env, "--region", region, "apigateway", "get-stages",
                                   "--rest-api-id", api["id"])
                assert rc == 0, f"get-stages {api['id']}: {err}"
                for st in got.get("item", []):
                    stages[(account["id"], region, api["id"], st["stageName"])] = \
                        st.get("clientCertificateId")
            rc, got, err = aws(env, "--region", region, "apigateway",
                               "get-client-certificates")
            assert rc == 0, f"get-client-certificates: {err}"
            certs |= {(account["id"], region, c["clientCertificateId"])
                      for c in got.get("items", [])}
    assert stages, "the audit saw no stage: the comparison would be vacuous"
    return stages, certs


def certguard(binary, url, mg, args, work):
    env = isolated_env(url, mg["access_key_id"], mg["secret_access_key"])
    env["HOME"] = work
    r = subprocess.run([binary, *args], env=env, capture_output=True, text=True)
    assert r.returncode == 0, f"certguard {' '.join(args)} exited {r.returncode}: {r.stderr}"
    return r


def main():
    binary, sim, estate_path, now = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    estate = json.load(open(estate_path))
    mg = next(a for a in estate["accounts"]
              if a["id"] == estate["management_account_id"])["access_keys"][0]
    targets = [a for a in estate["accounts"]
               if a["id"] != estate["management_account_id"] and a.get("regions")]
    regions = sorted({r["name"] for a in targets for r in a["regions"]})
    with tempfile.TemporaryDirectory() as work:
        proc, url = start_sim(sim, estate_path, now, work)
        try:
            before, certs_before = audit(url, targets, regions)
            without = [k for k, v in before.items() if not v]
            assert without, "the sample estate has no stage without a certificate"
            db = os.path.join(work, "journal.db")
            common = ["--db", db, "--role-name", "CertguardAudit"]
            r = certguard(binary, url, mg,
                          ["fix", "--strict", "--accounts", ",".join(a["id"] for a in targets),
                           "--regions", ",".join(regions), "--output", "json", "--apply",
                           *common], work)
            result = json.loads(r.stdout)
            run_id = result["result"]["run_id"]
            after, certs_after = audit(url, targets, regions)
            assert after.keys() == before.keys()
            bad = [k for k, v in after.items() if not v or (k[0], k[1], v) not in certs_after]
            assert not bad, f"stages without a working certificate after fix: {bad}"
            print(f"fix {run_id}: {len(result['result']['stages_changed'])} stage(s) changed, "
                  f"{len(without)} had none")

            certguard(binary, url, mg, ["rollback", run_id, "--apply", *common], work)
            restored, certs_restored = audit(url, targets, regions)
            dangling = {k for k, v in before.items() if v and (k[0], k[1], v) not in certs_before}
            for k, v in before.items():
                if k in dangling:
                    assert restored[k] and (k[0], k[1], restored[k]) in certs_restored, k
                else:
                    assert restored[k] == v, f"{k}: {restored[k]} after rollback, {v} before"
            # The certificates the fix made are gone except those kept by dangling stages.
            extra = certs_restored - certs_before
            assert len(extra) <= len(dangling), f"certificates left behind: {extra}"
            assert certs_before <= certs_restored, "rollback deleted a pre-existing certificate"
            print(f"rollback: original state again ({len(dangling)} dangling stage(s) keep "
                  "their new certificate)")
        finally:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main()
