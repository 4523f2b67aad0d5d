using System.Runtime.InteropServices;
using SpikeCore.Checkpoints;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons.Memristive;

/// <summary>State of a <see cref="MottNeuristor"/> population: two node voltages and two metallic fractions per neuron.</summary>
internal sealed class MottNeuristorRuntime : ClockedRuntime
{
    private readonly MottNeuristor _p;
    private readonly double[] _v1, _v2, _u1, _u2, _c1, _c2;
    private readonly List<(int Neuron, double TimeMs, double Weight)> _inputs = [];
    private readonly double _gIns, _gMet, _gL, _gOut;
    private double _current;

    public MottNeuristorRuntime(MottNeuristor p, PopulationLayout layout)
        : base(layout, p.StepMs)
    {
        _p = p;
        int n = Count;
        _v1 = layout.Initial[0]?.ToArray() ?? new double[n];
        _v2 = layout.Initial[1]?.ToArray() ?? new double[n];
        _u1 = layout.Initial[2]?.Select(u => Math.Clamp(u, 0, 1)).ToArray() ?? new double[n];
        _u2 = layout.Initial[3]?.Select(u => Math.Clamp(u, 0, 1)).ToArray() ?? new double[n];
        _c1 = layout.ParameterValues("channel1_capacitance_uf", p.Channel1CapacitanceUf);
        _c2 = layout.ParameterValues("channel2_capacitance_uf", p.Channel2CapacitanceUf);
        _gIns = 1 / p.InsulatingResistanceKohm;
        _gMet = 1 / p.MetallicResistanceKohm;
        _gL = 1 / p.CouplingResistanceKohm;
        _gOut = 1 / p.OutputResistanceKohm;
    }

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        for (int k = 0; k < targets.Length; k++)
        {
            _inputs.Add((targets[k], timeMs, weights[k]));
        }
    }

    /// <remarks>The current is constant over whole steps: a change inside a step acts from the next one.</remarks>
    public override void SetCurrent(double amplitude, double timeMs) => _current = amplitude;

    protected override void Integrate(double tn, double tn1)
    {
        _inputs.Sort((a, b) => a.Neuron != b.Neuron ? a.Neuron.CompareTo(b.Neuron) : a.TimeMs.CompareTo(b.TimeMs));
        ReadOnlySpan<(int Neuron, double TimeMs, double Weight)> inputs = CollectionsMarshal.AsSpan(_inputs);
        int next = 0;
        for (int j = 0; j < Count; j++)
        {
            double t = tn;
            while (next < inputs.Length && inputs[next].Neuron == j)
            {
                Advance(j, t, inputs[next].TimeMs);
                t = inputs[next].TimeMs;
                _v1[j] += inputs[next].Weight;
                next++;
            }

            Advance(j, t, tn1);
        }

        _inputs.Clear();
    }

    /// <summary>One forward-Euler step of neuron <paramref name="j"/> from <paramref name="fromMs"/> to <paramref name="toMs"/>.</summary>
    private void Advance(int j, double fromMs, double toMs)
    {
        double h = toMs - fromMs;
        if (h <= 0)
        {
            return;
        }

        double v1 = _v1[j], v2 = _v2[j], u1 = _u1[j], u2 = _u2[j];
        double g1 = (u1 * _gMet) + ((1 - u1) * _gIns), g2 = (u2 * _gMet) + ((1 - u2) * _gIns);
        double d1 = v1 - _p.Channel1BiasV, d2 = v2 - _p.Channel2BiasV, link = (v1 - v2) * _gL;
        double dv1 = (_current - (d1 * g1) - link) / _c1[j];
        double dv2 = (link - (d2 * g2) - (v2 * _gOut)) / _c2[j];
        double du1 = ((d1 * d1 * g1) - _p.SwitchingPowerMw) / _p.SwitchingEnergyUj;
        double du2 = ((d2 * d2 * g2) - _p.SwitchingPowerMw) / _p.SwitchingEnergyUj;
        _v1[j] = v1 + (h * dv1);
        _v2[j] = v2 + (h * dv2);
        double u1New = Math.Clamp(u1 + (h * du1), 0, 1);
        _u1[j] = u1New;
        _u2[j] = Math.Clamp(u2 + (h * du2), 0, 1);
        if (u1 < 0.5 && u1New >= 0.5)
        {
            ReportSpike(j, fromMs + (h * (0.5 - u1) / (u1New - u1)));
        }
    }

    protected override void CheckpointState(StateArchive a)
    {
        a.Arrays(_v1, _v2, _u1, _u2);

        a.Values(_inputs);
        a.Value(ref _current);
    }

    public override int FirstNonFiniteNeuron()
    {
        for (int j = 0; j < Count; j++)
        {
            if (!double.IsFinite(_v1[j] + _v2[j] + _u1[j] + _u2[j]))
            {
                return j;
            }
        }

        return -1;
    }

    /// <remarks>Between ticks the state of the last tick is returned (sample on multiples of the step).</remarks>
    public override double Sample(int local, int variable, double timeMs) => variable switch
    {
        0 => _v1[local],
        1 => _v2[local],
        2 => _u1[local],
        _ => _u2[local],
    };
}
