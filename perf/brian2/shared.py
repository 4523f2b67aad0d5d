"""What the measuring scripts here share: a failure as one line on stderr with exit code 2, running a program, and
reading a number from what it printed."""
import os
import re
import subprocess
import sys


def fail(message):
    """One line on stderr, named by the running script, and exit code 2."""
    print(f"{os.path.basename(sys.argv[0])}: {message}", file=sys.stderr)
    sys.exit(2)


def run(command):
    """The command's standard output; a missing program or a failure ends the script with one line."""
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except OSError as e:
        fail(f"cannot run {command[0]}: {e.strerror}")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        pinned = command[0] == "taskset" and len(command) > 3
        name = " ".join(command[:3] + [os.path.basename(command[3])]) if pinned else os.path.basename(command[0])
        fail(f"{name} exited with {done.returncode}: {last}")
    return done.stdout


def number(pattern, text, program):
    """The number in group 1 of <pattern> in <text>, which <program> printed; its absence ends the script with one line."""
    found = re.search(pattern, text)
    if found is None:
        fail(f"{program} printed no {pattern!r}")
    return float(found.group(1))
