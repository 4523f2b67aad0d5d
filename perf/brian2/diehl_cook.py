"""Brian2 (C++ standalone) reference of the Diehl & Cook 2015 network as `spikecore learn` runs it, for side-by-side
timing per presented image on the same machine (see ../../README.md). Needs Debian's python3-brian.

    /usr/bin/python3 perf/brian2/diehl_cook.py digits8x8 100 1347          # set, excitatory neurons, images
    /usr/bin/python3 perf/brian2/diehl_cook.py fashion-mnist 400 300 exponential_euler   # optional: Brian2's method
    /usr/bin/python3 perf/brian2/diehl_cook.py digits8x8 100 1347 euler float32          # optional: float32 state

The same network and learning as SpikeCore's DiehlCookNetwork with ideal synapses and the same parameters per set
(conductance LIF with adaptive thresholds, dt 0.5 ms, one inhibitory partner per neuron, nearest-trace STDP, one input
delay, the conductance scale k; for Fashion-MNIST the preset's 1.5 k, equal image intensity and 34 nS inhibition),
shown the set's first training images at the same rates: 350 ms of Poisson input then 150 ms of rest per image, each
neuron's input weights normalised before each image (a C++ function on Brian2's arrays). Data from $SPIKECORE_DATA or
../shared/data. Left out: repeating a weakly answered image (SpikeCore repeats fewer than 1% of the digits and about a
fifth of the Fashion images, so compare time per presentation). Prints the wall time of the compiled program's runs per
image (compilation excluded).
"""
import gzip
import os
import sys
import warnings

import numpy as np

warnings.filterwarnings('ignore', category=FutureWarning, module='pythran')  # Debian's pythran, imported by Brian2, on this NumPy
from brian2 import (Hz, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, TimedArray, check_units, defaultclock, device, implementation,
                    ms, mV, prefs, run, second, set_device)

if (len(sys.argv) not in (4, 5, 6) or sys.argv[1] not in ('digits8x8', 'fashion-mnist') or not all(a.isdigit() for a in sys.argv[2:4])
        or sys.argv[5:6] not in ([], ['float32'])):
    print('usage: diehl_cook.py digits8x8|fashion-mnist NEURONS IMAGES [euler|exponential_euler|...] [float32]', file=sys.stderr)
    sys.exit(2)
data, n, images = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# The paper's forward Euler by default; at Fashion-MNIST's drive with 400 neurons it diverges (the summed inhibition
# makes g dt / tau > 2), where exponential Euler, the class of SpikeCore's integrator, does not.
method = sys.argv[4] if len(sys.argv) > 4 else 'euler'
# float32: every state variable and synaptic weight in single precision (Brian2's default_float_dtype), to compare with
# `spikecore learn --precision float32` at the same precision.
float32 = sys.argv[5:6] == ['float32']
root = os.environ.get('SPIKECORE_DATA', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/data'))
path = os.path.join(root, 'digits8x8/digits.csv.gz' if data == 'digits8x8' else 'fashion-mnist/train-images-idx3-ubyte.gz')
try:
    if data == 'digits8x8':
        with gzip.open(path, 'rt') as f:
            all_images = np.array([[float(x) for x in line.split(',')[:64]] for line in f.read().split() if line[0].isdigit()]) / 16
        train = all_images[:1347]
    else:
        with gzip.open(path, 'rb') as f:
            train = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 784) / 255.0
except (OSError, EOFError, ValueError) as e:  # missing, truncated or malformed
    print(f'diehl_cook.py: cannot read {path}: {e}', file=sys.stderr)
    sys.exit(2)
if data == 'digits8x8':
    eta_pre, eta_post, theta_plus = 1e-5, 0.05, 0.1  # DiehlCookParameters.Digits8x8
    scale, equal_intensity, inhibition = 1.0, False, 17.0
else:
    eta_pre, eta_post, theta_plus = 1.5e-5, 0.01, 0.05  # DiehlCookParameters.FashionMnist
    scale, equal_intensity, inhibition = 1.5, True, 34.0
if not (1 <= n <= 10_000 and 1 <= images <= len(train)):
    print(f'diehl_cook.py: NEURONS must be 1-10000 and IMAGES 1-{len(train)} (the training images of {data}); got {n} and {images}',
          file=sys.stderr)
    sys.exit(2)
inputs = train.shape[1]
sums = train.sum(axis=1)
intensity = train[:images]
if equal_intensity:  # DiehlCookParameters.EqualIntensity: every image at the mean image's summed intensity
    intensity = intensity * (sums.mean() / np.maximum(sums[:images], 1e-300))[:, None]
