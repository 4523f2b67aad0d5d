"""Spike-time accuracy of the COBA neuron at a 0.1 ms step: SpikeCore (float64 and float32) and Brian2's Euler, each
against a fine-step reference (Brian2, RK4 at 1 us), over 100 ms (../../README.md, "Performance"). Needs Debian's
python3-brian and a built SpikeCore CLI.

    /usr/bin/python3 perf/brian2/coba_accuracy.py [spikecore command]    # default: the Release build of src/SpikeCore.Cli

300 independent COBA neurons (C = 200 pF, g_L = 10 nS, E_L = -60 mV, threshold -50, reset -60, refractory 5 ms,
E_e = 0, E_i = -80 mV, tau_e = 5, tau_i = 10 ms) each receive their own Poisson trains: excitatory 1280 Hz x 6 nS and
inhibitory 320 Hz x 67 nS (what a COBA neuron receives from its 64 + 16 presynaptic partners at 20 Hz), on the 0.1 ms
grid, through 0.1 ms delays. The neurons do not interact, so the comparison is not blurred by chaos. Spikes are matched
per neuron in order; a neuron whose spike count differs from the reference's is counted, and its spikes are left out.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from brian2 import (NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, Synapses, defaultclock, mV, ms, nS, pF, prefs, run,
                    start_scope)

N, T_MS, STEP_MS = 300, 100.0, 0.1
RATE_E_HZ, RATE_I_HZ, W_E_NS, W_I_NS = 1280.0, 320.0, 6.0, 67.0
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
prefs.codegen.target = 'numpy'


def inputs(rate_hz, seed):
    """Per neuron, sorted spike times on the 0.1 ms grid (a Bernoulli draw per step, at most one spike per step)."""
    rng = np.random.default_rng(seed)
    steps = int(round(T_MS / STEP_MS))
    p = rate_hz * STEP_MS / 1000.0
    return [list(np.round(np.nonzero(rng.random(steps) < p)[0] * STEP_MS, 10)) for _ in range(N)]


EXC, INH = inputs(RATE_E_HZ, 1), inputs(RATE_I_HZ, 2)


def brian2(method, dt_ms):
    start_scope()
    defaultclock.dt = dt_ms * ms
    eqs = '''dv/dt = (10*nS * (-60*mV - v) + ge * (0*mV - v) + gi * (-80*mV - v)) / (200*pF) : volt (unless refractory)
             dge/dt = -ge / (5*ms) : siemens
             dgi/dt = -gi / (10*ms) : siemens'''
    group = NeuronGroup(N, eqs, threshold='v > -50*mV', reset='v = -60*mV', refractory=5 * ms, method=method)
    group.v = -60 * mV
    monitor = SpikeMonitor(group)
    objects = [group, monitor]
    for trains, target, weight in ((EXC, 'ge', W_E_NS), (INH, 'gi', W_I_NS)):
        idx = [k for k, times in enumerate(trains) for _ in times]
        times = [t for train in trains for t in train]
        source = SpikeGeneratorGroup(N, idx, np.array(times) * ms)
        syn = Synapses(source, group, on_pre=f'{target} += {weight}*nS', delay=STEP_MS * ms)
        syn.connect(j='i')
        objects += [source, syn]
    from brian2 import Network
    net = Network(*objects)
    net.run(T_MS * ms)
    trains = monitor.spike_trains()
    # Brian2 stamps a spike with the start of the step in which V crossed: the crossing lies in (t, t + dt].
    return [list(trains[k] / ms) for k in range(N)]


def spikecore(command, precision):
    neuron = {"rest_mv": -60, "threshold_mv": -50, "reset_mv": -60, "refractory_ms": 5, "capacitance_pf": 200,
              "leak_conductance_ns": 10, "excitatory_reversal_mv": 0, "inhibitory_reversal_mv": -80,
              "excitatory_tau_ms": 5, "inhibitory_tau_ms": 10, "step_ms": STEP_MS, "precision": precision}
    network = {
        "format": "spikecore-network", "version": 1, "seed": 1, "delay_resolution_ms": STEP_MS,
        "populations": [
            {"name": "n", "size": N, "model": "lif_cond_exp", "parameters": neuron},
            {"name": "exc", "size": N, "model": "spike_times", "parameters": {"times_ms": EXC}},
            {"name": "inh", "size": N, "model": "spike_times", "parameters": {"times_ms": INH}},
        ],
        "projections": [
            {"from": "exc", "to": "n", "rule": {"type": "one_to_one"}, "weight": W_E_NS, "delay_ms": STEP_MS, "receptor": "excitatory"},
            {"from": "inh", "to": "n", "rule": {"type": "one_to_one"}, "weight": W_I_NS, "delay_ms": STEP_MS, "receptor": "inhibitory"},
        ],
        "currents": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "net.json")
        with open(path, "w") as f:
            json.dump(network, f)
        subprocess.run(command + ["run", path, "--duration-ms", str(T_MS), "--out", folder, "--trace-neurons", "0"],
                       check=True, stdout=subprocess.DEVNULL)
        trains = [[] for _ in range(N)]
        with open(os.path.join(folder, "spikes.csv")) as f:
            for row in csv.DictReader(f):
                if row["population"] == "n":
                    trains[int(row["neuron"])].append(float(row["time_ms"]))
        return trains


def compare(name, trains, reference):
    errors, differing = [], 0
    for got, want in zip(trains, reference):
        if len(got) != len(want):
            differing += 1
            continue
        errors += [abs(a - b) for a, b in zip(got, want)]
    errors = np.array(errors)
    return {"method": name, "spikes": int(sum(len(t) for t in trains)), "neurons_with_other_counts": differing,
            "mean_abs_error_ms": float(errors.mean()), "median_abs_error_ms": float(np.median(errors)),
            "max_abs_error_ms": float(errors.max())}


def main():
    command = sys.argv[1:] or [os.path.join(ROOT, "src/SpikeCore.Cli/bin/Release/net10.0/SpikeCore.Cli")]
    fine_ms = 0.001
    reference = [[t + fine_ms / 2 for t in train] for train in brian2('rk4', fine_ms)]  # midpoint of the crossing step
    rows = [compare("SpikeCore float64, h = 0.1 ms", spikecore(command, "float64"), reference),
            compare("SpikeCore float32, h = 0.1 ms", spikecore(command, "float32"), reference),
            compare("Brian2 euler, dt = 0.1 ms", brian2('euler', STEP_MS), reference),
            compare("Brian2 euler, dt = 0.01 ms", brian2('euler', 0.01), reference)]
    print(json.dumps({"reference": "Brian2 rk4, dt = 1 us (+/- 0.5 us)", "reference_spikes": sum(len(t) for t in reference),
                      "neurons": N, "duration_ms": T_MS, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
