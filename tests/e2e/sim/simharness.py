"""Starts the built certguard-sim on port 0 and gives clients pointed at it.

The binary comes from $CERTGUARD_SIM (CTest sets it). Clients get only dummy or estate
credentials and never touch the internet or IMDS (see common.md's test rules).
"""
import json
import os
import signal
import subprocess
import sys
import tempfile

import boto3
from botocore.config import Config

SIM = os.environ.get("CERTGUARD_SIM", "")
EXAMPLES = os.environ.get("CERTGUARD_EXAMPLES",
                          os.path.join(os.path.dirname(__file__), "..", "..", "..", "examples"))
SAMPLE_NOW = 1767225600

SAFE_ENV = {
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9",
    "AWS_CONFIG_FILE": "/dev/null",
    "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_MAX_ATTEMPTS": "1",
    "AWS_PAGER": "",
}
for _k, _v in SAFE_ENV.items():
    os.environ.setdefault(_k, _v)
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")


class Sim:
    """certguard-sim serve --port 0 ...; use as a context manager."""

    def __init__(self, *args, estate=None):
        if not SIM or not os.path.exists(SIM):
            sys.exit(f"CERTGUARD_SIM is not set to the built binary (got '{SIM}')")
        self.estate_path = None
        cmd = [SIM, "serve", "--port", "0", "--quotas", "off"]
        if estate is not None:
            if isinstance(estate, dict):
                fd, self.estate_path = tempfile.mkstemp(suffix=".json")
                with os.fdopen(fd, "w") as f:
                    json.dump(estate, f)
                estate = self.estate_path
            cmd += ["--estate", estate]
        cmd += list(args)
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        prefix = "listening on http://127.0.0.1:"
        if not line.startswith(prefix):
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            self.proc.kill()
            raise RuntimeError(f"certguard-sim did not start: first line {line!r} {err}")
        self.port = int(line[len(prefix):])
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.estate_path:
            os.unlink(self.estate_path)
            self.estate_path = None

    def client(self, service, key=("testing", "testing"), region="us-east-1", token=None):
        return boto3.session.Session().client(
            service, endpoint_url=self.url, region_name=region, aws_access_key_id=key[0],
            aws_secret_access_key=key[1], aws_session_token=token,
            config=Config(retries={"max_attempts": 1, "mode": "standard"}))

    def aws(self, *args, key=("testing", "testing"), token=None, region="us-east-1"):
        """Runs awscli v1; returns (rc, stdout, stderr)."""
        env = dict(os.environ)
        env.update(SAFE_ENV)
        env.update({"AWS_ACCESS_KEY_ID": key[0], "AWS_SECRET_ACCESS_KEY": key[1],
                    "AWS_DEFAULT_REGION": region})
        env.pop("AWS_SESSION_TOKEN", None)
        env.pop("AWS_PROFILE", None)
        if token:
            env["AWS_SESSION_TOKEN"] = token
        p = subprocess.run([sys.executable, "-m", "awscli", "--endpoint-url", self.url,
                            "--output", "json", *args],
                           env=env, capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr

    def aws_json(self, *args, **kw):
        rc, out, err = self.aws(*args, **kw)
        if rc != 0:
            raise AssertionError(f"aws {' '.join(args)} failed rc={rc}: {err}")
        return json.loads(out) if out.strip() else None


def load_sample():
    with open(os.path.join(EXAMPLES, "sample-estate.json")) as f:
        return json.load(f)


def keys_of(estate, account_id):
    for a in estate["accounts"]:
        if a["id"] == account_id:
            k = a["access_keys"][0]
            return k["access_key_id"], k["secret_access_key"]
    raise KeyError(account_id)


def generate(*args):
    """certguard-sim generate ARGS -> estate dict."""
    out = subprocess.run([SIM, "generate", *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)
