using SpikeCore.Checkpoints;
using SpikeCore.Random;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons.Memristive;

/// <summary>State of a <see cref="PcmNeuron"/> population: the crystalline fraction and a random stream per neuron.</summary>
/// <remarks>A crossing sets the neuron's emitter key to the arrival time, so it fires after every input at that time.</remarks>
internal sealed class PcmNeuronRuntime : PopulationRuntime
{
    private readonly PcmNeuron _p;
    private readonly double[] _c, _step, _firing;
    private readonly KeyedRandom[] _rng;

    public PcmNeuronRuntime(PcmNeuron p, PopulationLayout layout)
        : base(layout)
    {
        _p = p;
        _step = layout.ParameterValues("crystallisation_step", p.CrystallisationStep);
        _firing = layout.ParameterValues("firing_fraction", p.FiringFraction);
        _rng = new KeyedRandom[Count];
        _c = new double[Count];
        for (int j = 0; j < Count; j++)
        {
            _rng[j] = KeyedRandom.Create(layout.Seed, StreamPurpose.PcmNeuronNoise(layout.Info.Index), (ulong)(layout.Offset + j));
            _c[j] = layout.Initial[0]?[j] ?? ResetValue(j);
        }
    }

    private double ResetValue(int j) =>
        Math.Clamp(_p.ResetFraction + (_p.ResetNoise * _rng[j].NextNormal()), 0, Math.BitDecrement(_firing[j]));

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        for (int k = 0; k < targets.Length; k++)
        {
            int j = targets[k];
            bool below = _c[j] < _firing[j];
            _c[j] += Math.Max(0, _step[j] * weights[k] * (1 + (_p.StepNoise * _rng[j].NextNormal())));
            if (below && _c[j] >= _firing[j])
            {
                Core.SetEmitterTime(FirstId + j, timeMs);
            }
        }
    }

    public override void OnEmitterDue(int local, double timeMs)
    {
        Core.Spike(FirstId + local, timeMs);
        _c[local] = ResetValue(local);
        Core.SetEmitterTime(FirstId + local, double.PositiveInfinity);
    }

    public override void Checkpoint(StateArchive a)
    {
        a.Values(_c.AsSpan());
        a.Values(_rng.AsSpan());
    }

    public override int FirstNonFiniteNeuron() => Array.FindIndex(_c, c => !double.IsFinite(c));

    public override double Sample(int local, int variable, double timeMs) => _c[local];
}
