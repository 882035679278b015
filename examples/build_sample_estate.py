#!/usr/bin/env python3
"""Writes sample-estate.json and sample-estate.expected.json (run from anywhere).

The estate is declared resource by resource below, and next to each resource sit the
findings a correct scan must report for it: those expectations are written by hand from
the rule table in DESIGN.md, not computed, so they are an independent oracle for the
scanner's end-to-end tests. See README.md for the cases and how to serve the estate.
"""
import json
import pathlib

NOW = 1767225600  # 2026-01-01T00:00:00Z: serve with `certguard-sim serve --now 1767225600`
DAY = 86400
VALIDITY = 365 * DAY  # API Gateway client certificates live 365 days

MGMT = "111111111111"
PROD = "222222222222"
DEV = "333333333333"
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]

expected = []  # {rule_id, status, account, region, resource_arn, why}
tolerated = []  # {rule_id, resource_arn, why}: interpretation-dependent, any status accepted


def expect(rule, status, account, region, arn, why):
    expected.append({"rule_id": rule, "status": status, "account": account, "region": region,
                     "resource_arn": arn, "why": why})


def tolerate(rule, arn, why):
    tolerated.append({"rule_id": rule, "resource_arn": arn, "why": why})


def api_arn(region, api_id):
    return f"arn:aws:apigateway:{region}::/restapis/{api_id}"


def stage_arn(region, api_id, stage):
    return f"{api_arn(region, api_id)}/stages/{stage}"


def cert_arn(region, cert_id):
    return f"arn:aws:apigateway:{region}::/clientcertificates/{cert_id}"


def domain_arn(region, name):
    return f"arn:aws:apigateway:{region}::/domainnames/{name}"


def client_cert(cert_id, days_left, description):
    expiration = NOW + days_left * DAY
    return {"id": cert_id, "description": description, "created_date": expiration - VALIDITY,
            "expiration_date": expiration}


LAMBDA = "arn:aws:apigateway:{r}:lambda:path/2015-03-31/functions/arn:aws:lambda:{r}:{a}:function:{f}/invocations"


def method(http_method, kind, uri=""):
    m = {"http_method": http_method, "integration_type": kind}
    if uri:
        m["uri"] = uri
    if kind in ("HTTP", "HTTP_PROXY"):
        m["connection_type"] = "INTERNET"
    return m


def rest_api(api_id, name, endpoint, resources, stages, created_days_ago=400):
    root = api_id[:4] + "root01"
    res = [{"id": root, "path": "/"}]
    for i, (path, methods) in enumerate(resources):
        res.append({"id": f"{api_id[:4]}res{i:03d}", "parent_id": root, "path": path,
                    "methods": methods})
    created = NOW - created_days_ago * DAY
    deployment = {"id": api_id[:4] + "dp", "description": "initial", "created_date": created + DAY}
    out_stages = []
    for stage_name, cert_id in stages:
        s = {"stage_name": stage_name, "deployment_id": deployment["id"],
             "created_date": created + DAY, "last_updated_date": NOW - 10 * DAY}
        if cert_id:
            s["client_certificate_id"] = cert_id
        out_stages.append(s)
    return {"id": api_id, "name": name, "endpoint_types": [endpoint], "created_date": created,
            "resources": res, "stages": out_stages, "deployments": [deployment]}


def acm(region, account, n, domain, status, not_after_days=None, imported_days_ago=None,
        key="RSA_2048", in_use=True):
    c = {"arn": f"arn:aws:acm:{region}:{account}:certificate/00000000-0000-4000-8000-{n:012d}",
         "domain_name": domain, "status": status, "key_algorithm": key, "in_use": in_use}
    if imported_days_ago is not None:
        c["type"] = "IMPORTED"
        c["imported_at"] = NOW - imported_days_ago * DAY
        c["created_at"] = c["imported_at"]
        c["not_before"] = c["imported_at"] - DAY
        c["not_after"] = NOW + not_after_days * DAY
    else:
        c["type"] = "AMAZON_ISSUED"
        if not_after_days is None:  # never issued: no validity dates
            c["created_at"] = NOW - DAY
        else:
            c["not_after"] = NOW + not_after_days * DAY
            c["not_before"] = c["not_after"] - 395 * DAY
            c["created_at"] = c["not_before"]
    return c


def domain(name, cert, edge=False):
    d = {"domain_name": name, "endpoint_types": ["EDGE" if edge else "REGIONAL"],
         "status": "AVAILABLE",
         "certificate_upload_date": cert.get("imported_at") or cert["created_at"]}
    d["certificate_arn" if edge else "regional_certificate_arn"] = cert["arn"]
    return d


