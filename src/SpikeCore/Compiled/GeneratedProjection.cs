namespace SpikeCore.Compiled;

/// <summary>The synapses of one projection in generation order, before they are merged into the CSR table.</summary>
internal sealed class GeneratedProjection(int[] source, int[] target, float[] weight, int[] delaySteps)
{
    /// <summary>Source index, local to the source population.</summary>
    public int[] Source { get; } = source;

    /// <summary>Target index, local to the target population.</summary>
    public int[] Target { get; } = target;

    public float[] Weight { get; } = weight;

    /// <summary>Delay in multiples of the delay resolution (≥ 1).</summary>
    public int[] DelaySteps { get; } = delaySteps;

    public int Count => Source.Length;
}
