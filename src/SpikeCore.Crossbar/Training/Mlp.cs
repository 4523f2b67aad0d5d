using System.Numerics.Tensors;

namespace SpikeCore.Crossbar.Training;

/// <summary>
/// A multilayer perceptron of dense layers (float or array-held) with logistic hidden units and a softmax output, trained
/// one sample at a time by backpropagation on the cross-entropy loss.
/// </summary>
/// <remarks>
/// <code>
/// h_0 = x,  h_l = σ(W_lᵀ h_(l−1) + b_l),  p = softmax(W_Lᵀ h_(L−1) + b_L)
/// d_L = p − onehot(label),  d_l = (W_(l+1) d_(l+1)) ⊙ h_l (1 − h_l)
/// </code>
/// Logistic hidden units keep every array input in [0, 1], as NeuroSim's MLP. Each layer's backward read happens
/// before its update.
/// </remarks>
public sealed class Mlp
{
    private readonly IDenseLayer[] _layers;
    private readonly double[][] _activity; // h_0 (input) ... h_L (output probabilities)
    private readonly double[][] _errors;   // d_1 ... d_L

    /// <summary>A network of <paramref name="layers"/>, each one's outputs the next one's inputs.</summary>
    public Mlp(IReadOnlyList<IDenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("a network needs at least one layer", nameof(layers));
        }

        for (int l = 1; l < layers.Count; l++)
        {
            if (layers[l].Inputs != layers[l - 1].Outputs)
            {
                throw new ArgumentException($"layer {l} takes {layers[l].Inputs} inputs but layer {l - 1} gives {layers[l - 1].Outputs}", nameof(layers));
            }
        }

        _layers = [.. layers];
        _activity = [new double[layers[0].Inputs], .. layers.Select(l => new double[l.Outputs])];
        _errors = [.. layers.Select(l => new double[l.Outputs])];
    }

    /// <summary>The layers.</summary>
    public IReadOnlyList<IDenseLayer> Layers => _layers;

    /// <summary>The class probabilities of input <paramref name="x"/> (valid until the next call).</summary>
    public ReadOnlySpan<double> Forward(ReadOnlySpan<float> x)
    {
        TensorPrimitives.ConvertChecked(x, _activity[0].AsSpan());
        for (int l = 0; l < _layers.Length; l++)
        {
            Span<double> h = _activity[l + 1];
            _layers[l].Forward(_activity[l], h);
            if (l < _layers.Length - 1)
            {
                TensorPrimitives.Sigmoid(h, h);
            }
            else
            {
                TensorPrimitives.SoftMax(h, h);
            }
        }

        return _activity[^1];
    }

    /// <summary>The most probable class of <paramref name="x"/>.</summary>
    public int Predict(ReadOnlySpan<float> x) => TensorPrimitives.IndexOfMax(Forward(x));

    /// <summary>One step of backpropagation on sample <paramref name="x"/> of class <paramref name="label"/> with learning rate <paramref name="learningRate"/>.</summary>
    public void Train(ReadOnlySpan<float> x, int label, double learningRate)
    {
        Forward(x);
        int last = _layers.Length - 1;
        _activity[^1].CopyTo(_errors[last], 0);
        _errors[last][label] -= 1;
        for (int l = last; l >= 0; l--)
        {
            if (l > 0)
            {
                // d_(l−1) = (W_l d_l) ⊙ h (1 − h), read before W_l changes.
                double[] below = _errors[l - 1], h = _activity[l];
                _layers[l].Backward(_errors[l], below);
                for (int k = 0; k < below.Length; k++)
                {
                    below[k] *= h[k] * (1 - h[k]);
                }
            }

            _layers[l].Update(_activity[l], _errors[l], learningRate);
        }
    }
}
