using System.Numerics.Tensors;

namespace SpikeCore.Crossbar.Training;

/// <summary>
/// A dense layer in float64, the reference an array-held layer is compared with: the same initial weights, the same
/// updates, and weights clipped to the same ±w_max the arrays can hold.
/// </summary>
public sealed class FloatDense : IDenseLayer
{
    private readonly double[] _w, _b;

    /// <summary>A layer with weights <paramref name="initialWeights"/> (row-major, inputs × outputs), zero bias, clipped to ±<paramref name="maxWeight"/>.</summary>
    public FloatDense(int inputs, int outputs, ReadOnlySpan<double> initialWeights, double maxWeight)
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

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<double> x, Span<double> y)
    {
        _b.CopyTo(y);
        for (int i = 0; i < Inputs; i++)
        {
            if (x[i] != 0)
            {
                TensorPrimitives.MultiplyAdd(_w.AsSpan(i * Outputs, Outputs), x[i], y, y);
            }
        }
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> d, Span<double> z)
    {
        for (int i = 0; i < Inputs; i++)
        {
            z[i] = TensorPrimitives.Dot(_w.AsSpan(i * Outputs, Outputs), d);
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
