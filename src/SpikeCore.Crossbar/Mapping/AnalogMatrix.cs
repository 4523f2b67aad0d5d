using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Converters;
using SpikeCore.Models.Devices;

namespace SpikeCore.Crossbar.Mapping;

/// <summary>
/// A weight matrix W (inputs × outputs) held in memristive arrays: mapped to conductances, spread over tiles, read
/// forward (y = Wᵀ x) and transposed (z = W d) through DACs, the arrays' circuits and ADCs, with energy counted.
/// </summary>
/// <remarks>
/// Input x_i ∈ [−1, 1] drives row i at DAC(x_i) V_read; a tile's weight column k gives the current difference
/// ΔI_k (I⁺ − I⁻, or I − I_ref), decoded as ΔI_k / (V_read u) with u the mapping's µS per unit weight, converted by the
/// ADC, and added over the tiles of that output. Programming goes device by device through
/// <see cref="CrossbarArray.Program(ReadOnlySpan{double}, ProgrammingScheme, double, int)"/>. Tiles are arrays of their own keys, so faults and noise differ between them.
/// </remarks>
public sealed class AnalogMatrix
{
    private readonly Tile[] _tiles;
    private readonly double _readV;
    private double[]? _scaled;

    /// <summary>Lays out an <paramref name="inputs"/> × <paramref name="outputs"/> matrix; every device starts at G_min until <see cref="Program"/>.</summary>
    /// <param name="inputs">Rows of W.</param>
    /// <param name="outputs">Columns of W.</param>
    /// <param name="config">Layout, converters and arrays.</param>
    /// <param name="seed">Seed of every draw.</param>
    /// <param name="firstKey">Key of the first tile's array (the rest follow), so that matrices sharing a seed differ.</param>
    public AnalogMatrix(int inputs, int outputs, AnalogMatrixConfig config, ulong seed, uint firstKey = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(config));
        }

        if (inputs < 1 || outputs < 1 || (long)inputs * outputs > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), $"a matrix needs 1 to {Array.MaxLength} weights, at least one input and one output (got {inputs} x {outputs})");
        }

        (Inputs, Outputs, Config) = (inputs, outputs, config);
        _readV = config.Array.Preset.ReadVoltageV;
        int perTile = config.Mapping == WeightMapping.Differential ? config.TileColumns / 2 : config.TileColumns - 1;
        var tiles = new List<Tile>();
        uint key = firstKey;
        for (int r = 0; r < inputs; r += config.TileRows)
        {
            for (int o = 0; o < outputs; o += perTile)
            {
                int rows = Math.Min(config.TileRows, inputs - r), weights = Math.Min(perTile, outputs - o);
                int columns = config.Mapping == WeightMapping.Differential ? 2 * weights : weights + 1;
                Converter adc = config.Adc with { FullScale = config.AdcFullScale > 0 ? config.AdcFullScale : Math.Sqrt(rows) * config.MaxWeight };
                Converter back = config.Adc with { FullScale = config.AdcFullScale > 0 ? config.AdcFullScale : Math.Sqrt(weights) * config.MaxWeight };
                tiles.Add(new Tile(new CrossbarArray(rows, columns, config.Array, seed, key++), r, o, weights, adc, back));
            }
        }

        _tiles = [.. tiles];
    }

    /// <summary>Rows of W.</summary>
    public int Inputs { get; }

    /// <summary>Columns of W.</summary>
    public int Outputs { get; }

    /// <summary>The layout and converters.</summary>
    public AnalogMatrixConfig Config { get; }

    /// <summary>The arrays, tile by tile (row block, then output block).</summary>
    public IReadOnlyList<CrossbarArray> Arrays => [.. _tiles.Select(t => t.Array)];

    /// <summary>Each tile's energy, pulses, reads and conversions: its array's and its converters', in <see cref="Arrays"/> order.</summary>
    public IReadOnlyList<EnergyLedger> TileEnergies => [.. _tiles.Select(t =>
    {
        var sum = new EnergyLedger();
        sum.Add(t.Array.Energy);
        sum.Add(t.Converters);
        return sum;
    })];

    /// <summary>Energy, pulses, reads and conversions of every tile and converter.</summary>
    public EnergyLedger Energy
    {
        get
        {
            var sum = new EnergyLedger();
            foreach (EnergyLedger tile in TileEnergies)
            {
                sum.Add(tile);
            }

            return sum;
        }
    }

    /// <summary>
    /// The weight change of one potentiating pulse on the linear device of the same range and pulse count, Δw_min = (G_max
    /// − G_min) / P_max / (µS per unit weight): the step an update rule's pulses are counted in.
    /// </summary>
    public double WeightStep => Config.Array.Preset.Device.RangeUs / Config.Array.Preset.Device.MaxPulses / UnitUs;

    /// <summary>The conductance standing for w = 0 in the reference-column mapping (and held by the reference column).</summary>
    private double ZeroUs => double.IsNaN(Config.ZeroWeightConductanceUs)
        ? 0.5 * (Config.Array.Preset.Device.MinConductanceUs + Config.Array.Preset.Device.MaxConductanceUs)
        : Config.ZeroWeightConductanceUs;

    /// <summary>µS per unit weight of the mapping.</summary>
    private double UnitUs => Config.Array.Preset.Device.RangeUs / Config.MaxWeight / (Config.Mapping == WeightMapping.Differential ? 1 : 2);

    /// <summary>Programs <paramref name="weights"/> (row-major, inputs × outputs) into the tiles; returns the summed report.</summary>
    public ProgrammingReport Program(ReadOnlySpan<double> weights, ProgrammingScheme scheme = ProgrammingScheme.WriteVerify, double toleranceUs = double.NaN, int maxPulses = 1000)
    {
        if (weights.Length != (long)Inputs * Outputs)
        {
            throw new ArgumentException($"{weights.Length} weights for a {Inputs} x {Outputs} matrix", nameof(weights));
        }

        if (Checks.FirstNonFinite(weights) is int bad and >= 0)
        {
            throw new ArgumentException($"weight {bad} is {weights[bad]}: weights must be finite", nameof(weights));
        }

        ConductanceDevice d = Config.Array.Preset.Device;
        double unit = UnitUs, zero = ZeroUs;
        var parts = new List<(ProgrammingReport, long)>();
        foreach (Tile t in _tiles)
        {
            CrossbarArray a = t.Array;
            var targets = new double[a.Rows * a.Columns];
            for (int i = 0; i < a.Rows; i++)
            {
                for (int k = 0; k < t.Weights; k++)
                {
                    double w = Math.Clamp(weights[((t.FirstInput + i) * Outputs) + t.FirstOutput + k], -Config.MaxWeight, Config.MaxWeight);
                    if (Config.Mapping == WeightMapping.Differential)
                    {
                        targets[(i * a.Columns) + (2 * k)] = d.MinConductanceUs + (Math.Max(w, 0) * unit);
                        targets[(i * a.Columns) + (2 * k) + 1] = d.MinConductanceUs + (Math.Max(-w, 0) * unit);
                    }
                    else
                    {
                        targets[(i * a.Columns) + k] = zero + (w * unit);
                    }
                }

                if (Config.Mapping == WeightMapping.ReferenceColumn)
                {
                    targets[(i * a.Columns) + t.Weights] = zero;
                }
            }

            parts.Add((a.Program(targets, scheme, toleranceUs, maxPulses), targets.Length));
            t.Calibration = Config.GlobalDriftCompensation ? TotalCurrent(t, 0) : double.NaN;
        }

        return ProgrammingReport.Combine(parts);
    }

    /// <summary>The weights the conductances stand for now (before drift), row-major.</summary>
    public double[] Weights()
    {
        var w = new double[Inputs * Outputs];
        double unit = UnitUs;
        foreach (Tile t in _tiles)
        {
            ReadOnlySpan<double> g = t.Array.ConductancesUs;
            int columns = t.Array.Columns;
            for (int i = 0; i < t.Array.Rows; i++)
            {
                for (int k = 0; k < t.Weights; k++)
                {
                    double delta = Config.Mapping == WeightMapping.Differential
                        ? g[(i * columns) + (2 * k)] - g[(i * columns) + (2 * k) + 1]
                        : g[(i * columns) + k] - g[(i * columns) + t.Weights];
                    w[((t.FirstInput + i) * Outputs) + t.FirstOutput + k] = delta / unit;
                }
            }
        }

        return w;
    }

    /// <summary>
    /// The stochastic pulsed update W += η x dᵀ in expectation (<see cref="CrossbarArray.UpdateOuterProduct"/> on every
    /// tile at once): the reference-column mapping pulses each weight's device both ways; differential pairs are updated
    /// one-sided (aihwkit's OneSidedUnitCell): a positive change potentiates G⁺, a negative one G⁻, so a device only ever
    /// climbs until <see cref="Refresh"/>.
    /// </summary>
    /// <param name="x">The inputs (<see cref="Inputs"/> values).</param>
    /// <param name="d">The output-side values (<see cref="Outputs"/>).</param>
    /// <param name="learningRate">η in weight units.</param>
    /// <param name="bitLength">The most slots of a pulse train.</param>
    /// <returns>The pulses applied.</returns>
    public long UpdateOuterProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> d, double learningRate, int bitLength = 31)
    {
        if (x.Length != Inputs || d.Length != Outputs)
        {
            throw new ArgumentException($"{x.Length} input and {d.Length} output values for a {Inputs} x {Outputs} matrix");
        }

        double fraction = learningRate * UnitUs / Config.Array.Preset.Device.RangeUs;
        long pulses = 0;
        foreach (Tile t in _tiles)
        {
            CrossbarArray a = t.Array;
            Span<double> columns = t.Currents.AsSpan(0, a.Columns);
            columns.Clear();
            for (int k = 0; k < t.Weights; k++)
            {
                if (Config.Mapping == WeightMapping.Differential)
                {
                    (columns[2 * k], columns[(2 * k) + 1]) = (d[t.FirstOutput + k], -d[t.FirstOutput + k]);
                }
                else
                {
                    columns[k] = d[t.FirstOutput + k];
                }
            }

            pulses += a.UpdateOuterProduct(x.Slice(t.FirstInput, a.Rows), columns, fraction, bitLength, potentiateOnly: Config.Mapping == WeightMapping.Differential);
        }

        return pulses;
    }

    /// <summary>
    /// Applies signed pulse counts per weight (row-major, <see cref="Inputs"/> × <see cref="Outputs"/>; positive raises the
    /// weight): on the weight's device (reference column), or one-sided on G⁺ (raise) or G⁻ (lower) of its pair.
    /// Returns the pulses applied.
    /// </summary>
    public long Pulse(ReadOnlySpan<int> weightPulses)
    {
        if (weightPulses.Length != (long)Inputs * Outputs)
        {
            throw new ArgumentException($"{weightPulses.Length} pulse counts for a {Inputs} x {Outputs} matrix", nameof(weightPulses));
        }

        long pulses = 0;
        foreach (Tile t in _tiles)
        {
            CrossbarArray a = t.Array;
            int[] devices = t.PulseScratch ??= new int[a.Rows * a.Columns];
            Array.Clear(devices);
            bool any = false;
            for (int i = 0; i < a.Rows; i++)
            {
                ReadOnlySpan<int> row = weightPulses.Slice(((t.FirstInput + i) * Outputs) + t.FirstOutput, t.Weights);
                for (int k = 0; k < row.Length; k++)
                {
                    int n = row[k];
                    if (n != 0)
                    {
                        any = true;
                        devices[(i * a.Columns) + DeviceColumn(k, n)] = Config.Mapping == WeightMapping.Differential ? Math.Abs(n) : n;
                    }
                }
            }

            pulses += any ? a.Pulse(devices) : 0;
        }

        return pulses;
    }

    /// <summary>
    /// Changes weights by <paramref name="deltas"/> (row-major; zeros are left alone) by write-verify: each changed
    /// weight's device (or, one-sided, the pair's G⁺ for a rise and G⁻ for a fall) is read, pulsed and read again until it is
    /// within the tolerance of its conductance plus the change. <paramref name="achieved"/> receives the change each
    /// weight really took, as the verify reads saw it (0 where none was asked). Returns the summed report.
    /// </summary>
    public ProgrammingReport Adjust(ReadOnlySpan<double> deltas, Span<double> achieved, double toleranceUs = double.NaN)
    {
        if (deltas.Length != (long)Inputs * Outputs || achieved.Length != deltas.Length)
        {
            throw new ArgumentException($"{deltas.Length} changes and {achieved.Length} results for a {Inputs} x {Outputs} matrix", nameof(deltas));
        }

        if (Checks.FirstNonFinite(deltas) is int bad and >= 0)
        {
            throw new ArgumentException($"change {bad} is {deltas[bad]}: changes must be finite", nameof(deltas));
        }

        achieved.Clear();
        var parts = new List<(ProgrammingReport, long)>();
        double unit = UnitUs;
        foreach (Tile t in _tiles)
        {
            CrossbarArray a = t.Array;
            var cells = new List<int>();
            var weights = new List<int>();
            var before = new List<double>();
            for (int i = 0; i < a.Rows; i++)
            {
                for (int k = 0; k < t.Weights; k++)
                {
                    int weight = ((t.FirstInput + i) * Outputs) + t.FirstOutput + k;
                    if (deltas[weight] != 0)
                    {
                        int cell = (i * a.Columns) + DeviceColumn(k, deltas[weight] > 0 ? 1 : -1);
                        cells.Add(cell);
                        weights.Add(weight);
                        before.Add(a.ConductancesUs[cell]);
                    }
                }
            }

            if (cells.Count == 0)
            {
                continue;
            }

            // G⁻ of a one-sided pair rises for a falling weight: its targets and results carry the weight's sign.
            var targets = new double[cells.Count];
            for (int n = 0; n < cells.Count; n++)
            {
                double delta = deltas[weights[n]];
                targets[n] = before[n] + ((Config.Mapping == WeightMapping.Differential ? Math.Abs(delta) : delta) * unit);
            }

            parts.Add((a.Program(cells.ToArray(), targets, ProgrammingScheme.WriteVerify, toleranceUs), cells.Count));
            for (int n = 0; n < cells.Count; n++)
            {
                double moved = (a.ConductancesUs[cells[n]] - before[n]) / unit;
                achieved[weights[n]] = Config.Mapping == WeightMapping.Differential && deltas[weights[n]] < 0 ? -moved : moved;
            }
        }

        return ProgrammingReport.Combine(parts);
    }

    /// <summary>
    /// Refreshes one-sided differential pairs (aihwkit's OneSidedUnitCell refresh): every pair one of whose devices has
    /// climbed past <paramref name="upperFraction"/> of the range is read and reprogrammed by write-verify to the same
    /// weight with the other device at G_min. Returns the pairs refreshed (none for the reference-column mapping).
    /// </summary>
    public int Refresh(double upperFraction = 0.75)
    {
        if (Config.Mapping != WeightMapping.Differential)
        {
            return 0;
        }

        ConductanceDevice device = Config.Array.Preset.Device;
        double limit = device.MinConductanceUs + (upperFraction * device.RangeUs), unit = UnitUs;
        int refreshed = 0;
        foreach (Tile t in _tiles)
        {
            CrossbarArray a = t.Array;
            ReadOnlySpan<double> g = a.ConductancesUs;
            var cells = new List<int>();
            var targets = new List<double>();
            for (int i = 0; i < a.Rows; i++)
            {
                for (int k = 0; k < t.Weights; k++)
                {
                    int plus = (i * a.Columns) + (2 * k);
                    if (g[plus] > limit || g[plus + 1] > limit)
                    {
                        double w = (g[plus] - g[plus + 1]) / unit;
                        cells.AddRange([plus, plus + 1]);
                        targets.AddRange([device.MinConductanceUs + (Math.Max(w, 0) * unit), device.MinConductanceUs + (Math.Max(-w, 0) * unit)]);
                        refreshed++;
                    }
                }
            }

            if (cells.Count > 0)
            {
                a.Program(cells.ToArray(), targets.ToArray());
            }
        }

        return refreshed;
    }

    /// <summary>The device column of weight <paramref name="k"/> of a tile that a change of sign <paramref name="sign"/> moves.</summary>
    private int DeviceColumn(int k, int sign) => Config.Mapping == WeightMapping.Differential ? (2 * k) + (sign > 0 ? 0 : 1) : k;

    /// <summary>y = Wᵀ x through the arrays (x: <see cref="Inputs"/> values in [−1, 1]; y: <see cref="Outputs"/>), <paramref name="timeS"/> after programming.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y, double timeS = 0) => MultiplyAny(x, y, timeS, transposed: false);

    /// <summary>
    /// z = W d through transposed reads (d: <see cref="Outputs"/> values in [−1, 1] on the columns, a pair driven ±;
    /// z: <see cref="Inputs"/>), as backpropagation and LCA need.
    /// </summary>
    public void MultiplyTransposed(ReadOnlySpan<double> d, Span<double> z, double timeS = 0) => MultiplyAny(d, z, timeS, transposed: true);

    /// <summary>
    /// A read with AbsMax noise management (aihwkit's): the input scaled to a largest magnitude of 1, read forward
    /// (<see cref="Multiply"/>) or <paramref name="transposed"/> (<see cref="MultiplyTransposed"/>), the output scaled back; a
    /// zero input is not read and gives zeros. For inputs of any range.
    /// </summary>
    public void MultiplyScaled(ReadOnlySpan<double> input, Span<double> output, bool transposed, double timeS = 0)
    {
        double scale = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(input));
        if (scale == 0)
        {
            output.Clear();
            return;
        }

        Span<double> scaled = (_scaled ??= new double[Math.Max(Inputs, Outputs)]).AsSpan(0, input.Length);
        System.Numerics.Tensors.TensorPrimitives.Divide(input, scale, scaled);
        MultiplyAny(scaled, output, timeS, transposed);
        System.Numerics.Tensors.TensorPrimitives.Multiply(output, scale, output);
    }

    private void MultiplyAny(ReadOnlySpan<double> input, Span<double> output, double timeS, bool transposed)
    {
        (int n, int m) = transposed ? (Outputs, Inputs) : (Inputs, Outputs);
        if (input.Length != n || output.Length != m)
        {
            throw new ArgumentException($"{input.Length} inputs and {output.Length} outputs for a {(transposed ? "transposed " : "")}product with a {Inputs} x {Outputs} matrix");
        }

        output.Clear();
        foreach (Tile t in _tiles)
        {
            CrossbarArray a = t.Array;
            (int first, int count, int firstOut, int outs) = transposed ? (t.FirstOutput, t.Weights, t.FirstInput, a.Rows) : (t.FirstInput, a.Rows, t.FirstOutput, t.Weights);
            Converter adc = transposed ? t.TransposedAdc : t.Adc;
            // The tile's own scratch lines, sized once for either direction: nothing is allocated per product.
            Span<double> volts = t.Volts.AsSpan(0, transposed ? a.Columns : a.Rows);
            Span<double> currents = t.Currents.AsSpan(0, transposed ? a.Rows : a.Columns);
            Span<double> partial = t.Partial.AsSpan(0, outs);
            Span<double> codes = t.Codes.AsSpan(0, count);
            Span<double> drive = t.Drive.AsSpan(0, count);
            bool bitSerial = Config.Inputs == InputEncoding.BitSerial;
            int planes = bitSerial ? Config.Dac.Bits - 1 : 1;
            long levels = Config.Dac.Levels;
            double scale = 1, alpha = DriftCorrection(t, timeS), unit = _readV * UnitUs;
            for (int attempt = 0; ; attempt++)
            {
                for (int k = 0; k < count; k++)
                {
                    codes[k] = Config.Dac.Convert(input[first + k] * scale, out bool c);
                    t.Converters.Clipped += c ? 1 : 0;
                }

                t.Converters.DacJ += count * Config.Dac.EnergyPerConversionJ;
                partial.Clear();
                bool clipped = false;
                for (int plane = 0; plane < planes; plane++)
                {
                    for (int k = 0; k < count; k++)
                    {
                        drive[k] = !bitSerial ? codes[k] : Math.Sign(codes[k]) * (((long)Math.Round(Math.Abs(codes[k]) * levels) >> plane) & 1);
                    }

                    Lines(t, drive, volts, transposed);
                    a.Read(volts, currents, timeS, transposed);
                    double weight = bitSerial ? Math.ScaleB(1.0, plane) / levels : 1;
                    for (int k = 0; k < outs; k++)
                    {
                        double delta = transposed ? currents[k]
                            : Config.Mapping == WeightMapping.Differential ? currents[2 * k] - currents[(2 * k) + 1] : currents[k] - currents[t.Weights];
                        partial[k] += weight * adc.Convert(alpha * delta / unit, out bool c) / scale;
                        clipped |= c;
                    }

                    t.Converters.AdcJ += outs * adc.EnergyPerConversionJ;
                    t.Converters.Conversions += outs;
                }

                if (!clipped || attempt >= Config.BoundManagementSteps)
                {
                    t.Converters.Clipped += clipped ? 1 : 0;
                    break;
                }

                scale *= 0.5;
            }

            for (int k = 0; k < outs; k++)
            {
                output[firstOut + k] += partial[k];
            }
        }
    }

    /// <summary>
    /// The line voltages of one read from <paramref name="drive"/> (fractions of V_read): on each row (forward), or on each
    /// weight's column(s) (transposed: +V on G⁺ and −V on G⁻; or V on each column and −Σ V on the reference column).
    /// </summary>
    private void Lines(Tile t, ReadOnlySpan<double> drive, Span<double> volts, bool transposed)
    {
        for (int k = 0; k < drive.Length; k++)
        {
            double v = drive[k] * _readV;
            if (transposed && Config.Mapping == WeightMapping.Differential)
            {
                (volts[2 * k], volts[(2 * k) + 1]) = (v, -v);
            }
            else
            {
                volts[k] = v;
            }
        }

        if (transposed && Config.Mapping == WeightMapping.ReferenceColumn)
        {
            volts[t.Weights] = -System.Numerics.Tensors.TensorPrimitives.Sum<double>(volts[..t.Weights]);
        }
    }

    /// <summary>The tile's total current for all-ones inputs at <paramref name="timeS"/> (a calibration read, counted).</summary>
    private double TotalCurrent(Tile t, double timeS)
    {
        var ones = Enumerable.Repeat(_readV, t.Array.Rows).ToArray();
        var currents = new double[t.Array.Columns];
        t.Array.Read(ones, currents, timeS);
        return currents.Sum();
    }

    /// <summary>Global drift compensation's factor for a read at <paramref name="timeS"/> (1 when off or at programming time).</summary>
    private double DriftCorrection(Tile t, double timeS)
    {
        if (!Config.GlobalDriftCompensation || timeS == 0 || double.IsNaN(t.Calibration))
        {
            return 1;
        }

        if (t.CorrectionAtS != timeS)
        {
            t.Correction = t.Calibration / TotalCurrent(t, timeS);
            t.CorrectionAtS = timeS;
        }

        return t.Correction;
    }

    /// <summary>One array and the block of W it holds.</summary>
    private sealed class Tile(CrossbarArray array, int firstInput, int firstOutput, int weights, Converter adc, Converter transposedAdc)
    {
        public Converter Adc { get; } = adc;

        public Converter TransposedAdc { get; } = transposedAdc;

        // Scratch of the products, sized for both directions: line voltages and currents, and per-input and per-output values.
        public double[] Volts { get; } = new double[Math.Max(array.Rows, array.Columns)];

        public double[] Currents { get; } = new double[Math.Max(array.Rows, array.Columns)];

        public double[] Partial { get; } = new double[Math.Max(array.Rows, weights)];

        public double[] Codes { get; } = new double[Math.Max(array.Rows, weights)];

        public double[] Drive { get; } = new double[Math.Max(array.Rows, weights)];

        public CrossbarArray Array { get; } = array;

        public int FirstInput { get; } = firstInput;

        public int FirstOutput { get; } = firstOutput;

        public int Weights { get; } = weights;

        public EnergyLedger Converters { get; } = new();

        public double Calibration { get; set; } = double.NaN;

        public double Correction { get; set; } = 1;

        public double CorrectionAtS { get; set; } = double.NaN;

        public int[]? PulseScratch { get; set; }
    }
}
