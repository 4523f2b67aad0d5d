using SpikeCore.Building;
using SpikeCore.Checkpoints;
using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Circuit;
using SpikeCore.Random;
using SpikeCore.Runtimes;

namespace SpikeCore.Crossbar.Engine;

/// <summary>
/// State of an <see cref="ArraySynapse"/> projection: the array (the whole source × target array, so that every device
/// keeps its own key on any partition; a partition reads and programs only its own columns), the traces, and each
/// column's incoming synapses for the programming a postsynaptic spike drives.
/// </summary>
internal sealed class ArraySynapseRuntime : SynapseRuntime
{
    private readonly ArraySynapse _model;
    private readonly CrossbarArray _array;
    private readonly double _gMax, _gRef, _readVolts, _weightPerUs, _deliveryPerUs, _noiseUs;
    private readonly Int128 _pulseYj;

    /// <summary>Per local synapse: its table index, local block, row and column (of the whole array).</summary>
    private readonly int[] _table, _block, _row, _column;

    /// <summary>Local synapse of each table index (built at the first weight write).</summary>
    private Dictionary<int, int>? _synapseOf;

    /// <summary>Per local target: its incoming local synapses [_inStart[j], _inStart[j + 1]) in <see cref="_in"/>.</summary>
    private readonly int[] _inStart, _in;

    /// <summary>Per local block: last presynaptic arrival. Per local target: its last spike (nearest traces are 1 there).</summary>
    private readonly double[] _preMs, _postMs;

    private readonly float[] _delivered;

    /// <summary>The preset's drift model when devices drift during the run; per local synapse, the time of its device's last programming; the reference devices' ν.</summary>
    private readonly Devices.PcmStatisticalModel? _drift;
    private readonly double[]? _programmedMs;
    private readonly double[]? _residue; // each synapse's change not yet a whole pulse (mixed-precision learning)
    private readonly double _referenceNu;

    /// <summary>
    /// With exact reads: each row's column currents (µA, row-major M × N) with that row alone at V_read, and its reference
    /// column's; solved again whenever weights are written or restored.
    /// </summary>
    private double[]? _exactUa, _exactReferenceUa;
    private long _deviceReads, _pulses;

    /// <summary>
    /// Read and verify energy in yoctojoules (10⁻²⁴ J), each operation's rounded on its own: integer sums, so the meters
    /// are the same bit for bit however the devices are split over partitions (a floating-point sum would depend on the order).
    /// </summary>
    private Int128 _readYj, _verifyYj;

