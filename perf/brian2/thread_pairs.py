"""Two threads against one, for SpikeCore and for Brian2's OpenMP, alternating in one run (../../README.md,
"Performance"): CUBA at 40,000 neurons (in-degree 80), 2 simulated seconds unless told otherwise.

    /usr/bin/python3 perf/brian2/thread_pairs.py 5                 # rounds
    /usr/bin/python3 perf/brian2/thread_pairs.py 5 --neurons 4000 --seconds 10 --no-brian2

Each round runs, one after the other: SpikeCore on one thread and on two (both unpinned, as a user runs them), then one
thread pinned to each CPU (taskset), then those two at once, then two half-size networks at once, then Brian2 without
OpenMP and on two OpenMP threads (unpinned), and, where gcc is installed, ../tools/cross_core_latency.c: a cache line's
round trip between CPUs 0 and 1, which each window's exchange waits on (on this project's virtual machine 150 ns in
some hours and 580 ns in others). The pinned runs tell which CPU was faster in that round: on small virtual machines
the CPUs can differ by 1.5x in speed, an unpinned single thread lands on either, and two equal partitions wait for the
slower one. Per round it prints the two-thread speed-up against the unpinned thread and against the faster pinned one,
and four bounds for two threads:
- equal halves: half the slower CPU's time (nothing lost to partitioning);
- in proportion: the time if each CPU ran work in proportion to its speed;
- both at once: half the slower of two one-thread runs made at the same time, one pinned to each CPU. On a virtual
  machine whose two CPUs share a host core or its caches, each runs slower while the other is busy, whatever the
  program; the one-thread time over this bound is the machine's own ceiling;
- halves at once: the slower of two runs of half the network made at the same time, one pinned to each CPU. The copies
  above hold twice the memory two threads do; these hold the same. It is the work of two equal partitions with nothing
  exchanged or waited for, and the one-thread time over it is the ceiling for equal partitions.
Then the medians, and one JSON line. One more SpikeCore run per round, on two threads with `--profile`, gives each
thread's waits at the windows' ends (the thread that waits least is the one the other waits for).

SpikeCore's times are wall_s less compile_s; Brian2's are its main loop (its C++ build excluded).
"""
import argparse
import concurrent.futures
import json
import os
import statistics
import subprocess
import sys

from shared import fail, number, run

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def spikecore(args, threads, cpu=None, profile=False, neurons=None):
    command = ([] if cpu is None else ["taskset", "-c", str(cpu)]) + [
        os.path.join(ROOT, "src/SpikeCore.Cli/bin/Release/net10.0/SpikeCore.Cli"), "bench", "cuba", "--neurons",
        str(neurons or args.neurons), "--duration-ms", str(args.seconds * 1000), "--threads", str(threads), "--json"]
    d = json.loads(run(command + (["--profile"] if profile else [])))
    return (d["profile"]["waiting_by_thread_s"] if profile else d["wall_s"] - d["compile_s"]), d["spike_hash"]


def together(args, neurons=None):
    """
    Two one-thread runs at once, pinned to CPUs 0 and 1: each CPU's speed while the other is busy too. With
    `neurons` = half the network ("halves at once"): the work of two equal partitions with nothing exchanged and nothing
    waited for, on the memory two threads share (two whole-network copies hold twice that); the slower one is the time
    two threads would take if partitioning cost nothing.
    """
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        runs = [pool.submit(spikecore, args, 1, cpu, neurons=neurons) for cpu in (0, 1)]
        return [r.result()[0] for r in runs]


def brian2(args, threads):
    command = ["/usr/bin/python3", os.path.join(HERE, "vogels_abbott.py"), "cuba", str(args.seconds), str(args.neurons),
               str(threads)]
    return number(r"main loop ([0-9.]+) s", run(command), "vogels_abbott.py")


def latency_program():
    """Compiles ../tools/cross_core_latency.c once; None without gcc."""
    binary = "/tmp/spikecore-cross-core-latency"
    source = os.path.join(ROOT, "perf/tools/cross_core_latency.c")
    try:
        subprocess.run(["gcc", "-O2", "-pthread", source, "-o", binary], check=True, capture_output=True)
        return binary
    except (OSError, subprocess.CalledProcessError):
        return None


