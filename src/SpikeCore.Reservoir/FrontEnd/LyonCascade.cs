namespace SpikeCore.Reservoir.FrontEnd;

/// <summary>
/// Lyon's passive long-wave cochlear model (Lyon 1982; Slaney, Apple TR #13, 1988): a cascade of pole-zero stages from
/// high to low frequency, each channel tapped after its stage, half-wave rectified, then four coupled stages of
/// automatic gain control, averaged into frames.
/// </summary>
/// <remarks>
/// <code>
/// bandwidth B(f) = √(f² + f_b²)/Q_ear  (f_b = 1 kHz, Q_ear = 8)
/// stage k: poles at CF_k with Q = CF_k/B(CF_k); zeros at CF_k + 1.5 s B(CF_k) with Q = 5 (CF_k + 1.5 s B)/B(CF_k);
///          DC gain CF_(k−1)/CF_k;  channel centres evenly spaced in asinh(f/f_b) from high to low, s the step in B
/// front: a 300 Hz pre-emphasis zero and a resonance at the top frequency, unit gain at f_s/4
/// AGC stage j (τ_j = 1.92, 4.8, 12, 48 ms; targets 3.2, 1.6, 0.8, 0.4 ×10⁻³), per sample and channel c:
///     out_c = in_c (1 − a_c),  a_c ← min(1 − 10⁻⁴, (1 − ε_j) ā_c + ε_j out_c/target_j),  ε_j = 1 − e^(−1/(τ_j f_s)),
///     ā_c = (a_(c−1) + a_c + a_(c+1))/3 (neighbouring channels share their gain state)
/// </code>
/// A second-order section is y[n] = b0 x[n] + b1 x[n−1] + b2 x[n−2] − a1 y[n−1] − a2 y[n−2].
/// </remarks>
internal sealed class LyonCascade
{
    private const double BreakHz = 1000, EarQ = 8, ZeroOffset = 1.5, Sharpness = 5, PreEmphasisCornerHz = 300;
    private static readonly double[] s_agcTauMs = [1.92, 4.8, 12, 48];
    private static readonly double[] s_agcTargets = [0.0032, 0.0016, 0.0008, 0.0004];

    private readonly Section[] _front;
    private readonly Section[] _stages;
    private readonly double[] _agcEpsilon;

    /// <summary>ε of each AGC stage at this sample rate.</summary>
    internal IReadOnlyList<double> AgcEpsilons => _agcEpsilon;

    private LyonCascade(int rateHz, double[] centres, Section[] front, Section[] stages)
    {
        RateHz = rateHz;
        CentreHz = centres;
        _front = front;
        _stages = stages;
        _agcEpsilon = s_agcTauMs.Select(tau => 1 - Math.Exp(-1000 / (tau * rateHz))).ToArray();
    }

    /// <summary>Sample rate the filters are designed for.</summary>
    public int RateHz { get; }

    /// <summary>Centre (pole) frequency of each channel, descending as along the cochlea.</summary>
    public double[] CentreHz { get; }

    /// <summary>The lowest centre frequency the model allows: where a stage's pole Q falls to 1/2.</summary>
    public static double LowestCentreHz => BreakHz / Math.Sqrt((4 * EarQ * EarQ) - 1);

    /// <summary>Designs <paramref name="channels"/> channels with centres from just below <paramref name="highHz"/> down to <paramref name="lowHz"/>.</summary>
    public static LyonCascade Design(int rateHz, double lowHz, double highHz, int channels)
    {
        if (!(lowHz > LowestCentreHz) || !(highHz > lowHz) || highHz > rateHz / 2.0 || channels < 1)
        {
            throw new ArgumentException($"Lyon cascade: need {LowestCentreHz:F1} Hz < low < high <= {rateHz / 2.0} Hz and channels >= 1 (got {lowHz}..{highHz} Hz, {channels})");
        }

        double top = Math.Asinh(highHz / BreakHz), step = (top - Math.Asinh(lowHz / BreakHz)) / channels;
        double[] centres = Enumerable.Range(1, channels).Select(k => BreakHz * Math.Sinh(top - (k * step))).ToArray();
        double stepFactor = EarQ * step; // spacing in bandwidths: d asinh(f/f_b) = (s/Q_ear) per stage
        var stages = new Section[channels];
        for (int k = 0; k < channels; k++)
        {
            double cf = centres[k], bandwidth = Bandwidth(cf), zeroCf = cf + (bandwidth * stepFactor * ZeroOffset);
            double[] zeros = Resonance(zeroCf, Sharpness * zeroCf / bandwidth, rateHz);
            double[] poles = Resonance(cf, cf / bandwidth, rateHz);
            double previous = k == 0 ? highHz : centres[k - 1];
            stages[k] = new Section(zeros[0], zeros[1], zeros[2], poles[1], poles[2]).WithGain(previous / cf, 0, rateHz);
        }

        double[] topPoles = Resonance(highHz, highHz / Bandwidth(highHz), rateHz);
        Section[] front =
        [
            new Section(1, -Math.Exp(-2 * Math.PI * PreEmphasisCornerHz / rateHz), 0, 0, 0).WithGain(1, rateHz / 4.0, rateHz),
            new Section(1, 0, -1, topPoles[1], topPoles[2]).WithGain(1, rateHz / 4.0, rateHz),
        ];
        return new LyonCascade(rateHz, centres, front, stages);
    }

