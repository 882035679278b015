"""Runs the real AWS CLI (awscli v1's own driver, the code behind `aws`) inside this
Python process: the same argument parsing, botocore requests and output as the `aws`
command, without paying the interpreter start (2-10 s a call on a loaded 2-core machine)
for each of the dozens of calls an audit loop makes."""
import contextlib
import io
import json
import os

from awscli.clidriver import create_clidriver

# awscli puts its own model folder in AWS_DATA_PATH when it is imported; the driver needs it.
_DATA_PATH = os.environ.get("AWS_DATA_PATH", "")


@contextlib.contextmanager
def _environment(env):
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def aws(env, *args):
    """`aws --output json ARGS` with exactly the environment `env`.
    Returns (exit status, parsed JSON stdout or None, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    env = dict(env, AWS_DATA_PATH=_DATA_PATH)
    with _environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = create_clidriver().main(["--output", "json", *args])
    text = out.getvalue()
    return rc, (json.loads(text) if text.strip() else None), err.getvalue()


def isolated_env(endpoint_url, access_key="testing", secret_key="testing", region="us-east-1"):
    """Dummy credentials; nothing that could reach AWS or instance metadata."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") and k not in ("HTTP_PROXY", "HTTPS_PROXY",
                                                      "http_proxy", "https_proxy")}
    env.update(AWS_ACCESS_KEY_ID=access_key, AWS_SECRET_ACCESS_KEY=secret_key,
               AWS_EC2_METADATA_DISABLED="true",
               AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:9",
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
               AWS_DEFAULT_REGION=region, AWS_PAGER="", AWS_ENDPOINT_URL=endpoint_url)
    return env
