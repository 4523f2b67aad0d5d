using SpikeCore.Checkpoints;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// The recent spikes of one postsynaptic neuron that some incoming synapse has not yet used for potentiation (NEST's
/// archiving node): each entry counts the synapses still to read it and is dropped when the count reaches zero.
/// </summary>
/// <remarks>A struct kept in one array per projection and used through <c>ref</c>.</remarks>
internal struct PostSpikeHistory
{
    private Entry[]? _entries; // allocated at the first spike; a power of two, so positions wrap with a mask
    private int _head, _count;


    /// <summary>One postsynaptic spike.</summary>
    /// <param name="Stamp">Order of the spike among this projection's events: a block uses the entries stamped after its last delivery.</param>
    /// <param name="TimeMs">Spike time.</param>
    /// <param name="ReadPre1">e^(−(t − T)/τ+) about the runtime's reference time T: a block's stored r1 times this is r1 at the spike.</param>
    /// <param name="Post2Before">The second post trace just before this spike (triplet rules).</param>
    /// <param name="Remaining">Incoming synapses that have not read it yet.</param>
    internal record struct Entry(int Stamp, double TimeMs, double ReadPre1, double Post2Before, int Remaining);

    /// <summary>Entries still held (oldest first).</summary>
    public readonly int Count => _count;

    public readonly ref Entry this[int k] => ref _entries![(_head + k) & (_entries.Length - 1)];

    /// <summary>Saves or restores the entries (the ring as it lies, with its head).</summary>
    public void Checkpoint(StateArchive a)
    {
        a.Value(ref _head);
        a.Value(ref _count);
        Entry[] entries = _entries ?? [];
        a.Values(ref entries);
        _entries = entries.Length > 0 ? entries : null;
    }

    public void Add(Entry e)
    {
        _entries ??= new Entry[4];
        if (_count == _entries.Length)
        {
            var grown = new Entry[_entries.Length * 2];
            for (int k = 0; k < _count; k++)
            {
                grown[k] = this[k];
            }

            _entries = grown;
            _head = 0;
        }

        _entries[(_head + _count) & (_entries.Length - 1)] = e;
        _count++;
    }

    /// <summary>Multiplies every entry's <see cref="Entry.ReadPre1"/> by <paramref name="factor"/> (the reference time moved), capped far below overflow.</summary>
    public readonly void Rescale(double factor)
    {
        for (int k = 0; k < _count; k++)
        {
            ref Entry e = ref this[k];
            e.ReadPre1 = Math.Min(e.ReadPre1 * factor, 1e300);
        }
    }

    /// <summary>Shifts every entry's stamp down by <paramref name="shift"/>, no lower than <paramref name="floor"/>.</summary>
    public readonly void ShiftStamps(int shift, int floor)
    {
        for (int k = 0; k < _count; k++)
        {
            ref Entry e = ref this[k];
            e.Stamp = Math.Max(e.Stamp - shift, floor);
        }
    }

    /// <summary>Removes and returns the oldest entry.</summary>
    public Entry TakeOldest()
    {
        Entry e = _entries![_head];
        _head = (_head + 1) & (_entries.Length - 1);
        _count--;
        return e;
    }

    /// <summary>Drops the oldest entries every synapse has read.</summary>
    public void DropRead()
    {
        while (_count > 0 && _entries![_head].Remaining == 0)
        {
            _head = (_head + 1) & (_entries.Length - 1);
            _count--;
        }
    }
}
