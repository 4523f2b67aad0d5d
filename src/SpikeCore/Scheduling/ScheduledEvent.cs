namespace SpikeCore.Scheduling;

/// <summary>What a queued event does when it is popped. The numeric order is the tiebreak between kinds at equal times.</summary>
internal enum EventKind : byte
{
    /// <summary>A clocked population finishes the step that ends at the event time (before inputs at that time, which belong to the next step).</summary>
    Tick = 0,

    /// <summary>One delay group of a spike reaches its targets.</summary>
    Delivery = 1,

    /// <summary>An injected current changes.</summary>
    Stimulus = 2,

    /// <summary>State recorders sample (after everything else at that time).</summary>
    Record = 3,
}

/// <summary>
/// One entry of the event queue: 32 bytes, no references. A spike in flight is one entry per delay group, never one per
/// synapse: popping a delivery delivers its whole group and pushes the next group of the same spike.
/// </summary>
/// <remarks>Ordered by (time, kind, source, block), then by insertion sequence, so runs are reproducible bit for bit.</remarks>
internal struct ScheduledEvent
{
    /// <summary>When the event happens.</summary>
    public double TimeMs;

    /// <summary>For deliveries: when the spike was emitted (delivery times are emit + group delay, computed from this).</summary>
    public double EmitTimeMs;

    /// <summary>Source neuron (deliveries), population (ticks, stimuli) or recorder index.</summary>
    public int Source;

    /// <summary>First block of the delay group (deliveries) or an argument of the event.</summary>
    public int Block;

    /// <summary>Insertion sequence: the last tiebreak.</summary>
    public uint Sequence;

    /// <summary>The event kind.</summary>
    public EventKind Kind;

    public static bool Precedes(in ScheduledEvent a, in ScheduledEvent b)
    {
        if (a.TimeMs != b.TimeMs)
        {
            return a.TimeMs < b.TimeMs;
        }

        if (a.Kind != b.Kind)
        {
            return a.Kind < b.Kind;
        }

        if (a.Source != b.Source)
        {
            return a.Source < b.Source;
        }

        if (a.Block != b.Block)
        {
            return a.Block < b.Block;
        }

        return a.Sequence < b.Sequence;
    }
}
