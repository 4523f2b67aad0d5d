namespace SpikeCore.Reservoir.Audio;

/// <summary>A mono audio signal: samples in [−1, 1] at a sample rate.</summary>
/// <param name="Samples">The samples (channels of the source averaged).</param>
/// <param name="SampleRateHz">Samples per second.</param>
public sealed record AudioClip(float[] Samples, int SampleRateHz)
{
    /// <summary>Length in seconds.</summary>
    public double DurationS => (double)Samples.Length / SampleRateHz;
}
