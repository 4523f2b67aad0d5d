using System.Runtime.CompilerServices;

namespace SpikeCore.Scheduling;

/// <summary>
/// A 4-ary min-heap of <see cref="ScheduledEvent"/> structs (the layout of dotnet/runtime's PriorityQueue, without its
/// generic comparer indirection).
/// </summary>
/// <remarks>
/// Push and pop cost O(log4 n). The array grows by doubling and never shrinks, so a simulation in steady state
/// allocates nothing. The heap holds one entry per spike in flight and delay group, plus a few ticks and stimuli.
/// </remarks>
internal sealed class EventQueue
{
    private ScheduledEvent[] _heap;
    private int _count;
    private uint _sequence;

    public EventQueue(int initialCapacity = 1024) => _heap = new ScheduledEvent[Math.Max(4, initialCapacity)];

    public int Count => _count;

    /// <summary>Events the queue holds before it grows.</summary>
    public int Capacity => _heap.Length;

    /// <summary>Time of the earliest event, or +∞ when empty.</summary>
    public double PeekTimeMs => _count > 0 ? _heap[0].TimeMs : double.PositiveInfinity;

    public ref readonly ScheduledEvent Peek() => ref _heap[0];

    public void Push(double timeMs, EventKind kind, int source, int block, double emitTimeMs = 0)
    {
        if (_count == _heap.Length)
        {
            Grow();
        }

        var e = new ScheduledEvent
        {
            TimeMs = timeMs,
            EmitTimeMs = emitTimeMs,
            Source = source,
            Block = block,
            Kind = kind,
            Sequence = _sequence++,
        };
        int i = _count++;
        ScheduledEvent[] heap = _heap;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (!ScheduledEvent.Precedes(e, heap[parent]))
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = e;
    }

    public ScheduledEvent Pop()
    {
        ScheduledEvent[] heap = _heap;
        ScheduledEvent top = heap[0];
        int last = --_count;
        if (last > 0)
        {
            SiftDown(heap, heap[last], last);
        }

        return top;
    }

    public void Clear() => _count = 0;

    /// <summary>Saves or restores the pending events (in heap order, so the restored queue pops exactly as the saved one).</summary>
    public void Checkpoint(Checkpoints.StateArchive a)
    {
        a.Value(ref _sequence);
        if (!a.Loading)
        {
            a.Values(_heap.AsSpan(0, _count));
            return;
        }

        ScheduledEvent[] pending = [];
        a.Values(ref pending);
        if (pending.Length > _heap.Length)
        {
            _heap = new ScheduledEvent[Math.Max(4, (int)Math.Min(Array.MaxLength, 2L * pending.Length))];
        }

        for (int i = 0; i < pending.Length; i++)
        {
            ScheduledEvent e = pending[i];
            if (!double.IsFinite(e.TimeMs) || !double.IsFinite(e.EmitTimeMs) || !Enum.IsDefined(e.Kind) || (i > 0 && ScheduledEvent.Precedes(e, pending[(i - 1) >> 2])))
            {
                throw a.Mismatch($"the event queue read is not a queue (event {i} of {pending.Length})");
            }
        }

        pending.CopyTo(_heap, 0);
        _count = pending.Length;
    }

    /// <summary>The pending events, in heap order (for checking a loaded queue against its network).</summary>
    public ReadOnlySpan<ScheduledEvent> Pending => _heap.AsSpan(0, _count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftDown(ScheduledEvent[] heap, in ScheduledEvent e, int count)
    {
        int i = 0;
        while (true)
        {
            int first = (i << 2) + 1;
            if (first >= count)
            {
                break;
            }

            int best = first;
            int end = Math.Min(first + 4, count);
            for (int c = first + 1; c < end; c++)
            {
                if (ScheduledEvent.Precedes(heap[c], heap[best]))
                {
                    best = c;
                }
            }

            if (!ScheduledEvent.Precedes(heap[best], e))
            {
                break;
            }

            heap[i] = heap[best];
            i = best;
        }

        heap[i] = e;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow() => Array.Resize(ref _heap, _heap.Length * 2);
}
