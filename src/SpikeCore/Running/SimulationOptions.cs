namespace SpikeCore.Running;

/// <summary>How a <see cref="Simulation"/> records. Immutable; customise with <c>with</c>.</summary>
public sealed record SimulationOptions
{
    /// <summary>The defaults: record every spike.</summary>
    public static SimulationOptions Default { get; } = new();

    /// <summary>Keep every (time, neuron) pair (the count and hash are kept either way).</summary>
    public bool RecordSpikes { get; init; } = true;

    /// <summary>Spikes to reserve recorder space for up front (recording beyond it allocates chunks as needed).</summary>
    public long ReserveSpikes { get; init; }
}
