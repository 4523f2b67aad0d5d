using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SpikeCore.Scheduling;

/// <summary>
/// An indexed 4-ary min-heap holding, for every event-driven neuron and source, the earliest time at which it may
/// emit a spike (+∞ when it cannot).
/// </summary>
/// <remarks>
/// This replaces "push a fire event, mark it stale by a version number when an input changes the prediction": each
/// emitter has exactly one slot whose key is moved in place (O(log n)), so inputs never leave stale entries behind to
/// be popped and discarded. A key may be a guaranteed lower bound rather than the exact crossing time; the owning
/// population refines it when it reaches the top. Ties are broken by emitter id. Keys are stored inside the heap
/// entries (16 bytes each) so a sift compares neighbours in one cache line instead of chasing ids; a mirror array
/// answers "what is the key of id" in O(1).
/// </remarks>
public sealed class EmitterHeap
{
    private readonly Entry[] _heap;
    private readonly int[] _position;
    private readonly double[] _keyMs;

    /// <summary>A heap of <paramref name="emitterCount"/> emitters, every key +∞.</summary>
    public EmitterHeap(int emitterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(emitterCount);
        _heap = new Entry[emitterCount];
        _position = new int[emitterCount];
        _keyMs = new double[emitterCount];
        for (int i = 0; i < emitterCount; i++)
        {
            _heap[i] = new Entry(double.PositiveInfinity, i);
            _position[i] = i;
            _keyMs[i] = double.PositiveInfinity;
        }
    }

    /// <summary>The smallest key (+∞ when empty or when nothing can emit).</summary>
    public double TopTimeMs => _heap.Length > 0 ? _heap[0].KeyMs : double.PositiveInfinity;

    /// <summary>The emitter with the smallest key (ties: the smallest id).</summary>
    public int TopId => _heap[0].Id;

    /// <summary>The key of emitter <paramref name="id"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double KeyMs(int id) => _keyMs[id];

    /// <summary>The keys by id, read-only by contract: populations read their neurons' keys on the hot path without a call.</summary>
    public double[] Keys => _keyMs;

    /// <summary>Moves emitter <paramref name="id"/> to <paramref name="timeMs"/> (not NaN).</summary>
    public void Update(int id, double timeMs)
    {
        Debug.Assert(!double.IsNaN(timeMs), "a NaN key would break the heap order");
        double old = _keyMs[id];
        _keyMs[id] = timeMs;
        var entry = new Entry(timeMs, id);
        if (timeMs < old)
        {
            SiftUp(_position[id], entry);
        }
        else if (timeMs > old)
        {
            SiftDown(_position[id], entry);
        }
    }

    /// <summary>Saves or restores every key and the heap's layout.</summary>
    internal void Checkpoint(Checkpoints.StateArchive a)
    {
        a.Values(_heap.AsSpan());
        a.Values(_position.AsSpan());
        a.Values(_keyMs.AsSpan());
        if (a.Loading && !IsConsistent())
        {
            throw a.Mismatch("the emitter heap read is not a heap of this network's neurons");
        }
    }

    /// <summary>Every neuron once, where its position says, with its key, in heap order (what a loaded heap must be before it is used).</summary>
    private bool IsConsistent()
    {
        for (int i = 0; i < _heap.Length; i++)
        {
            Entry e = _heap[i];
            if ((uint)e.Id >= (uint)_heap.Length || _position[e.Id] != i || double.IsNaN(e.KeyMs)
                || BitConverter.DoubleToInt64Bits(_keyMs[e.Id]) != BitConverter.DoubleToInt64Bits(e.KeyMs) || (i > 0 && Less(e, _heap[(i - 1) >> 2])))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in Entry a, in Entry b) => a.KeyMs < b.KeyMs || (a.KeyMs == b.KeyMs && a.Id < b.Id);

    private void SiftUp(int i, Entry entry)
    {
        Entry[] heap = _heap;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            Entry p = heap[parent];
            if (!Less(entry, p))
            {
                break;
            }

            heap[i] = p;
            _position[p.Id] = i;
            i = parent;
        }

        heap[i] = entry;
        _position[entry.Id] = i;
    }

    private void SiftDown(int i, Entry entry)
    {
        Entry[] heap = _heap;
        int n = heap.Length;
        while (true)
        {
            int first = (i << 2) + 1;
            if (first >= n)
            {
                break;
            }

            int best = first;
            int end = Math.Min(first + 4, n);
            for (int c = first + 1; c < end; c++)
            {
                if (Less(heap[c], heap[best]))
                {
                    best = c;
                }
            }

            if (!Less(heap[best], entry))
            {
                break;
            }

            heap[i] = heap[best];
            _position[heap[i].Id] = i;
            i = best;
        }

        heap[i] = entry;
        _position[entry.Id] = i;
    }

    private readonly record struct Entry(double KeyMs, int Id);
}
