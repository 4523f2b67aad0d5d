namespace SpikeCore.Networks.Computing;

/// <summary>The sparse-coding task: patches, dictionary learning, λ and the solvers' iterations.</summary>
public sealed record SparseCodingParameters
{
    /// <summary>Patch side (8: 64 pixels).</summary>
    public int PatchSide { get; init; } = 8;

    /// <summary>K, the dictionary's atoms (2x overcomplete for 8 x 8 patches).</summary>
    public int Atoms { get; init; } = 128;

    /// <summary>λ, in units of the scaled patches (the largest training-patch value is 1).</summary>
    public double Lambda { get; init; } = 0.1;

    /// <summary>Patches flatter than this standard deviation (grey levels of 255) are drawn again.</summary>
    public double MinContrast { get; init; } = 10;

    /// <summary>Training patches the dictionary learns from.</summary>
    public int TrainPatches { get; init; } = 20_000;

    /// <summary>Dictionary-learning minibatches and their size.</summary>
    public int Batches { get; init; } = 200;

    /// <summary>Patches per minibatch.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Dictionary learning rate η.</summary>
    public double DictionaryRate { get; init; } = 0.5;

    /// <summary>Test patches every solver codes (from the test images).</summary>
    public int TestPatches { get; init; } = 100;

    /// <summary>LCA iterations (two array reads each) and their step Δt/τ.</summary>
    public int LcaIterations { get; init; } = 200;

    /// <summary>Δt/τ.</summary>
    public double LcaStep { get; init; } = 0.1;

    /// <summary>FISTA iterations of the reference (to convergence).</summary>
    public int FistaIterations { get; init; } = 1000;
}
