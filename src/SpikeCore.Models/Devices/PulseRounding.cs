namespace SpikeCore.Models.Devices;

/// <summary>How a requested weight change becomes a whole number of programming pulses.</summary>
public enum PulseRounding
{
    /// <summary>n = trunc(Δw / Δw_range · P_max), as NeuroSim: changes worth less than one pulse are lost.</summary>
    Truncate,

    /// <summary>n = floor(x) + Bernoulli(x − floor(x)) with x = |Δw| / Δw_range · P_max: unbiased in expectation.</summary>
    Stochastic,
}
