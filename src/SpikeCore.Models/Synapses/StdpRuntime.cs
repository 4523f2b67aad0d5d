using SpikeCore.Models.Devices;
using SpikeCore.Random;
using SpikeCore.Running;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// State of one STDP projection: presynaptic traces per block (all synapses of a block share their source's arrivals),
/// postsynaptic traces and a post-spike history per target neuron (NEST's scheme: potentiation is applied lazily).
/// </summary>
/// <remarks>
/// A presynaptic arrival first applies, to each synapse of its block, the potentiation owed to every postsynaptic spike
/// since the block's previous arrival (the pre trace at each of those spikes follows exactly from its value at that
/// arrival), then depresses it with the post trace now, delivers it, and bumps the block's pre traces. Post traces are
/// stored about a reference time T (a value v at t kept as v·e^((t − T)/τ)), so reading them for a whole block costs
/// one exp; T moves forward (all rescaled) when t − T exceeds 60 of the shortest τ, long before floats overflow.
/// Memory per synapse: its weight (this simulation's copy); there is no per-synapse index. Reading weights
/// (<see cref="Synchronize"/>) first applies what is owed. Results equal eager potentiation at each post spike, which
/// the tests' closed forms check.
/// </remarks>
internal sealed class StdpRuntime<TRule> : SynapseRuntime
    where TRule : struct, IStdpRule
{
    private readonly TRule _rule;
    private readonly int[] _localBlock;

    /// <summary>Per block: last arrival, stamp of that arrival, pre traces just after it (and r1 just before it).</summary>
    private readonly double[] _lastArrivalMs, _pre1, _pre1Before, _pre2;
    private readonly long[] _lastStamp;

    /// <summary>Post traces as floats (read at random by every arrival), about the reference time.</summary>
    private readonly float[] _post1, _post2;
    private readonly PostSpikeHistory[] _history;

    /// <summary>Per target: the stamp of its latest recorded spike, so that a synapse with nothing owed is passed over with one read.</summary>
    private readonly long[] _lastPostStamp;
    private readonly int[] _inDegree;
    private readonly bool _nearest;
    private readonly double _rebaseAfterMs;

    /// <summary>The device behind each weight (null: ideal weights), weight per µS, and the weights before a rule's update.</summary>
    private readonly ConductanceDevice? _device;
    private readonly double _weightPerUs;
    private readonly float[] _before;
    private double _referenceMs;
    private long _stamp;
    private long _pendingEntries;

    public StdpRuntime(TRule rule, SynapseLayout layout, ConductanceDevice? device, double maxWeight)
        : base(layout)
    {
        _rule = rule;
        _device = device;
        _weightPerUs = device is null ? 1 : maxWeight / device.MaxConductanceUs;
        int[] blocks = layout.Blocks;
        _before = device is null ? [] : new float[blocks.Select(b => Table.BlockSynapseStart[b + 1] - Table.BlockSynapseStart[b]).DefaultIfEmpty(0).Max()];
        _nearest = rule.Pairing == StdpPairing.Nearest;
        _rebaseAfterMs = 60 * Math.Min(rule.TauPost1Ms, rule.TauPost2Ms);
        int targets = layout.Target.Count;
        _localBlock = new int[Table.BlockCount];
        _lastArrivalMs = new double[blocks.Length];
        _lastArrivalMs.AsSpan().Fill(double.NegativeInfinity);
        _pre1 = new double[blocks.Length];
        _pre1Before = new double[blocks.Length];
        _pre2 = new double[rule.UsesSecondTraces ? blocks.Length : 0];
        _lastStamp = new long[blocks.Length];
        _post1 = new float[targets];
        _post2 = new float[rule.UsesSecondTraces ? targets : 0];
        _inDegree = new int[targets];
        _lastPostStamp = new long[targets];
        for (int k = 0; k < blocks.Length; k++)
        {
            _localBlock[blocks[k]] = k;
            for (int i = Table.BlockSynapseStart[blocks[k]]; i < Table.BlockSynapseStart[blocks[k] + 1]; i++)
            {
                _inDegree[Table.Target[i]]++;
                Weights[i] = device is null
                    ? Math.Max(Weights[i], 0)
                    : (float)(Math.Clamp(Weights[i] / _weightPerUs, device.MinConductanceUs, device.MaxConductanceUs) * _weightPerUs);
            }
        }

        _history = new PostSpikeHistory[targets];
        for (int j = 0; j < targets; j++)
        {
            _history[j] = new PostSpikeHistory();
        }
    }

    public override bool LearnsFromPostSpikes => true;

    public override void Deliver(double timeMs, int block, int start, int count, int receptor)
    {
        Rebase(timeMs);
        int lb = _localBlock[block];
        if (_pendingEntries > 0)
        {
            Potentiate(lb, start, count);
        }

        double since = timeMs - _referenceMs;
        double readPost1 = Math.Exp(-since / _rule.TauPost1Ms);
        double pre2Before = _rule.UsesSecondTraces ? _pre2[lb] * Math.Exp(-(timeMs - _lastArrivalMs[lb]) / _rule.TauPre2Ms) : 0;
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
        double pre1Now = _pre1[lb] * Math.Exp(-(timeMs - _lastArrivalMs[lb]) / _rule.TauPre1Ms);
        _pre1Before[lb] = pre1Now;
        _pre1[lb] = _nearest ? 1 : pre1Now + 1;
        if (_rule.UsesSecondTraces)
        {
            _pre2[lb] = _nearest ? 1 : pre2Before + 1;
        }

        _lastArrivalMs[lb] = timeMs;
        _lastStamp[lb] = ++_stamp;
    }

    public override void OnPostSpike(int local, double timeMs)
    {
        Rebase(timeMs);
        double since = timeMs - _referenceMs;
        double post2Before = _rule.UsesSecondTraces ? _post2[local] * Math.Exp(-since / _rule.TauPost2Ms) : 0;
        if (_inDegree[local] > 0)
        {
            _history[local].Add(new PostSpikeHistory.Entry(++_stamp, timeMs, post2Before, _inDegree[local]));
            _lastPostStamp[local] = _stamp;
            _pendingEntries++;
        }

        Bump(_post1, local, Math.Exp(since / _rule.TauPost1Ms));
        if (_rule.UsesSecondTraces)
        {
            Bump(_post2, local, Math.Exp(since / _rule.TauPost2Ms));
        }
    }

    /// <summary>Applies every potentiation still owed, so that the weights can be read.</summary>
    public override void Synchronize()
    {
        if (_pendingEntries == 0)
        {
            return;
        }

        for (int lb = 0; lb < Layout.Blocks.Length; lb++)
        {
            int b = Layout.Blocks[lb];
            Potentiate(lb, Table.BlockSynapseStart[b], Table.BlockSynapseStart[b + 1] - Table.BlockSynapseStart[b]);
            _lastStamp[lb] = ++_stamp;
        }
    }

    /// <summary>
    /// Potentiates each synapse of block <paramref name="lb"/> for every spike of its target recorded after the block's
    /// last arrival: r1 at such a spike is the trace left by that arrival, decayed (or, for a spike a clocked population
    /// reported late, the trace just before that arrival).
    /// </summary>
    private void Potentiate(int lb, int start, int count)
    {
        long stamp = _lastStamp[lb];
        double last = _lastArrivalMs[lb];
        for (int k = 0; k < count; k++)
        {
            int i = start + k;
            int j = Table.Target[i];
            if (_lastPostStamp[j] <= stamp)
            {
                continue;
            }

            PostSpikeHistory history = _history[j];
            for (int e = 0; e < history.Count; e++)
            {
                ref PostSpikeHistory.Entry entry = ref history[e];
                if (entry.Stamp <= stamp)
                {
                    continue;
                }

                double pre1 = entry.TimeMs >= last
                    ? _pre1[lb] * Math.Exp(-(entry.TimeMs - last) / _rule.TauPre1Ms)
                    : _pre1Before[lb] * Math.Exp((last - entry.TimeMs) / _rule.TauPre1Ms);
                float ideal = _rule.Potentiate(Weights[i], pre1, entry.Post2Before);
                Weights[i] = _device is null ? ideal : Program(i, Weights[i], ideal, entry.TimeMs);
                if (--entry.Remaining == 0)
                {
                    _pendingEntries--;
                }
            }

            history.DropRead();
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
    private void Bump(float[] trace, int i, double one) => trace[i] = (float)(_nearest ? one : trace[i] + one);

    private void Rebase(double timeMs)
    {
        double since = timeMs - _referenceMs;
        if (since <= _rebaseAfterMs)
        {
            return;
        }

        Scale(_post1, Math.Exp(-since / _rule.TauPost1Ms));
        Scale(_post2, Math.Exp(-since / _rule.TauPost2Ms));
        _referenceMs = timeMs;

        static void Scale(Span<float> a, double f)
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = (float)(a[i] * f);
            }
        }
    }
}
