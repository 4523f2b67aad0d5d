using SpikeCore.Crossbar.Circuit;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Models.Devices;
using SpikeCore.Random;

namespace SpikeCore.Crossbar.Arrays;

/// <summary>
/// An M × N array of memristive devices of one technology: it stores conductances, computes with them in place
/// (forward reads: row voltages in, column currents out; transposed reads: the other way) through its circuit at the
/// chosen fidelity, is programmed by pulses, and counts the energy, time and pulses of everything it does.
/// </summary>
/// <remarks>
/// Non-idealities (<see cref="ArrayConfig"/>): device-to-device spread of the update curve and cycle-to-cycle noise of
/// pulses (the preset's device), stuck-at faults, endurance failures (each device counts its pulses and sticks after its
/// own, log-normally drawn, cycle count), read noise, PCM drift and 1/f noise (<see cref="PcmStatisticalModel"/>),
/// wire resistance. Every draw comes from a stream keyed by (seed, kind, array key, cell or read): an array gives the
/// same results whatever else runs, on any thread. The exact solve's factorisation is kept until a device or the read
/// time changes. Units: V, µS, µA, s, J.
/// </remarks>
public sealed class CrossbarArray
{
    private readonly double[] _g;        // programmed device conductances, µS
    private readonly double[] _spread;   // device-to-device factor of each device's update curve
    private readonly KeyedRandom[] _rng; // each device's programming noise
    private readonly long[] _pulses;     // pulses each device has taken
    private readonly double[] _failAt;   // cycles to failure of each device
    private readonly bool[] _stuck;      // stuck devices (fabricated so, or worn out)
    private readonly double[] _nu;       // PCM drift exponents
    private readonly KeyedRandom[]? _driftRng; // each PCM device's drift exponents, one per programming
    private readonly ulong _key;
    private double[]? _effective;        // conductances at _effectiveAtS (drift applied)
    private double[]? _cells;            // the cells' conductances there, access transistors included
    private double[]? _rowSums, _columnSums; // Σ_j and Σ_i of _cells: a read's cell energy is Σ V² times these
    private double _effectiveAtS = double.NaN;
    private NodalSolver? _forward, _transposed;
    private long _reads, _updates;

