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
public sealed partial class CrossbarArray
{
    private readonly double[] _g;        // programmed device conductances, µS
    private readonly double[] _lineSums; // Σ_j G_ij of each row, then Σ_i G_ij of each column (half-selection energy)
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
    private double[]? _noiseVariance;    // each device's read-noise variance at _noiseAtS (µS²)
    private double _noiseAtS = double.NaN;
    private readonly List<int> _noiseDirty = []; // devices written since _noiseVariance was computed
    private NodalSolver? _forward, _transposed;
    private long _reads, _updates;
    private ulong[]? _rowTrains, _columnTrains; // an outer-product update's pulse trains
    private int[]? _activeColumns;             // the columns whose trains fire

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

        _lineSums = new double[rows + columns];
        SumLines();
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

    private int Cell(int row, int column) =>
        (uint)row < (uint)Rows && (uint)column < (uint)Columns ? (row * Columns) + column : throw new ArgumentOutOfRangeException(nameof(row), $"cell ({row}, {column}) of a {Rows} x {Columns} array");

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
        double cellUw = 0;
        if (model == IrDropModel.Exact)
        {
            NodalSolver solver = transposed ? (_transposed ??= new NodalSolver(Transposed(g), Columns, Rows, circuit)) : (_forward ??= new NodalSolver(g, Rows, Columns, circuit));
            double powerUw = 0;
            Oriented(volts, currentsUa, transposed, (input, output) => powerUw = solver.Solve(input, output));
            cellUw = CellPower(solver);
            Energy.LineLossJ += (powerUw - cellUw) * 1e-6 * Config.ReadPulseS;
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
                    cellUw += v * current;
                }
            }
        }
        else
        {
            double[] cells = Cells(g);
            if (model == IrDropModel.Series)
            {
                double[] devices = transposed ? Transposed(g) : g;
                Oriented(volts, currentsUa, transposed, (input, output) => IdealProduct.SeriesPath(devices, input.Length, circuit, input, output));
            }
            else if (model == IrDropModel.Analytic)
            {
                double[] oriented = transposed ? Transposed(cells) : cells;
                Oriented(volts, currentsUa, transposed, (input, output) => IdealProduct.AnalyticIrDrop(oriented, input.Length, circuit, Config.Preset.Device.MaxConductanceUs, input, output));
            }
            else if (transposed)
            {
                IdealProduct.MultiplyTransposed(cells, Columns, volts, currentsUa);
            }
            else
            {
                IdealProduct.Multiply(cells, Rows, volts, currentsUa);
            }

            // Each cell dissipates V² g' (the series path's own drop neglected): Σ_k V_k² (Σ of line k's cells).
            double[] sums = transposed ? _columnSums! : _rowSums!;
            for (int k = 0; k < volts.Length; k++)
            {
                cellUw += volts[k] * volts[k] * sums[k];
            }
        }

        Energy.ReadJ += cellUw * 1e-6 * Config.ReadPulseS;
        AddReadNoise(volts, currentsUa, g, timeS, transposed);
        Energy.Reads++;
        Energy.BusyS += Config.ReadPulseS;
        _reads++;
    }

    /// <summary>
    /// Runs a forward-read kernel (inputs on the rows of the matrix it was given, outputs on its columns) for this read:
    /// as is, or, for a transposed read, on the array as <see cref="Transposed"/> orients it, inputs and outputs reversed.
    /// </summary>
    private static void Oriented(ReadOnlySpan<double> volts, Span<double> currentsUa, bool transposed, Action<double[], double[]> kernel)
    {
        double[] input = transposed ? Reversed(volts) : volts.ToArray();
        var output = new double[currentsUa.Length];
        kernel(input, output);
        if (transposed)
        {
            output.AsSpan().Reverse();
        }

        output.CopyTo(currentsUa);
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

    /// <summary>
    /// The read noise of every output, as the exact sum of independent per-device noises (device read noise and PCM 1/f
    /// noise): N(0, √(Σ_k V_k² σ_k²)) with σ_k = σ_read G_max + G_k σ_1/f(G_k, t), the σ_k² kept per read time until a write.
    /// </summary>
    private void AddReadNoise(ReadOnlySpan<double> volts, Span<double> currentsUa, double[] g, double timeS, bool transposed)
    {
        PcmStatisticalModel? pcm = Config.Preset.Drift;
        double device = Config.ReadNoise * Config.Preset.Device.MaxConductanceUs;
        if (device == 0 && pcm is null)
        {
            return;
        }

        // Kept per read time; after writes only the devices written are recomputed (training writes few per step).
        if (_noiseVariance is null || _noiseAtS != timeS || _noiseDirty.Count > g.Length / 8)
        {
            _noiseVariance ??= new double[g.Length];
            _noiseAtS = timeS;
            for (int c = 0; c < g.Length; c++)
            {
                _noiseVariance[c] = NoiseVariance(c);
            }
        }
        else
        {
            foreach (int c in _noiseDirty)
            {
                _noiseVariance[c] = NoiseVariance(c);
            }
        }

        _noiseDirty.Clear();
        var rng = KeyedRandom.Create(Seed, StreamPurpose.Crossbar(CrossbarKind.ReadNoise), _key + (ulong)_reads);
        Span<double> squares = volts.Length <= 1024 ? stackalloc double[volts.Length] : new double[volts.Length];
        Span<double> variance = currentsUa.Length <= 1024 ? stackalloc double[currentsUa.Length] : new double[currentsUa.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(volts, volts, squares);
        if (transposed)
        {
            IdealProduct.MultiplyTransposed(_noiseVariance, Columns, squares, variance);
        }
        else
        {
            IdealProduct.Multiply(_noiseVariance, Rows, squares, variance);
        }

        for (int o = 0; o < currentsUa.Length; o++)
        {
            currentsUa[o] += Math.Sqrt(variance[o]) * rng.NextNormal();
        }

        double NoiseVariance(int c)
        {
            double sigma = device + (pcm is null ? 0 : g[c] * pcm.ReadNoiseRelativeSigma(_g[c], timeS));
            return sigma * sigma;
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
