#!/usr/bin/env bash
# The scan benchmark (a script, not a test): generate an organization, serve it with AWS's
# request quotas and latency, scan every account-region through assume-role, and print wall
# time, calls per operation, throttled responses, peak RSS, the lower bound computed from
# the estate and the ratio measured/bound.
#
#   bench/scan/run.sh [ACCOUNTS] [APIS_PER_REGION] [STAGES_PER_API] [LATENCY_MS]
#   (defaults 50 20 3 50; 17 regions scanned, APIs in 3 of them; build/release binaries)
set -euo pipefail
cd "$(dirname "$0")/../.."
accounts=${1:-50}; apis=${2:-20}; stages=${3:-3}; latency=${4:-50}
api_regions=us-east-1,eu-west-1,ap-southeast-2
all_regions=us-east-1,us-east-2,us-west-1,us-west-2,eu-west-1,eu-west-2,eu-west-3,eu-central-1,eu-north-1,ap-southeast-1,ap-southeast-2,ap-northeast-1,ap-northeast-2,ap-northeast-3,ap-south-1,ca-central-1,sa-east-1
bin=${CG_BIN:-build/release/bin}
work=$(mktemp -d)
sim_pid=
cleanup() { [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM

"$bin/certguard-sim" generate --accounts "$accounts" --regions "$api_regions" \
  --apis-per-region "$apis" --stages-per-api "$stages" --seed 1 --out "$work/estate.json"
"$bin/certguard-sim" serve --port 0 --estate "$work/estate.json" --quotas aws \
  --latency-ms "$latency" --threads 2 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/sim.out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/sim.out")

read -r mgmt key secret < <(python3 - "$work/estate.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
m = e.get("management_account_id") or e["accounts"][0]["id"]
a = next(a for a in e["accounts"] if a["id"] == m)
print(m, a["access_keys"][0]["access_key_id"], a["access_keys"][0]["secret_access_key"])
PY
)
role=$(python3 -c "import json,sys; e=json.load(open('$work/estate.json')); print(e['accounts'][-1]['roles'][0]['name'])")

export AWS_ENDPOINT_URL="$url" AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret"
export AWS_EC2_METADATA_DISABLED=true AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_DEFAULT_REGION=us-east-1

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s.%N)
/usr/bin/time -v -o "$work/time.txt" "$bin/certguard" scan --org --regions "$all_regions" \
  --role-name "$role" --max-concurrency 1000 --output json --out "$work/report.json" --quiet \
  && scan_code=0 || scan_code=$?
end=$(date +%s.%N)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work/estate.json" "$work/report.json" "$work/time.txt" "$start" "$end" "$latency" \
  "$load_before" "$load_after" "$(nproc)" "$scan_code" <<'PY'
import json, sys, math, re
estate, report, timef = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), open(sys.argv[3]).read()
wall = float(sys.argv[5]) - float(sys.argv[4]); rtt = float(sys.argv[6]) / 1000.0
calls, throttled, not_ok = {}, 0, 0
for r in report["scan"].get("regions", report["scan"].get("account_regions", [])):
    not_ok += r.get("state", "ok") != "ok"
    for op, n in r.get("calls", {}).items(): calls[op] = calls.get(op, 0) + n
    throttled += r.get("throttled", 0)
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timef).group(1)) / 1024
# Lower bound per account-region: max(round-trip chain, quota-limited time), plus the
# account's AssumeRole round trip; the scan's bound is the slowest account-region.
bound = 0.0
regions_scanned = 17
for a in estate["accounts"]:
    if a["id"] == estate.get("management_account_id") or a.get("suspended"): continue
    per = {r["name"]: r for r in a.get("regions", [])}
    for i in range(regions_scanned):
        r = list(per.values())[i] if i < len(per) else {"rest_apis": []}
        n_api = len(r.get("rest_apis", []))
        pages = max(1, math.ceil(n_api / 500))
        apigw = pages + 2 * n_api + 2
        quota = max(0.0, (apigw - 40) / 10.0, (n_api - 5) / 2.5)
        chain = (1 + pages + 1) * rtt   # AssumeRole, GetRestApis pages, then the rest in parallel
        bound = max(bound, max(chain, quota + rtt))
regions = report["scan"].get("regions", [])
print(f"scan             exit code {sys.argv[10]}, {len(regions)} account-regions, {not_ok} not read")
print(f"wall time        {wall:.2f} s")
print(f"calls            {json.dumps(dict(sorted(calls.items())))}  total {sum(calls.values())}")
print(f"throttled        {throttled}")
print(f"peak RSS         {rss:.1f} MB")
print(f"lower bound      {bound:.2f} s")
print(f"ratio            {wall / bound:.2f} (target <= 1.5)")
cpu = re.search(r"User time \(seconds\): ([\d.]+).*?System time \(seconds\): ([\d.]+)", timef, re.S)
if cpu:
    print(f"scanner CPU      {float(cpu.group(1)) + float(cpu.group(2)):.2f} s (user+sys)")
print(f"load average     {sys.argv[7]} before, {sys.argv[8]} after ({sys.argv[9]} CPUs)")
PY
