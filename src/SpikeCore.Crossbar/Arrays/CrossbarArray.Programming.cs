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
    /// pulsed update with its update and bit-length management): row i fires a train of BL slots, each a pulse with
    /// probability min(|x_i| C m, 1), column j likewise with min(|d_j| C / m, 1), C = √(η / (BL Δw)) for Δw =
    /// 1/(pulses across the range) and m = √(max|d| / max|x|) (balancing the two sides); device (i, j) takes one pulse of
    /// sign(x_i d_j) for every slot where both fire, so its expected change is η x_i d_j in units of the full range (while
    /// the probabilities stay below 1). BL = min(<paramref name="bitLength"/>, ⌈η max|x| max|d| / Δw⌉), at least 1: the
    /// fewest slots that keep every probability at or below 1.
    /// </summary>
    /// <remarks>
    /// All devices update at once, so only coincidences move devices: a device whose row or column alone fires in a slot is
    /// half-selected (V_w/2) and dissipates (V_w/2)² G t_w, counted exactly from the trains. Parallel updates assume that
    /// half-selection stays below the device threshold (it does for every preset); an array whose preset switches at V_w/2
    /// is refused here and must be written device by device (<see cref="Pulse(int, int, int)"/>), where the write scheme's
    /// disturb applies. Cost: the active rows times the active columns, not M N.
    /// </remarks>
    /// <param name="x">Row values (e.g. a layer's inputs).</param>
    /// <param name="d">Column values (e.g. its errors).</param>
    /// <param name="learningRate">η, the intended change per unit x d, as a fraction of the device range.</param>
    /// <param name="bitLength">The most slots of a train, 1 to 64 (aihwkit's default desired_bl is 31).</param>
    /// <param name="potentiateOnly">Apply only potentiating coincidences (one side of a one-sided differential pair).</param>
    /// <returns>The pulses applied.</returns>
    public long UpdateOuterProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> d, double learningRate, int bitLength = 31, bool potentiateOnly = false)
    {
        if (x.Length != Rows || d.Length != Columns)
        {
            throw new ArgumentException($"{x.Length} row and {d.Length} column values for a {Rows} x {Columns} array");
        }

        if (!(learningRate >= 0) || double.IsInfinity(learningRate) || bitLength is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"need a finite learning rate >= 0 and 1 to 64 slots (got {learningRate}, {bitLength})");
        }

        if (Checks.FirstNonFinite(x) >= 0 || Checks.FirstNonFinite(d) >= 0)
        {
            throw new ArgumentException("update values must be finite");
        }

        if ((DisturbFraction(Config.Preset.WriteVoltageV) > 0 || DisturbFraction(Config.Preset.EraseVoltageV) > 0) && Config.Circuit.AccessResistanceOhm == 0 && Config.WriteScheme != SelectScheme.Floating)
        {
            throw new InvalidOperationException($"preset '{Config.Preset.Name}' switches at half its write voltage (threshold {Config.Preset.ThresholdV} V): a parallel update would disturb half-selected devices; write device by device");
        }

        // One stream per update, keyed by the array's update count: trains are reproducible and independent of threads.
        var rng = KeyedRandom.Create(Seed, StreamPurpose.Crossbar(CrossbarKind.Update), _key + (ulong)_updates++);
        double xMax = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(x)), dMax = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(d));
        if (learningRate == 0 || xMax == 0 || dMax == 0)
        {
            return 0;
        }

        ConductanceDevice device = Config.Preset.Device;
        double step = 1.0 / device.MaxPulses, wanted = learningRate * xMax * dMax / step;
        int slots = (int)Math.Clamp(Math.Ceiling(wanted), 1, bitLength);
        double c = Math.Sqrt(learningRate / (slots * step)), m = Math.Sqrt(dMax / xMax);
        _rowTrains ??= new ulong[Rows];
        _columnTrains ??= new ulong[Columns];
        _activeColumns ??= new int[Columns];
        Fill(_rowTrains, x, c * m, slots, ref rng);
        Fill(_columnTrains, d, c / m, slots, ref rng);
        int active = 0;
        for (int j = 0; j < Columns; j++)
        {
            if (_columnTrains[j] != 0)
            {
                _activeColumns[active++] = j;
            }
        }

        // Half-selection: Σ_ij G_ij popcount(r_i XOR c_j) = Σ_i |r_i| (row sum) + Σ_j |c_j| (column sum) − 2 Σ_ij G_ij n_ij,
        // all at the conductances before the update.
        double halfUs = 0, coincidentUs = 0;
        for (int k = 0; k < active; k++)
        {
            halfUs += System.Numerics.BitOperations.PopCount(_columnTrains[_activeColumns[k]]) * _lineSums[Rows + _activeColumns[k]];
        }

        long before = Energy.Pulses;
        double busy = Energy.BusyS;
        for (int i = 0; i < Rows; i++)
        {
            ulong row = _rowTrains[i];
            if (row == 0)
            {
                continue;
            }

            halfUs += System.Numerics.BitOperations.PopCount(row) * _lineSums[i];
            int sign = Math.Sign(x[i]);
            for (int k = 0; k < active; k++)
            {
                int j = _activeColumns[k], coincidences = System.Numerics.BitOperations.PopCount(row & _columnTrains[j]);
                if (coincidences == 0)
                {
                    continue;
                }

                int cell = (i * Columns) + j;
                coincidentUs += _g[cell] * coincidences;
                int pulses = sign * Math.Sign(d[j]) * coincidences;
                if (pulses > 0 || !potentiateOnly)
                {
                    ApplyPulses(cell, pulses, disturb: false);
                }
            }
        }

        double half = 0.5 * Config.Preset.WriteVoltageV;
        Energy.WriteJ += half * half * Config.Preset.WritePulseS * 1e-6 * Math.Max(0, halfUs - (2 * coincidentUs));
        Energy.BusyS = busy + (slots * Config.Preset.WritePulseS); // the slots, not each device's pulses: all at once
        if (Energy.Pulses != before)
        {
            Invalidate();
        }

        return Energy.Pulses - before;

        static void Fill(ulong[] trains, ReadOnlySpan<double> values, double scale, int slots, ref KeyedRandom rng)
        {
            for (int k = 0; k < values.Length; k++)
            {
                double p = Math.Abs(values[k]) * scale;
                ulong train = 0;
                if (p >= 1)
                {
                    train = slots == 64 ? ulong.MaxValue : (1UL << slots) - 1;
                }
                else if (p > 0)
                {
                    for (int t = 0; t < slots; t++)
                    {
                        train |= rng.NextDouble() < p ? 1UL << t : 0;
                    }
                }

                trains[k] = train;
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="pulses"/>[i·N + j] signed pulses to device (i, j), device by device in row-major order, each
    /// with its noise, bounds and wear, and the write scheme's half-selection of its row and column per pulse (as
    /// <see cref="Pulse(int, int, int)"/>). Returns the pulses applied.
    /// </summary>
    public long Pulse(ReadOnlySpan<int> pulses)
    {
        if (pulses.Length != _g.Length)
        {
            throw new ArgumentException($"{pulses.Length} pulse counts for {Rows} x {Columns} devices", nameof(pulses));
        }

        long before = Energy.Pulses;
        for (int c = 0; c < pulses.Length; c++)
        {
            if (pulses[c] != 0)
            {
                ApplyPulses(c, pulses[c]);
            }
        }

        if (Energy.Pulses != before)
        {
            Invalidate();
        }

        return Energy.Pulses - before;
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

        return Program([.. Enumerable.Range(0, _g.Length)], targetsUs, scheme, toleranceUs, maxPulses);
    }

    /// <summary>
    /// Programs the devices <paramref name="cells"/> (row-major indices i·N + j) towards <paramref name="targetsUs"/> (one
    /// each, clipped to the device range) by <paramref name="scheme"/>, leaving the others as they are (but for the write
    /// scheme's half-selection); the report covers the listed devices.
    /// </summary>
    public ProgrammingReport Program(ReadOnlySpan<int> cells, ReadOnlySpan<double> targetsUs, ProgrammingScheme scheme = ProgrammingScheme.WriteVerify, double toleranceUs = double.NaN, int maxPulses = 1000)
    {
        if (targetsUs.Length != cells.Length)
        {
            throw new ArgumentException($"{targetsUs.Length} targets for {cells.Length} devices", nameof(targetsUs));
        }

        if (Checks.FirstNonFinite(targetsUs) is int bad and >= 0)
        {
            throw new ArgumentException($"target {bad} is {targetsUs[bad]} µS: targets must be finite", nameof(targetsUs));
        }

        foreach (int cell in cells)
        {
            if ((uint)cell >= (uint)_g.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(cells), cell, $"not a device of a {Rows} x {Columns} array");
            }
        }

        ConductanceDevice device = Config.Preset.Device;
        double tolerance = double.IsNaN(toleranceUs) ? DefaultTolerance(device) : toleranceUs;
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(toleranceUs), toleranceUs, "the tolerance must be >= 0 µS");
        }

        long pulsesBefore = Energy.Pulses, verifies = 0;
        double energyBefore = Energy.WriteJ;
        for (int k = 0; k < cells.Length; k++)
        {
            int c = cells[k];
            double target = Math.Clamp(targetsUs[k], device.MinConductanceUs, device.MaxConductanceUs);
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
                    Set(c, Math.Clamp(model.Program(target, ref _rng[c]), device.MinConductanceUs, device.MaxConductanceUs));
                    _nu[c] = model.DrawDriftExponent(_g[c], ref _driftRng![c]);
                }

                continue;
            }

            verifies += WriteVerify(c, target, tolerance, maxPulses, disturb: true, out _);
        }

        Invalidate();
        double sum = 0, max = 0;
        int converged = 0;
        for (int k = 0; k < cells.Length; k++)
        {
            double e = Math.Abs(_g[cells[k]] - Math.Clamp(targetsUs[k], device.MinConductanceUs, device.MaxConductanceUs));
            sum += e * e;
            max = Math.Max(max, e);
            converged += e <= tolerance ? 1 : 0;
        }

        return new ProgrammingReport(Energy.Pulses - pulsesBefore, verifies, converged, cells.Length == 0 ? 0 : Math.Sqrt(sum / cells.Length), max, Energy.WriteJ - energyBefore);
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
        Set(c, preset.Device.Pulse(_g[c], pulses, _spread[c], ref _rng[c]));
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
    /// The share of a full pulse a half-selected device takes when <paramref name="writeV"/> is applied: (V_h − V_th)/(V_w −
    /// V_th) for V_h = V_w/2 (V/2) or V_w/3 (V/3), clamped to [0, 1]; V_th is the preset's threshold, or V_w/2 when unknown.
    /// </summary>
    private double DisturbFraction(double writeV)
    {
        double half = writeV / (Config.WriteScheme == SelectScheme.ThirdVoltage ? 3 : 2);
        double threshold = Config.Preset.ThresholdV > 0 ? Config.Preset.ThresholdV : writeV / 2;
        return Math.Clamp((half - threshold) / (writeV - threshold), 0, 1);
    }

    /// <summary>
    /// The half-selected devices of a passive array while device <paramref name="c"/> takes <paramref name="pulses"/>:
    /// each sees V_h = V_w/2 (V/2: the selected row and column) or V_w/3 (V/3: every device, those off the selected lines
    /// in the opposite polarity) for every pulse, dissipates V_h² G t_w, and, when V_h exceeds the preset's threshold,
    /// moves by <see cref="DisturbFraction"/> of a full pulse (the simplest response that is nothing at threshold and a
    /// pulse at V_w). Below threshold only the energy counts, from the kept line sums (O(1)); above, each half-selected
    /// device moves: M + N devices per pulse (V/2) or all MN (V/3).
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
        double fraction = DisturbFraction(write), joulesPerUs = half * half * preset.WritePulseS * 1e-6 * Math.Abs(pulses);
        int row = c / Columns, column = c % Columns, sign = Math.Sign(pulses);
        if (fraction == 0)
        {
            // Every device at V/3, or the selected row's and column's others at V/2.
            double others = third ? System.Numerics.Tensors.TensorPrimitives.Sum<double>(_lineSums.AsSpan(0, Rows)) - _g[c] : _lineSums[row] + _lineSums[Rows + column] - (2 * _g[c]);
            Energy.WriteJ += joulesPerUs * Math.Max(0, others);
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
            if (!_stuck[k])
            {
                double g = _g[k];
                for (int p = 0; p < Math.Abs(pulses); p++)
                {
                    g += fraction * (preset.Device.Apply(g, direction, _spread[k]) - g);
                }

                Set(k, g);
            }
        }
    }

    /// <summary>Sets device <paramref name="c"/>'s conductance, keeping its row's and column's sums.</summary>
    private void Set(int c, double g)
    {
        double delta = g - _g[c];
        _g[c] = g;
        if (_noiseVariance is not null)
        {
            _noiseDirty.Add(c);
        }

        _lineSums[c / Columns] += delta;
        _lineSums[Rows + (c % Columns)] += delta;
    }

    /// <summary>Recomputes every row's and column's conductance sum (after the conductances were loaded wholesale).</summary>
    private void SumLines()
    {
        Array.Clear(_lineSums);
        for (int c = 0; c < _g.Length; c++)
        {
            _lineSums[c / Columns] += _g[c];
            _lineSums[Rows + (c % Columns)] += _g[c];
        }
    }
}