def round_trip_ns(binary):
    return number(r"round trip ([0-9.]+) ns", run([binary]), "cross_core_latency")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rounds", type=int)
    parser.add_argument("--neurons", type=int, default=40000)
    parser.add_argument("--seconds", type=float, default=2)
    parser.add_argument("--no-brian2", action="store_true", help="SpikeCore only")
    args = parser.parse_args()
    if not 1 <= args.rounds <= 1000:
        fail(f"rounds must be in [1, 1000] (got {args.rounds})")
    most = 100_000_000 if args.no_brian2 else 10_000_000  # vogels_abbott.py's limit
    if not 80 <= args.neurons <= most:
        fail(f"--neurons must be in [80, {most}]{'' if args.no_brian2 else ' with Brian2'} (got {args.neurons})")
    if not 0 < args.seconds <= 1e6:
        fail(f"--seconds must be in (0, 1000000] (got {args.seconds})")
    if (os.cpu_count() or 1) < 2:
        fail("two threads against one needs at least two CPUs")
    latency = latency_program()
    rows = []
    for k in range(args.rounds):
        trip = None if latency is None else round_trip_ns(latency)
        one, hash1 = spikecore(args, 1)
        two, hash2 = spikecore(args, 2)
        if hash1 != hash2:
            sys.exit(f"round {k + 1}: two threads gave spike hash {hash2}, one thread {hash1}")
        cpu0, _ = spikecore(args, 1, cpu=0)
        cpu1, _ = spikecore(args, 1, cpu=1)
        both0, both1 = together(args)
        half0, half1 = together(args, neurons=max(80, args.neurons // 2))
        waits, _ = spikecore(args, 2, profile=True)
        b1, b2 = (None, None) if args.no_brian2 else (brian2(args, 0), brian2(args, 2))
        row = {"round_trip_ns": trip, "one": one, "two": two, "cpu0": cpu0, "cpu1": cpu1, "together_cpu0": both0,
               "together_cpu1": both1, "brian2_one": b1, "brian2_two": b2, "equal_halves_bound": max(cpu0, cpu1) / 2,
               "proportional_bound": 1 / (1 / cpu0 + 1 / cpu1), "together_bound": max(both0, both1) / 2,
               "halves_cpu0": half0, "halves_cpu1": half1, "halves_bound": max(half0, half1),
               "waits_thread0": waits[0], "waits_thread1": waits[1]}
        rows.append(row)
        brian = "" if b1 is None else f"; Brian2 {b1:.3f} / {b2:.3f} s, {b1 / b2:.2f}x"
        brian += "" if trip is None else f"; cross-core round trip {trip:.0f} ns"
        print(f"round {k + 1}: SpikeCore {one:.3f} / {two:.3f} s, {one / two:.2f}x; pinned CPU 0 {cpu0:.3f}, CPU 1 "
              f"{cpu1:.3f} s: {min(cpu0, cpu1) / two:.2f}x the faster; both at once {both0:.3f}, {both1:.3f} s: "
              f"ceiling {one / row['together_bound']:.2f}x; bounds {row['equal_halves_bound']:.3f} (equal halves), "
              f"{row['proportional_bound']:.3f} (in proportion), {row['together_bound']:.3f} s (both at once); halves at once "
              f"{half0:.3f}, {half1:.3f} s: ceiling {one / row['halves_bound']:.2f}x; a profiled "
              f"two-thread run's waits by thread {waits[0]:.3f}, {waits[1]:.3f} s{brian}",
              file=sys.stderr)

    def median(f):
        return round(statistics.median(f(r) for r in rows), 2)

    summary = {"neurons": args.neurons, "seconds": args.seconds, "spike_hash": hash1,
               "rounds": [{key: None if v is None else round(v, 3) for key, v in r.items()} for r in rows],
               "median_two_threads_speedup": median(lambda r: r["one"] / r["two"]),
               "median_against_faster_pinned": median(lambda r: min(r["cpu0"], r["cpu1"]) / r["two"]),
               "median_ceiling_both_at_once": median(lambda r: r["one"] / r["together_bound"]),
               "median_ceiling_halves_at_once": median(lambda r: r["one"] / r["halves_bound"])}
    if not args.no_brian2:
        summary["median_brian2_openmp_speedup"] = median(lambda r: r["brian2_one"] / r["brian2_two"])
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