    public ArraySynapseRuntime(ArraySynapse model, SynapseLayout layout)
        : base(layout)
    {
        _model = model;
        if ((long)layout.SourceCount * layout.TargetCount > 1L << 28)
        {
            throw new NetworkValidationException($"projection {layout.Projection}: an array of {layout.SourceCount} x {layout.TargetCount} devices is beyond the 2^28 an array can hold");
        }

        ArrayConfig config = model.ArrayConfig;
        _array = new CrossbarArray(layout.SourceCount, layout.TargetCount, config, layout.Seed, (uint)layout.Projection);
        _gMax = config.Preset.Device.MaxConductanceUs;
        _gRef = model.ReferenceColumn ? config.Preset.Device.MinConductanceUs : 0;
        _readVolts = config.Preset.ReadVoltageV;
        _pulseYj = Yoctojoules(config.Preset.WriteEnergyFj * 1e-15);
        _weightPerUs = model.MaxWeight / (_gMax - _gRef);
        _deliveryPerUs = model.Inverting ? -_weightPerUs : _weightPerUs; // an inverting sense amplifier delivers −w
        _noiseUs = model.ReadNoise * _gMax;
        int n = layout.SynapseCount, targets = layout.Target.Count;
        (_table, _block, _row, _column) = (new int[n], new int[n], new int[n], new int[n]);
        var inDegree = new int[targets + 1];
        var cells = new HashSet<long>(n);
        for (int k = 0; k < layout.Blocks.Length; k++)
        {
            int first = BlockStart(layout.Blocks[k]);
            for (int s = layout.SynapseOffset[k]; s < layout.SynapseOffset[k + 1]; s++)
            {
                int t = first + (s - layout.SynapseOffset[k]);
                (_table[s], _block[s], _row[s], _column[s]) = (t, k, layout.BlockSource[k], layout.TargetOffset + Targets[t]);
                if (!cells.Add(((long)_row[s] * layout.TargetCount) + _column[s]))
                {
                    throw new NetworkValidationException($"projection {layout.Projection}: two synapses from neuron {_row[s]} to neuron {_column[s]}, but an array has one device per row and column (use a connectivity without repeated pairs)");
                }

                if (!(Weights[t] >= 0 && Weights[t] <= (float)model.MaxWeight)) // weights are floats: W_max as a float may round up
                {
                    throw new NetworkValidationException($"projection {layout.Projection}: the weight {Weights[t]} from neuron {_row[s]} to neuron {_column[s]} is outside [0, {model.MaxWeight}], what its devices can hold (max_weight is a full-scale device)");
                }

                inDegree[Targets[t] + 1]++;
                double target = _gRef + (Weights[t] / _weightPerUs);
                Weights[t] = (float)((_array.ProgramDevice(_row[s], _column[s], target, out double verifyJ) - _gRef) * _weightPerUs);
                _verifyYj += Yoctojoules(verifyJ);
            }
        }

        _inStart = new int[targets + 1];
        for (int j = 0; j < targets; j++)
        {
            _inStart[j + 1] = _inStart[j] + inDegree[j + 1];
        }

        _in = new int[n];
        var fill = (int[])_inStart.Clone();
        for (int s = 0; s < n; s++)
        {
            _in[fill[Targets[_table[s]]]++] = s;
        }

        _preMs = new double[layout.Blocks.Length];
        _postMs = new double[targets];
        _preMs.AsSpan().Fill(double.NegativeInfinity);
        _postMs.AsSpan().Fill(double.NegativeInfinity);
        _delivered = new float[layout.LargestBlock];
        if (model.IrDrop == IrDropModel.Exact)
        {
            if (layout.Target.Count < layout.TargetCount)
            {
                throw new NetworkValidationException($"projection {layout.Projection}: exact reads solve the whole array, but this run splits its {layout.TargetCount} columns over partitions; run it in one partition, or use ir_drop: series");
            }

            try
            {
                SolveExact();
            }
            catch (InsufficientMemoryException e)
            {
                throw new NetworkValidationException($"projection {layout.Projection}: {e.Message}");
            }
        }

        _residue = model.Accumulate ? new double[n] : null;
        if (model.Drift && config.Preset.Drift is { } drift)
        {
            _drift = drift;
            _programmedMs = new double[n];
            _referenceNu = drift.DriftExponent(_gRef).Mean;
        }
    }

    /// <summary>The array behind the projection (this partition's copy; its other columns are never touched).</summary>
    public CrossbarArray Array => _array;

    /// <summary>Energy (J) of reads, and of writes (the pulses at the preset's energy each, and the verify reads); device reads; programming pulses (all, and those learning and normalisation asked for).</summary>
    public override IReadOnlyList<(string Name, decimal Value)> Meters
    {
        get
        {
            Int128 write = (_array.Energy.Pulses * _pulseYj) + _verifyYj;
            return
            [
                ("energy_j", Joules(_readYj + write)),
                ("read_energy_j", Joules(_readYj)),
                ("write_energy_j", Joules(write)),
                ("device_reads", _deviceReads),
                ("programming_pulses", _array.Energy.Pulses),
                ("learning_pulses", _pulses),
            ];
        }
    }

