namespace SpikeCore.Scheduling;

/// <summary>
/// The emitter keys of a core that runs in windows (<see cref="Running.SchedulerMode.Windows"/>): for every neuron a
/// time before which it certainly does not fire, kept in buckets one window wide instead of a heap. Nothing is ordered:
/// a key is only ever asked "is it before the window's end?".
/// </summary>
/// <remarks>
/// <para>Why this is enough: no spike reaches any neuron sooner than the minimum delay d_min, so within a window no
/// wider than that the neurons are independent. A neuron's own events still run in its own time order: before an input
/// at t reaches it, the core visits its key while the key is before t (<see cref="Running.SimulationCore"/>), and at the
/// window's end it visits every key before the end (<see cref="Flush"/>). Setting a key is O(1): the emitter is moved
/// to its key's bucket in an intrusive doubly linked list (no stale entries, no allocation); a key beyond the
/// calendar's horizon waits in the last bucket, and is put where it belongs when that bucket comes up (a lower bound may
/// always be lowered).</para>
/// <para>Bucket b holds keys with ⌊t / width⌋ = b, a monotone function of t, so every key before a window's end lies in
/// a bucket no later than the end's, whatever the rounding.</para>
/// </remarks>
internal sealed class EmitterCalendar
{
    /// <summary>Buckets in the ring (a power of two): keys further ahead than this many windows wait in the last one.</summary>
    private const int Horizon = 1024;

    private const int None = -1;

    private readonly double _perWindow;
    private readonly double[] _keyMs;

    /// <summary>Per emitter: its bucket and its neighbours in that bucket's list, together (one cache line).</summary>
    private readonly Link[] _links;

    /// <summary>The first emitter of each bucket's list (by ring slot).</summary>
    private readonly int[] _head = new int[Horizon];

    /// <summary>Buckets before this one are empty (everything before the last flush's end was visited).</summary>
    private long _first;

    /// <summary>A calendar of <paramref name="emitterCount"/> emitters (every key +∞) in windows of <paramref name="widthMs"/> from <paramref name="startMs"/> on.</summary>
    public EmitterCalendar(int emitterCount, double widthMs, double startMs)
    {
        _perWindow = 1 / widthMs;
        _keyMs = new double[emitterCount];
        Array.Fill(_keyMs, double.PositiveInfinity);
        _links = new Link[emitterCount];
        Array.Fill(_links, new Link(None, None, None));
        Array.Fill(_head, None);
        _first = BucketOf(startMs);
    }

    /// <summary>The keys by id, read-only by contract (populations read their neurons' keys on the hot path).</summary>
    public double[] Keys => _keyMs;

    /// <summary>Sets emitter <paramref name="id"/>'s key to <paramref name="timeMs"/> (not NaN, not before the last flush's end).</summary>
    public void Update(int id, double timeMs)
    {
        _keyMs[id] = timeMs;
        ref Link link = ref _links[id];
        long now = link.Bucket;
        if (timeMs == double.PositiveInfinity)
        {
            if (now != None)
            {
                Unlink(id, now);
            }

            return;
        }

        long b = Math.Min(Math.Max(BucketOf(timeMs), _first), _first + Horizon - 1);
        if (b == now)
        {
            return;
        }

        if (now != None)
        {
            Unlink(id, now);
        }

        int slot = Slot(b), head = _head[slot];
        link = new Link(b, head, None);
        if (head != None)
        {
            _links[head].Previous = id;
        }

        _head[slot] = id;
    }

    /// <summary>
    /// Visits every emitter whose key is before <paramref name="untilMs"/> (<paramref name="visit"/> runs it until its key
    /// is not), in no particular order; the keys left are all at or after <paramref name="untilMs"/>.
    /// </summary>
    public void Flush<TVisitor>(double untilMs, ref TVisitor visit)
        where TVisitor : struct, IEmitterVisitor
    {
        long last = BucketOf(untilMs);
        for (long b = _first; b <= last; b++)
        {
            _first = b; // what Update clamps to: nothing a visit sets goes before this bucket or wraps onto it
            int slot = Slot(b);
            for (int id = _head[slot]; id != None;)
            {
                int next = _links[id].Next;
                if (_keyMs[id] < untilMs)
                {
                    Unlink(id, b);
                    visit.Visit(id, untilMs); // its new key is at or after untilMs: a bucket from this one on, at the head if this one
                }
                else if (b < last)
                {
                    Update(id, _keyMs[id]); // a key beyond the horizon when it was set: into its own bucket, later
                }

                id = next;
            }
        }
    }

    /// <summary>Saves or restores the keys (the buckets are rebuilt from them).</summary>
    internal void Checkpoint(Checkpoints.StateArchive a, double nowMs)
    {
        a.Values(_keyMs.AsSpan());
        if (!a.Loading)
        {
            return;
        }

        foreach (double key in _keyMs)
        {
            if (!(key >= nowMs))
            {
                throw a.Mismatch($"an emitter key read ({key} ms) lies before the checkpoint's time {nowMs} ms");
            }
        }

        Array.Fill(_links, new Link(None, None, None));
        Array.Fill(_head, None);
        _first = BucketOf(nowMs);
        for (int id = 0; id < _keyMs.Length; id++)
        {
            Update(id, _keyMs[id]);
        }
    }

    /// <summary>⌊t / width⌋ (times are not negative: truncation is the floor).</summary>
    private long BucketOf(double timeMs) => (long)Math.Max(timeMs * _perWindow, 0);

    private static int Slot(long b) => (int)(b & (Horizon - 1));

    private void Unlink(int id, long b)
    {
        ref Link link = ref _links[id];
        (int next, int previous) = (link.Next, link.Previous);
        if (previous != None)
        {
            _links[previous].Next = next;
        }
        else
        {
            _head[Slot(b)] = next;
        }

        if (next != None)
        {
            _links[next].Previous = previous;
        }

        link.Bucket = None;
    }

    /// <summary>An emitter's bucket (−1: none) and its neighbours in that bucket's list (−1: none).</summary>
    private struct Link(long bucket, int next, int previous)
    {
        public long Bucket = bucket;
        public int Next = next;
        public int Previous = previous;
    }
}

/// <summary>What <see cref="EmitterCalendar.Flush"/> calls for each emitter due before the flush's end.</summary>
internal interface IEmitterVisitor
{
    /// <summary>Runs emitter <paramref name="id"/> until its key is at or after <paramref name="untilMs"/>.</summary>
    void Visit(int id, double untilMs);
}
