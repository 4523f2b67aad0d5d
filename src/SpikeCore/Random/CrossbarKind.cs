namespace SpikeCore.Random;

/// <summary>What a crossbar array draws (<see cref="StreamPurpose.Crossbar"/>).</summary>
public enum CrossbarKind
{
    /// <summary>Which devices are stuck, and at which bound (per cell).</summary>
    Faults,

    /// <summary>Device-to-device spread of the update curve (per cell).</summary>
    Spread,

    /// <summary>Cycle-to-cycle noise of programming pulses (per cell).</summary>
    Programming,

    /// <summary>Read noise of the outputs (per read).</summary>
    ReadNoise,

    /// <summary>Drift exponents and 1/f read noise of PCM devices (per cell).</summary>
    Drift,

    /// <summary>The cycle count at which a device fails (per cell).</summary>
    Endurance,

    /// <summary>The stochastic pulse trains of a parallel outer-product update (per update).</summary>
    Update,
}
