using System.Numerics;
using System.Runtime.CompilerServices;

namespace SpikeCore.Scheduling;

/// <summary>
/// The pending events in (time, kind, source, block, sequence) order (<see cref="ScheduledEvent.Precedes"/>): a FIFO
/// for the events pushed in that order, and a 4-ary min-heap (the layout of dotnet/runtime's PriorityQueue, without its
/// generic comparer indirection) for the others.
/// </summary>
/// <remarks>
/// <para>Most events are pushed a fixed time after the present: a tick one step ahead, a spike's delivery one delay
/// ahead. Where a network has one delay (Diehl &amp; Cook's inputs, a clocked population's step), each push is after the
/// last, and the FIFO takes it for an append; a pop compares the two heads. Only pushes that would precede the FIFO's
/// last event (a second delay, a spike found inside a step) pay the heap's O(log4 n). The order is total (the push
/// sequence breaks every tie), so pops come in the same order whichever of the two holds an event.</para>
/// <para>Both arrays grow by doubling and never shrink, so a simulation in steady state allocates nothing. The queue
/// holds one entry per spike in flight and delay group, plus a few ticks and stimuli.</para>
/// </remarks>
internal sealed class EventQueue
{
    private ScheduledEvent[] _heap;
    private int _count;
    private uint _sequence;

    /// <summary>The FIFO: a ring of power-of-two size, its events in order from <see cref="_fifoHead"/>.</summary>
    private ScheduledEvent[] _fifo;
    private int _fifoHead, _fifoCount;

    public EventQueue(int initialCapacity = 1024)
    {
        _heap = new ScheduledEvent[Math.Max(4, initialCapacity)];
        _fifo = new ScheduledEvent[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, initialCapacity))];
    }

    public int Count => _count + _fifoCount;

    /// <summary>Events the queue holds before it grows.</summary>
    public int Capacity => _heap.Length + _fifo.Length;

    /// <summary>Time of the earliest event, or +∞ when empty.</summary>
    public double PeekTimeMs => Math.Min(_count > 0 ? _heap[0].TimeMs : double.PositiveInfinity, _fifoCount > 0 ? _fifo[_fifoHead].TimeMs : double.PositiveInfinity);

    public void Push(double timeMs, EventKind kind, int source, int block, double emitTimeMs = 0)
    {
        var e = new ScheduledEvent
        {
            TimeMs = timeMs,
            EmitTimeMs = emitTimeMs,
            Source = source,
            Block = block,
            Kind = kind,
            Sequence = _sequence++,
        };
        if (_fifoCount == 0 || !ScheduledEvent.Precedes(e, _fifo[(_fifoHead + _fifoCount - 1) & (_fifo.Length - 1)]))
        {
            if (_fifoCount == _fifo.Length)
            {
                GrowFifo();
            }

            _fifo[(_fifoHead + _fifoCount++) & (_fifo.Length - 1)] = e;
            return;
        }

        if (_count == _heap.Length)
        {
            Grow();
        }

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
        if (FifoFirst())
        {
            ScheduledEvent first = _fifo[_fifoHead];
            _fifoHead = (_fifoHead + 1) & (_fifo.Length - 1);
            _fifoCount--;
            return first;
        }

        ScheduledEvent[] heap = _heap;
        ScheduledEvent top = heap[0];
        int last = --_count;
        if (last > 0)
        {
            SiftDown(heap, heap[last], last);
        }

        return top;
    }

    public void Clear() => (_count, _fifoHead, _fifoCount) = (0, 0, 0);

    /// <summary>
    /// Saves or restores the pending events: saved in order (a sorted array is a heap), restored into the heap (any heap
    /// order is read, as earlier versions wrote it), so the restored queue pops exactly as the saved one.
    /// </summary>
    public void Checkpoint(Checkpoints.StateArchive a)
    {
        a.Value(ref _sequence);
        if (!a.Loading)
        {
            a.Values(Pending());
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
        (_fifoHead, _fifoCount) = (0, 0);
    }

    /// <summary>The pending events in the order they will pop (a copy).</summary>
    public ScheduledEvent[] Pending()
    {
        var all = new ScheduledEvent[Count];
        _heap.AsSpan(0, _count).CopyTo(all);
        CopyFifo(all.AsSpan(_count));

        Array.Sort(all, (x, y) => ScheduledEvent.Precedes(x, y) ? -1 : ScheduledEvent.Precedes(y, x) ? 1 : 0);
        return all;
    }

    /// <summary>Whether the FIFO's first event is the earliest pending one (false when the FIFO is empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool FifoFirst() => _fifoCount > 0 && (_count == 0 || ScheduledEvent.Precedes(_fifo[_fifoHead], _heap[0]));

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

    /// <summary>Doubles the ring, its events moved to the start in order.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowFifo()
    {
        var ring = new ScheduledEvent[_fifo.Length * 2];
        CopyFifo(ring);
        (_fifo, _fifoHead) = (ring, 0);
    }

    /// <summary>Copies the FIFO's events, in order, to the start of <paramref name="destination"/>.</summary>
    private void CopyFifo(Span<ScheduledEvent> destination)
    {
        for (int k = 0; k < _fifoCount; k++)
        {
            destination[k] = _fifo[(_fifoHead + k) & (_fifo.Length - 1)];
        }
    }
}