    public override void Deliver(double timeMs, int block, int start, int count, int receptor)
    {
        int lb = Layout.LocalBlock[block];
        int first = Layout.SynapseOffset[lb] + (start - BlockStart(block));
        if (_model.Depression > 0)
        {
            for (int s = first; s < first + count; s++)
            {
                double post1 = Math.Exp(-(timeMs - _postMs[Targets[_table[s]]]) / _model.TauPostMs);
                if (post1 > 0)
                {
                    Program(s, -_model.Depression * post1, timeMs);
                }
            }
        }

        ulong arrival = (ulong)BitConverter.DoubleToInt64Bits(timeMs);
        double referenceUs = _drift is null ? _gRef : _gRef * _drift.DriftFactor(timeMs * 1e-3, _referenceNu); // programmed at the start
        for (int k = 0; k < count; k++)
        {
            int s = first + k;
            if (_exactUa is not null)
            {
                Delivered(k, s, _exactUa[Cell(s)] / _readVolts, _gRef > 0 ? _exactReferenceUa![_row[s]] / _readVolts : 0, arrival);
                continue;
            }

            double device = _array.ConductancesUs[Cell(s)];
            if (_drift is { } drift)
            {
                device *= drift.DriftFactor((timeMs - _programmedMs![s]) * 1e-3, _array.DriftExponent(_row[s], _column[s]));
            }

            double reference = _gRef > 0 ? _array.SingleRowConductanceUs(_row[s], _column[s], referenceUs) : 0;
            Delivered(k, s, _array.SingleRowConductanceUs(_row[s], _column[s], device), reference, arrival);
        }

        _deviceReads += count;
        _preMs[lb] = timeMs;
        Target.Deliver(timeMs, Targets.AsSpan(start, count), _delivered.AsSpan(0, count), receptor);
    }

    public override void OnPostSpike(int local, double timeMs)
    {
        double post2 = Math.Exp(-(timeMs - _postMs[local]) / _model.TauPost2Ms); // from just before this spike
        double factor = _model.Potentiation + (_model.TripletPotentiation * post2);
        if (factor > 0)
        {
            for (int k = _inStart[local]; k < _inStart[local + 1]; k++)
            {
                int s = _in[k];
                double pre = Math.Exp(-(timeMs - _preMs[_block[s]]) / _model.TauPreMs);
                if (pre > 0)
                {
                    Program(s, factor * pre, timeMs);
                }
            }
        }

        _postMs[local] = timeMs;
    }

    public override void Synchronize()
    {
        for (int s = 0; s < _table.Length; s++)
        {
            Weights[_table[s]] = (float)((_array.ConductancesUs[Cell(s)] - _gRef) * _weightPerUs);
        }
    }

    /// <summary>Programs each written weight into its device open loop on the device's own curve, rounding stochastically between the pulse counts that bracket it (<see cref="CrossbarArray.Retarget"/>).</summary>
    public override void Overwrite(ReadOnlySpan<int> tableIndices, ReadOnlySpan<float> values, double timeMs)
    {
        if (_synapseOf is null)
        {
            _synapseOf = new Dictionary<int, int>(_table.Length);
            for (int s = 0; s < _table.Length; s++)
            {
                _synapseOf[_table[s]] = s;
            }
        }

        for (int k = 0; k < tableIndices.Length; k++)
        {
            if (tableIndices[k] >= 0 && _synapseOf.TryGetValue(tableIndices[k], out int s))
            {
                int pulses = _array.Retarget(_row[s], _column[s], _gRef + (values[k] / _weightPerUs));
                _pulses += Math.Abs(pulses);
                Programmed(s, pulses, timeMs);
            }
        }

        if (_exactUa is not null)
        {
            SolveExact();
        }

        Synchronize();
    }

    public override void Checkpoint(StateArchive a)
    {
        _array.Checkpoint(a);
        a.Values(_preMs.AsSpan());
        a.Values(_postMs.AsSpan());
        a.Value(ref _deviceReads);
        a.Value(ref _pulses);
        a.Value(ref _readYj);
        a.Value(ref _verifyYj);
        if (_programmedMs is not null)
        {
            a.Values(_programmedMs.AsSpan());
        }

        if (_residue is not null)
        {
            a.Values(_residue.AsSpan());
        }

        if (a.Loading)
        {
            if (_exactUa is not null)
            {
                SolveExact();
            }

            Synchronize();
        }
    }

