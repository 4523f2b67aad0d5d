using System.Numerics.Tensors;

namespace SpikeCore.Crossbar.Training;

/// <summary>
/// A small convolutional network for 28 × 28 grey images: conv 5 × 5 × C1, ReLU, 2 × 2 max-pool, conv 5 × 5 × C2, ReLU,
/// 2 × 2 max-pool, dense 16 C2 → classes, softmax; the channel counts C1 and C2 are the layers' output counts. Each
/// convolution is a dense layer applied to every receptive field unrolled into a vector (im2col: 25 and 25 C1 inputs,
/// one kernel per output, so on arrays one kernel per column and one read per output position); the layers can be float
/// (training) or array-held (inference after programming).
/// </summary>
/// <remarks>
/// Feature maps are stored channel-last ([y, x, c]); a receptive field is unrolled in (ky, kx, c) order. Training is
/// per-sample backpropagation on the cross-entropy; a layer's gradient is summed over its positions before any of its
/// weights change (every position's backward pass runs before the updates).
/// </remarks>
public sealed class SmallCnn
{
    /// <summary>The image side the network takes.</summary>
    public const int Side = 28;

    private const int K = 5;
    private const int S1 = Side - K + 1, P1 = S1 / 2, S2 = P1 - K + 1, P2 = S2 / 2; // 24, 12, 8, 4
    private readonly int _c1, _c2;
    private readonly IDenseLayer[] _layers;
    private readonly double[] _image = new double[Side * Side];
    private readonly double[] _patch1, _out1, _pool1, _patch2, _out2, _pool2;
    private readonly int[] _arg1, _arg2;
    private readonly double[] _logits;
    private readonly double[] _d3, _g2, _d2, _gPatch2, _d1, _gPool1;

    /// <summary>The network with layers conv1 (25 → C1), conv2 (25 C1 → C2) and dense (16 C2 → classes).</summary>
    public SmallCnn(IDenseLayer conv1, IDenseLayer conv2, IDenseLayer dense)
    {
        ArgumentNullException.ThrowIfNull(conv1);
        ArgumentNullException.ThrowIfNull(conv2);
        ArgumentNullException.ThrowIfNull(dense);
        (_c1, _c2) = (conv1.Outputs, conv2.Outputs);
        if (conv1.Inputs != K * K || conv2.Inputs != K * K * _c1 || dense.Inputs != P2 * P2 * _c2)
        {
            throw new ArgumentException($"the layers must be {K * K} -> C1, {K * K} C1 -> C2 and {P2 * P2} C2 -> classes (got {conv1.Inputs} -> {conv1.Outputs}, {conv2.Inputs} -> {conv2.Outputs}, {dense.Inputs} -> {dense.Outputs})");
        }

        _layers = [conv1, conv2, dense];
        (_patch1, _out1, _pool1, _arg1) = (new double[S1 * S1 * K * K], new double[S1 * S1 * _c1], new double[P1 * P1 * _c1], new int[P1 * P1 * _c1]);
        (_patch2, _out2, _pool2, _arg2) = (new double[S2 * S2 * K * K * _c1], new double[S2 * S2 * _c2], new double[P2 * P2 * _c2], new int[P2 * P2 * _c2]);
        (_logits, _d3, _g2, _d2) = (new double[dense.Outputs], new double[dense.Outputs], new double[P2 * P2 * _c2], new double[S2 * S2 * _c2]);
        (_gPatch2, _d1, _gPool1) = (new double[K * K * _c1], new double[S1 * S1 * _c1], new double[P1 * P1 * _c1]);
    }

    /// <summary>The layer shapes (inputs, outputs) of a network with <paramref name="channels1"/> and <paramref name="channels2"/> convolution channels for <paramref name="classes"/> classes.</summary>
    public static IReadOnlyList<(int Inputs, int Outputs)> Shapes(int classes, int channels1, int channels2) => [(K * K, channels1), (K * K * channels1, channels2), (P2 * P2 * channels2, classes)];

    /// <summary>conv1, conv2, dense.</summary>
    public IReadOnlyList<IDenseLayer> Layers => _layers;

    /// <summary>The class probabilities of a 28 × 28 image with values in [0, 1] (valid until the next call).</summary>
    public ReadOnlySpan<double> Forward(ReadOnlySpan<float> image)
    {
        if (image.Length != Side * Side)
        {
            throw new ArgumentException($"the network takes {Side} x {Side} images (got {image.Length} values)", nameof(image));
        }

        TensorPrimitives.ConvertChecked(image, _image.AsSpan());
        Convolve(_layers[0], _image, Side, 1, _patch1, _out1, S1, _c1);
        Pool(_out1, S1, _c1, _pool1, _arg1);
        Convolve(_layers[1], _pool1, P1, _c1, _patch2, _out2, S2, _c2);
        Pool(_out2, S2, _c2, _pool2, _arg2);
        _layers[2].Forward(_pool2, _logits);
        TensorPrimitives.SoftMax(_logits, _logits);
        return _logits;
    }

