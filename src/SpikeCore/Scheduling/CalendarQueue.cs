using System.Diagnostics;
using System.Numerics;

namespace SpikeCore.Scheduling;

/// <summary>
/// A calendar queue (Brown 1988) of ids keyed by time: the smallest (time, id) in O(1) expected, where a heap takes
/// O(log n). For the hold pattern of many independent emitters whose events come at a known overall rate (a Poisson
/// population: take the earliest, draw its next, put it back), with buckets about one expected event wide.
/// </summary>
/// <remarks>
/// <para>Bucket b holds the keys t with ⌊t / width⌋ = b, a monotone function of t, so ordering buckets orders times;
/// within a bucket the smallest (time, id) is found by scanning its list (about one entry). A ring of R buckets
/// (R a power of two) holds every key whose bucket lies in [c, c + R), c the bucket of the last key taken, each bucket
/// in its own slot b mod R; keys further ahead wait in an unordered far list, and those within R buckets are moved into
/// the ring each time c enters a new revolution (a multiple of R). A bitmap of non-empty slots skips empty buckets.
/// The order is exactly a heap's: by time, ties by id.</para>
/// <para>A key put in must not be earlier than the last top read or taken (or the time given to <see cref="Clear"/>):
/// events are taken in time order, and the search for a top moves on from the buckets it found empty.</para>
/// </remarks>
internal sealed class CalendarQueue
{
    private const int None = -1;

    /// <summary>Buckets beyond 2^62 (a time of 10^300 ms, say) all fall in the last one: order within it is by scanning.</summary>
    private const long LastBucket = 1L << 62;

    private readonly double[] _keyMs;
    private readonly int[] _next, _previous;

    /// <summary>Per slot, the first id of its bucket's list (or <see cref="None"/>).</summary>
    private readonly int[] _head;

    /// <summary>Bit s set when slot s holds a key.</summary>
    private readonly ulong[] _occupied;
    private readonly long _mask;
    private double _perBucket = 1;

    /// <summary>Where the search for the top stands: the bucket of the last top found or taken (no key is before it).</summary>
    private long _current;
    private int _inRing;

    /// <summary>The far list (keys R or more buckets ahead of <see cref="_current"/> when put in), linked through <see cref="_next"/>.</summary>
    private int _far = None;

    /// <summary>The smallest key (valid when <see cref="_topKnown"/>), or <see cref="None"/> when empty.</summary>
    private int _top = None;
    private bool _topKnown = true;

