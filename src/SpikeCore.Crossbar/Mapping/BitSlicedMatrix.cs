using SpikeCore.Crossbar.Arrays;

namespace SpikeCore.Crossbar.Mapping;

/// <summary>
/// Precision extension by bit slicing (Zidan et al., Nat. Electron. 1, 411, 2018; ISAAC): each weight, quantised to
/// S·k bits of magnitude, is spread over S matrices of k-bit digits (the sign on every slice's differential pair), and
/// the slices' products are shifted and added: y = (w_max / (2^(Sk) − 1)) Σ_s 2^(ks) y_s.
/// </summary>
/// <remarks>
/// Each slice is an <see cref="AnalogMatrix"/> of its own arrays (keys firstKey + 2^24·s onwards) whose weights are the digits,
/// 0..2^k − 1, mapped to the full conductance range; a device then needs only 2^k levels, and an error on slice s
/// weighs 2^(k(s − S + 1)) of one on the most significant slice.
/// </remarks>
public sealed class BitSlicedMatrix
{
    private readonly AnalogMatrix[] _slices;
    private double[]? _part;

    /// <summary>Lays out an <paramref name="inputs"/> × <paramref name="outputs"/> matrix on <paramref name="slices"/> slices of <paramref name="bitsPerSlice"/> bits.</summary>
    /// <param name="inputs">Rows of W.</param>
    /// <param name="outputs">Columns of W.</param>
    /// <param name="config">Layout, converters and arrays of every slice.</param>
    /// <param name="slices">S.</param>
    /// <param name="bitsPerSlice">k.</param>
    /// <param name="seed">Seed of every draw.</param>
    /// <param name="firstKey">Added to every slice's array keys, so that matrices sharing a seed differ.</param>
    public BitSlicedMatrix(int inputs, int outputs, AnalogMatrixConfig config, int slices, int bitsPerSlice, ulong seed, uint firstKey = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (slices < 1 || bitsPerSlice < 1 || (long)slices * bitsPerSlice > 52 || slices > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(slices), $"need 1 to 255 slices of at least 1 bit, at most 52 bits in all (got {slices} x {bitsPerSlice})");
        }

        (Slices, BitsPerSlice, MaxWeight) = (slices, bitsPerSlice, config.MaxWeight);
        double digit = Math.ScaleB(1.0, bitsPerSlice) - 1;
        _slices = [.. Enumerable.Range(0, slices).Select(s => new AnalogMatrix(inputs, outputs, config with { MaxWeight = digit }, seed, firstKey + ((uint)s << 24)))];
    }

    /// <summary>S.</summary>
    public int Slices { get; }

    /// <summary>k.</summary>
    public int BitsPerSlice { get; }

    /// <summary>w_max, the weight of the largest code.</summary>
    public double MaxWeight { get; }

    /// <summary>The slices, least significant first.</summary>
    public IReadOnlyList<AnalogMatrix> Matrices => _slices;

    /// <summary>Energy of every slice.</summary>
    public EnergyLedger Energy
    {
        get
        {
            var sum = new EnergyLedger();
            foreach (AnalogMatrix m in _slices)
            {
                sum.Add(m.Energy);
            }

            return sum;
        }
    }

    private double Codes => Math.ScaleB(1.0, Slices * BitsPerSlice) - 1;

    /// <summary>Quantises <paramref name="weights"/> to S·k bits and programs each slice with its digits.</summary>
    public ProgrammingReport Program(ReadOnlySpan<double> weights, ProgrammingScheme scheme = ProgrammingScheme.WriteVerify, double toleranceUs = double.NaN, int maxPulses = 1000)
    {
        if (Checks.FirstNonFinite(weights) is int bad and >= 0)
        {
            throw new ArgumentException($"weight {bad} is {weights[bad]}: weights must be finite", nameof(weights));
        }

        long mask = (1L << BitsPerSlice) - 1;
        var digits = new double[weights.Length];
        var parts = new List<(ProgrammingReport, long)>();
        for (int s = 0; s < Slices; s++)
        {
            for (int k = 0; k < weights.Length; k++)
            {
                long code = (long)Math.Round(Math.Min(Math.Abs(weights[k]) / MaxWeight, 1) * Codes);
                digits[k] = Math.Sign(weights[k]) * ((code >> (s * BitsPerSlice)) & mask);
            }

            parts.Add((_slices[s].Program(digits, scheme, toleranceUs, maxPulses), weights.Length));
        }

        return ProgrammingReport.Combine(parts);
    }

    /// <summary>y = Wᵀ x: every slice read, shifted and added.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y, double timeS = 0)
    {
        y.Clear();
        Span<double> part = (_part ??= new double[y.Length]).AsSpan(0, y.Length);
        for (int s = 0; s < Slices; s++)
        {
            _slices[s].Multiply(x, part, timeS);
            double shift = Math.ScaleB(MaxWeight, s * BitsPerSlice) / Codes;
            for (int j = 0; j < y.Length; j++)
            {
                y[j] += shift * part[j];
            }
        }
    }
}