    /// <summary>The most probable class.</summary>
    public int Predict(ReadOnlySpan<float> image) => TensorPrimitives.IndexOfMax(Forward(image));

    /// <summary>One step of backpropagation on <paramref name="image"/> of class <paramref name="label"/>.</summary>
    public void Train(ReadOnlySpan<float> image, int label, double learningRate)
    {
        Forward(image);
        _logits.CopyTo(_d3, 0);
        _d3[label] -= 1;

        // Dense → pooled conv2 maps → conv2 outputs (through the max-pool's winners and the ReLU).
        _layers[2].Backward(_d3, _g2);
        Array.Clear(_d2);
        for (int k = 0; k < _g2.Length; k++)
        {
            _d2[_arg2[k]] = _out2[_arg2[k]] > 0 ? _g2[k] : 0;
        }

        // conv2 → its receptive fields → pooled conv1 maps (col2im) → conv1 outputs.
        Array.Clear(_gPool1);
        for (int y = 0; y < S2; y++)
        {
            for (int x = 0; x < S2; x++)
            {
                _layers[1].Backward(_d2.AsSpan(((y * S2) + x) * _c2, _c2), _gPatch2);
                int j = 0;
                for (int ky = 0; ky < K; ky++)
                {
                    for (int kx = 0; kx < K; kx++)
                    {
                        TensorPrimitives.Add(_gPool1.AsSpan(((((y + ky) * P1) + x + kx) * _c1), _c1), _gPatch2.AsSpan(j, _c1), _gPool1.AsSpan(((((y + ky) * P1) + x + kx) * _c1), _c1));
                        j += _c1;
                    }
                }
            }
        }

        Array.Clear(_d1);
        for (int k = 0; k < _gPool1.Length; k++)
        {
            _d1[_arg1[k]] = _out1[_arg1[k]] > 0 ? _gPool1[k] : 0;
        }

        _layers[2].Update(_pool2, _d3, learningRate);
        for (int p = 0; p < S2 * S2; p++)
        {
            _layers[1].Update(_patch2.AsSpan(p * K * K * _c1, K * K * _c1), _d2.AsSpan(p * _c2, _c2), learningRate);
        }

        for (int p = 0; p < S1 * S1; p++)
        {
            ReadOnlySpan<double> d = _d1.AsSpan(p * _c1, _c1);
            if (TensorPrimitives.MaxMagnitude(d) != 0)
            {
                _layers[0].Update(_patch1.AsSpan(p * K * K, K * K), d, learningRate);
            }
        }
    }

    /// <summary>Unrolls every receptive field of <paramref name="input"/> (side × side × channels) and applies <paramref name="layer"/> with a ReLU.</summary>
    private static void Convolve(IDenseLayer layer, double[] input, int side, int channels, double[] patches, double[] output, int outSide, int outChannels)
    {
        int length = K * K * channels;
        for (int y = 0; y < outSide; y++)
        {
            for (int x = 0; x < outSide; x++)
            {
                int p = (y * outSide) + x;
                Span<double> patch = patches.AsSpan(p * length, length);
                for (int ky = 0; ky < K; ky++)
                {
                    input.AsSpan((((y + ky) * side) + x) * channels, K * channels).CopyTo(patch[(ky * K * channels)..]);
                }

                Span<double> o = output.AsSpan(p * outChannels, outChannels);
                layer.Forward(patch, o);
                TensorPrimitives.Max(o, 0, o);
            }
        }
    }

    /// <summary>2 × 2 max-pooling of a side × side × channels map, remembering each winner's index.</summary>
    private static void Pool(double[] input, int side, int channels, double[] output, int[] winners)
    {
        int half = side / 2;
        for (int y = 0; y < half; y++)
        {
            for (int x = 0; x < half; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    int first = ((((2 * y) * side) + (2 * x)) * channels) + c, best = first;
                    best = input[first + channels] > input[best] ? first + channels : best;
                    best = input[first + (side * channels)] > input[best] ? first + (side * channels) : best;
                    best = input[first + ((side + 1) * channels)] > input[best] ? first + ((side + 1) * channels) : best;

                    int k = (((y * half) + x) * channels) + c;
                    output[k] = input[best];
                    winners[k] = best;
                }
            }
        }
    }
}
