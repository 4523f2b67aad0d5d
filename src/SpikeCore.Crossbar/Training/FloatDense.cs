using System.Numerics.Tensors;
using SpikeCore.Random;

namespace SpikeCore.Crossbar.Training;

/// <summary>
/// A dense layer in float64, the reference an array-held layer is compared with: the same initial weights, the same
/// updates, and weights clipped to the same ±w_max the arrays can hold.
/// </summary>
public sealed class FloatDense : IDenseLayer
{
    private readonly double[] _w, _b;
    private double[]? _noisy; // W + noise while hardware-aware training injects it

    /// <summary>A layer with weights <paramref name="initialWeights"/> (row-major, inputs × outputs), zero bias, clipped to ±<paramref name="maxWeight"/>.</summary>
    public FloatDense(int inputs, int outputs, ReadOnlySpan<double> initialWeights, double maxWeight = double.PositiveInfinity)
    {
        if (initialWeights.Length != inputs * outputs)
        {
            throw new ArgumentException($"{initialWeights.Length} weights for a {inputs} x {outputs} layer", nameof(initialWeights));
        }

        (Inputs, Outputs, MaxWeight) = (inputs, outputs, maxWeight);
        _w = initialWeights.ToArray();
        TensorPrimitives.Clamp(_w, -maxWeight, maxWeight, _w);
        _b = new double[outputs];
    }

    /// <inheritdoc/>
    public int Inputs { get; }

    /// <inheritdoc/>
    public int Outputs { get; }

    /// <summary>w_max.</summary>
    public double MaxWeight { get; }

    /// <summary>The bias b.</summary>
    public ReadOnlySpan<double> Bias => _b;

    /// <summary>
    /// Hardware-aware training (aihwkit's weight-noise injection): until <see cref="ClearNoise"/>, forward and backward
    /// passes use W + σ max|W| ξ (ξ standard normal per weight, drawn now), while updates go to the clean W.
    /// </summary>
    public void InjectNoise(double relativeSigma, ref KeyedRandom rng)
    {
        _noisy ??= new double[_w.Length];
        double scale = relativeSigma * Math.Abs(TensorPrimitives.MaxMagnitude(_w));
        for (int k = 0; k < _w.Length; k++)
        {
            _noisy[k] = _w[k] + (scale * rng.NextNormal());
        }
    }

    /// <summary>Returns the passes to the clean weights.</summary>
    public void ClearNoise() => _noisy = null;

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<double> x, Span<double> y)
    {
        double[] w = _noisy ?? _w;
        _b.CopyTo(y);
        for (int i = 0; i < Inputs; i++)
        {
            if (x[i] != 0)
            {
                TensorPrimitives.MultiplyAdd(w.AsSpan(i * Outputs, Outputs), x[i], y, y);
            }
        }
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> d, Span<double> z)
    {
        double[] w = _noisy ?? _w;
        for (int i = 0; i < Inputs; i++)
        {
            z[i] = TensorPrimitives.Dot(w.AsSpan(i * Outputs, Outputs), d);
        }
    }

    /// <inheritdoc/>
    public void Update(ReadOnlySpan<double> x, ReadOnlySpan<double> d, double learningRate)
    {
        for (int i = 0; i < Inputs; i++)
        {
            if (x[i] != 0)
            {
                Span<double> row = _w.AsSpan(i * Outputs, Outputs);
                TensorPrimitives.MultiplyAdd(d, -learningRate * x[i], row, row);
                TensorPrimitives.Clamp(row, -MaxWeight, MaxWeight, row);
            }
        }

        TensorPrimitives.MultiplyAdd(d, -learningRate, _b, _b);
    }

    /// <inheritdoc/>
    public double[] Weights() => (double[])_w.Clone();
}
