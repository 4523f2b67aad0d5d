using NWaves.FeatureExtractors.Options;
using NWaves.FeatureExtractors;
using NWaves.Filters.Fda;
using NWaves.Signals;
using SpikeCore.Reservoir.Audio;

namespace SpikeCore.Reservoir.FrontEnd;

/// <summary>
/// Channel energies over time of one utterance: frames × channels, one frame every <see cref="HopMs"/>.
/// </summary>
/// <param name="Frames">Compressed (and normalised) energy of each channel in each frame.</param>
/// <param name="HopMs">Time between frames.</param>
/// <param name="CentreHz">Peak frequency of each channel's filter, ascending.</param>
public sealed record Cochleagram(float[][] Frames, double HopMs, double[] CentreHz)
{
    /// <summary>
    /// Runs the front end on <paramref name="clip"/>: the filterbank's frames (pre-emphasis and a spectral gammatone or
    /// mel bank, or Lyon's time-domain cascade with AGC), compression, then per-utterance normalisation.
    /// </summary>
    public static Cochleagram Compute(AudioClip clip, FrontEndOptions options)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Problems(clip.SampleRateHz);
        if (problems.Count > 0)
        {
            throw new ArgumentException("front end: " + string.Join("; ", problems), nameof(options));
        }

        int rate = clip.SampleRateHz;
        int frame = Math.Max(2, (int)Math.Round(options.FrameMs * rate / 1000));
        float[][] frames;
        double[] centres;
        if (options.Filterbank == FilterbankKind.Lyon)
        {
            var lyon = LyonCascade.Design(rate, options.LowHz, options.HighHz, options.Channels);
            int hop = Math.Max(1, (int)Math.Round(options.HopMs * rate / 1000));
            frames = lyon.Frames(clip.Samples, frame, hop, options.Agc);
            centres = [.. lyon.CentreHz.Reverse()];
        }
        else
        {
            (frames, centres) = SpectralFrames(clip, options, frame);
        }

        foreach (float[] f in frames)
        {
            Compress(f, options.Compression);
        }

        if (options.Normalise)
        {
            Normalise(frames);
        }

        return new Cochleagram(frames, options.HopMs, centres);
    }

    /// <summary>Pre-emphasis, Hann-windowed frames, power spectrum through the gammatone or mel bank (NWaves).</summary>
    private static (float[][] Frames, double[] CentreHz) SpectralFrames(AudioClip clip, FrontEndOptions options, int frame)
    {
        int rate = clip.SampleRateHz, fft = 1;
        while (fft < frame)
        {
            fft *= 2;
        }

        float[][] bank = options.Filterbank == FilterbankKind.Gammatone
            ? FilterBanks.Erb(options.Channels, fft, rate, options.LowHz, options.HighHz, true)
            : FilterBanks.MelBankSlaney(options.Channels, fft, rate, options.LowHz, options.HighHz, true, null);
        double[] centres = bank.Select(f => (double)Array.IndexOf(f, f.Max()) * rate / fft).ToArray();
        var extractor = new FilterbankExtractor(new FilterbankOptions
        {
            SamplingRate = rate,
            FrameDuration = (double)frame / rate,
            HopDuration = options.HopMs / 1000,
            FftSize = fft,
            FilterBank = bank,
            PreEmphasis = options.PreEmphasis,
            Window = NWaves.Windows.WindowType.Hann,
            SpectrumType = SpectrumType.Power,
            NonLinearity = NonLinearityType.None,
        });

        float[] samples = clip.Samples.Length >= frame ? clip.Samples : [.. clip.Samples, .. new float[frame - clip.Samples.Length]];
        return ([.. extractor.ComputeFrom(new DiscreteSignal(rate, samples))], centres);
    }

    private static void Compress(float[] energies, Compression compression)
    {
        for (int c = 0; c < energies.Length; c++)
        {
            double e = Math.Max(energies[c], 0);
            energies[c] = compression switch
            {
                Compression.Log => (float)Math.Log(e + 1e-10),
                Compression.CubeRoot => (float)Math.Cbrt(e),
                _ => (float)e,
            };
        }
    }

    /// <summary>Zero mean, unit variance over all values of the utterance (a constant utterance becomes zeros).</summary>
    internal static void Normalise(float[][] frames)
    {
        double sum = 0, sumSquares = 0;
        long n = 0;
        foreach (float[] f in frames)
        {
            foreach (float x in f)
            {
                sum += x;
                sumSquares += (double)x * x;
                n++;
            }
        }

        if (n == 0)
        {
            return;
        }

        double mean = sum / n, sd = Math.Sqrt(Math.Max((sumSquares / n) - (mean * mean), 0));
        foreach (float[] f in frames)
        {
            for (int c = 0; c < f.Length; c++)
            {
                f[c] = sd > 1e-12 ? (float)((f[c] - mean) / sd) : 0;
            }
        }
    }
}
