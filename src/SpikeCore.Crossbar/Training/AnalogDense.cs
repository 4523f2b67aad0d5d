using System.Numerics.Tensors;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Mapping;
using SpikeCore.Models.Devices;

namespace SpikeCore.Crossbar.Training;

/// <summary>
/// A dense layer whose W lives in memristive arrays (an <see cref="AnalogMatrix"/>) and learns in place: the forward pass
/// is a read, the backward pass a transposed read, the update device pulses by a <see cref="TrainingAlgorithm"/>; the
/// bias stays digital (as aihwkit's). Inputs and errors are scaled by their largest magnitude before a read and the
/// outputs back after it (aihwkit's AbsMax noise management), so the DAC's full scale is used.
/// </summary>
/// <remarks>
/// Update rules, for the gradient step Δw_ik = −η x_i d_k and the device step Δw_min (<see cref="AnalogMatrix.WeightStep"/>):
/// <code>
/// sgd           pulsed outer product of x and −d, E[Δw] = −η x dᵀ
/// manhattan     S += Δw over a batch of B samples; then one pulse of sign(S_ik) on every weight with S_ik ≠ 0
/// mixed         χ += Δw; n = trunc(χ / Δw_min) pulses; χ −= n Δw_min (open loop: each pulse taken as one step)
/// write-verify  χ += Δw; where |χ| ≥ Δw_min the weight is written to w + χ by write-verify; χ −= the change the
///               verify read saw (closed loop: the device's real step, whatever its nonlinearity)
/// ttv2          fast array A += pulsed −η x dᵀ (zero at its symmetry point); each sample row r of A is read,
///               H_r += γ A_r, and n = trunc(H_r / Δw_min) pulses go to W; H_r −= n Δw_min
/// </code>
/// One-sided differential pairs (PCM) are refreshed every <see cref="RefreshEvery"/> updates.
/// </remarks>
public sealed class AnalogDense : IDenseLayer
{
    private readonly double[] _b, _d, _h, _chi, _deltas, _achieved, _row, _oneHot;
    private readonly int[] _pulses;
    private long _updates;

    /// <summary>Lays out W in arrays of <paramref name="config"/> and programs <paramref name="initialWeights"/> into them by write-verify.</summary>
    /// <param name="inputs">Rows of W.</param>
    /// <param name="outputs">Columns of W.</param>
    /// <param name="initialWeights">Row-major initial weights (clipped to ±w_max).</param>
    /// <param name="config">The arrays, mapping and converters.</param>
    /// <param name="algorithm">The update rule.</param>
    /// <param name="seed">Seed of every draw.</param>
    /// <param name="firstKey">Key of the first tile (layers of one network take different keys); Tiki-Taka's fast array takes the next thousand.</param>
    /// <param name="bias">The initial bias (default: zero).</param>
    public AnalogDense(int inputs, int outputs, ReadOnlySpan<double> initialWeights, AnalogMatrixConfig config, TrainingAlgorithm algorithm, ulong seed, uint firstKey = 0, ReadOnlySpan<double> bias = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (initialWeights.Length != inputs * outputs)
        {
            throw new ArgumentException($"{initialWeights.Length} weights for a {inputs} x {outputs} layer", nameof(initialWeights));
        }

        (Inputs, Outputs, Algorithm) = (inputs, outputs, algorithm);
        Matrix = new AnalogMatrix(inputs, outputs, config, seed, firstKey);
        InitialProgramming = Matrix.Program(initialWeights);
        _b = bias.IsEmpty ? new double[outputs] : bias.Length == outputs ? bias.ToArray() : throw new ArgumentException($"{bias.Length} biases for {outputs} outputs", nameof(bias));
        _d = new double[outputs];
        _pulses = new int[inputs * outputs];
        (_deltas, _achieved) = algorithm == TrainingAlgorithm.WriteVerify ? (new double[inputs * outputs], new double[inputs * outputs]) : ([], []);
        _chi = algorithm is TrainingAlgorithm.MixedPrecision or TrainingAlgorithm.WriteVerify or TrainingAlgorithm.Manhattan ? new double[inputs * outputs] : [];
        _h = algorithm == TrainingAlgorithm.TikiTaka ? new double[inputs * outputs] : [];
        (_row, _oneHot) = algorithm == TrainingAlgorithm.TikiTaka ? (new double[outputs], new double[inputs]) : ([], []);
        if (algorithm == TrainingAlgorithm.TikiTaka)
        {
            AnalogMatrixConfig fast = config.Mapping == WeightMapping.ReferenceColumn ? config with { ZeroWeightConductanceUs = SymmetryPointUs(config.Array.Preset.Device) } : config;
            Fast = new AnalogMatrix(inputs, outputs, fast, seed, firstKey + 1000);
            Fast.Program(new double[inputs * outputs]);
        }
    }

    /// <inheritdoc/>
    public int Inputs { get; }

    /// <inheritdoc/>
    public int Outputs { get; }

    /// <summary>The update rule.</summary>
    public TrainingAlgorithm Algorithm { get; }

    /// <summary>The arrays holding W.</summary>
    public AnalogMatrix Matrix { get; }

    /// <summary>Tiki-Taka's fast array A (null for the other rules).</summary>
    public AnalogMatrix? Fast { get; }

    /// <summary>The write-verify programming of the initial weights.</summary>
    public ProgrammingReport InitialProgramming { get; }

    /// <summary>The time since programming at which reads happen (s; drift and 1/f noise of PCM grow with it).</summary>
    public double ReadTimeS { get; set; }

    /// <summary>The most slots of a stochastic pulse train (aihwkit's desired_bl).</summary>
    public int BitLength { get; init; } = 31;

