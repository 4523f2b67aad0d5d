using SpikeCore.Random;

namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>Runs a <see cref="RingReservoirOptions"/> reservoir over a scalar input sequence (see there for the scheme).</summary>
public sealed class RingReservoir
{
    private readonly RingReservoirOptions _options;
    private readonly double[] _mask;

    /// <summary>A ring whose ±1 mask depends on <paramref name="seed"/> only.</summary>
    public RingReservoir(RingReservoirOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var rng = KeyedRandom.Create(seed, StreamPurpose.RingReservoirMask, 0);
        _mask = [.. Enumerable.Range(0, options.Nodes).Select(_ => rng.NextDouble() < 0.5 ? -1.0 : 1.0)];
    }

    /// <summary>Mask entry m_j.</summary>
    public double Mask(int j) => _mask[j];

    /// <summary>
    /// Every feature at every step for <paramref name="input"/> x(k) ∈ [0, 1]: result[k][j] is the conductance of the device
    /// that held mask entry j at step k, all devices starting relaxed. Throws if an input is not finite.
    /// </summary>
    public double[][] Run(IReadOnlyList<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int n = _options.Nodes;
        double rest = _options.StepMs - _options.PulseWidthMs;
        var f = new double[n];
        var r = new double[n];
        var states = new double[input.Count][];
        for (int k = 0; k < input.Count; k++)
        {
            if (!double.IsFinite(input[k]))
            {
                throw new ArgumentException($"step {k}: input is {input[k]}", nameof(input));
            }

            double[] row = states[k] = new double[n];
            for (int device = 0; device < n; device++)
            {
                int j = (device + k) % n;
                double v = _options.BiasV + (_options.InputV * _mask[j] * (input[k] - 0.5));
                (f[device], r[device], _) = _options.Device.ApplyPulse(f[device], r[device], 0, v, _options.PulseWidthMs);
                row[j] = _options.Device.Efficacy(f[device], r[device], 0);
                (f[device], r[device]) = _options.Device.Relax(f[device], r[device], rest);
            }
        }

        return states;
    }
}