k = 784 * 0.1307 * scale / sums.mean()  # DiehlCookExperiment.ConductanceScale, over the whole training set
set_device('cpp_standalone', directory=f'/tmp/spikecore-brian2-dc-{data}-{n}-{images}-{method}{"-float32" if float32 else ""}')
prefs.devices.cpp_standalone.openmp_threads = 0
if float32:
    prefs.core.default_float_dtype = np.float32
defaultclock.dt = 0.5 * ms

# Rates per 50 ms slot: 7 slots of an image at full-scale 63.75 Hz x intensity, 3 of rest.
slots = np.zeros((images * 10, inputs))
for s in range(images):
    slots[s * 10:s * 10 + 7] = intensity[s] * 63.75
stimulus = TimedArray(slots * Hz, dt=50 * ms)

inp = PoissonGroup(inputs, rates='stimulus(t, i)')
exc = NeuronGroup(n, '''dv/dt = ((-65*mV - v) + ge*(0*mV - v) + gi*(-100*mV - v)) / (100*ms) : volt (unless refractory)
                        dge/dt = -ge / (1*ms) : 1
                        dgi/dt = -gi / (2*ms) : 1
                        dtheta/dt = -theta / (1e7*ms) : volt''',
                  threshold='v > -52*mV + theta', reset='v = -65*mV; theta += theta_plus*mV', refractory=5 * ms, method=method)
inh = NeuronGroup(n, '''dv/dt = ((-60*mV - v) + ge*(0*mV - v) + gi*(-85*mV - v)) / (10*ms) : volt (unless refractory)
                        dge/dt = -ge / (1*ms) : 1
                        dgi/dt = -gi / (2*ms) : 1''',
                  threshold='v > -40*mV', reset='v = -45*mV', refractory=2 * ms, method=method)
exc.v, inh.v = -65 * mV, -60 * mV
stdp = Synapses(inp, exc, name='stdp', model='''w : 1
                             dpre/dt = -pre / (20*ms) : 1 (event-driven)
                             dpost1/dt = -post1 / (20*ms) : 1 (event-driven)
                             dpost2/dt = -post2 / (40*ms) : 1 (event-driven)''',
                on_pre='''ge_post += w * k
                          pre = 1.
                          w = clip(w - eta_pre * post1, 0, 1)''',
                on_post='''post2before = post2
                           w = clip(w + eta_post * pre * post2before, 0, 1)
                           post1 = 1.
                           post2 = 1.''', namespace={'k': k, 'eta_pre': eta_pre, 'eta_post': eta_post}, delay=0.5 * ms)
stdp.connect()
stdp.w = '(rand() + 0.01) * 0.3'
ei = Synapses(exc, inh, on_pre='ge_post += 10.4', delay=0.5 * ms)
ei.connect(j='i')
ie = Synapses(inh, exc, on_pre=f'gi_post += {inhibition}', delay=0.5 * ms)
ie.connect(condition='i != j')
spikes = SpikeMonitor(exc)
# Before each image, each neuron's input weights are scaled to sum to 78 x inputs/784 (as SpikeCore's Presenter does):
# a C++ function with a side effect on Brian2's own synapse arrays, called by a run_regularly every 500 ms.
@implementation('cpp', f"""
{'float' if float32 else 'double'} normalise_weights(double t) {{
    auto& w = brian::_dynamic_array_stdp_w;
    std::vector<int32_t>& post = brian::_dynamic_array_stdp__synaptic_post;
    std::vector<double> sums({n}, 0.0);
    for (size_t s = 0; s < w.size(); s++) sums[post[s]] += w[s];
    for (size_t s = 0; s < w.size(); s++)
        if (sums[post[s]] > 0) w[s] = std::min(w[s] * {78.0 * inputs / 784} / sums[post[s]], 1.0);
    return 0;
}}""")
@check_units(t=second, result=1)
def normalise_weights(t):
    raise NotImplementedError('C++ standalone only')


clock_group = NeuronGroup(1, 'unused : 1')
clock_group.run_regularly('unused = normalise_weights(t)', dt=500 * ms, when='start')
run(images * 500 * ms)
loop = device._last_run_time
print(f'diehl-cook: {data}, {method}{", float32" if float32 else ""}, {inputs} inputs, {n} neurons, {images} images, {spikes.num_spikes} excitatory spikes, '
      f'main loop {loop:.3f} s = {1000 * loop / images:.2f} ms per image')
