using MathNet.Numerics.LinearAlgebra;
using SpikeCore.Random;

namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>Runs an <see cref="EchoStateOptions"/> network over input sequences (see there for the update).</summary>
public sealed class EchoStateNetwork
{
    private readonly EchoStateOptions _options;
    private readonly int[] _inputStart; // unit i's nonzero input weights are entries _inputStart[i] .. _inputStart[i + 1] − 1
    private readonly int[] _inputIndex;
    private readonly double[] _inputWeights;
    private readonly double[] _bias;
    private readonly int[] _sources; // unit-major: [unit * links + link]
    private readonly double[] _weights;

    /// <summary>
    /// A network for <paramref name="inputs"/> inputs whose weights depend on <paramref name="seed"/> and
    /// <paramref name="draw"/> only (draws 0, 1, ... of one seed are independent networks, e.g. an ensemble's members).
    /// </summary>
    public EchoStateNetwork(EchoStateOptions options, int inputs, ulong seed, ulong draw = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        _options = options;
        Inputs = inputs;
        int n = options.Units, links = options.RecurrentLinks;
        var rng = KeyedRandom.Create(seed, StreamPurpose.EchoStateWeights, draw);
        _inputStart = new int[n + 1];
        var index = new List<int>();
        var weights = new List<double>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < inputs; j++)
            {
                double weight = options.InputScale * ((2 * rng.NextDouble()) - 1);
                if (rng.NextDouble() < options.InputConnectivity && weight != 0)
                {
                    index.Add(j);
                    weights.Add(weight);
                }
            }

            _inputStart[i + 1] = index.Count;
        }

        _inputIndex = [.. index];
        _inputWeights = [.. weights];
        _bias = [.. Enumerable.Range(0, n).Select(_ => options.BiasScale * ((2 * rng.NextDouble()) - 1))];
        _sources = new int[n * links];
        _weights = new double[n * links];
        if (links == 0)
        {
            return;
        }

        Matrix<double> w = Matrix<double>.Build.Dense(n, n);
        for (int k = 0; k < _sources.Length; k++)
        {
            _sources[k] = rng.NextInt(n);
            _weights[k] = (2 * rng.NextDouble()) - 1;
            w[k / links, _sources[k]] += _weights[k];
        }

        double radius = w.Evd().EigenValues.Max(z => z.Magnitude);
        double scale = radius > 0 ? options.SpectralRadius / radius : 0;
        for (int k = 0; k < _weights.Length; k++)
        {
            _weights[k] *= scale;
        }
    }

    /// <summary>Inputs per step.</summary>
    public int Inputs { get; }

    /// <summary>
    /// The state after every step of <paramref name="input"/> (steps × <see cref="Inputs"/>), starting from x = 0.
    /// Throws if a step has the wrong width or a value that is not finite.
    /// </summary>
    public double[][] Run(IReadOnlyList<double[]> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int n = _options.Units, links = _options.RecurrentLinks, m = Inputs;
        double a = _options.Leak;
        bool linear = _options.Linear;
        var x = new double[n];
        var states = new double[input.Count][];
        for (int k = 0; k < input.Count; k++)
        {
            double[] u = input[k];
            if (u.Length != m || !u.All(double.IsFinite))
            {
                throw new ArgumentException($"step {k}: need {m} finite inputs (got {u.Length}: {string.Join(", ", u.Take(4))}{(u.Length > 4 ? ", ..." : "")})", nameof(input));
            }

            var next = new double[n];
            for (int i = 0; i < n; i++)
            {
                double drive = _bias[i];
                for (int l = _inputStart[i]; l < _inputStart[i + 1]; l++)
                {
                    drive += _inputWeights[l] * u[_inputIndex[l]];
                }

                for (int l = i * links; l < (i + 1) * links; l++)
                {
                    drive += _weights[l] * x[_sources[l]];
                }

                next[i] = ((1 - a) * x[i]) + (a * (linear ? drive : Math.Tanh(drive)));
            }

            states[k] = x = next;
        }

        return states;
    }
}
