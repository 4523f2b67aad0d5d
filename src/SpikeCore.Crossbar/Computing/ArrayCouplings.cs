using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Mapping;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// A Hopfield network's coupling matrix J (n × n) programmed into arrays (Eryilmaz et al. 2014 with PCM, Hu et al. 2015
/// with HfO2): write-verify quantises each coupling to the devices' levels with their programming error; a read of the
/// state s gives the fields h = J s through the DACs, the wires (IR drop), the devices at the read's time (drift, read
/// noise) and the ADCs.
/// </summary>
/// <remarks>
/// The arrays are the layout the other tasks use (<see cref="AnalogMatrixConfig.For"/>): differential pairs for a preset
/// with an abrupt reset, otherwise one device per coupling against a reference column; 256 × 256 tiles; w_max = max |J|;
/// 8-bit DAC (states ±1 are exact), 10-bit ADC; wire resistance by the series-path model.
/// </remarks>
public sealed class ArrayCouplings
{
    /// <summary>The most spins whose dense couplings are simulated in arrays (n² devices or pairs).</summary>
    public const int MaxSpins = 2048;

    private readonly AnalogMatrix _matrix;
    private readonly double[] _input, _output;

    /// <summary>Programs <paramref name="couplings"/> (n × n, row-major) into arrays of <paramref name="config"/>.</summary>
    public ArrayCouplings(ReadOnlySpan<double> couplings, int n, AnalogMatrixConfig config, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (n < 1 || n > MaxSpins || couplings.Length != (long)n * n)
        {
            throw new ArgumentException($"{couplings.Length} couplings for {n} spins (arrays hold 1 to {MaxSpins} spins' dense couplings)", nameof(couplings));
        }

        double largest = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(couplings);
        largest = Math.Abs(largest) > 0 ? Math.Abs(largest) : 1;
        Size = n;
        _matrix = new AnalogMatrix(n, n, config with { MaxWeight = largest }, seed);
        // y = Wᵀ s with W = Jᵀ gives h = J s.
        var w = new double[couplings.Length];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                w[(j * n) + i] = couplings[(i * n) + j];
            }
        }

        _matrix.Program(w);
        (_input, _output) = (new double[n], new double[n]);
    }

    /// <summary>n.</summary>
    public int Size { get; }

    /// <summary>Energy of programming and every read so far.</summary>
    public EnergyLedger Energy => _matrix.Energy;

    /// <summary>h = J s from one read of the arrays <paramref name="timeS"/> after programming.</summary>
    public void Fields(ReadOnlySpan<sbyte> state, Span<double> fields, double timeS = 0)
    {
        for (int i = 0; i < Size; i++)
        {
            _input[i] = state[i];
        }

        _matrix.Multiply(_input, fields, timeS);
    }

    /// <summary>
    /// J as the arrays hold it at <paramref name="timeS"/>: column j read with only input j driven (n reads), so each
    /// coupling carries its programming error, drift and one draw of read noise (row-major).
    /// </summary>
    public double[] Effective(double timeS = 0)
    {
        int n = Size;
        var j = new double[n * n];
        Array.Clear(_input);
        for (int k = 0; k < n; k++)
        {
            _input[k] = 1;
            _matrix.Multiply(_input, _output, timeS);
            _input[k] = 0;
            for (int i = 0; i < n; i++)
            {
                j[(i * n) + k] = _output[i];
            }
        }

        return j;
    }
}