    /// <summary>
    /// Delivery k of a read: device s seen as <paramref name="g"/> (µS) and its reference as <paramref name="reference"/>,
    /// both read (counted with their energy V² g t_read), the device with its read noise.
    /// </summary>
    private void Delivered(int k, int s, double g, double reference, ulong arrival)
    {
        _readYj += Yoctojoules(_array.DeviceReadJ(g, _readVolts));
        if (_gRef > 0)
        {
            _readYj += Yoctojoules(_array.DeviceReadJ(reference, _readVolts));
        }

        if (_noiseUs > 0)
        {
            // One draw per device and arrival, keyed by both: the same on any partition, whatever else was read.
            var rng = KeyedRandom.Create(Layout.Seed ^ arrival, StreamPurpose.Crossbar(CrossbarKind.ReadNoise), (ulong)Cell(s));
            g = Math.Max(g + (_noiseUs * rng.NextNormal()), 0);
        }

        _delivered[k] = (float)(Math.Max(g - reference, 0) * _deliveryPerUs);
    }

    /// <summary>
    /// The exact reads: the array (and its reference column of G_min devices, when it has one, as column N) factored once,
    /// then solved with each row alone at V_read.
    /// </summary>
    private void SolveExact()
    {
        int m = Layout.SourceCount, n = Layout.TargetCount, width = n + (_gRef > 0 ? 1 : 0);
        var g = new double[m * width];
        ReadOnlySpan<double> programmed = _array.ConductancesUs;
        for (int i = 0; i < m; i++)
        {
            programmed.Slice(i * n, n).CopyTo(g.AsSpan(i * width, n));
            if (_gRef > 0)
            {
                g[(i * width) + n] = _gRef;
            }
        }

        var solver = new NodalSolver(g, m, width, _array.Config.Circuit);
        (_exactUa, _exactReferenceUa) = (new double[m * n], new double[m]);
        var volts = new double[m];
        var currents = new double[width];
        for (int i = 0; i < m; i++)
        {
            volts[i] = _readVolts;
            solver.Solve(volts, currents);
            volts[i] = 0;
            currents.AsSpan(0, n).CopyTo(_exactUa.AsSpan(i * n, n));
            _exactReferenceUa[i] = _gRef > 0 ? currents[n] : 0;
        }
    }

    /// <summary>Synapse s's device: its index in the whole array (row-major).</summary>
    private int Cell(int s) => (_row[s] * Layout.TargetCount) + _column[s];

    private static Int128 Yoctojoules(double joules) => (Int128)Math.Round(joules * 1e24);

    /// <summary>Yoctojoules as joules, exactly (a decimal of scale 24).</summary>
    private static decimal Joules(Int128 yoctojoules) => (decimal)yoctojoules * 1e-24m;

    /// <summary>Asks device s for the weight change <paramref name="deltaWeight"/> in programming pulses at <paramref name="timeMs"/>.</summary>
    private void Program(int s, double deltaWeight, double timeMs)
    {
        // Accumulating: whole pulses of the summed change (steps of the linear curve of the same range), the rest kept.
        double asked = deltaWeight + (_residue?[s] ?? 0);
        int pulses = _array.Nudge(_row[s], _column[s], asked / _weightPerUs, _residue is null && _model.StochasticRounding);
        if (_residue is not null)
        {
            var device = _array.Config.Preset.Device;
            _residue[s] = asked - (pulses * device.RangeUs / device.PulsesAcrossRange(pulses > 0) * _weightPerUs);
        }

        _pulses += Math.Abs(pulses);
        Programmed(s, pulses, timeMs);
    }

    /// <summary>A device that took pulses at <paramref name="timeMs"/> starts drifting again from there.</summary>
    private void Programmed(int s, int pulses, double timeMs)
    {
        if (pulses != 0 && _programmedMs is not null)
        {
            _programmedMs[s] = timeMs;
        }
    }
}