def region(name, apis=(), certs=(), domains=(), acms=()):
    r = {"name": name}
    if apis:
        r["rest_apis"] = sorted(apis, key=lambda a: a["id"])
    if certs:
        r["client_certificates"] = sorted(certs, key=lambda c: c["id"])
    if domains:
        r["domain_names"] = sorted(domains, key=lambda d: d["domain_name"])
    if acms:
        r["acm_certificates"] = sorted(acms, key=lambda c: c["arn"])
    return r


def audit_role():
    return [{"name": "CertguardAudit", "trusted_accounts": [MGMT]}]


# ---------------------------------------------------------------- prod, us-east-1
def prod_us_east_1():
    r = "us-east-1"
    backend = "https://orders.backend.example.com"
    orders = rest_api("ordersapi1", "orders", "PRIVATE",
                      [("/{proxy+}", [method("ANY", "HTTP_PROXY", backend + "/{proxy}")])],
                      [("prod", ""), ("Staging", "okcert")])
    expect("CG-001", "FAIL", PROD, r, stage_arn(r, "ordersapi1", "prod"),
           "HTTP_PROXY integration, no client certificate")
    expect("CG-001", "PASS", PROD, r, stage_arn(r, "ordersapi1", "Staging"),
           "HTTP_PROXY integration, certificate okcert attached")
    expect("CG-002", "PASS", PROD, r, stage_arn(r, "ordersapi1", "Staging"),
           "okcert exists")
    expect("CG-007", "PASS", PROD, r, api_arn(r, "ordersapi1"), "PRIVATE endpoint")

    payments = rest_api("paymentsa1", "payments", "PRIVATE",
                        [("/charges", [method("POST", "HTTP", "https://pay.example.com/charges")])],
                        [("prod", "exp29d"), ("dev", "exp31d")])
    expect("CG-001", "PASS", PROD, r, stage_arn(r, "paymentsa1", "prod"), "HTTP, exp29d attached")
    expect("CG-003", "FAIL", PROD, r, cert_arn(r, "exp29d"), "in use, expires in 29 days")
    expect("CG-003", "PASS", PROD, r, cert_arn(r, "exp31d"), "in use, expires in 31 days")
    expect("CG-004", "PASS", PROD, r, cert_arn(r, "exp29d"), "not expired yet")

    lam = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:222222222222:function:items/invocations"
    lambda_only = rest_api("lambdaapi1", "lambda-only", "PRIVATE",
                           [("/items", [method("GET", "AWS_PROXY", lam)])], [("prod", "")])
    expect("CG-001", "NOT_APPLICABLE", PROD, r, stage_arn(r, "lambdaapi1", "prod"),
           "Lambda (AWS_PROXY) only: a client certificate is never presented")

    edge = rest_api("publicedg1", "public-edge", "EDGE",
                    [("/{proxy+}", [method("ANY", "HTTP_PROXY", "https://web.example.com/{proxy}")])],
                    [("prod", "okcert")])
    expect("CG-007", "FAIL", PROD, r, api_arn(r, "publicedg1"), "EDGE endpoint is public")
    expect("CG-001", "PASS", PROD, r, stage_arn(r, "publicedg1", "prod"), "okcert attached")

    certs = [client_cert("okcert", 265, "orders and web backends"),
             client_cert("exp29d", 29, "payments prod"),
             client_cert("exp31d", 31, "payments dev")]
    expect("CG-008", "PASS", PROD, r, cert_arn(r, "okcert"), "used by two stages")
    expect("CG-003", "PASS", PROD, r, cert_arn(r, "okcert"), "265 days left")

    issued = acm(r, PROD, 1, "api.prod.example.com", "ISSUED", not_after_days=200)
    pending = acm(r, PROD, 2, "pending.prod.example.com", "PENDING_VALIDATION")
    soon = acm(r, PROD, 3, "soon.prod.example.com", "ISSUED", not_after_days=20)
    ec_unused = acm(r, PROD, 4, "ec.prod.example.com", "ISSUED", not_after_days=300,
                    key="EC_prime256v1", in_use=False)
    domains = [domain("api.prod.example.com", issued, edge=True),
               domain("pending.prod.example.com", pending),
               domain("soon.prod.example.com", soon)]
    expect("CG-005", "PASS", PROD, r, domain_arn(r, "api.prod.example.com"), "ISSUED")
    expect("CG-006", "PASS", PROD, r, domain_arn(r, "api.prod.example.com"), "200 days left")
    expect("CG-005", "FAIL", PROD, r, domain_arn(r, "pending.prod.example.com"),
           "ACM certificate PENDING_VALIDATION")
    tolerate("CG-006", domain_arn(r, "pending.prod.example.com"),
             "a never-issued certificate has no expiry date")
    expect("CG-005", "PASS", PROD, r, domain_arn(r, "soon.prod.example.com"), "ISSUED")
    expect("CG-006", "FAIL", PROD, r, domain_arn(r, "soon.prod.example.com"),
           "ACM certificate expires in 20 days")
    return region(r, [orders, payments, lambda_only, edge], certs, domains,
                  [issued, pending, soon, ec_unused])


