namespace SpikeCore.Compiled;

/// <summary>
/// The synapses of one projection in generation order, before they are merged into the CSR table. A projection whose
/// weight or delay is the same for every synapse keeps that value once instead of an array (16 → 8 bytes per synapse
/// while the network is built).
/// </summary>
internal sealed class GeneratedProjection(int[] source, int[] target, float[]? weight, float constantWeight, int[]? delaySteps, int constantDelaySteps)
{
    /// <summary>Source index, local to the source population.</summary>
    public int[] Source { get; } = source;

    /// <summary>Target index, local to the target population.</summary>
    public int[] Target { get; } = target;

    /// <summary>Each synapse's weight, or null when every synapse has <see cref="ConstantWeight"/>.</summary>
    public float[]? Weight { get; set; } = weight;

    public float ConstantWeight { get; } = constantWeight;

    /// <summary>Each synapse's delay in multiples of the delay resolution (≥ 1), or null when every synapse has <see cref="ConstantDelaySteps"/>.</summary>
    public int[]? DelaySteps { get; set; } = delaySteps;

    public int ConstantDelaySteps { get; } = constantDelaySteps;

    public int Count => Source.Length;
}
