namespace SpikeCore.Networks.Computing;

/// <summary>The spiking LCA's neurons, synapses and run (<see cref="SpikingLca"/>).</summary>
public sealed record SpikingLcaParameters
{
    /// <summary>The run; the coefficients are rates over its part after <see cref="WarmUpMs"/>.</summary>
    public double DurationMs { get; init; } = 500;

    /// <summary>Spikes before this are the transient, not counted.</summary>
    public double WarmUpMs { get; init; } = 100;

    /// <summary>r₀: the firing rate standing for a coefficient of 1 (1/ms = 1 kHz).</summary>
    public double RatePerUnitPerMs { get; init; } = 1;

    /// <summary>θ.</summary>
    public double ThresholdMv { get; init; } = 1;

    /// <summary>τ_s of the exponential synaptic currents.</summary>
    public double SynapseTauMs { get; init; } = 5;

    /// <summary>τm, long enough that the leak (V/τm against drives of order θ r₀) is negligible over a run.</summary>
    public double MembraneTauMs { get; init; } = 1e7;

    /// <summary>The drive train's rate for the largest |b_j − λ|.</summary>
    public double MaxDriveRatePerMs { get; init; } = 5;

    /// <summary>Every synapse's delay.</summary>
    public double DelayMs { get; init; } = 0.1;
}