# ---------------------------------------------------------------- prod, eu-west-1
def prod_eu_west_1():
    r = "eu-west-1"
    billing = rest_api("billingap1", "billing", "PRIVATE",
                       [("/invoices", [method("GET", "HTTP", "https://billing.example.com/invoices")])],
                       [("prod", "expdy1"), ("test", "okeu01")])
    expect("CG-004", "FAIL", PROD, r, cert_arn(r, "expdy1"), "in use, expired yesterday")
    tolerate("CG-003", cert_arn(r, "expdy1"), "expired: CG-004's case; CG-003 may also flag it")
    expect("CG-004", "PASS", PROD, r, cert_arn(r, "okeu01"), "in use, 180 days left")
    expect("CG-001", "PASS", PROD, r, stage_arn(r, "billingap1", "test"), "HTTP, okeu01 attached")

    partners = rest_api("danglapi01", "partners", "PRIVATE",
                        [("/{proxy+}", [method("ANY", "HTTP_PROXY", "https://partners.example.com/{proxy}")])],
                        [("prod", "gone99"), ("qa", "okeu01")])
    expect("CG-002", "FAIL", PROD, r, stage_arn(r, "danglapi01", "prod"),
           "client certificate gone99 does not exist (deleted while attached)")
    tolerate("CG-001", stage_arn(r, "danglapi01", "prod"),
             "has a certificate id, but it is dangling: PASS or FAIL are both defensible")
    expect("CG-002", "PASS", PROD, r, stage_arn(r, "danglapi01", "qa"), "okeu01 exists")

    certs = [client_cert("expdy1", -1, "billing prod (expired)"),
             client_cert("okeu01", 180, "billing test, partners qa"),
             client_cert("unusd1", 300, "left over from a migration")]
    expect("CG-008", "FAIL", PROD, r, cert_arn(r, "unusd1"), "no stage references it")
    expect("CG-008", "PASS", PROD, r, cert_arn(r, "okeu01"), "used by two stages")

    legacy = acm(r, PROD, 11, "legacy.prod.example.com", "ISSUED", not_after_days=300,
                 imported_days_ago=396)
    fresh = acm(r, PROD, 12, "fresh.prod.example.com", "ISSUED", not_after_days=300,
                imported_days_ago=100)
    domains = [domain("legacy.prod.example.com", legacy), domain("fresh.prod.example.com", fresh)]
    expect("CG-006", "FAIL", PROD, r, domain_arn(r, "legacy.prod.example.com"),
           "imported certificate uploaded 396 days ago (> 395)")
    expect("CG-006", "PASS", PROD, r, domain_arn(r, "fresh.prod.example.com"),
           "imported 100 days ago, 300 days left")
    expect("CG-005", "PASS", PROD, r, domain_arn(r, "legacy.prod.example.com"), "ISSUED")
    return region(r, [billing, partners], certs, domains, [legacy, fresh])


# ---------------------------------------------------------------- prod, ap-southeast-2
def prod_ap_southeast_2():
    r = "ap-southeast-2"
    mobile = rest_api("regionalap", "mobile-backend", "REGIONAL",
                      [("/sync", [method("POST", "HTTP", "https://mobile.example.com/sync")])],
                      [("prod", "okap01")])
    expect("CG-007", "FAIL", PROD, r, api_arn(r, "regionalap"), "REGIONAL endpoint is public")
    expect("CG-001", "PASS", PROD, r, stage_arn(r, "regionalap", "prod"), "okap01 attached")
    certs = [client_cert("okap01", 90, "mobile backend")]
    revoked = acm(r, PROD, 21, "revoked.prod.example.com", "REVOKED", not_after_days=100)
    domains = [domain("revoked.prod.example.com", revoked)]
    expect("CG-005", "FAIL", PROD, r, domain_arn(r, "revoked.prod.example.com"),
           "ACM certificate REVOKED")
    tolerate("CG-006", domain_arn(r, "revoked.prod.example.com"), "revoked, dates still valid")
    return region(r, [mobile], certs, domains, [revoked])


