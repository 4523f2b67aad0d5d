using SpikeCore.Models.Synapses;
using SpikeCore.Random;

namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>Runs a <see cref="DeviceReservoirOptions"/> reservoir over an input sequence (see there for the scheme).</summary>
public sealed class DeviceReservoir
{

    private readonly DeviceReservoirOptions _options;

    /// <summary>Device d of channel c at c·D + d, with its own γ1.</summary>
    private readonly DiffusiveMemristor[] _devices;

    /// <summary>Mask m[c][d·N + i] in [0, 1].</summary>
    private readonly double[][] _mask;

    /// <summary>A reservoir for <paramref name="channels"/> input channels; the mask depends on <paramref name="seed"/> only.</summary>
    public DeviceReservoir(DeviceReservoirOptions options, int channels, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        options.Validate();
        _options = options;
        _mask = new double[channels][];
        _devices = new DiffusiveMemristor[channels * options.DevicesPerChannel];
        var spread = KeyedRandom.Create(seed, StreamPurpose.DeviceReservoirMasks + 1, 0);
        for (int d = 0; d < _devices.Length; d++)
        {
            double factor = Math.Exp(options.DecaySpread * ((2 * spread.NextDouble()) - 1));
            _devices[d] = options.Device with { Gamma1PerS = options.Device.Gamma1PerS * factor };
        }

        for (int c = 0; c < channels; c++)
        {
            var rng = KeyedRandom.Create(seed, StreamPurpose.DeviceReservoirMasks, (ulong)c);
            _mask[c] = new double[options.NodesPerChannel];
            for (int i = 0; i < _mask[c].Length; i++)
            {
                _mask[c][i] = rng.NextDouble();
            }
        }
    }

    /// <summary>Input channels.</summary>
    public int Channels => _mask.Length;

    /// <summary>Mask value m ∈ [0, 1] of virtual node <paramref name="node"/> (d·N + i) on <paramref name="channel"/>.</summary>
    public double Mask(int channel, int node) => _mask[channel][node];

    /// <summary>γ1 of device <paramref name="device"/> (0 ≤ d &lt; D) on <paramref name="channel"/>, after the device-to-device spread.</summary>
    public double Gamma1PerS(int channel, int device) => _devices[(channel * _options.DevicesPerChannel) + device].Gamma1PerS;

    /// <summary>Features per step (channels × devices × virtual nodes).</summary>
    public int Size => _mask.Length * _options.NodesPerChannel;

    /// <summary>
    /// The state of every virtual node at every step: <paramref name="input"/>[k][c] in [0, 1] (step k, channel c), all
    /// devices starting relaxed; result[k][c·D·N + d·N + i]. Throws if an input is not finite.
    /// </summary>
    public double[][] Run(IReadOnlyList<double[]> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int nodes = _options.VirtualNodes, perChannel = _options.NodesPerChannel;
        double gap = _options.NodeIntervalMs - _options.PulseWidthMs, span = _options.MaxVoltageV - _options.MinVoltageV;
        var states = new double[input.Count][];
        var f = new double[_devices.Length];
        var r = new double[_devices.Length];
        for (int k = 0; k < input.Count; k++)
        {
            double[] x = input[k];
            if (x.Length != Channels)
            {
                throw new ArgumentException($"step {k}: {x.Length} channels, the reservoir has {Channels}", nameof(input));
            }

            double[] row = states[k] = new double[Size];
            for (int c = 0; c < Channels; c++)
            {
                if (!double.IsFinite(x[c]))
                {
                    throw new ArgumentException($"step {k}, channel {c}: input is {x[c]}", nameof(input));
                }

                for (int j = 0; j < perChannel; j++)
                {
                    int node = (c * perChannel) + j, device = (c * _options.DevicesPerChannel) + (j / nodes);
                    double v = _options.MinVoltageV + (span * _mask[c][j] * x[c]);
                    DiffusiveMemristor m = _devices[device];
                    (f[device], r[device], _) = m.ApplyPulse(f[device], r[device], 0, v, _options.PulseWidthMs);
                    row[node] = m.Efficacy(f[device], r[device], 0);
                    (f[device], r[device]) = m.Relax(f[device], r[device], gap);
                }
            }
        }

        return states;
    }
}
