namespace SpikeCore.Reservoir.FrontEnd;

/// <summary>Which auditory filterbank turns a spectrum into channels.</summary>
public enum FilterbankKind
{
    /// <summary>Gammatone filters on the ERB scale (Slaney's auditory toolbox, via NWaves' ERB bank).</summary>
    Gammatone,

    /// <summary>Lyon's cascade of pole-zero stages with automatic gain control (<see cref="LyonCascade"/>), in the time domain.</summary>
    Lyon,

    /// <summary>Triangular mel filters (Slaney's normalisation, via NWaves).</summary>
    Mel,
}

/// <summary>How channel energies are compressed.</summary>
public enum Compression
{
    /// <summary>ln(e + floor).</summary>
    Log,

    /// <summary>e^(1/3), Stevens' power law for loudness.</summary>
    CubeRoot,

    /// <summary>Energies as they are.</summary>
    None,
}

/// <summary>The audio front end: pre-emphasis, framing, filterbank, compression, per-utterance normalisation.</summary>
public sealed record FrontEndOptions
{
    /// <summary>The filterbank.</summary>
    public FilterbankKind Filterbank { get; init; } = FilterbankKind.Gammatone;

    /// <summary>Number of channels.</summary>
    public int Channels { get; init; } = 32;

    /// <summary>Lowest band edge.</summary>
    public double LowHz { get; init; } = 100;

    /// <summary>Highest band edge (at most half the sample rate).</summary>
    public double HighHz { get; init; } = 4000;

    /// <summary>Analysis frame length.</summary>
    public double FrameMs { get; init; } = 25;

    /// <summary>Frame step.</summary>
    public double HopMs { get; init; } = 10;

    /// <summary>Pre-emphasis coefficient a of y[n] = x[n] − a x[n−1] (0: none).</summary>
    public double PreEmphasis { get; init; } = 0.97;

    /// <summary>Whether the Lyon cascade runs its automatic gain control (ignored by the other filterbanks).</summary>
    public bool Agc { get; init; } = true;

    /// <summary>Compression of channel energies.</summary>
    public Compression Compression { get; init; } = Compression.Log;

    /// <summary>Whether each utterance is scaled to zero mean and unit variance over all its frames and channels.</summary>
    public bool Normalise { get; init; } = true;

    /// <summary>Every problem with these options for audio sampled at <paramref name="sampleRateHz"/>.</summary>
    public IReadOnlyList<string> Problems(int sampleRateHz)
    {
        var p = new List<string>();
        if (Channels < 1)
        {
            p.Add($"channels: must be at least 1 (got {Channels})");
        }

        if (!(LowHz >= 0) || !(HighHz > LowHz) || HighHz > sampleRateHz / 2.0)
        {
            p.Add($"band: need 0 <= low_hz < high_hz <= {sampleRateHz / 2.0} (half of {sampleRateHz} Hz), got [{LowHz}, {HighHz}]");
        }

        if (Filterbank == FilterbankKind.Lyon && !(LowHz > LyonCascade.LowestCentreHz))
        {
            p.Add($"band: the Lyon cascade needs low_hz above {LyonCascade.LowestCentreHz:F1} Hz (got {LowHz})");
        }

        if (!(FrameMs > 0) || !(HopMs > 0) || HopMs > FrameMs)
        {
            p.Add($"framing: need 0 < hop_ms <= frame_ms, got frame {FrameMs} ms, hop {HopMs} ms");
        }

        if (!(PreEmphasis >= 0 && PreEmphasis < 1))
        {
            p.Add($"pre_emphasis: must lie in [0, 1), got {PreEmphasis}");
        }

        return p;
    }
}
