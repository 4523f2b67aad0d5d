"""Side-by-side timing of `spikecore bench` against Brian2 (vogels_abbott.py): alternating runs, both pinned to one CPU,
the ratio of each pair and their median (../../README.md, "Performance").

    /usr/bin/python3 perf/brian2/pairs.py cuba 10 5                     # network, simulated seconds, pairs
    /usr/bin/python3 perf/brian2/pairs.py coba 10 5 --precision float32 # extra arguments go to spikecore bench
    /usr/bin/python3 perf/brian2/pairs.py cuba 2 3 --neurons 40000      # --neurons N is passed to both

Both sides' times exclude compiling code: Brian2's main loop excludes its C++ build, and SpikeCore's wall_s less
compile_s (the JIT's compile time inside the run, a one-time cost) is what is compared.

Pinning (taskset, the last CPU unless SPIKECORE_CPU says otherwise) matters on small virtual machines: their CPUs can
differ by 1.5x in speed (this project's two do), and an unpinned run lands on either, so unpinned pairs scatter.
"""
import json
import os
import statistics
import sys

from shared import fail, number, run

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def arguments():
    """network, simulated seconds, pairs and the arguments for spikecore bench, checked: a bad one ends the script with one line."""
    if len(sys.argv) < 4:
        fail("usage: pairs.py cuba|coba|cobahh SECONDS PAIRS [spikecore bench arguments]")
    network, extra = sys.argv[1], sys.argv[4:]
    if network not in ("cuba", "coba", "cobahh"):
        fail(f"the network must be cuba, coba or cobahh (got {network!r})")
    try:
        seconds = float(sys.argv[2])
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds <= 1e4:
        fail(f"the simulated seconds must be a number in (0, 10000] (got {sys.argv[2]!r})")
    if not sys.argv[3].isdigit() or not 1 <= int(sys.argv[3]) <= 1000:
        fail(f"the pairs must be an integer in [1, 1000] (got {sys.argv[3]!r})")
    neurons = None
    if "--neurons" in extra:
        at = extra.index("--neurons") + 1
        neurons = extra[at] if at < len(extra) else ""
        if not neurons.isdigit() or not 80 <= int(neurons) <= 10**7:
            fail(f"--neurons must be an integer in [80, 10000000], as vogels_abbott.py takes (got {neurons!r})")
    return network, seconds, int(sys.argv[3]), extra, neurons


def main():
    network, seconds, pairs, extra, neurons = arguments()
    cpu = os.environ.get("SPIKECORE_CPU", str(os.cpu_count() - 1))
    pin = ["taskset", "-c", cpu]
    spikecore = [os.path.join(ROOT, "src/SpikeCore.Cli/bin/Release/net10.0/SpikeCore.Cli"), "bench", network,
                 "--duration-ms", str(seconds * 1000), "--json"] + extra
    brian2 = ["/usr/bin/python3", os.path.join(HERE, "vogels_abbott.py"), network, str(seconds)] + ([neurons] if neurons else [])
    rows = []
    for k in range(pairs):
        b = number(r"main loop ([0-9.]+) s", run(pin + brian2), "vogels_abbott.py")
        d = json.loads(run(pin + spikecore))
        s = d["wall_s"] - d["compile_s"]
        rows.append((s, b, b / s))
        print(f"pair {k + 1}: SpikeCore {s:.3f} s, Brian2 {b:.3f} s, ratio {b / s:.2f}", file=sys.stderr)
    ratios = [r for _, _, r in rows]
    print(json.dumps({"network": network, "seconds": seconds, "cpu": cpu, "spikecore_args": extra,
                      "spikecore_s": [round(s, 3) for s, _, _ in rows], "brian2_s": [round(b, 3) for _, b, _ in rows],
                      "ratios": [round(r, 2) for r in ratios], "median_ratio": round(statistics.median(ratios), 2)}))


if __name__ == "__main__":
    main()
