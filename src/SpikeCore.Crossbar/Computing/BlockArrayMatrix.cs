using MathNet.Numerics.LinearAlgebra.Double;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Converters;
using SpikeCore.Crossbar.Mapping;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// A sparse integer matrix computed on arrays with precision extension (Zidan et al., Nat. Electron. 1, 411, 2018): cut
/// into T × T blocks, the all-zero blocks skipped, each other block's coefficients sliced over S arrays of k bits per
/// device (<see cref="BitSlicedMatrix"/>), and the vector presented one bit plane at a time.
/// </summary>
/// <remarks>
/// <para>
/// A product y = A x quantises x to P bits of magnitude relative to max |x| (code c_j = round(|x_j| / max|x| · (2^P − 1)),
/// the sign on the pair), and reads every nonzero block once per slice for each bit plane whose bits in that block are
/// not all zero: the plane's rows see ±V_read or 0, so each column current is an integer number of digit units. The ADC's
/// step is one unit and its range the largest column sum of digits, so a conversion is exact while the devices' errors
/// along a column stay under half a unit; planes and slices are shifted and added digitally:
/// y = (max|x| / (2^P − 1)) Σ_p 2^p Σ_s 2^(ks) y_ps.
/// </para>
/// <para>
/// Reads of few planes give a cheap low-precision product; reads of many give a product as precise as the devices allow:
/// <see cref="RefinedSolver"/> uses both. Every read, pulse and conversion is counted in <see cref="Energy"/>.
/// </para>
/// </remarks>
public sealed class BlockArrayMatrix
{
    private readonly Block[] _blocks;
    private readonly double[] _bits, _partial;

