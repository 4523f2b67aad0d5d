namespace SpikeCore.Reservoir.Readout;

/// <summary>
/// An online linear readout fitted by recursive least squares, one sample at a time (no stored history): with
/// x̃ = [x, 1], gain k = P x̃ / (ρ + x̃ᵀ P x̃), w ← w + k (y − wᵀx̃), P ← (P − k x̃ᵀ P)/ρ, from P = I/δ and w = 0.
/// With forgetting factor ρ = 1 the weights after n samples equal ridge regression on them with penalty δ on every
/// weight, bias included; ρ &lt; 1 forgets old samples with time constant 1/(1 − ρ) samples (tracks drifting targets).
/// </summary>
public sealed class RecursiveLeastSquares
{
    private readonly double[] _w;
    private readonly double[,] _p;
    private readonly double[] _px;
    private readonly double _forgetting;

    /// <summary>A readout of <paramref name="features"/> inputs (plus bias) with regularisation δ and forgetting factor ρ ∈ (0, 1].</summary>
    public RecursiveLeastSquares(int features, double delta = 1e-2, double forgetting = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (!(delta > 0) || double.IsInfinity(delta) || !(forgetting is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), $"need a finite δ > 0 and forgetting in (0, 1] (got δ {delta}, ρ {forgetting})");
        }

        int n = features + 1;
        _w = new double[n];
        _p = new double[n, n];
        _px = new double[n];
        _forgetting = forgetting;
        for (int i = 0; i < n; i++)
        {
            _p[i, i] = 1 / delta;
        }
    }

    /// <summary>Weights, the bias last.</summary>
    public IReadOnlyList<double> Weights => _w;

    /// <summary>Samples seen.</summary>
    public long Samples { get; private set; }

    /// <summary>wᵀ[x, 1].</summary>
    public double Predict(ReadOnlySpan<double> x)
    {
        Check(x);
        double y = _w[^1];
        for (int i = 0; i < x.Length; i++)
        {
            y += _w[i] * x[i];
        }

        return y;
    }

    /// <summary>Learns one sample; returns the prediction made before learning it (the a-priori error is y minus it).</summary>
    public double Update(ReadOnlySpan<double> x, double y)
    {
        double before = Predict(x);
        if (!double.IsFinite(y))
        {
            throw new ArgumentException($"sample {Samples}: target is {y}", nameof(y));
        }

        int n = _w.Length;
        double denominator = _forgetting;
        for (int i = 0; i < n; i++)
        {
            double s = _p[i, n - 1];
            for (int j = 0; j < x.Length; j++)
            {
                s += _p[i, j] * x[j];
            }

            _px[i] = s;
            denominator += s * (i < x.Length ? x[i] : 1);
        }

        double error = y - before;
        for (int i = 0; i < n; i++)
        {
            _w[i] += _px[i] / denominator * error;
        }

        for (int i = 0; i < n; i++) // P is symmetric, so x̃ᵀP = (P x̃)ᵀ
        {
            for (int j = 0; j < n; j++)
            {
                _p[i, j] = (_p[i, j] - (_px[i] * _px[j] / denominator)) / _forgetting;
            }
        }

        Samples++;
        return before;
    }

    private void Check(ReadOnlySpan<double> x)
    {
        if (x.Length != _w.Length - 1)
        {
            throw new ArgumentException($"expected {_w.Length - 1} features, got {x.Length}", nameof(x));
        }

        foreach (double v in x)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"sample {Samples}: a feature is {v}", nameof(x));
            }
        }
    }
}