    /// <summary>γ, Tiki-Taka's transfer rate: the fraction of the fast array's row read into the buffer.</summary>
    public double TransferRate { get; init; } = 1;

    /// <summary>B, the samples whose summed update one Manhattan step follows (1: the sign of each sample's update).</summary>
    public int ManhattanBatch { get; init; } = 1;

    /// <summary>Updates between refreshes of one-sided pairs.</summary>
    public int RefreshEvery { get; init; } = 100;

    /// <summary>Energy, pulses, reads and conversions of every array of the layer.</summary>
    public EnergyLedger Energy
    {
        get
        {
            EnergyLedger sum = Matrix.Energy;
            if (Fast is not null)
            {
                sum.Add(Fast.Energy);
            }

            return sum;
        }
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<double> x, Span<double> y)
    {
        Matrix.MultiplyScaled(x, y, transposed: false, ReadTimeS);
        TensorPrimitives.Add(y, _b, y);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> d, Span<double> z) => Matrix.MultiplyScaled(d, z, transposed: true, ReadTimeS);

    /// <inheritdoc/>
    public void Update(ReadOnlySpan<double> x, ReadOnlySpan<double> d, double learningRate)
    {
        TensorPrimitives.MultiplyAdd(d, -learningRate, _b, _b);
        TensorPrimitives.Negate(d, _d);
        double step = Matrix.WeightStep;
        switch (Algorithm)
        {
            case TrainingAlgorithm.Sgd:
                Matrix.UpdateOuterProduct(x, _d, learningRate, BitLength);
                break;
            case TrainingAlgorithm.Manhattan:
                ForEachChange(x, learningRate, (k, change) => _chi[k] += change);
                if ((_updates + 1) % ManhattanBatch == 0)
                {
                    for (int k = 0; k < _chi.Length; k++)
                    {
                        _pulses[k] = Math.Sign(_chi[k]);
                    }

                    Array.Clear(_chi);
                    Matrix.Pulse(_pulses);
                }

                break;
            case TrainingAlgorithm.MixedPrecision:
                Array.Clear(_pulses);
                ForEachChange(x, learningRate, (k, change) =>
                {
                    double chi = _chi[k] + change;
                    int n = (int)(chi / step);
                    _pulses[k] = n;
                    _chi[k] = chi - (n * step);
                });
                Matrix.Pulse(_pulses);
                break;
            case TrainingAlgorithm.WriteVerify:
                Array.Clear(_deltas);
                bool any = false;
                ForEachChange(x, learningRate, (k, change) =>
                {
                    _chi[k] += change;
                    if (Math.Abs(_chi[k]) >= step)
                    {
                        _deltas[k] = _chi[k];
                        any = true;
                    }
                });
                if (any)
                {
                    Matrix.Adjust(_deltas, _achieved);
                    TensorPrimitives.Subtract(_chi, _achieved, _chi);
                }

                break;
            default:
                TikiTaka(x, learningRate, step);
                break;
        }

        if (++_updates % RefreshEvery == 0)
        {
            Matrix.Refresh();
            Fast?.Refresh();
        }
    }

    /// <inheritdoc/>
    public double[] Weights() => Matrix.Weights();

    /// <summary>
    /// The conductance where one potentiating and one depressing pulse move a noiseless device equally far (the device's
    /// symmetry point, Tiki-Taka's zero): where up(G) − down(G) changes sign, found by bisection from both sides (the
    /// steps are monotone in G for soft-bounds devices), the middle of the span where they are equal (a linear device:
    /// the middle of its range); an end of the range when the steps never balance.
    /// </summary>
    public static double SymmetryPointUs(ConductanceDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        double Imbalance(double g) => (device.Apply(g, 1) - g) - (g - device.Apply(g, -1));
        double Edge(Func<double, bool> below)
        {
            double lo = device.MinConductanceUs, hi = device.MaxConductanceUs;
            if (!below(lo))
            {
                return lo;
            }

            for (int k = 0; k < 100; k++)
            {
                double mid = 0.5 * (lo + hi);
                (lo, hi) = below(mid) ? (mid, hi) : (lo, mid);
            }

            return 0.5 * (lo + hi);
        }

        // The last G where potentiation is the larger step, and the last where depression is not yet larger.
        return 0.5 * (Edge(g => Imbalance(g) > 0) + Edge(g => Imbalance(g) >= 0));
    }

    /// <summary>Calls <paramref name="change"/>(k, −η x_i d_k) for every weight k = i N + k' whose input is nonzero (_d holds −d).</summary>
    private void ForEachChange(ReadOnlySpan<double> x, double learningRate, Action<int, double> change)
    {
        for (int i = 0; i < Inputs; i++)
        {
            if (x[i] == 0)
            {
                continue;
            }

            double a = learningRate * x[i];
            for (int k = 0; k < Outputs; k++)
            {
                change((i * Outputs) + k, a * _d[k]);
            }
        }
    }

    private void TikiTaka(ReadOnlySpan<double> x, double learningRate, double step)
    {
        AnalogMatrix fast = Fast!;
        fast.UpdateOuterProduct(x, _d, learningRate, BitLength);
        int r = (int)(_updates % Inputs);
        _oneHot[r] = 1;
        fast.Multiply(_oneHot, _row);
        _oneHot[r] = 0;
        Array.Clear(_pulses);
        bool any = false;
        for (int k = 0; k < Outputs; k++)
        {
            int cell = (r * Outputs) + k;
            double h = _h[cell] + (TransferRate * _row[k]);
            int n = (int)(h / step);
            _pulses[cell] = n;
            _h[cell] = h - (n * step);
            any |= n != 0;
        }

        if (any)
        {
            Matrix.Pulse(_pulses);
        }
    }
}