    /// <summary>A queue of ids 0 … <paramref name="count"/> − 1, empty.</summary>
    public CalendarQueue(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int ring = (int)Math.Max(64, BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(4L * count, 1, 1 << 30)));
        _mask = ring - 1;
        _keyMs = new double[count];
        _next = new int[count];
        _previous = new int[count];
        _head = new int[ring];
        _occupied = new ulong[ring / 64];
        Clear(0, 1);
    }

    /// <summary>The smallest key's time (+∞ when empty).</summary>
    public double TopTimeMs => Top() is var id and >= 0 ? _keyMs[id] : double.PositiveInfinity;

    /// <summary>The id with the smallest key (ties: the smallest id); the queue must not be empty.</summary>
    public int TopId => Top();

    /// <summary>
    /// Empties the queue, for keys from <paramref name="fromMs"/> on in buckets of <paramref name="widthMs"/> (best about
    /// the mean time between events: the ring then spans about 4n events).
    /// </summary>
    public void Clear(double fromMs, double widthMs)
    {
        if (!(widthMs > 0) || !double.IsFinite(1 / widthMs))
        {
            throw new ArgumentOutOfRangeException(nameof(widthMs), widthMs, "a bucket width must be positive and finite");
        }

        _perBucket = 1 / widthMs;
        Array.Fill(_head, None);
        Array.Clear(_occupied);
        _inRing = 0;
        _far = None;
        _current = Bucket(fromMs);
        _top = None;
        _topKnown = true;
    }

    /// <summary>Puts <paramref name="id"/> (not in the queue) in at <paramref name="timeMs"/>; +∞ leaves it out.</summary>
    public void Add(int id, double timeMs)
    {
        if (double.IsPositiveInfinity(timeMs))
        {
            return;
        }

        _keyMs[id] = timeMs;
        long b = Bucket(timeMs);
        Debug.Assert(b >= _current, "keys come in time order: none before the last top");
        if (b - _current >= _head.Length)
        {
            _next[id] = _far;
            _far = id;
            _topKnown &= _inRing > 0; // an empty ring's top may now be in the far list
            return;
        }

        Link(id, b);
        if (_topKnown && (_top == None || Precedes(id, _top)))
        {
            _top = id;
        }
    }

    /// <summary>Takes the top out (the queue must not be empty); the next top is then found from its bucket on.</summary>
    public void RemoveTop()
    {
        int id = Top();
        long b = Bucket(_keyMs[id]);
        if ((b & ~_mask) != (_current & ~_mask))
        {
            _current = b & ~_mask; // a new revolution (a top Add found, the buckets before it unvisited): the far keys come in first
            MoveFarIn();
        }

        _current = b;
        Unlink(id, (int)(b & _mask));
        _topKnown = false;
    }

    private int Top()
    {
        if (!_topKnown)
        {
            _top = FindTop();
            _topKnown = true;
        }

        return _top;
    }

    /// <summary>The first non-empty bucket from <see cref="_current"/> on (moving the far list in at each new revolution), and its smallest key.</summary>
    private int FindTop()
    {
        while (true)
        {
            long revolution = _current & ~_mask;
            int slot = NextOccupied((int)(_current & _mask));
            if (slot >= 0)
            {
                _current = revolution + slot;
                return Smallest(_head[slot]);
            }

            if (_inRing == 0 && _far == None)
            {
                return None;
            }

            _current = revolution + _head.Length;
            if (_inRing == 0)
            {
                _current = Math.Max(_current, FarBucketMin() & ~_mask);
            }

            MoveFarIn();
        }
    }

    /// <summary>The far keys within R buckets of <see cref="_current"/> (a revolution's start) go into the ring.</summary>
    private void MoveFarIn()
    {
        int kept = None;
        for (int id = _far; id != None;)
        {
            int next = _next[id];
            long b = Bucket(_keyMs[id]);
            if (b - _current < _head.Length)
            {
                Link(id, b);
            }
            else
            {
                _next[id] = kept;
                kept = id;
            }

            id = next;
        }

        _far = kept;
    }

    private long FarBucketMin()
    {
        long min = long.MaxValue;
        for (int id = _far; id != None; id = _next[id])
        {
            min = Math.Min(min, Bucket(_keyMs[id]));
        }

        return min;
    }

    private int Smallest(int id)
    {
        int best = id;
        for (id = _next[id]; id != None; id = _next[id])
        {
            if (Precedes(id, best))
            {
                best = id;
            }
        }

        return best;
    }

    /// <summary>The first occupied slot at or after <paramref name="slot"/> in this revolution (−1: none).</summary>
    private int NextOccupied(int slot)
    {
        int word = slot >> 6;
        ulong bits = _occupied[word] & (ulong.MaxValue << (slot & 63));
        while (bits == 0)
        {
            if (++word == _occupied.Length)
            {
                return -1;
            }

            bits = _occupied[word];
        }

        return (word << 6) + BitOperations.TrailingZeroCount(bits);
    }

    private bool Precedes(int a, int b) => _keyMs[a] < _keyMs[b] || (_keyMs[a] == _keyMs[b] && a < b);

    private long Bucket(double timeMs)
    {
        double b = Math.Floor(timeMs * _perBucket);
        return b < LastBucket ? (long)b : LastBucket;
    }

    private void Link(int id, long bucket)
    {
        int slot = (int)(bucket & _mask), head = _head[slot];
        _previous[id] = None;
        _next[id] = head;
        if (head != None)
        {
            _previous[head] = id;
        }

        _head[slot] = id;
        _occupied[slot >> 6] |= 1UL << slot;
        _inRing++;
    }

    private void Unlink(int id, int slot)
    {
        (int previous, int next) = (_previous[id], _next[id]);
        if (previous != None)
        {
            _next[previous] = next;
        }
        else
        {
            _head[slot] = next;
        }

        if (next != None)
        {
            _previous[next] = previous;
        }

        if (_head[slot] == None)
        {
            _occupied[slot >> 6] &= ~(1UL << slot);
        }

        _inRing--;
    }
}
