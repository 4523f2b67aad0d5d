using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Random;

namespace SpikeCore.Crossbar.Computing;

/// <summary>
/// Online K-means in a memristive array (Jeong et al., Nano Lett. 18, 4447, 2018): each centroid is a column, and
/// m = ⌈d/2⌉ extra rows hold −|c_k|²/(2m), so that one forward read with inputs (x, 1, …, 1) gives
/// y_k = x·c_k − |c_k|²/2 = (|x|² − |x − c_k|²)/2, whose largest entry is the nearest centroid (the winner), without
/// normalising the centroids. The winner moves by c_w ← c_w + η (x − c_w) as open-loop pulses.
/// </summary>
/// <remarks>
/// An update reads the winner's column back (one transposed read with the winner's column driven), pulses each feature
/// device by the stochastically rounded number of weight steps (<see cref="AnalogMatrix.WeightStep"/>) its change
/// needs, reads the column again and writes the norm rows, closed loop, to −|c_w|²/(2m) of the centroid it now holds; one-sided differential pairs (PCM) are refreshed
/// when a device nears the top of its range.
/// Features must lie in [0, 1]. Every read, pulse and conversion is counted in <see cref="Energy"/>.
/// </remarks>
public sealed class ArrayKMeans
{
    private readonly AnalogMatrix _matrix;
    private readonly int _normRows;
    private readonly double[] _input, _scores, _column, _oneHot, _deltas, _achieved;
    private readonly int[] _pulses;
    private KeyedRandom _rounding;

    /// <summary>Lays out <paramref name="clusters"/> centroids of <paramref name="dimensions"/> features on arrays of <paramref name="config"/> (w_max 1).</summary>
    public ArrayKMeans(int dimensions, int clusters, AnalogMatrixConfig config, ulong seed, int restart = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (dimensions < 1 || clusters < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), $"K-means needs at least one feature and one cluster (got {dimensions} and {clusters})");
        }

        (Dimensions, Clusters, _normRows) = (dimensions, clusters, (dimensions + 1) / 2);
        int rows = dimensions + _normRows;
        _matrix = new AnalogMatrix(rows, clusters, config with { MaxWeight = 1 }, seed, (uint)restart << 16);
        (_input, _scores, _column, _oneHot) = (new double[rows], new double[clusters], new double[rows], new double[clusters]);
        (_deltas, _achieved, _pulses) = (new double[rows * clusters], new double[rows * clusters], new int[rows * clusters]);
        _input.AsSpan(dimensions).Fill(1);
        _rounding = KeyedRandom.Create(seed, StreamPurpose.PulseRounding, (ulong)restart);
    }

    /// <summary>d.</summary>
    public int Dimensions { get; }

    /// <summary>K.</summary>
    public int Clusters { get; }

    /// <summary>The arrays.</summary>
    public AnalogMatrix Matrix => _matrix;

    /// <summary>Energy of every read, pulse and conversion so far, programming included.</summary>
    public EnergyLedger Energy => _matrix.Energy;

    /// <summary>Programs the starting centroids (K × d, row-major, values in [0, 1]) and their norm rows by write-verify.</summary>
    public void Program(ReadOnlySpan<double> centroids)
    {
        if (centroids.Length != Clusters * Dimensions)
        {
            throw new ArgumentException($"{centroids.Length} values for {Clusters} centroids of {Dimensions} features", nameof(centroids));
        }

        var w = new double[_matrix.Inputs * Clusters];
        for (int k = 0; k < Clusters; k++)
        {
            double norm = 0;
            for (int i = 0; i < Dimensions; i++)
            {
                double c = centroids[(k * Dimensions) + i];
                w[(i * Clusters) + k] = c;
                norm += c * c;
            }

            for (int j = 0; j < _normRows; j++)
            {
                w[((Dimensions + j) * Clusters) + k] = -norm / (2 * _normRows);
            }
        }

        _matrix.Program(w);
    }

    /// <summary>The winner for <paramref name="x"/>: the largest entry of one forward read.</summary>
    public int Nearest(ReadOnlySpan<double> x)
    {
        x.CopyTo(_input);
        _matrix.Multiply(_input, _scores);
        return System.Numerics.Tensors.TensorPrimitives.IndexOfMax<double>(_scores);
    }

    /// <summary>The centroid column <paramref name="k"/> as one transposed read sees it (its d features).</summary>
    public double[] Centroid(int k) => ReadColumn(k)[..Dimensions].ToArray();

    /// <summary>Finds the winner for <paramref name="x"/> and moves it by η (x − c_w); returns the winner.</summary>
    public int Learn(ReadOnlySpan<double> x, double learningRate)
    {
        int w = Nearest(x);
        ReadOnlySpan<double> c = ReadColumn(w);
        double step = _matrix.WeightStep;
        Array.Clear(_pulses);
        bool any = false;
        for (int i = 0; i < Dimensions; i++)
        {
            double steps = learningRate * (x[i] - c[i]) / step;
            int n = (int)Math.Floor(steps);
            n += _rounding.NextDouble() < steps - n ? 1 : 0;
            _pulses[(i * Clusters) + w] = n;
            any |= n != 0;
        }

        if (!any)
        {
            return w;
        }

        _matrix.Pulse(_pulses);
        c = ReadColumn(w);
        double norm = 0;
        for (int i = 0; i < Dimensions; i++)
        {
            norm += c[i] * c[i];
        }

        Array.Clear(_deltas);
        bool write = false;
        for (int j = 0; j < _normRows; j++)
        {
            double delta = (-norm / (2 * _normRows)) - c[Dimensions + j];
            if (Math.Abs(delta) >= step / 2)
            {
                _deltas[((Dimensions + j) * Clusters) + w] = delta;
                write = true;
            }
        }

        if (write)
        {
            _matrix.Adjust(_deltas, _achieved);
        }

        // One-sided pairs (PCM) only climb: reprogram those near the top.
        _matrix.Refresh();
        return w;
    }

    /// <summary>
    /// Every sample's winner (n × d, row-major), one read each, and the within-cluster sum of squares as those reads see
    /// it, Σ_x min_k |x − c_k|² = Σ_x (|x|² − 2 max_k y_k): the objective that picks the best of several starts.
    /// </summary>
    public (int[] Clusters, double Inertia) Assign(ReadOnlySpan<double> samples)
    {
        var clusters = new int[samples.Length / Dimensions];
        double inertia = 0;
        for (int s = 0; s < clusters.Length; s++)
        {
            ReadOnlySpan<double> x = samples.Slice(s * Dimensions, Dimensions);
            clusters[s] = Nearest(x);
            inertia += System.Numerics.Tensors.TensorPrimitives.Dot(x, x) - (2 * _scores[clusters[s]]);
        }

        return (clusters, inertia);
    }

    private ReadOnlySpan<double> ReadColumn(int k)
    {
        Array.Clear(_oneHot);
        _oneHot[k] = 1;
        _matrix.MultiplyTransposed(_oneHot, _column);
        return _column;
    }
}
