"""Brian2 (C++ standalone, dt = 0.1 ms) reference runs of the CUBA, COBA and COBAHH benchmark networks, for side-by-side
timing against `spikecore bench` on the same machine (see ../../README.md). Needs Debian's python3-brian.

    /usr/bin/python3 perf/brian2/vogels_abbott.py cuba 10            # network (cuba, coba, cobahh), simulated seconds
    /usr/bin/python3 perf/brian2/vogels_abbott.py cuba 2 40000       # N neurons (80% excitatory), in-degree 80: p = 80/N
    /usr/bin/python3 perf/brian2/vogels_abbott.py cuba 2 40000 2     # on 2 OpenMP threads (default 0: no OpenMP)
"""
import math
import sys

from shared import fail

# The arguments are checked before Brian2's import, whose warnings would bury the line.
if not 3 <= len(sys.argv) <= 5:
    fail("usage: vogels_abbott.py cuba|coba|cobahh SECONDS [NEURONS [OPENMP_THREADS]]")
name, SECONDS, NEURONS, THREADS = sys.argv[1], sys.argv[2], (sys.argv[3:4] or ["4000"])[0], (sys.argv[4:5] or ["0"])[0]
if name not in ("cuba", "coba", "cobahh"):
    fail(f"the network must be cuba, coba or cobahh (got {name!r})")
try:
    seconds = float(SECONDS)
except ValueError:
    seconds = math.nan
if not 0 < seconds <= 1e4:
    fail(f"the simulated seconds must be a number in (0, 10000] (got {SECONDS!r})")
if not NEURONS.isdigit() or not 80 <= int(NEURONS) <= 10**7:
    fail(f"the neurons must be an integer in [80, 10000000] (got {NEURONS!r}: in-degree 80 needs p = 80/N <= 1)")
if not THREADS.isdigit() or int(THREADS) > 1024:
    fail(f"OpenMP threads must be an integer in [0, 1024] (got {THREADS!r})")

try:
    from brian2 import (NeuronGroup, SpikeMonitor, Synapses, cm, defaultclock, device, exp, exprel, msiemens, mV, ms, nS, prefs,
                        run, second, set_device, siemens, ufarad, umetre)
except ImportError:
    fail("Brian2 is not installed (Debian: apt-get install python3-brian)")

N = int(NEURONS)
threads = int(THREADS)
set_device('cpp_standalone', directory=f'/tmp/spikecore-brian2-{name}-{N}' + (f'-t{threads}' if threads else ''))
prefs.devices.cpp_standalone.openmp_threads = threads
defaultclock.dt = 0.1 * ms
if name == 'cuba':
    taum, taue, taui, Vt, Vr, El = 20 * ms, 5 * ms, 10 * ms, -50 * mV, -60 * mV, -49 * mV
    eqs = '''dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
             dge/dt = -ge / taue : volt
             dgi/dt = -gi / taui : volt'''
    P = NeuronGroup(N, eqs, threshold='v > Vt', reset='v = Vr', refractory=5 * ms, method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    we, wi = 1.62 * mV, -9 * mV
elif name == 'cobahh':  # Brian2's own COBAHH example (Brette et al. 2007 benchmark 3), exponential Euler
    area = 20000 * umetre ** 2
    Cm, gl = 1 * ufarad * cm ** -2 * area, 5e-5 * siemens * cm ** -2 * area
    El, EK, ENa, VT = -60 * mV, -90 * mV, 50 * mV, -63 * mV
    g_na, g_kd = 100 * msiemens * cm ** -2 * area, 30 * msiemens * cm ** -2 * area
    Ee, Ei, taue, taui = 0 * mV, -80 * mV, 5 * ms, 10 * ms
    eqs = '''dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK))/Cm : volt
             dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
             dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
             dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
             dge/dt = -ge / taue : siemens
             dgi/dt = -gi / taui : siemens'''
    P = NeuronGroup(N, eqs, threshold='v > -20*mV', refractory=3 * ms, method='exponential_euler')
    P.v = 'El + (randn() * 5 - 5)*mV'
    P.ge = '(randn() * 1.5 + 4) * 10*nS'
    P.gi = '(randn() * 12 + 20) * 10*nS'
    we, wi = 6 * nS, 67 * nS
else:  # coba
    area = 20000 * umetre ** 2
    Cm, gl = 1 * ufarad * cm ** -2 * area, 5e-5 * siemens * cm ** -2 * area
    El, Ee, Ei, taue, taui = -60 * mV, 0 * mV, -80 * mV, 5 * ms, 10 * ms
    eqs = '''dv/dt = (gl * (El - v) + ge * (Ee - v) + gi * (Ei - v)) / Cm : volt (unless refractory)
             dge/dt = -ge / taue : siemens
             dgi/dt = -gi / taui : siemens'''
    P = NeuronGroup(N, eqs, threshold='v > -50*mV', reset='v = -60*mV', refractory=5 * ms, method='euler')
    P.v = '-60*mV + rand() * 10*mV'
    P.ge = '(randn() * 1.5 + 4) * 10*nS'
    P.gi = '(randn() * 12 + 20) * 10*nS'
    we, wi = 6 * nS, 67 * nS
Ce = Synapses(P, P, on_pre='ge += we')
Ci = Synapses(P, P, on_pre='gi += wi')
Ce.connect('i < NE', p=80 / N, namespace={'NE': int(0.8 * N)})
Ci.connect('i >= NE', p=80 / N, namespace={'NE': int(0.8 * N)})
spikes = SpikeMonitor(P)
run(seconds * second)
loop = device._last_run_time  # wall time of the simulation loop only, as `spikecore bench` reports wall_s
print(f'{name}: {N} neurons, rate {spikes.num_spikes / N / seconds:.2f} Hz, main loop {loop:.3f} s for {seconds} s '
      f'= {loop / seconds:.3f} s per simulated second')
