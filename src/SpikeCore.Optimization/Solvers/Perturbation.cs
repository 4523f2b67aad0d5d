namespace SpikeCore.Optimization.Solvers;

/// <summary>What perturbs the Hopfield spin updates of <see cref="MottHopfield"/> (the ablation MOTT.md asks for).</summary>
public enum Perturbation
{
    /// <summary>The Mott oscillators' own normalised voltage (noise-driven chaos near the transition).</summary>
    Chaos,

    /// <summary>Gaussian noise of the same variance (unit) and the same schedule and update times.</summary>
    Noise,

    /// <summary>None: plain asynchronous Hopfield descent at the oscillators' update times.</summary>
    None,
}