# ---------------------------------------------------------------- dev, us-east-1
def dev_us_east_1():
    r = "us-east-1"
    private = rest_api("privateap1", "internal-tools", "PRIVATE",
                       [("/{proxy+}", [method("ANY", "HTTP_PROXY", "https://tools.example.com/{proxy}")])],
                       [("dev", "okdev1")])
    expect("CG-007", "PASS", DEV, r, api_arn(r, "privateap1"), "PRIVATE endpoint")
    expect("CG-001", "PASS", DEV, r, stage_arn(r, "privateap1", "dev"), "okdev1 attached")
    mock = rest_api("mockapi001", "mock-only", "PRIVATE",
                    [("/health", [method("GET", "MOCK")])], [("dev", "")])
    expect("CG-001", "NOT_APPLICABLE", DEV, r, stage_arn(r, "mockapi001", "dev"),
           "MOCK integration only")
    certs = [client_cert("okdev1", 300, "internal tools")]
    expired = acm(r, DEV, 31, "expired.dev.example.com", "EXPIRED", not_after_days=-10)
    domains = [domain("expired.dev.example.com", expired)]
    expect("CG-005", "FAIL", DEV, r, domain_arn(r, "expired.dev.example.com"),
           "ACM certificate EXPIRED")
    tolerate("CG-006", domain_arn(r, "expired.dev.example.com"),
             "expired 10 days ago: CG-005's case; CG-006 may also flag it")
    return region(r, [private, mock], certs, domains, [expired])


# ---------------------------------------------------------------- dev, eu-west-1
def dev_eu_west_1():
    r = "eu-west-1"
    lam = LAMBDA.format(r=r, a=DEV, f="orders")
    mixed = rest_api("mixedapi01", "mixed", "PRIVATE",
                     [("/items", [method("POST", "AWS_PROXY", lam)]),
                      ("/legacy", [method("GET", "HTTP", "https://legacy.example.com/")])],
                     [("dev", ""), ("test", "okdev2")])
    expect("CG-001", "FAIL", DEV, r, stage_arn(r, "mixedapi01", "dev"),
           "Lambda and HTTP integrations, no client certificate")
    expect("CG-001", "PASS", DEV, r, stage_arn(r, "mixedapi01", "test"), "okdev2 attached")
    certs = [client_cert("okdev2", 45, "mixed test")]
    expect("CG-003", "PASS", DEV, r, cert_arn(r, "okdev2"), "45 days left")
    return region(r, [mixed], certs)


def account(account_id, name, key_suffix, regions):
    return {"id": account_id, "name": name, "email": f"{name}@example.com",
            "access_keys": [{"access_key_id": f"AKIASAMPLE{key_suffix}",
                             "secret_access_key": f"sample/{name}/secret".ljust(40, "x")}],
            "roles": audit_role(), "regions": regions}


def build():
    estate = {
        "format_version": 1,
        "partition": "aws",
        "management_account_id": MGMT,
        "captured_at": NOW,
        "accounts": [
            account(MGMT, "management", "MGMT000001", []),
            account(PROD, "workloads-prod", "PROD000001",
                    [prod_us_east_1(), prod_eu_west_1(), prod_ap_southeast_2()]),
            account(DEV, "workloads-dev", "DEV0000001",
                    [dev_us_east_1(), dev_eu_west_1(), region("ap-southeast-2")]),
        ],
    }
    results = {
        "now": NOW,
        "options": {"strict": False, "expiry_days": 30, "max_upload_age_days": 395},
        "accounts": [PROD, DEV],
        "regions": REGIONS,
        "resource_arns": "DESIGN.md forms; CG-003/004/008 name the client certificate, "
                         "CG-001/002 the stage, CG-005/006 the domain name, CG-007 the REST API",
        "findings": expected,
        "every_fail_listed": True,
        # With --strict, CG-001 also fails the stages without a certificate whose APIs
        # have no HTTP integration (NOT_APPLICABLE above).
        "strict_additional_fail": [
            {"rule_id": "CG-001", "resource_arn": stage_arn("us-east-1", "lambdaapi1", "prod")},
            {"rule_id": "CG-001", "resource_arn": stage_arn("us-east-1", "mockapi001", "dev")},
        ],
        "tolerated": tolerated,
    }
    return estate, results


def main():
    here = pathlib.Path(__file__).resolve().parent
    estate, results = build()
    (here / "sample-estate.json").write_text(json.dumps(estate, indent=2) + "\n")
    (here / "sample-estate.expected.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
