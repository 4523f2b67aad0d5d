namespace SpikeCore.Reservoir.Encoding;

/// <summary>How a (per-utterance normalised) signal becomes spikes for a liquid.</summary>
public enum SpikeEncoding
{
    /// <summary><see cref="PoissonRateEncoder"/>: rate up to the maximum at two standard deviations above the mean.</summary>
    Poisson,

    /// <summary><see cref="LifCurrentEncoder"/>: the signal is the input current of one LIF neuron per channel (drive 1 + x, deterministic).</summary>
    LifCurrent,
}
