using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Mapping;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// The locally competitive algorithm with its dictionary in an array (Sheridan et al., Nat. Nanotechnol. 12, 784,
/// 2017): D (m pixels × K atoms) is programmed as the weights; each iteration reads the reconstruction x̂ = D a
/// transposed (the coefficients on the columns) and the drive Dᵀ(x − x̂) forward (the residual on the rows), the rest
/// digital (<see cref="SparseCoding.Lca"/>).
/// </summary>
/// <remarks>
/// A vector is presented scaled by its largest magnitude and the read rescaled (<see cref="AnalogMatrix.MultiplyScaled"/>),
/// as a controller with a programmable input range would; every read and conversion is counted in <see cref="Energy"/>.
/// </remarks>
public sealed class ArrayLca
{
    private readonly AnalogMatrix _matrix;

    /// <summary>Programs <paramref name="dictionary"/> (m × K, row-major) into arrays of <paramref name="config"/> (w_max = max |D|).</summary>
    public ArrayLca(ReadOnlySpan<double> dictionary, int m, int k, AnalogMatrixConfig config, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (m < 1 || k < 1 || dictionary.Length != (long)m * k)
        {
            throw new ArgumentException($"{dictionary.Length} dictionary values for {m} x {k}", nameof(dictionary));
        }

        (Pixels, Atoms) = (m, k);
        double largest = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(dictionary));
        _matrix = new AnalogMatrix(m, k, config with { MaxWeight = largest > 0 ? largest : 1 }, seed);
        _matrix.Program(dictionary);
    }

    /// <summary>m.</summary>
    public int Pixels { get; }

    /// <summary>K.</summary>
    public int Atoms { get; }

    /// <summary>Energy of programming and every read.</summary>
    public EnergyLedger Energy => _matrix.Energy;

    /// <summary>Sparse-codes <paramref name="x"/>: <paramref name="iterations"/> LCA steps of Δt/τ = <paramref name="step"/>, two reads each.</summary>
    public double[] Solve(ReadOnlySpan<double> x, double lambda, bool nonNegative, int iterations, double step) =>
        SparseCoding.Lca(x, Atoms, lambda, nonNegative, iterations, step, Reconstruct, Correlate);

    /// <summary>x̂ = D a: a transposed read (the coefficients on the columns).</summary>
    public void Reconstruct(double[] a, double[] estimate) => _matrix.MultiplyScaled(a, estimate, transposed: true);

    /// <summary>Dᵀ r: a forward read (the residual on the rows).</summary>
    public void Correlate(double[] residual, double[] drive) => _matrix.MultiplyScaled(residual, drive, transposed: false);
}
