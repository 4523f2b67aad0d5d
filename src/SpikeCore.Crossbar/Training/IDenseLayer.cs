namespace SpikeCore.Crossbar.Training;

/// <summary>
/// A fully connected layer y = Wᵀ x + b (W: inputs × outputs) that can be trained by backpropagation: in float
/// (<see cref="FloatDense"/>) or with W in memristive arrays (<see cref="AnalogDense"/>).
/// </summary>
public interface IDenseLayer
{
    /// <summary>Rows of W.</summary>
    int Inputs { get; }

    /// <summary>Columns of W.</summary>
    int Outputs { get; }

    /// <summary>y = Wᵀ x + b.</summary>
    void Forward(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>z = W d (the error passed to the layer below).</summary>
    void Backward(ReadOnlySpan<double> d, Span<double> z);

    /// <summary>One SGD step for the loss gradient d = ∂L/∂y at input x: W −= η x dᵀ, b −= η d (as the layer can).</summary>
    void Update(ReadOnlySpan<double> x, ReadOnlySpan<double> d, double learningRate);

    /// <summary>The weights W holds now, row-major.</summary>
    double[] Weights();
}
