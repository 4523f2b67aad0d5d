using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SpikeCore.Checkpoints;
using SpikeCore.Models.Devices;
using SpikeCore.Models.Numerics;
using SpikeCore.Random;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// State of one STDP projection: presynaptic traces per block (all synapses of a block share their source's arrivals),
/// postsynaptic traces and a post-spike history per target neuron (NEST's scheme: potentiation is applied lazily).
/// </summary>
/// <remarks>
/// A presynaptic arrival first applies, to each synapse of its block, the potentiation owed to every postsynaptic spike
/// since the block's previous arrival (the pre trace at each of those spikes follows exactly from its value at that
/// arrival), then depresses it with the post trace now, delivers it, and bumps the block's pre traces. A block whose
/// targets are consecutive finds the neurons that spiked since its last arrival in a log of the latest post spikes.
/// Post traces and r1 are stored about a reference time T (a value v at t kept as v·e^((t − T)/τ)), so reading the post
/// traces for a whole block costs one exp, and r1 at a post spike one multiply by a factor the spike's history entry
/// carries; T moves forward (all rescaled) when t − T exceeds 60 of the shortest τ, long before floats overflow.
/// Memory per synapse: its weight (this simulation's copy); there is no per-synapse index. Reading weights
/// (<see cref="Synchronize"/>) first applies what is owed. Results equal eager potentiation at each post spike, which
/// the tests' closed forms check.
/// </remarks>
internal sealed class StdpRuntime<TRule> : SynapseRuntime
    where TRule : struct, IStdpRule
{
    /// <summary>When stamps are renormalised (0: at 2^30; lowered by tests, on their own thread, to exercise the shift).</summary>
    [ThreadStatic]
    internal static int StampLimit;

    private readonly TRule _rule;

    /// <summary>
    /// Per block: last arrival and its stamp; r1 just after and just before that arrival, about the reference time; r2
    /// just after it (plain value).
    /// </summary>
    private readonly double[] _lastArrivalMs, _pre1, _pre1Before, _pre2;
    private readonly int[] _lastStamp;

    /// <summary>Per target: what every arrival reads (8 bytes), and what only owed potentiation and post spikes touch.</summary>
    private readonly PostTrace[] _post;
    private readonly PostPending[] _pending;
    private readonly PostSpikeHistory[] _history;
    private readonly int[] _inDegree;

    /// <summary>
    /// Per local block, its first target where its targets are consecutive (delivered through
    /// <see cref="PopulationRuntime.DeliverDense"/>), else −1: kept here so that an arrival reads no target index.
    /// </summary>
    private readonly int[] _firstTarget;

    /// <summary>
    /// Block <paramref name="lb"/>'s first target where its depression and potentiation scan run in registers (its targets
    /// consecutive and the machine little-endian: each 8-byte <see cref="PostTrace"/> read as a long), else −1.
    /// </summary>
    private int RegisterFirst(int lb) => BitConverter.IsLittleEndian ? _firstTarget[lb] : -1;

    private readonly bool _nearest;
    private readonly double _rebaseAfterMs;

    /// <summary>The device behind each weight (null: ideal weights), weight per µS, and the weights before a rule's update.</summary>
    private readonly ConductanceDevice? _device;
    private readonly double _weightPerUs;
    private readonly float[] _before;
    private readonly int _stampLimit = StampLimit;
    private double _referenceMs;
    private int _stamp;

    /// <summary>History entries some synapse has still to read (0: arrivals skip the potentiation pass).</summary>
    private long _pendingEntries;

    /// <summary>
    /// The latest postsynaptic spikes (entry stamp, target), oldest first, in a ring of <see cref="LogCapacity"/>: a dense
    /// block's potentiation pass reads those after its last arrival instead of scanning all its targets' stamps, when
    /// the ring still holds every one of them (it holds every spike stamped after <see cref="_logFloor"/>).
    /// </summary>
    private readonly (int Stamp, int Target)[] _log = new (int, int)[LogCapacity];
    private const int LogCapacity = 64;
    private long _logged;
    private int _logFloor = int.MinValue;

    /// <summary>Per target, the pass that last potentiated it from the log (a neuron may be in it more than once).</summary>
    private readonly int[] _visited;
    private int _visit;

    public StdpRuntime(TRule rule, SynapseLayout layout, ConductanceDevice? device, double maxWeight)
        : base(layout)
    {
        _rule = rule;
        _device = device;
        _weightPerUs = device is null ? 1 : maxWeight / device.MaxConductanceUs;
        int[] blocks = layout.Blocks;
        _before = device is null ? [] : new float[layout.LargestBlock];
        _nearest = rule.Pairing == StdpPairing.Nearest;
        _rebaseAfterMs = 60 * Math.Min(rule.TauPre1Ms, Math.Min(rule.TauPost1Ms, rule.TauPost2Ms));
        int targets = layout.Target.Count;
        _lastArrivalMs = new double[blocks.Length];
        _lastArrivalMs.AsSpan().Fill(double.NegativeInfinity);
        _pre1 = new double[blocks.Length];
        _pre1Before = new double[blocks.Length];
        _pre2 = new double[rule.UsesSecondTraces ? blocks.Length : 0];
        _lastStamp = new int[blocks.Length];
        _post = new PostTrace[targets];
        _pending = new PostPending[targets];
        _inDegree = new int[targets];
        _visited = new int[targets];
        _firstTarget = [.. blocks.Select(b => layout.Synapses.DenseRowStart(b))];
        for (int k = 0; k < blocks.Length; k++)
        {
            for (int i = BlockStart(blocks[k]); i < BlockEnd(blocks[k]); i++)
            {
                _inDegree[Targets[i]]++;
                Weights[i] = device is null
                    ? Math.Max(Weights[i], 0)
                    : (float)(Math.Clamp(Weights[i] / _weightPerUs, device.MinConductanceUs, device.MaxConductanceUs) * _weightPerUs);
            }
        }

        _history = new PostSpikeHistory[targets];
    }

    public override void Checkpoint(StateArchive a)
    {
        a.Arrays(_lastArrivalMs, _pre1, _pre1Before, _pre2);

        a.Values(_lastStamp.AsSpan());
        a.Values(_post.AsSpan());
        a.Values(_pending.AsSpan());
        for (int j = 0; j < _history.Length; j++)
        {
            _history[j].Checkpoint(a);
        }

        a.Value(ref _referenceMs);
        a.Value(ref _stamp);
        a.Value(ref _pendingEntries);
        if (a.Loading)
        {
            ForgetLog(); // not saved: the spikes before the checkpoint go to the scan
        }
    }

    public override void Deliver(double timeMs, int block, int start, int count, int receptor)
    {
        Rebase(timeMs);
        int lb = Layout.LocalBlock[block];
        int denseFirst = RegisterFirst(lb);
        if (_pendingEntries > 0)
        {
            Potentiate(lb, start, count);
        }

        double since = timeMs - _referenceMs;
        double readPost1 = Math.Exp(-since / _rule.TauPost1Ms);
        double pre2Before = _rule.DepressionReadsPre2 ? _pre2[lb] * Math.Exp(-(timeMs - _lastArrivalMs[lb]) / _rule.TauPre2Ms) : 0;
        Span<float> w = Weights.AsSpan(start, count);
        ReadOnlySpan<int> targets = Targets.AsSpan(start, count);
        if (_device is null)
        {
            _rule.Depress(w, targets, denseFirst, _post, readPost1, pre2Before);
        }
        else
        {
            Span<float> before = _before.AsSpan(0, w.Length);
            w.CopyTo(before);
            _rule.Depress(w, targets, denseFirst, _post, readPost1, pre2Before);
            for (int k = 0; k < w.Length; k++)
            {
                w[k] = Program(start + k, before[k], w[k], timeMs);
            }
        }

        if (_firstTarget[lb] >= 0)
        {
            Target.DeliverDense(timeMs, _firstTarget[lb], w, receptor);
        }
        else
        {
            Target.Deliver(timeMs, targets, w, receptor);
        }

        double one = Math.Exp(since / _rule.TauPre1Ms); // 1 in r1's stored units at this time
        _pre1Before[lb] = _pre1[lb];
        _pre1[lb] = _nearest ? one : _pre1[lb] + one;
        if (_rule.DepressionReadsPre2)
        {
            _pre2[lb] = _nearest ? 1 : pre2Before + 1;
        }

        _lastArrivalMs[lb] = timeMs;
        _lastStamp[lb] = NextStamp();
    }

    public override void OnPostSpike(int local, double timeMs)
    {
        Rebase(timeMs);
        double since = timeMs - _referenceMs;
        ref PostTrace post = ref _post[local];
        ref PostPending pending = ref _pending[local];
        double post2Before = _rule.UsesSecondTraces ? pending.Trace2 * Math.Exp(-since / _rule.TauPost2Ms) : 0;
        if (_inDegree[local] > 0)
        {
            var entry = new PostSpikeHistory.Entry(NextStamp(), timeMs, Math.Exp(-since / _rule.TauPre1Ms), post2Before, _inDegree[local]);
            if (pending.Entry.Remaining == 0 && !pending.HasOverflow)
            {
                pending.Entry = entry;
            }
            else
            {
                _history[local].Add(entry);
                pending.HasOverflow = true;
            }

            post.LastStamp = entry.Stamp;
            _pendingEntries++;
            ref (int Stamp, int Target) slot = ref _log[(int)(_logged++ & (LogCapacity - 1))];
            if (_logged > LogCapacity)
            {
                _logFloor = slot.Stamp; // the spike it held leaves the ring
            }

            slot = (entry.Stamp, local);
        }

        post.Trace1 = Bump(post.Trace1, Math.Exp(since / _rule.TauPost1Ms));
        if (_rule.UsesSecondTraces)
        {
            pending.Trace2 = Bump(pending.Trace2, Math.Exp(since / _rule.TauPost2Ms));
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
            Potentiate(lb, BlockStart(b), BlockEnd(b) - BlockStart(b));
            _lastStamp[lb] = NextStamp();
        }
    }

    /// <summary>
    /// Potentiates each synapse of block <paramref name="lb"/> for every spike of its target recorded after the block's
    /// last arrival: r1 at such a spike is the trace left by that arrival, decayed (or, for a spike a clocked population
    /// reported late, the trace just before that arrival).
    /// </summary>
    private void Potentiate(int lb, int start, int count)
    {
        int stamp = _lastStamp[lb];
        for (int k = RegisterFirst(lb) >= 0 ? PotentiateDense(lb, start, count, stamp) : 0; k < count; k++)
        {
            PotentiateSynapse(lb, start + k, Targets[start + k], stamp);
        }
    }

    /// <summary>
    /// A dense row's synapses onto neurons that spiked since the block's last arrival go on to
    /// <see cref="PotentiateSynapse"/>: found in the log when it holds all those spikes, else by comparing the targets'
    /// stamps with the block's a register at a time (each 8-byte <see cref="PostTrace"/> as two ints, the stamp the odd
    /// one). Returns how many synapses it covered (the rest go one by one).
    /// </summary>
    private int PotentiateDense(int lb, int start, int count, int stamp)
    {
        if (stamp >= _logFloor)
        {
            PotentiateLogged(lb, start, count, stamp);
            return count;
        }

        int first = _firstTarget[lb];
        ref int words = ref Unsafe.As<PostTrace, int>(ref _post[first]);
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var last = Vector512.Create(stamp);
            for (; k <= count - 8; k += 8)
            {
                ulong owed = Vector512.GreaterThan(Vector512.LoadUnsafe(ref words, (nuint)(2 * k)), last).ExtractMostSignificantBits() & 0xAAAA;
                for (; owed != 0; owed &= owed - 1)
                {
                    int offset = k + (BitOperations.TrailingZeroCount(owed) >> 1);
                    PotentiateSynapse(lb, start + offset, first + offset, stamp);
                }
            }
        }
        else
        {
            var last = Vector256.Create(stamp);
            for (; k <= count - 4; k += 4)
            {
                uint owed = Vector256.GreaterThan(Vector256.LoadUnsafe(ref words, (nuint)(2 * k)), last).ExtractMostSignificantBits() & 0xAA;
                for (; owed != 0; owed &= owed - 1)
                {
                    int offset = k + (BitOperations.TrailingZeroCount(owed) >> 1);
                    PotentiateSynapse(lb, start + offset, first + offset, stamp);
                }
            }
        }

        return k;
    }

    /// <summary>
    /// The dense block's synapses onto the neurons the log shows spiking after <paramref name="stamp"/> (newest first,
    /// each neuron once: <see cref="PotentiateSynapse"/> takes all it owes at once) take their potentiation.
    /// </summary>
    private void PotentiateLogged(int lb, int start, int count, int stamp)
    {
        if (++_visit == int.MaxValue)
        {
            Array.Clear(_visited);
            _visit = 1;
        }

        int first = _firstTarget[lb];
        for (long e = _logged - 1; e >= 0 && e >= _logged - LogCapacity; e--)
        {
            (int spikeStamp, int j) = _log[(int)(e & (LogCapacity - 1))];
            if (spikeStamp <= stamp)
            {
                break;
            }

            if ((uint)(j - first) < (uint)count && _visited[j] != _visit)
            {
                _visited[j] = _visit;
                PotentiateSynapse(lb, start + j - first, j, stamp);
            }
        }
    }

    /// <summary>Empties the log: it holds every spike from now on.</summary>
    private void ForgetLog()
    {
        _logged = 0;
        _logFloor = _stamp;
    }

    /// <summary>
    /// Synapse <paramref name="i"/> of block <paramref name="lb"/>, onto target <paramref name="j"/>, takes the
    /// potentiation owed for that target's spikes after <paramref name="stamp"/> (the block's last arrival).
    /// </summary>
    private void PotentiateSynapse(int lb, int i, int j, int stamp)
    {
        if (_post[j].LastStamp <= stamp)
        {
            return;
        }

        ref PostPending post = ref _pending[j];
        if (post.Entry.Remaining > 0 && post.Entry.Stamp > stamp)
        {
            Potentiate(lb, i, ref post.Entry);
        }

        if (post.HasOverflow)
        {
            ref PostSpikeHistory history = ref _history[j];
            for (int e = 0; e < history.Count; e++)
            {
                ref PostSpikeHistory.Entry entry = ref history[e];
                if (entry.Stamp > stamp)
                {
                    Potentiate(lb, i, ref entry);
                }
            }

            history.DropRead();
            if (post.Entry.Remaining == 0 && history.Count > 0)
            {
                post.Entry = history.TakeOldest(); // keep the oldest unread spike inline
            }

            post.HasOverflow = history.Count > 0;
        }
    }

    /// <summary>
    /// Potentiates synapse <paramref name="i"/> of block <paramref name="lb"/> for one postsynaptic spike: r1 at the
    /// spike is the trace the block's last arrival left (or, for a spike a clocked population reported late, the trace
    /// just before that arrival).
    /// </summary>
    private void Potentiate(int lb, int i, ref PostSpikeHistory.Entry entry)
    {
        double pre1 = (entry.TimeMs >= _lastArrivalMs[lb] ? _pre1[lb] : _pre1Before[lb]) * entry.ReadPre1;
        float ideal = _rule.Potentiate(Weights[i], pre1, entry.Post2Before);
        Weights[i] = _device is null ? ideal : Program(i, Weights[i], ideal, entry.TimeMs);
        if (--entry.Remaining == 0)
        {
            _pendingEntries--;
        }
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

        ulong synapse = (ulong)Layout.WholeTableIndex(i); // the same key in a partition's table as in the whole
        ulong key = (synapse * 0x9E3779B97F4A7C15UL) ^ BitConverter.DoubleToUInt64Bits(timeMs) ^ (ideal > weight ? 1UL : 0UL);
        var rng = KeyedRandom.Create(Layout.Seed, StreamPurpose.DeviceNoise(Layout.Projection), key);
        double spread = _device!.Spread(Layout.Seed, ((ulong)Layout.Projection << 40) + synapse);
        double g = _device.Program(weight / _weightPerUs, ideal / _weightPerUs, spread, ref rng).ConductanceUs;
        return (float)(g * _weightPerUs);
    }

    /// <summary>A spike adds 1 to a trace (all-to-all) or sets it to 1 (nearest); <paramref name="one"/> is 1 in stored units.</summary>
    private float Bump(float trace, double one) => (float)(_nearest ? one : trace + one);

    /// <summary>
    /// The next event stamp. Stamps are ints (the per-target slot stays 8 bytes): every 2^30 events all stored stamps
    /// shift down together, old ones clamped to a floor at which block stamps stay below entry stamps, so an entry a
    /// block has not read yet stays owed.
    /// </summary>
    private int NextStamp()
    {
        if (_stamp >= (_stampLimit > 0 ? _stampLimit : 1 << 30))
        {
            const int Floor = -(1 << 30);
            int shift = _stamp - Math.Min(_stamp / 2, 1 << 20);
            for (int lb = 0; lb < _lastStamp.Length; lb++)
            {
                _lastStamp[lb] = Math.Max(_lastStamp[lb] - shift, Floor - 1);
            }

            for (int j = 0; j < _post.Length; j++)
            {
                _post[j].LastStamp = Math.Max(_post[j].LastStamp - shift, Floor);
                _pending[j].Entry.Stamp = Math.Max(_pending[j].Entry.Stamp - shift, Floor);
                _history[j].ShiftStamps(shift, Floor);
            }

            _stamp -= shift;
            ForgetLog(); // the shift clamps old stamps together
        }

        return ++_stamp;
    }

    private void Rebase(double timeMs)
    {
        double since = timeMs - _referenceMs;
        if (since <= _rebaseAfterMs)
        {
            return;
        }

        double post1 = Math.Exp(-since / _rule.TauPost1Ms), post2 = Math.Exp(-since / _rule.TauPost2Ms);
        double pre = Math.Exp(-since / _rule.TauPre1Ms);
        for (int j = 0; j < _post.Length; j++)
        {
            _post[j].Trace1 = (float)(_post[j].Trace1 * post1);
            ref PostPending t = ref _pending[j];
            t.Trace2 = (float)(t.Trace2 * post2);
            t.Entry.ReadPre1 = Math.Min(t.Entry.ReadPre1 / pre, 1e300);
        }

        for (int lb = 0; lb < _pre1.Length; lb++)
        {
            _pre1[lb] *= pre;
            _pre1Before[lb] *= pre;
        }

        foreach (PostSpikeHistory h in _history)
        {
            h.Rescale(1 / pre); // the entries live in arrays the copies share
        }

        _referenceMs = timeMs;
    }
}
