using SpikeCore.Models.Devices;
using SpikeCore.Random;
using SpikeCore.Running;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// State of one STDP projection: presynaptic traces per block (all synapses of a block share their source's arrivals),
/// postsynaptic traces per target neuron, and the index of every target neuron's incoming synapses.
/// </summary>
/// <remarks>
/// Traces are stored about a reference time T: a trace of value v at time t is kept as v·e^((t − T)/τ), so reading any
/// trace at time t is one multiply by e^(−(t − T)/τ), computed once per event rather than once per synapse. T moves
/// forward (every stored trace rescaled) when t − T exceeds 60 of the shortest τ, long before the factors overflow a
/// float (e^60 ≈ 1e26); post traces are floats (read at random on every arrival), pre traces doubles.
/// Memory per synapse: the weight (the simulation's copy) and one incoming-index entry (synapse, block).
/// </remarks>
internal sealed class StdpRuntime<TRule> : SynapseRuntime
    where TRule : struct, IStdpRule
{
    private readonly TRule _rule;
    private readonly int[] _localBlock;
    private readonly double[] _pre1, _pre2;

    /// <summary>Post traces as floats: read at random by every arrival, so half the bytes to fetch.</summary>
    private readonly float[] _post1, _post2;
    private readonly int[] _incomingStart, _incomingSynapse, _incomingBlock;
    private readonly bool _nearest;
    private readonly double _rebaseAfterMs;

    /// <summary>The device behind each weight (null: ideal weights), weight per µS, and the weights before a rule's update.</summary>
    private readonly ConductanceDevice? _device;
    private readonly double _weightPerUs;
    private readonly float[] _before;
    private double _referenceMs;

    public StdpRuntime(TRule rule, SynapseLayout layout, ConductanceDevice? device, double maxWeight)
        : base(layout)
    {
        _rule = rule;
        _device = device;
        _weightPerUs = device is null ? 1 : maxWeight / device.MaxConductanceUs;
        _before = device is null ? [] : new float[layout.Blocks.Select(b => Table.BlockSynapseStart[b + 1] - Table.BlockSynapseStart[b]).DefaultIfEmpty(0).Max()];
        _nearest = rule.Pairing == StdpPairing.Nearest;
        _rebaseAfterMs = 60 * Math.Min(Math.Min(rule.TauPre1Ms, rule.TauPre2Ms), Math.Min(rule.TauPost1Ms, rule.TauPost2Ms));
        int[] blocks = layout.Blocks;
        int targets = layout.Target.Count;
        _localBlock = new int[Table.BlockCount];
        _pre1 = new double[blocks.Length];
        _pre2 = new double[rule.UsesSecondTraces ? blocks.Length : 0];
        _post1 = new float[targets];
        _post2 = new float[rule.UsesSecondTraces ? targets : 0];

        // Incoming index: a counting sort of the projection's synapses by target neuron.
        _incomingStart = new int[targets + 1];
        for (int k = 0; k < blocks.Length; k++)
        {
            _localBlock[blocks[k]] = k;
            for (int i = Table.BlockSynapseStart[blocks[k]]; i < Table.BlockSynapseStart[blocks[k] + 1]; i++)
            {
                _incomingStart[Table.Target[i] + 1]++;
            }
        }

        for (int j = 0; j < targets; j++)
        {
            _incomingStart[j + 1] += _incomingStart[j];
        }

        _incomingSynapse = new int[_incomingStart[targets]];
        _incomingBlock = new int[_incomingSynapse.Length];
        int[] fill = _incomingStart[..^1].ToArray();
        for (int k = 0; k < blocks.Length; k++)
        {
            for (int i = Table.BlockSynapseStart[blocks[k]]; i < Table.BlockSynapseStart[blocks[k] + 1]; i++)
            {
                int at = fill[Table.Target[i]]++;
                _incomingSynapse[at] = i;
                _incomingBlock[at] = k;
            }
        }

        foreach (int b in blocks)
        {
            for (int i = Table.BlockSynapseStart[b]; i < Table.BlockSynapseStart[b + 1]; i++)
            {
                Weights[i] = device is null
                    ? Math.Max(Weights[i], 0)
                    : (float)(Math.Clamp(Weights[i] / _weightPerUs, device.MinConductanceUs, device.MaxConductanceUs) * _weightPerUs);
            }
        }
    }

    public override bool LearnsFromPostSpikes => true;

    public override void Deliver(double timeMs, int block, int start, int count, int receptor)
    {
        Rebase(timeMs);
        int lb = _localBlock[block];
        double since = timeMs - _referenceMs;
        double readPost1 = Math.Exp(-since / _rule.TauPost1Ms);
        double pre2Before = _rule.UsesSecondTraces ? _pre2[lb] * Math.Exp(-since / _rule.TauPre2Ms) : 0;
        Span<float> w = Weights.AsSpan(start, count);
        ReadOnlySpan<int> targets = Table.Target.AsSpan(start, count);
        if (_device is null)
        {
            _rule.Depress(w, targets, _post1, readPost1, pre2Before);
        }
        else
        {
            Span<float> before = _before.AsSpan(0, w.Length);
            w.CopyTo(before);
            _rule.Depress(w, targets, _post1, readPost1, pre2Before);
            for (int k = 0; k < w.Length; k++)
            {
                w[k] = Program(start + k, before[k], w[k], timeMs);
            }
        }

        Target.Deliver(timeMs, targets, w, receptor);
        Bump(_pre1, lb, Math.Exp(since / _rule.TauPre1Ms));
        if (_rule.UsesSecondTraces)
        {
            Bump(_pre2, lb, Math.Exp(since / _rule.TauPre2Ms));
        }
    }

    public override void OnPostSpike(int local, double timeMs)
    {
        Rebase(timeMs);
        double since = timeMs - _referenceMs;
        double readPre1 = Math.Exp(-since / _rule.TauPre1Ms);
        double post2Before = _rule.UsesSecondTraces ? _post2[local] * Math.Exp(-since / _rule.TauPost2Ms) : 0;
        float[] weights = Weights;
        for (int m = _incomingStart[local]; m < _incomingStart[local + 1]; m++)
        {
            int i = _incomingSynapse[m];
            float ideal = _rule.Potentiate(weights[i], _pre1[_incomingBlock[m]] * readPre1, post2Before);
            weights[i] = _device is null ? ideal : Program(i, weights[i], ideal, timeMs);
        }

        Bump(_post1, local, Math.Exp(since / _rule.TauPost1Ms));
        if (_rule.UsesSecondTraces)
        {
            Bump(_post2, local, Math.Exp(since / _rule.TauPost2Ms));
        }
    }

    public override int FirstNonFiniteSynapse()
    {
        foreach (int b in Layout.Blocks)
        {
            for (int i = Table.BlockSynapseStart[b]; i < Table.BlockSynapseStart[b + 1]; i++)
            {
                if (!float.IsFinite(Weights[i]))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// Programs synapse <paramref name="i"/>'s device from <paramref name="weight"/> towards <paramref name="ideal"/>; the
    /// noise stream is keyed by (synapse, time, direction), so results do not depend on the order of events.
    /// </summary>
    private float Program(int i, float weight, float ideal, double timeMs)
    {
        if (ideal == weight)
        {
            return weight;
        }

        ulong key = ((ulong)i * 0x9E3779B97F4A7C15UL) ^ BitConverter.DoubleToUInt64Bits(timeMs) ^ (ideal > weight ? 1UL : 0UL);
        var rng = KeyedRandom.Create(Layout.Seed, DevicePurpose + (ulong)Layout.Projection, key);
        double spread = _device!.Spread(Layout.Seed, ((ulong)Layout.Projection << 40) + (ulong)i);
        double g = _device.Program(weight / _weightPerUs, ideal / _weightPerUs, spread, ref rng).ConductanceUs;
        return (float)(g * _weightPerUs);
    }

    private const ulong DevicePurpose = 6UL << 40;

    /// <summary>A spike adds 1 to a trace (all-to-all) or sets it to 1 (nearest); <paramref name="one"/> is 1 in stored units.</summary>
    private void Bump(double[] trace, int i, double one) => trace[i] = _nearest ? one : trace[i] + one;

    private void Bump(float[] trace, int i, double one) => trace[i] = (float)(_nearest ? one : trace[i] + one);

    private void Rebase(double timeMs)
    {
        double since = timeMs - _referenceMs;
        if (since <= _rebaseAfterMs)
        {
            return;
        }

        Scale(_pre1, Math.Exp(-since / _rule.TauPre1Ms));
        Scale(_pre2, Math.Exp(-since / _rule.TauPre2Ms));
        ScaleFloats(_post1, Math.Exp(-since / _rule.TauPost1Ms));
        ScaleFloats(_post2, Math.Exp(-since / _rule.TauPost2Ms));
        _referenceMs = timeMs;

        static void Scale(Span<double> a, double f)
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] *= f;
            }
        }

        static void ScaleFloats(Span<float> a, double f)
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = (float)(a[i] * f);
            }
        }
    }
}