    /// <summary>|H(f)| of the front and the cascade up to and including channel <paramref name="channel"/>.</summary>
    public double Gain(int channel, double hz) =>
        _front.Concat(_stages.Take(channel + 1)).Aggregate(1.0, (g, s) => g * s.Magnitude(hz, RateHz));

    /// <summary>
    /// Each channel's half-wave rectified output, after the AGC when <paramref name="agc"/>, averaged over windows of
    /// <paramref name="frameSamples"/> every <paramref name="hopSamples"/>: frames × channels (channels ascending in
    /// frequency, like the other filterbanks).
    /// </summary>
    public float[][] Frames(ReadOnlySpan<float> samples, int frameSamples, int hopSamples, bool agc = true)
    {
        int channels = _stages.Length, n = samples.Length;
        int frames = n >= frameSamples ? 1 + ((n - frameSamples) / hopSamples) : 1;
        var sums = new double[frames, channels];
        var front = new SectionState[_front.Length];
        var state = new SectionState[channels];
        var gain = new double[s_agcTargets.Length, channels];
        var output = new double[channels];
        var smoothed = new double[channels];
        for (int i = 0; i < n; i++)
        {
            double x = samples[i];
            for (int f = 0; f < _front.Length; f++)
            {
                x = front[f].Step(_front[f], x);
            }

            for (int c = 0; c < channels; c++)
            {
                x = state[c].Step(_stages[c], x);
                output[c] = Math.Max(x, 0);
            }

            if (agc)
            {
                Agc(output, gain, smoothed, _agcEpsilon);
            }

            // Sample i lies in frames t with t·hop <= i < t·hop + frame.
            for (int t = Math.Max(0, (i - frameSamples + hopSamples) / hopSamples); t < frames && t * hopSamples <= i; t++)
            {
                for (int c = 0; c < channels; c++)
                {
                    sums[t, c] += output[c];
                }
            }
        }

        var result = new float[frames][];
        for (int t = 0; t < frames; t++)
        {
            int from = t * hopSamples, to = Math.Min(n, from + frameSamples);
            result[t] = new float[channels];
            for (int c = 0; c < channels; c++)
            {
                result[t][channels - 1 - c] = to > from ? (float)(sums[t, c] / (to - from)) : 0;
            }
        }

        return result;
    }

    /// <summary>Bandwidth B(f) of the channel at <paramref name="hz"/>.</summary>
    private static double Bandwidth(double hz) => Math.Sqrt((hz * hz) + (BreakHz * BreakHz)) / EarQ;

    /// <summary>[1, −2ρ cos θ, ρ²] of a resonance at <paramref name="hz"/> with quality <paramref name="q"/> (Q &gt; 1/2).</summary>
    private static double[] Resonance(double hz, double q, int rateHz)
    {
        double rho = Math.Exp(-Math.PI * hz / rateHz / q), theta = 2 * Math.PI * hz / rateHz * Math.Sqrt(1 - (1 / (4 * q * q)));
        return [1, -2 * rho * Math.Cos(theta), rho * rho];
    }

    /// <summary>AGC targets, one per stage.</summary>
    internal static IReadOnlyList<double> AgcTargets => s_agcTargets;

    /// <summary>One sample of the four AGC stages on every channel's <paramref name="output"/> (in place); <paramref name="gain"/> holds a_c per stage.</summary>
    internal static void Agc(double[] output, double[,] gain, double[] smoothed, double[] epsilons)
    {
        int channels = output.Length;
        for (int j = 0; j < s_agcTargets.Length; j++)
        {
            double epsilon = epsilons[j], target = s_agcTargets[j];
            for (int c = 0; c < channels; c++)
            {
                output[c] *= 1 - gain[j, c];
                smoothed[c] = (gain[j, Math.Max(c - 1, 0)] + gain[j, c] + gain[j, Math.Min(c + 1, channels - 1)]) / 3;
            }

            for (int c = 0; c < channels; c++)
            {
                gain[j, c] = Math.Min(1 - 1e-4, ((1 - epsilon) * smoothed[c]) + (epsilon * output[c] / target));
            }
        }
    }

    private readonly record struct Section(double B0, double B1, double B2, double A1, double A2)
    {
        public double Magnitude(double hz, int rateHz)
        {
            System.Numerics.Complex z1 = System.Numerics.Complex.FromPolarCoordinates(1, -2 * Math.PI * hz / rateHz);
            System.Numerics.Complex z2 = z1 * z1;
            return ((B0 + (B1 * z1) + (B2 * z2)) / (1 + (A1 * z1) + (A2 * z2))).Magnitude;
        }

        public Section WithGain(double desired, double hz, int rateHz)
        {
            double scale = desired / Magnitude(hz, rateHz);
            return this with { B0 = B0 * scale, B1 = B1 * scale, B2 = B2 * scale };
        }
    }

    private struct SectionState
    {
        private double _x1, _x2, _y1, _y2;

        public double Step(in Section s, double x)
        {
            double y = (s.B0 * x) + (s.B1 * _x1) + (s.B2 * _x2) - (s.A1 * _y1) - (s.A2 * _y2);
            (_x2, _x1, _y2, _y1) = (_x1, x, _y1, y);
            return y;
        }
    }
}
