using SpikeCore.Random;

namespace SpikeCore.Models.Devices;

/// <summary>
/// Multi-memristive synapses (Boybat et al., Nat. Commun. 9, 2514, 2018): each weight is the sum of N devices,
/// w = Σ G_n (µS), and each update programs only the device that one global selection counter points to; the counter
/// then advances by a step co-prime with N, so every device is visited in turn and each takes a 1/N share of the
/// programming. The weight spans N times one device's range with N times its pulses, and the cycle-to-cycle noise of
/// one update is that of one device: precision improves with N.
/// </summary>
public sealed class MultiMemristiveSynapse
{
    private readonly double[] _g;
    private readonly long[] _pulses;
    private int _counter;

    /// <summary>Creates <paramref name="count"/> synapses of <paramref name="devicesPerSynapse"/> devices, all at G_min.</summary>
    public MultiMemristiveSynapse(int count, int devicesPerSynapse, ConductanceDevice device, int counterStep = 1)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(devicesPerSynapse, 1);
        if (counterStep < 1 || Gcd(counterStep, devicesPerSynapse) != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(counterStep), counterStep, $"the counter step must be positive and co-prime with N = {devicesPerSynapse}");
        }

        Device = device;
        DevicesPerSynapse = devicesPerSynapse;
        CounterStep = counterStep;
        _g = Enumerable.Repeat(device.MinConductanceUs, count * devicesPerSynapse).ToArray();
        _pulses = new long[_g.Length];
    }

    /// <summary>The response of every device.</summary>
    public ConductanceDevice Device { get; }

    /// <summary>N.</summary>
    public int DevicesPerSynapse { get; }

    /// <summary>How far the selection counter moves after each update.</summary>
    public int CounterStep { get; }

    /// <summary>w = Σ G_n of synapse <paramref name="i"/>.</summary>
    public double WeightUs(int i)
    {
        double sum = 0;
        for (int d = 0; d < DevicesPerSynapse; d++)
        {
            sum += _g[(i * DevicesPerSynapse) + d];
        }

        return sum;
    }

    /// <summary>Conductance of device <paramref name="device"/> of synapse <paramref name="i"/>.</summary>
    public double DeviceUs(int i, int device) => _g[(i * DevicesPerSynapse) + device];

    /// <summary>Pulses device <paramref name="device"/> of synapse <paramref name="i"/> has received.</summary>
    public long PulsesOf(int i, int device) => _pulses[(i * DevicesPerSynapse) + device];

    /// <summary>Applies a change of about <paramref name="deltaUs"/> to synapse <paramref name="i"/> through the selected device; returns the pulses applied.</summary>
    public int Update(int i, double deltaUs, ref KeyedRandom rng, double spread = 1)
    {
        int k = (i * DevicesPerSynapse) + _counter;
        (double g, int pulses) = Device.Program(_g[k], _g[k] + deltaUs, spread, ref rng);
        _g[k] = g;
        _pulses[k] += Math.Abs(pulses);
        _counter = (_counter + CounterStep) % DevicesPerSynapse;
        return Math.Abs(pulses);
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