    /// <summary>Programs the nonzero blocks of <paramref name="matrix"/> (integer coefficients) into arrays of <paramref name="arrays"/> by write-verify (each device within half its largest step of its digit's level).</summary>
    /// <param name="matrix">A, square, with integer coefficients.</param>
    /// <param name="tile">T, the side of a block (one array's rows; its columns hold T differential pairs).</param>
    /// <param name="bitsPerDevice">k: each device holds a digit 0..2^k − 1.</param>
    /// <param name="arrays">The arrays' technology, circuit and non-idealities.</param>
    /// <param name="seed">Seed of every device draw.</param>
    public BlockArrayMatrix(SparseMatrix matrix, int tile, int bitsPerDevice, ArrayConfig arrays, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(arrays);
        if (matrix.RowCount != matrix.ColumnCount || tile < 1 || bitsPerDevice is < 1 or > 16)
        {
            throw new ArgumentException($"need a square matrix, blocks of at least one row and 1 to 16 bits per device (got {matrix.RowCount} x {matrix.ColumnCount}, {tile}, {bitsPerDevice})");
        }

        var blocks = new Dictionary<(int, int), List<(int Row, int Column, long Value)>>();
        long largest = 0;
        foreach ((int i, int j, double v) in matrix.EnumerateIndexed(MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip))
        {
            if (v != Math.Round(v) || Math.Abs(v) > 1L << 40)
            {
                throw new ArgumentException($"coefficient ({i}, {j}) is {v}: precision extension here holds integers up to 2^40 (scale the matrix digitally)", nameof(matrix));
            }

            if (v != 0)
            {
                (blocks.TryGetValue((i / tile, j / tile), out var list) ? list : blocks[(i / tile, j / tile)] = []).Add((i % tile, j % tile, (long)v));
                largest = Math.Max(largest, Math.Abs((long)v));
            }
        }

        int bits = Math.Max(1, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)largest));
        (Size, Tile, BitsPerDevice, Slices) = (matrix.RowCount, tile, bitsPerDevice, (bits + bitsPerDevice - 1) / bitsPerDevice);

        // The ADC resolves one digit unit over the largest column sum of digits of any slice of any block.
        long mask = (1L << bitsPerDevice) - 1, columnSum = 1;
        foreach (var list in blocks.Values)
        {
            for (int s = 0; s < Slices; s++)
            {
                columnSum = Math.Max(columnSum, list.GroupBy(e => e.Row).Max(g => g.Sum(e => (Math.Abs(e.Value) >> (s * bitsPerDevice)) & mask)));
            }
        }

        long devices = (long)blocks.Count * tile * 2 * tile * Slices;
        if (devices > MaxDevices)
        {
            throw new ArgumentException($"{blocks.Count} nonzero {tile}x{tile} blocks of {Slices} slice(s) need {devices:N0} devices, more than the {MaxDevices:N0} simulated here: use smaller tiles or a smaller problem");
        }

        int adcBits = 2 + (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)columnSum));
        long codes = (1L << (Slices * bitsPerDevice)) - 1;
        var config = new AnalogMatrixConfig
        {
            Array = arrays,
            Mapping = WeightMapping.Differential,
            TileRows = tile,
            TileColumns = 2 * tile,
            MaxWeight = codes,
            Dac = new Converter(2, 1, 1),
            Adc = new Converter(adcBits, 1),
            AdcFullScale = (1L << (adcBits - 1)) - 1,
            BoundManagementSteps = 0,
        };
        AdcBits = adcBits;
        var built = new List<Block>();
        foreach (((int bi, int bj), var list) in blocks.OrderBy(b => b.Key))
        {
            int rows = Math.Min(tile, Size - (bi * tile)), columns = Math.Min(tile, Size - (bj * tile));
            // y_I = A_IJ x_J is Wᵀ x with W = A_IJᵀ: block column j is array row j.
            var w = new double[columns * rows];
            foreach ((int r, int c, long v) in list)
            {
                w[(c * rows) + r] = v;
            }

            var sliced = new BitSlicedMatrix(columns, rows, config, Slices, bitsPerDevice, seed, (uint)built.Count);
            sliced.Program(w);
            built.Add(new Block(bi * tile, bj * tile, rows, columns, sliced));
        }

        _blocks = [.. built];
        (_bits, _partial) = (new double[tile], new double[tile]);
    }

    /// <summary>The most devices the arrays may take (about 40 bytes each in simulation).</summary>
    public const long MaxDevices = 1L << 24;

    /// <summary>n, the matrix's side.</summary>
    public int Size { get; }

    /// <summary>T.</summary>
    public int Tile { get; }

    /// <summary>k.</summary>
    public int BitsPerDevice { get; }

    /// <summary>S, the slices each coefficient's magnitude is spread over.</summary>
    public int Slices { get; }

    /// <summary>Blocks held in arrays (the rest are zero and skipped).</summary>
    public int Blocks => _blocks.Length;

    /// <summary>The ADC's bits: one digit unit per step up to the largest column sum.</summary>
    public int AdcBits { get; }

    /// <summary>Array reads so far (one per block, slice and bit plane), programming's verify reads excluded.</summary>
    public long Reads { get; private set; }

    /// <summary>Energy of programming and every product so far.</summary>
    public EnergyLedger Energy
    {
        get
        {
            var sum = new EnergyLedger();
            foreach (Block b in _blocks)
            {
                sum.Add(b.Matrix.Energy);
            }

            return sum;
        }
    }

    /// <summary>y = A x from the arrays, with x quantised to <paramref name="inputBits"/> bits of magnitude relative to max |x|.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y, int inputBits)
    {
        if (x.Length != Size || y.Length != Size || inputBits is < 1 or > 52)
        {
            throw new ArgumentException($"a product of a {Size} x {Size} matrix takes {Size} inputs and outputs and 1 to 52 input bits (got {x.Length}, {y.Length}, {inputBits})");
        }

        y.Clear();
        double scale = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(x));
        if (!(scale > 0))
        {
            return;
        }

        long top = (1L << inputBits) - 1;
        var codes = new long[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            codes[j] = (long)Math.Round(Math.Abs(x[j]) / scale * top);
        }

        foreach (Block b in _blocks)
        {
            Span<double> bits = _bits.AsSpan(0, b.Columns), partial = _partial.AsSpan(0, b.Rows);
            for (int plane = 0; plane < inputBits; plane++)
            {
                bool any = false;
                for (int j = 0; j < b.Columns; j++)
                {
                    long bit = (codes[b.FirstColumn + j] >> plane) & 1;
                    bits[j] = bit == 0 ? 0 : Math.Sign(x[b.FirstColumn + j]);
                    any |= bit != 0;
                }

                if (!any)
                {
                    continue;
                }

                b.Matrix.Multiply(bits, partial);
                Reads += Slices;
                double weight = Math.ScaleB(scale / top, plane);
                for (int i = 0; i < b.Rows; i++)
                {
                    y[b.FirstRow + i] += weight * partial[i];
                }
            }
        }
    }

    /// <summary>One nonzero block: where it sits and its sliced arrays.</summary>
    private sealed record Block(int FirstRow, int FirstColumn, int Rows, int Columns, BitSlicedMatrix Matrix);
}
