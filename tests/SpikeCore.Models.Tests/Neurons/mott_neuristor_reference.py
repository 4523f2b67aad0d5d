"""Independent reference for MottNeuristorTests: the Mott neuristor equations of MottNeuristor.cs (MOTT.md's circuit,
thermal threshold switches with hysteresis) integrated by plain forward Euler with a 0.001 ms step, 5x smaller than the
engine's. Prints the steady inter-spike intervals of the three presets at 0.03 mA.

    /usr/bin/python3 tests/SpikeCore.Models.Tests/Neurons/mott_neuristor_reference.py
"""


def simulate(c1, c2, current, end_ms=400.0, dt=0.001, r_ins=50.0, r_met=0.5, p_c=0.02, e_u=4e-4, v_dc1=-0.9, v_dc2=0.9,
             r_l=8.0, r_out=50.0):
    v1 = v2 = u1 = u2 = 0.0
    spikes = []
    for k in range(int(end_ms / dt)):
        g1 = u1 / r_met + (1 - u1) / r_ins
        g2 = u2 / r_met + (1 - u2) / r_ins
        d1, d2, link = v1 - v_dc1, v2 - v_dc2, (v1 - v2) / r_l
        dv1 = (current - d1 * g1 - link) / c1
        dv2 = (link - d2 * g2 - v2 / r_out) / c2
        du1 = (d1 * d1 * g1 - p_c) / e_u
        du2 = (d2 * d2 * g2 - p_c) / e_u
        v1 += dt * dv1
        v2 += dt * dv2
        new_u1 = min(1.0, max(0.0, u1 + dt * du1))
        u2 = min(1.0, max(0.0, u2 + dt * du2))
        if u1 < 0.5 <= new_u1:
            spikes.append(k * dt + dt * (0.5 - u1) / (new_u1 - u1))
        u1 = new_u1
    return spikes


for name, c1, c2 in [('regular spiking', 1, 3), ('chattering', 1, 0.9), ('fast spiking', 0.3, 1)]:
    s = simulate(c1, c2, 0.03)
    isi = [round(b - a, 2) for a, b in zip(s, s[1:])][3:12]
    print(f'{name}: {isi}')
