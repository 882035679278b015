"""Starts certguard-sim on 127.0.0.1 for the Python e2e scripts."""
import os
import subprocess
import sys
import time


def start_sim(sim, estate_path, now, work):
    """Serves `estate_path` at virtual time `now` on a free port; returns (process, url).
    Exits the script if the sim does not print its address within 60 s."""
    out = open(os.path.join(work, "sim.out"), "w+")
    proc = subprocess.Popen([sim, "serve", "--port", "0", "--estate", estate_path,
                             "--now", str(now)], stdout=out, stderr=subprocess.DEVNULL)
    for _ in range(600):
        out.seek(0)
        text = out.read()
        if "listening on" in text:
            return proc, text.split("listening on ")[1].split()[0]
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    sys.exit("certguard-sim did not start")