    /// <summary>Creates an array whose devices all start at G_min (stuck ones at their bound).</summary>
    /// <param name="rows">M, the rows (inputs of a forward read).</param>
    /// <param name="columns">N, the columns (outputs of a forward read).</param>
    /// <param name="config">Technology, circuit and non-idealities.</param>
    /// <param name="seed">Seed of every draw.</param>
    /// <param name="key">Distinguishes the arrays of one seed (tiles, slices, layers).</param>
    public CrossbarArray(int rows, int columns, ArrayConfig config, ulong seed, uint key = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (rows < 1 || columns < 1 || (long)rows * columns > 1L << 28)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"an array needs 1 to 2^28 cells (got {rows} x {columns})");
        }

        if (config.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(config));
        }

        (Rows, Columns, Config, Seed, _key) = (rows, columns, config, seed, (ulong)key << 32);
        int n = rows * columns;
        ConductanceDevice device = config.Preset.Device;
        _g = new double[n];
        _spread = new double[n];
        _rng = new KeyedRandom[n];
        _pulses = new long[n];
        _failAt = new double[n];
        _stuck = new bool[n];
        _nu = new double[n];
        _driftRng = config.Preset.Drift is null ? null : new KeyedRandom[n];
        double endurance = config.Preset.EnduranceCycles ?? double.PositiveInfinity;
        for (int c = 0; c < n; c++)
        {
            _spread[c] = device.Spread(seed, _key + (ulong)c, StreamPurpose.Crossbar(CrossbarKind.Spread));
            _rng[c] = KeyedRandom.Create(seed, StreamPurpose.Crossbar(CrossbarKind.Programming), _key + (ulong)c);
            var fault = KeyedRandom.Create(seed, StreamPurpose.Crossbar(CrossbarKind.Faults), _key + (ulong)c);
            double u = fault.NextDouble();
            _stuck[c] = u < config.StuckAtMaxFraction + config.StuckAtMinFraction;
            _g[c] = u < config.StuckAtMaxFraction ? device.MaxConductanceUs : device.MinConductanceUs;
            var wear = KeyedRandom.Create(seed, StreamPurpose.Crossbar(CrossbarKind.Endurance), _key + (ulong)c);
            if (_driftRng is not null)
            {
                _driftRng[c] = KeyedRandom.Create(seed, StreamPurpose.Crossbar(CrossbarKind.Drift), _key + (ulong)c);
            }

            _failAt[c] = double.IsInfinity(endurance) ? endurance : endurance * Math.Exp(config.EnduranceLogSigma * wear.NextNormal());
        }
    }

    /// <summary>M.</summary>
    public int Rows { get; }

    /// <summary>N.</summary>
    public int Columns { get; }

    /// <summary>Technology, circuit and non-idealities.</summary>
    public ArrayConfig Config { get; }

    /// <summary>The seed of every draw.</summary>
    public ulong Seed { get; }

    /// <summary>Energy, pulses, reads and conversions so far.</summary>
    public EnergyLedger Energy { get; } = new();

    /// <summary>The programmed device conductances (µS), row-major, before drift.</summary>
    public ReadOnlySpan<double> ConductancesUs => _g;

    /// <summary>Whether device (<paramref name="row"/>, <paramref name="column"/>) is stuck (a fabrication fault, or worn out).</summary>
    public bool IsStuck(int row, int column) => _stuck[Cell(row, column)];

    /// <summary>The pulses device (<paramref name="row"/>, <paramref name="column"/>) has taken.</summary>
    public long PulseCount(int row, int column) => _pulses[Cell(row, column)];

    /// <summary>
    /// A forward read: column currents (µA) for row voltages (V), <paramref name="timeS"/> after programming (for drift),
    /// through the configured circuit, with read noise; counts one read's energy and time.
    /// </summary>
    public void Read(ReadOnlySpan<double> rowVolts, Span<double> columnCurrentsUa, double timeS = 0) =>
        ReadAny(rowVolts, columnCurrentsUa, timeS, transposed: false);

    /// <summary>A forward read, or a transposed one when <paramref name="transposed"/> (inputs on the columns, outputs on the rows).</summary>
    public void Read(ReadOnlySpan<double> volts, Span<double> currentsUa, double timeS, bool transposed) =>
        ReadAny(volts, currentsUa, timeS, transposed);

    /// <summary>A transposed read: row currents (µA) for column voltages (V), the columns driven from their output end and the rows sensed at their input end.</summary>
    public void ReadTransposed(ReadOnlySpan<double> columnVolts, Span<double> rowCurrentsUa, double timeS = 0) =>
        ReadAny(columnVolts, rowCurrentsUa, timeS, transposed: true);

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

        ConductanceDevice device = Config.Preset.Device;
        double tolerance = double.IsNaN(toleranceUs) ? DefaultTolerance(device) : toleranceUs;
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(toleranceUs), toleranceUs, "the tolerance must be >= 0 µS");
        }

        long pulsesBefore = Energy.Pulses, verifies = 0;
        double energyBefore = Energy.WriteJ, verifyJ = Config.Preset.ReadVoltageV * Config.Preset.ReadVoltageV * Config.ReadPulseS * 1e-6;
        for (int c = 0; c < _g.Length; c++)
        {
            double target = Math.Clamp(targetsUs[c], device.MinConductanceUs, device.MaxConductanceUs);
            if (scheme == ProgrammingScheme.OpenLoop)
            {
                ApplyPulses(c, OpenLoopPulses(device, c, target));
                continue;
            }

            for (int used = 0; used < maxPulses && !_stuck[c]; )
            {
                verifies++;
                Energy.WriteJ += verifyJ * _g[c];
                Energy.BusyS += Config.ReadPulseS;
                if (Math.Abs(_g[c] - target) <= tolerance)
                {
                    break;
                }

                int n = OpenLoopPulses(device, c, target);
                n = n != 0 ? Math.Clamp(n, used - maxPulses, maxPulses - used) : (target > _g[c] ? 1 : -1);
                ApplyPulses(c, n);
                used += Math.Abs(n);
            }
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

    private int Cell(int row, int column) =>
        (uint)row < (uint)Rows && (uint)column < (uint)Columns ? (row * Columns) + column : throw new ArgumentOutOfRangeException(nameof(row), $"cell ({row}, {column}) of a {Rows} x {Columns} array");

    /// <summary>
    /// The pulse count whose noiseless outcome on this device's own curve lands nearest <paramref name="target"/>,
    /// signed towards it (a binary search over the monotonic curve: the model-based open loop).
    /// </summary>
    private int OpenLoopPulses(ConductanceDevice device, int c, double target)
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

        // lo is the first count at or past the target; the one before may be nearer.
        int n = lo > 0 && Math.Abs(device.Apply(g, up ? lo - 1 : 1 - lo, spread) - target) <= Math.Abs(device.Apply(g, up ? lo : -lo, spread) - target) ? lo - 1 : lo;
        return up ? n : -n;
    }

    private void ApplyPulses(int c, int pulses)
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

        Disturb(c, pulses);
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

    /// <summary>
    /// Reads one device of the array at the preset's read voltage as a memory does, with the other lines biased by
    /// <paramref name="scheme"/> and ideal wires: the current sensed at the selected column, and the selected device's
    /// own current. In a passive array they differ by the sneak currents (floating lines) or the half-selected devices
    /// of the selected column (V/2: each at V/2; V/3: each at V/3); a 1T1R array senses only its device.
    /// </summary>
    public (double SensedUa, double CellUa) ReadCell(int row, int column, SelectScheme scheme)
    {
        int c = Cell(row, column);
        double v = Config.Preset.ReadVoltageV, cell = v * Config.Circuit.CellConductanceUs(_g[c]);
        Energy.Reads++;
        Energy.BusyS += Config.ReadPulseS;
        if (Config.Circuit.AccessResistanceOhm > 0)
        {
            Energy.ReadJ += v * cell * 1e-6 * Config.ReadPulseS;
            return (cell, cell);
        }

        // Row voltages: the selected one at V, the others at V/2, V/3 or floating (solved for).
        double[] rowV = new double[Rows], columnV = new double[Columns];
        Selector? selector = Config.Selector;
        double Current(int i, int j, double drop) => selector?.CurrentUa(_g[(i * Columns) + j], drop) ?? _g[(i * Columns) + j] * drop;
        if (scheme == SelectScheme.Floating)
        {
            // Linear cells: one solve. With a selector, Picard iteration on each cell's secant conductance I(ΔV)/ΔV.
            double[] secant = (double[])_g.Clone();
            for (int iteration = 0; iteration < 200; iteration++)
            {
                (double[] r, double[] l) = FloatingLines(row, column, v, secant);
                double change = r.Zip(rowV, (p, q) => Math.Abs(p - q)).Concat(l.Zip(columnV, (p, q) => Math.Abs(p - q))).Max();
                (rowV, columnV) = (r, l);
                rowV[row] = v;
                if (selector is null || change < 1e-13 * v)
                {
                    break;
                }

                for (int k = 0; k < secant.Length; k++)
                {
                    double drop = rowV[k / Columns] - columnV[k % Columns];
                    secant[k] = Math.Abs(drop) > 1e-15 ? Current(k / Columns, k % Columns, drop) / drop : _g[k] * selector.ReadVoltageV / (selector.ScaleV * Math.Sinh(selector.ReadVoltageV / selector.ScaleV)); // the limit of I/ΔV at ΔV = 0
                }
            }
        }
        else
        {
            Array.Fill(rowV, scheme == SelectScheme.HalfVoltage ? v / 2 : v / 3);
            Array.Fill(columnV, scheme == SelectScheme.HalfVoltage ? v / 2 : 2 * v / 3);
        }

        rowV[row] = v;
        columnV[column] = 0;
        double sensed = 0, power = 0;
        for (int i = 0; i < Rows; i++)
        {
            sensed += Current(i, column, rowV[i]);
            for (int j = 0; j < Columns; j++)
            {
                double drop = rowV[i] - columnV[j];
                power += drop * Current(i, j, drop);
            }
        }

        Energy.ReadJ += power * 1e-6 * Config.ReadPulseS;
        return (sensed, cell);
    }

    /// <summary>
    /// The voltages floating lines settle to when row <paramref name="row"/> is driven at <paramref name="v"/> and column
    /// <paramref name="column"/> held at 0 and the cells have <paramref name="conductances"/>: Kirchhoff's law at every
    /// other row and column (a dense solve of M + N − 2 unknowns).
    /// </summary>
    private (double[] Rows, double[] Columns) FloatingLines(int row, int column, double v, double[] conductances)
    {
        // Unknowns: rows ≠ row (first), then columns ≠ column.
        int[] rowIndex = [.. Enumerable.Range(0, Rows).Where(i => i != row)], columnIndex = [.. Enumerable.Range(0, Columns).Where(j => j != column)];
        int n = rowIndex.Length + columnIndex.Length;
        var rowV = new double[Rows];
        var columnV = new double[Columns];
        if (n == 0)
        {
            return (rowV, columnV);
        }

        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n);
        var b = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(n);
        for (int p = 0; p < rowIndex.Length; p++)
        {
            int i = rowIndex[p];
            for (int j = 0; j < Columns; j++)
            {
                double g = conductances[(i * Columns) + j];
                a[p, p] += g;
                if (j != column)
                {
                    a[p, rowIndex.Length + Array.IndexOf(columnIndex, j)] -= g; // the selected column is at 0 V
                }
            }
        }

        for (int q = 0; q < columnIndex.Length; q++)
        {
            int j = columnIndex[q], k = rowIndex.Length + q;
            for (int i = 0; i < Rows; i++)
            {
                double g = conductances[(i * Columns) + j];
                a[k, k] += g;
                if (i == row)
                {
                    b[k] += g * v;
                }
                else
                {
                    a[k, Array.IndexOf(rowIndex, i)] -= g;
                }
            }
        }

        // A line touching only zero conductances floats freely; tie it weakly to 0 V so the system stays regular.
        for (int k = 0; k < n; k++)
        {
            a[k, k] += 1e-12;
        }

        var x = a.Solve(b);
        for (int p = 0; p < rowIndex.Length; p++)
        {
            rowV[rowIndex[p]] = x[p];
        }

        for (int q = 0; q < columnIndex.Length; q++)
        {
            columnV[columnIndex[q]] = x[rowIndex.Length + q];
        }

        return (rowV, columnV);
    }

    private void Invalidate()
    {
        _effective = _cells = _rowSums = _columnSums = null;
        _effectiveAtS = double.NaN;
        _forward = _transposed = null;
    }

    /// <summary>The conductances a read at <paramref name="timeS"/> sees: the programmed ones, drifted (PCM) or relaxed (a stated retention).</summary>
    private double[] Effective(double timeS)
    {
        if (_effective is not null && _effectiveAtS == timeS)
        {
            return _effective;
        }

        _forward = _transposed = null;
        _cells = _rowSums = _columnSums = null;
        _effectiveAtS = timeS;
        DevicePreset preset = Config.Preset;
        if (timeS <= 0 || (preset.Drift is null && preset.RetentionS is null))
        {
            return _effective = _g;
        }

        // PCM drifts (a power law per device); other devices with a stated retention relax towards G_min with that
        // retention as the 1/e time (the simplest loss that keeps G_min fixed).
        _effective = new double[_g.Length];
        double gMin = preset.Device.MinConductanceUs, keep = preset.RetentionS is { } retention ? Math.Exp(-timeS / retention) : 1;
        for (int c = 0; c < _g.Length; c++)
        {
            _effective[c] = preset.Drift is { } drift ? _g[c] * drift.DriftFactor(timeS, _nu[c]) : gMin + ((_g[c] - gMin) * keep);
        }

        return _effective;
    }

    private void ReadAny(ReadOnlySpan<double> volts, Span<double> currentsUa, double timeS, bool transposed)
    {
        (int inputs, int outputs) = transposed ? (Columns, Rows) : (Rows, Columns);
        if (volts.Length != inputs || currentsUa.Length != outputs)
        {
            throw new ArgumentException($"{volts.Length} inputs and {currentsUa.Length} outputs for a {(transposed ? "transposed " : "")}read of a {Rows} x {Columns} array");
        }

        if (!(timeS >= 0) || double.IsInfinity(timeS))
        {
            throw new ArgumentOutOfRangeException(nameof(timeS), timeS, "the read time must be a finite number >= 0 s");
        }

        double[] g = Effective(timeS);
        CircuitParameters circuit = Config.Circuit;
        IrDropModel model = circuit.LineResistanceOhm > 0 ? Config.IrDrop : IrDropModel.None;
        double cellJ = 0;
        if (model == IrDropModel.Exact)
        {
            NodalSolver solver = transposed ? (_transposed ??= new NodalSolver(Transposed(g), Columns, Rows, circuit)) : (_forward ??= new NodalSolver(g, Rows, Columns, circuit));
            double[] input = transposed ? Reversed(volts) : volts.ToArray();
            double[] result = new double[outputs];
            double powerUw = solver.Solve(input, result);
            if (transposed)
            {
                result.AsSpan().Reverse();
            }

            result.CopyTo(currentsUa);
            double cellUw = CellPower(solver);
            Energy.ReadJ += cellUw * 1e-6 * Config.ReadPulseS;
            Energy.LineLossJ += (powerUw - cellUw) * 1e-6 * Config.ReadPulseS;
        }
        else
        {
            if (model == IrDropModel.Series)
            {
                if (transposed)
                {
                    var result = new double[outputs];
                    IdealProduct.SeriesPath(Transposed(g), Columns, circuit, Reversed(volts), result);
                    result.AsSpan().Reverse();
                    result.CopyTo(currentsUa);
                }
                else
                {
                    IdealProduct.SeriesPath(g, Rows, circuit, volts, currentsUa);
                }
            }
            else if (model == IrDropModel.Analytic)
            {
                double[] t = transposed ? Transposed(Cells(g)) : Cells(g);
                double[] input = transposed ? Reversed(volts) : volts.ToArray();
                var result = new double[outputs];
                IdealProduct.AnalyticIrDrop(t, inputs, circuit, Config.Preset.Device.MaxConductanceUs, input, result);
                if (transposed)
                {
                    result.AsSpan().Reverse();
                }

                result.CopyTo(currentsUa);
            }
            else if (Config.Selector is { } selector)
            {
                // Each cell passes its selector's current at its line's voltage (the other line at virtual ground).
                currentsUa.Clear();
                for (int i = 0; i < Rows; i++)
                {
                    for (int j = 0; j < Columns; j++)
                    {
                        double v = transposed ? volts[j] : volts[i], current = selector.CurrentUa(g[(i * Columns) + j], v);
                        currentsUa[transposed ? i : j] += current;
                        cellJ += v * current;
                    }
                }

                Energy.ReadJ += cellJ * 1e-6 * Config.ReadPulseS;
                AddReadNoise(volts, currentsUa, g, timeS, transposed);
                Energy.Reads++;
                Energy.BusyS += Config.ReadPulseS;
                _reads++;
                return;
            }
            else if (transposed)
            {
                IdealProduct.MultiplyTransposed(Cells(g), Columns, volts, currentsUa);
            }
            else
            {
                IdealProduct.Multiply(Cells(g), Rows, volts, currentsUa);
            }

            // Each cell dissipates V² g' for the read (the series path's own drop neglected): Σ_k V_k² (Σ of line k's cells).
            _ = Cells(g);
            double[] sums = transposed ? _columnSums! : _rowSums!;
            for (int k = 0; k < volts.Length; k++)
            {
                cellJ += volts[k] * volts[k] * sums[k];
            }

            Energy.ReadJ += cellJ * 1e-6 * Config.ReadPulseS;
        }

        AddReadNoise(volts, currentsUa, g, timeS, transposed);
        Energy.Reads++;
        Energy.BusyS += Config.ReadPulseS;
        _reads++;
    }

    /// <summary>The cells' conductances for conductances <paramref name="g"/> (access transistors in series), and their row and column sums, kept until the next write.</summary>
    private double[] Cells(double[] g)
    {
        if (_cells is not null)
        {
            return _cells;
        }

        CircuitParameters circuit = Config.Circuit;
        _cells = circuit.AccessResistanceOhm > 0 ? [.. g.Select(circuit.CellConductanceUs)] : g;
        _rowSums = new double[Rows];
        _columnSums = new double[Columns];
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                _rowSums[i] += _cells[(i * Columns) + j];
                _columnSums[j] += _cells[(i * Columns) + j];
            }
        }

        return _cells;
    }

    /// <summary>The read noise of every output, as the exact sum of independent per-device noises: device read noise and PCM 1/f noise.</summary>
    private void AddReadNoise(ReadOnlySpan<double> volts, Span<double> currentsUa, double[] g, double timeS, bool transposed)
    {
        PcmStatisticalModel? pcm = Config.Preset.Drift;
        double device = Config.ReadNoise * Config.Preset.Device.MaxConductanceUs;
        if (device == 0 && pcm is null)
        {
            return;
        }

        var rng = KeyedRandom.Create(Seed, StreamPurpose.Crossbar(CrossbarKind.ReadNoise), _key + (ulong)_reads);
        for (int o = 0; o < currentsUa.Length; o++)
        {
            double variance = 0;
            for (int k = 0; k < volts.Length; k++)
            {
                int c = transposed ? (o * Columns) + k : (k * Columns) + o;
                double sigma = device + (pcm is null ? 0 : g[c] * pcm.ReadNoiseRelativeSigma(_g[c], timeS));
                variance += volts[k] * volts[k] * sigma * sigma;
            }

            currentsUa[o] += Math.Sqrt(variance) * rng.NextNormal();
        }
    }

    /// <summary>Power in the cells at the solver's last operating point (µW).</summary>
    private static double CellPower(NodalSolver solver)
    {
        ReadOnlySpan<double> x = solver.NodeVoltages;
        double power = 0;
        for (int i = 0; i < solver.Rows; i++)
        {
            for (int j = 0; j < solver.Columns; j++)
            {
                double drop = x[solver.RowNode(i, j)] - x[solver.ColumnNode(i, j)];
                power += drop * drop * solver.CellConductance(i, j);
            }
        }

        return power;
    }

    /// <summary>
    /// The array as a transposed read sees it: its rows are the columns, driven from their output end (row M − 1), and
    /// its columns are the rows, sensed at their input end (column 0): T[r, c] = G[M − 1 − c, N − 1 − r].
    /// </summary>
    private double[] Transposed(double[] g)
    {
        var t = new double[g.Length];
        for (int r = 0; r < Columns; r++)
        {
            for (int c = 0; c < Rows; c++)
            {
                t[(r * Rows) + c] = g[((Rows - 1 - c) * Columns) + (Columns - 1 - r)];
            }
        }

        return t;
    }

    private static double[] Reversed(ReadOnlySpan<double> v)
    {
        double[] r = v.ToArray();
        Array.Reverse(r);
        return r;
    }
}
