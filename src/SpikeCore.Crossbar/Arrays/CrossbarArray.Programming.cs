using SpikeCore.Crossbar.Devices;
using SpikeCore.Models.Devices;
using SpikeCore.Random;

namespace SpikeCore.Crossbar.Arrays;

// Programming an array: single pulses, target matrices (open loop, write-verify), the parallel outer-product update, and what the pulses do to their neighbours.
public sealed partial class CrossbarArray
{
    /// <summary>
    /// Applies <paramref name="pulses"/> programming pulses (positive: potentiating) to one device, with its
    /// cycle-to-cycle noise; a stuck device does not move. Returns the new conductance.
    /// </summary>
    public double Pulse(int row, int column, int pulses)
    {
        int c = Cell(row, column);
        ApplyPulses(c, pulses);
        Invalidate();
        return _g[c];
    }

    /// <summary>
    /// The parallel stochastic outer-product update (Gokmen and Vlasov, Front. Neurosci. 10, 333, 2016; aihwkit's
    /// pulsed update): row i fires a train of <paramref name="bitLength"/> slots, each a pulse with probability
    /// min(|x_i| C, 1), column j likewise with min(|d_j| C, 1), C = √(η / (BL Δw)) for Δw = 1/(pulses across the range);
    /// device (i, j) takes one pulse of sign(x_i d_j) for every slot where both fire, so its expected change is η x_i d_j
    /// in units of the full range (while the probabilities stay below 1). All devices update at once; a slot's
    /// coincidences are the only pulses, so half-selected devices are left to the write scheme.
    /// </summary>
    /// <param name="x">Row values (e.g. a layer's inputs).</param>
    /// <param name="d">Column values (e.g. its errors).</param>
    /// <param name="learningRate">η, the intended change per unit x d, as a fraction of the device range.</param>
    /// <param name="bitLength">BL, the slots of each train (aihwkit's default desired_bl is 31).</param>
    /// <returns>The pulses applied.</returns>
    public long UpdateOuterProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> d, double learningRate, int bitLength = 31)
    {
        if (x.Length != Rows || d.Length != Columns)
        {
            throw new ArgumentException($"{x.Length} row and {d.Length} column values for a {Rows} x {Columns} array");
        }

        if (!(learningRate >= 0) || double.IsInfinity(learningRate) || bitLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"need a finite learning rate >= 0 and at least one slot (got {learningRate}, {bitLength})");
        }

        // One stream per update, keyed by the array's update count: trains are reproducible and independent of threads.
        var rng = KeyedRandom.Create(Seed, StreamPurpose.Crossbar(CrossbarKind.Update), _key + (ulong)_updates++);
        ConductanceDevice device = Config.Preset.Device;
        double c = Math.Sqrt(learningRate * device.MaxPulses / bitLength);
        var rowTrains = new ulong[Rows, (bitLength + 63) / 64];
        var columnTrains = new ulong[Columns, (bitLength + 63) / 64];
        Fill(rowTrains, x, c, bitLength, ref rng);
        Fill(columnTrains, d, c, bitLength, ref rng);
        long before = Energy.Pulses;
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                int coincidences = 0;
                for (int w = 0; w < rowTrains.GetLength(1); w++)
                {
                    coincidences += System.Numerics.BitOperations.PopCount(rowTrains[i, w] & columnTrains[j, w]);
                }

                if (coincidences > 0)
                {
                    ApplyPulses((i * Columns) + j, Math.Sign(x[i]) * Math.Sign(d[j]) * coincidences);
                }
            }
        }

        Invalidate();
        return Energy.Pulses - before;

        static void Fill(ulong[,] trains, ReadOnlySpan<double> values, double c, int length, ref KeyedRandom rng)
        {
            for (int k = 0; k < values.Length; k++)
            {
                double p = Math.Min(Math.Abs(values[k]) * c, 1);
                for (int t = 0; t < length; t++)
                {
                    if (rng.NextDouble() < p)
                    {
                        trains[k, t / 64] |= 1UL << (t % 64);
                    }
                }
            }
        }
    }

    /// <summary>Programs every device towards <paramref name="targetsUs"/> (row-major, clipped to the device range) by <paramref name="scheme"/>.</summary>
    /// <param name="targetsUs">Target conductances.</param>
    /// <param name="scheme">Open loop or write-verify.</param>
    /// <param name="toleranceUs">Write-verify stops for a device within this distance of its target (NaN: half the largest step of the gentler direction).</param>
    /// <param name="maxPulses">Write-verify gives up on a device after this many pulses.</param>
    public ProgrammingReport Program(ReadOnlySpan<double> targetsUs, ProgrammingScheme scheme = ProgrammingScheme.WriteVerify, double toleranceUs = double.NaN, int maxPulses = 1000)
    {
        if (targetsUs.Length != _g.Length)
        {
            throw new ArgumentException($"{targetsUs.Length} targets for {Rows} x {Columns} devices", nameof(targetsUs));
        }

        if (Checks.FirstNonFinite(targetsUs) is int bad and >= 0)
        {
            throw new ArgumentException($"target {bad} is {targetsUs[bad]} µS: targets must be finite", nameof(targetsUs));
        }

        ConductanceDevice device = Config.Preset.Device;
        double tolerance = double.IsNaN(toleranceUs) ? DefaultTolerance(device) : toleranceUs;
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(toleranceUs), toleranceUs, "the tolerance must be >= 0 µS");
        }

        long pulsesBefore = Energy.Pulses, verifies = 0;
        double energyBefore = Energy.WriteJ;
        for (int c = 0; c < _g.Length; c++)
        {
            double target = Math.Clamp(targetsUs[c], device.MinConductanceUs, device.MaxConductanceUs);
            if (scheme == ProgrammingScheme.OpenLoop)
            {
                ApplyPulses(c, OpenLoopPulses(device, c, target));
                continue;
            }

            if (scheme == ProgrammingScheme.Statistical)
            {
                PcmStatisticalModel model = Config.Preset.Drift ?? throw new InvalidOperationException($"preset '{Config.Preset.Name}' has no statistical programming model (only PCM presets do)");
                if (!_stuck[c])
                {
                    _g[c] = Math.Clamp(model.Program(target, ref _rng[c]), device.MinConductanceUs, device.MaxConductanceUs);
                    _nu[c] = model.DrawDriftExponent(_g[c], ref _driftRng![c]);
                }

                continue;
            }

            verifies += WriteVerify(c, target, tolerance, maxPulses, disturb: true, out _);
        }

        Invalidate();
        double sum = 0, max = 0;
        int converged = 0;
        for (int c = 0; c < _g.Length; c++)
        {
            double e = Math.Abs(_g[c] - Math.Clamp(targetsUs[c], device.MinConductanceUs, device.MaxConductanceUs));
            sum += e * e;
            max = Math.Max(max, e);
            converged += e <= tolerance ? 1 : 0;
        }

        return new ProgrammingReport(Energy.Pulses - pulsesBefore, verifies, converged, Math.Sqrt(sum / _g.Length), max, Energy.WriteJ - energyBefore);
    }

    /// <summary>
    /// Write-verify of device <paramref name="c"/>: read it (counting the read's energy and time), stop within
    /// <paramref name="tolerance"/> of <paramref name="target"/>, else apply the open-loop pulse count (at least one) and
    /// read again, up to <paramref name="maxPulses"/> pulses. Returns the verify reads, and their energy in <paramref name="verifyEnergyJ"/>.
    /// </summary>
    private long WriteVerify(int c, double target, double tolerance, int maxPulses, bool disturb, out double verifyEnergyJ)
    {
        verifyEnergyJ = 0;
        ConductanceDevice device = Config.Preset.Device;
        double verifyJ = Config.Preset.ReadVoltageV * Config.Preset.ReadVoltageV * Config.ReadPulseS * 1e-6;
        long verifies = 0;
        for (int used = 0; used < maxPulses && !_stuck[c]; )
        {
            verifies++;
            verifyEnergyJ += verifyJ * _g[c];
            Energy.WriteJ += verifyJ * _g[c];
            Energy.BusyS += Config.ReadPulseS;
            if (Math.Abs(_g[c] - target) <= tolerance)
            {
                break;
            }

            int n = OpenLoopPulses(device, c, target);
            n = n != 0 ? Math.Clamp(n, used - maxPulses, maxPulses - used) : (target > _g[c] ? 1 : -1);
            ApplyPulses(c, n, disturb);
            used += Math.Abs(n);
        }

        return verifies;
    }

    /// <summary>
    /// Half the largest single-pulse step of the gentler direction (the smaller of the two curves' largest steps): a
    /// noiseless device climbing or falling that way brackets any target within two tolerances, so write-verify lands.
    /// </summary>
    private static double DefaultTolerance(ConductanceDevice device)
    {
        double Largest(bool up)
        {
            double g = up ? device.MinConductanceUs : device.MaxConductanceUs, largest = 0;
            for (int k = 0; k < device.PulsesAcrossRange(up); k++)
            {
                double next = device.Apply(g, up ? 1 : -1);
                largest = Math.Max(largest, Math.Abs(next - g));
                g = next;
            }

            return largest;
        }

        return 0.5 * Math.Min(Largest(true), Largest(false));
    }

    /// <summary>
    /// The pulse count whose noiseless outcome on this device's own curve lands nearest <paramref name="target"/>,
    /// signed towards it (a binary search over the monotonic curve: the model-based open loop).
    /// </summary>
    private int OpenLoopPulses(ConductanceDevice device, int c, double target)
    {
        double g = _g[c], spread = _spread[c];
        bool up = target > g;
        int lo = PulsesToReach(device, c, target);

        // lo is the first count at or past the target; the one before may be nearer.
        int n = lo > 0 && Math.Abs(device.Apply(g, up ? lo - 1 : 1 - lo, spread) - target) <= Math.Abs(device.Apply(g, up ? lo : -lo, spread) - target) ? lo - 1 : lo;
        return up ? n : -n;
    }

    /// <summary>
    /// The fewest pulses (towards <paramref name="target"/>) whose noiseless outcome on device <paramref name="c"/>'s own
    /// curve reaches or passes it, or all the range takes: a binary search over the monotonic curve.
    /// </summary>
    private int PulsesToReach(ConductanceDevice device, int c, double target)
    {
        double g = _g[c], spread = _spread[c];
        bool up = target > g;
        int lo = 0, hi = device.PulsesAcrossRange(up);
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            double reached = device.Apply(g, up ? mid : -mid, spread);
            if (up ? reached < target : reached > target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void ApplyPulses(int c, int pulses, bool disturb = true)
    {
        if (pulses == 0 || _stuck[c])
        {
            return;
        }

        DevicePreset preset = Config.Preset;
        int n = Math.Abs(pulses);
        double before = _g[c];
        _g[c] = preset.Device.Pulse(before, pulses, _spread[c], ref _rng[c]);
        _pulses[c] += n;
        Energy.Pulses += n;
        Energy.WriteJ += n * preset.WriteEnergyFj * 1e-15;
        Energy.BusyS += n * preset.WritePulseS;
        if (preset.Drift is { } drift)
        {
            _nu[c] = drift.DrawDriftExponent(_g[c], ref _driftRng![c]); // a fresh exponent for the new state
        }

        if (_pulses[c] >= _failAt[c])
        {
            _stuck[c] = true; // worn out: it keeps the conductance it has
        }

        if (disturb)
        {
            Disturb(c, pulses);
        }
    }

    /// <summary>
    /// The half-selected devices of a passive array while device <paramref name="c"/> takes <paramref name="pulses"/>:
    /// each sees V_h = V_w/2 (V/2: the selected row and column) or V_w/3 (V/3: every device, those off the selected lines
    /// in the opposite polarity) for every pulse, dissipates V_h² G t_w, and, when V_h exceeds the preset's threshold,
    /// moves by the fraction (V_h − V_th)/(V_w − V_th) of a full pulse (the simplest response that is nothing at
    /// threshold and a pulse at V_w). Cost per pulse: M + N devices (V/2) or all MN (V/3).
    /// </summary>
    private void Disturb(int c, int pulses)
    {
        if (Config.Circuit.AccessResistanceOhm > 0 || Config.WriteScheme == SelectScheme.Floating)
        {
            return;
        }

        DevicePreset preset = Config.Preset;
        bool third = Config.WriteScheme == SelectScheme.ThirdVoltage;
        double write = pulses > 0 ? preset.WriteVoltageV : preset.EraseVoltageV, half = write / (third ? 3 : 2);
        double threshold = preset.ThresholdV > 0 ? preset.ThresholdV : write / 2;
        double fraction = Math.Clamp((half - threshold) / (write - threshold), 0, 1), joulesPerUs = half * half * preset.WritePulseS * 1e-6 * Math.Abs(pulses);
        int row = c / Columns, column = c % Columns, sign = Math.Sign(pulses);
        if (third && fraction == 0)
        {
            Energy.WriteJ += joulesPerUs * (System.Numerics.Tensors.TensorPrimitives.Sum<double>(_g) - _g[c]); // every device at V/3
            return;
        }

        if (third)
        {
            for (int k = 0; k < _g.Length; k++)
            {
                if (k != c)
                {
                    HalfSelect(k, k / Columns == row || k % Columns == column ? sign : -sign);
                }
            }

            return;
        }

        for (int j = 0; j < Columns; j++)
        {
            if (j != column)
            {
                HalfSelect((row * Columns) + j, sign);
            }
        }

        for (int i = 0; i < Rows; i++)
        {
            if (i != row)
            {
                HalfSelect((i * Columns) + column, sign);
            }
        }

        void HalfSelect(int k, int direction)
        {
            Energy.WriteJ += joulesPerUs * _g[k];
            if (fraction > 0 && !_stuck[k])
            {
                for (int p = 0; p < Math.Abs(pulses); p++)
                {
                    _g[k] += fraction * (preset.Device.Apply(_g[k], direction, _spread[k]) - _g[k]);
                }
            }
        }
    }
}
