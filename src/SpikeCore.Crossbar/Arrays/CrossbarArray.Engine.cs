using SpikeCore.Checkpoints;
using SpikeCore.Crossbar.Circuit;
using SpikeCore.Models.Devices;

namespace SpikeCore.Crossbar.Arrays;

// What the event engine needs of an array that carries a projection (ArraySynapse): single-row reads, one device nudged
// by a learning rule, and the state a checkpoint keeps.
public sealed partial class CrossbarArray
{
    /// <summary>The write-verify tolerance of <see cref="ProgramDevice"/> (computed once).</summary>
    private double _engineTolerance = double.NaN;

    /// <summary>
    /// The conductance (µS) through which a device of conductance <paramref name="g"/> at (<paramref name="row"/>,
    /// <paramref name="column"/>) (the array's own, drifted or not, or a reference device) passes current to its column
    /// when its row alone is read: the device with its access transistor, and with the series-path wire model its wire
    /// path too (with one row active, the series path is that row's share; the exact solve also counts the other cells).
    /// </summary>
    internal double SingleRowConductanceUs(int row, int column, double g)
    {
        CircuitParameters circuit = Config.Circuit;
        if (g <= 0)
        {
            return 0;
        }

        if (Config.IrDrop == IrDropModel.Series && circuit.LineResistanceOhm > 0)
        {
            return 1 / ((1 / g) + (circuit.AccessResistanceOhm * 1e-6) + ((column + 1 + Rows - row) * circuit.LineResistanceOhm * 1e-6));
        }

        return circuit.CellConductanceUs(g);
    }

    /// <summary>The drift exponent ν device (<paramref name="row"/>, <paramref name="column"/>) drew at its last programming (0 for presets that do not drift).</summary>
    internal double DriftExponent(int row, int column) => _nu[(row * Columns) + column];

    /// <summary>The energy V² g t_read of one single-device read of <paramref name="conductanceUs"/> at <paramref name="volts"/> (the engine keeps its own exact sum).</summary>
    internal double DeviceReadJ(double conductanceUs, double volts) => volts * volts * conductanceUs * 1e-6 * Config.ReadPulseS;

    /// <summary>
    /// Moves device (<paramref name="row"/>, <paramref name="column"/>) by <paramref name="deltaUs"/> as a learning rule
    /// asks: the change in whole pulses (<see cref="ConductanceDevice.PulsesFor"/>, rounding from the device's own
    /// stream), applied through its curve with its noise, bounds, wear and faults. The
    /// other devices are not disturbed (the engine's arrays select with an access transistor or a floating scheme).
    /// Returns the signed pulses.
    /// </summary>
    internal int Nudge(int row, int column, double deltaUs, bool stochastic)
    {
        int c = (row * Columns) + column;
        ConductanceDevice device = Config.Preset.Device;
        int pulses = device.PulsesFor(deltaUs, stochastic, ref _rng[c]);
        ApplyPulses(c, pulses, disturb: false);
        return pulses;
    }

    /// <summary>
    /// Moves device (<paramref name="row"/>, <paramref name="column"/>) towards <paramref name="targetUs"/> open loop on its
    /// own curve (its spread included), without verifying: k pulses reach g_k short of the target and k + 1 reach
    /// g_(k+1) past it; the device takes k + 1 with probability (target − g_k)/(g_(k+1) − g_k) (from its own stream), so a
    /// write lands on the target on average even when it asks for less than a pulse. Returns the signed pulses.
    /// </summary>
    internal int Retarget(int row, int column, double targetUs)
    {
        int c = (row * Columns) + column;
        ConductanceDevice device = Config.Preset.Device;
        double g = _g[c], target = Math.Clamp(targetUs, device.MinConductanceUs, device.MaxConductanceUs);
        if (_stuck[c] || target == g)
        {
            return 0;
        }

        int sign = target > g ? 1 : -1, lo = PulsesToReach(device, c, target);

        // lo pulses reach or pass the target (or are the most the range takes); lo − 1 fall short of it.
        int n = lo;
        if (lo > 0)
        {
            double shortOf = device.Apply(g, sign * (lo - 1), _spread[c]), past = device.Apply(g, sign * lo, _spread[c]);
            double p = past == shortOf ? 1 : Math.Clamp((target - shortOf) / (past - shortOf), 0, 1);
            n = _rng[c].NextDouble() < p ? lo : lo - 1;
        }

        ApplyPulses(c, sign * n, disturb: false);
        return sign * n;
    }

    /// <summary>
    /// Programs device (<paramref name="row"/>, <paramref name="column"/>) to <paramref name="targetUs"/> (clipped to the
    /// range) by write-verify with the default tolerance, disturbing no other device. Returns the conductance reached, and
    /// the verify reads' energy in <paramref name="verifyEnergyJ"/> (the pulses' is their count times the preset's).
    /// </summary>
    internal double ProgramDevice(int row, int column, double targetUs, out double verifyEnergyJ)
    {
        int c = (row * Columns) + column;
        ConductanceDevice device = Config.Preset.Device;
        if (double.IsNaN(_engineTolerance))
        {
            _engineTolerance = DefaultTolerance(device);
        }

        WriteVerify(c, Math.Clamp(targetUs, device.MinConductanceUs, device.MaxConductanceUs), _engineTolerance, 1000, disturb: false, out verifyEnergyJ);
        Invalidate();
        return _g[c];
    }

    /// <summary>Saves or restores what programming changes: conductances, pulse counts, faults, streams, drift exponents, the ledger.</summary>
    internal void Checkpoint(StateArchive a)
    {
        a.Values(_g.AsSpan());
        a.Values(_pulses.AsSpan());
        a.Values(_stuck.AsSpan());
        a.Values(_rng.AsSpan());
        a.Values(_nu.AsSpan());
        if (_driftRng is not null)
        {
            a.Values(_driftRng.AsSpan());
        }

        double[] ledger = [Energy.ReadJ, Energy.LineLossJ, Energy.WriteJ, Energy.DacJ, Energy.AdcJ, Energy.BusyS];
        long[] counts = [Energy.Reads, Energy.Pulses, Energy.Conversions, Energy.Clipped, _reads, _updates];
        a.Values(ledger.AsSpan());
        a.Values(counts.AsSpan());
        (Energy.ReadJ, Energy.LineLossJ, Energy.WriteJ, Energy.DacJ, Energy.AdcJ, Energy.BusyS) = (ledger[0], ledger[1], ledger[2], ledger[3], ledger[4], ledger[5]);
        (Energy.Reads, Energy.Pulses, Energy.Conversions, Energy.Clipped, _reads, _updates) = (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
        SumLines();
        _noiseVariance = null;
        Invalidate();
    }
}
