"""Side-by-side timing of `spikecore learn` against Brian2 (diehl_cook.py) on the same images: alternating runs, both
pinned to one CPU, the learning wall time per presentation of each and their ratio per pair, with the median
(../../README.md, "Speed against Brian2"). SpikeCore repeats weakly answered images (Brian2's script does not), so the
ratio is per presentation; per training image is printed too. Both sides exclude building the network and compiling
code: Brian2's main loop time excludes its C++ build and the synapses' creation, SpikeCore's learn_s starts after the
network is built, and the JIT's compile time within it (learn_compile_s, a one-time cost) is taken off.

    /usr/bin/python3 perf/brian2/diehl_cook_pairs.py digits8x8 100 1347 3
    /usr/bin/python3 perf/brian2/diehl_cook_pairs.py fashion-mnist 400 300 3 exponential_euler
    /usr/bin/python3 perf/brian2/diehl_cook_pairs.py digits8x8 100 1347 3 euler float32

Arguments: set, excitatory neurons, training images, pairs, optionally Brian2's integration method (euler by default;
Fashion-MNIST with 400 neurons needs exponential_euler, at which forward Euler diverges) and float32 (both engines'
state in single precision: `learn --precision float32` and Brian2's default_float_dtype). The CPU is the last one
unless SPIKECORE_CPU says otherwise.
"""
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(name, command):
    """The command's standard output; if it fails, its last line of error output (it names what is wrong) and exit 2."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
        print(f"diehl_cook_pairs.py: {name} failed: {lines[-1]}", file=sys.stderr)
        sys.exit(2)
    return done.stdout


def main():
    if len(sys.argv) not in (5, 6, 7) or not all(a.isdigit() for a in sys.argv[2:5]) or sys.argv[6:7] not in ([], ["float32"]):
        print("usage: diehl_cook_pairs.py digits8x8|fashion-mnist NEURONS IMAGES PAIRS [BRIAN2_METHOD [float32]]", file=sys.stderr)
        sys.exit(2)
    data, neurons, images, pairs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    method = sys.argv[5:6]
    float32 = sys.argv[6:7] == ["float32"]
    cpu = os.environ.get("SPIKECORE_CPU", str(os.cpu_count() - 1))
    pin = ["taskset", "-c", cpu]
    spikecore = [os.path.join(ROOT, "src/SpikeCore.Cli/bin/Release/net10.0/SpikeCore.Cli"), "learn", "--data", data,
                 "--neurons", neurons, "--train", images, "--test", "1", "--json", "--out", "/tmp/spikecore-learn-pairs"]
    brian2 = ["/usr/bin/python3", os.path.join(HERE, "diehl_cook.py"), data, neurons, images] + method
    if float32:
        spikecore += ["--precision", "float32"]
        brian2 += ["float32"]
    if not 1 <= pairs <= 100:
        print(f"diehl_cook_pairs.py: PAIRS must be 1-100; got {pairs}", file=sys.stderr)
        sys.exit(2)
    rows = []
    for k in range(pairs):
        out = run("Brian2 (diehl_cook.py)", pin + brian2)
        b = float(re.search(r"= ([0-9.]+) ms per image", out).group(1))
        d = json.loads(run("spikecore learn", pin + spikecore))
        per_presentation = 1000 * (d["learn_s"] - d["learn_compile_s"]) / d["presentations"]["learn"]
        rows.append((per_presentation, d["ms_per_sample"], b, b / per_presentation))
        print(f"pair {k + 1}: SpikeCore {per_presentation:.2f} ms per presentation ({d['ms_per_sample']:.2f} per image), "
              f"Brian2 {b:.2f} ms, ratio {b / per_presentation:.2f}", file=sys.stderr)
    ratios = [r for *_, r in rows]
    print(json.dumps({"data": data, "neurons": int(neurons), "images": int(images), "cpu": cpu, "brian2_method": (method or ["euler"])[0],
                      "precision": "float32" if float32 else "float64",
                      "spikecore_ms_per_presentation": [round(r[0], 3) for r in rows],
                      "spikecore_ms_per_image": [round(r[1], 3) for r in rows],
                      "brian2_ms_per_image": [round(r[2], 3) for r in rows],
                      "ratios": [round(r, 2) for r in ratios], "median_ratio": round(statistics.median(ratios), 2)}))


if __name__ == "__main__":
    main()
