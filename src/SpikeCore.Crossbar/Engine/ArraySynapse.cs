using SpikeCore.Crossbar.Arrays;
using SpikeCore.Crossbar.Circuit;
using SpikeCore.Crossbar.Devices;
using SpikeCore.Models.Devices;
using SpikeCore.Parameters;
using SpikeCore.Runtimes;

namespace SpikeCore.Crossbar.Engine;

/// <summary>
/// A projection whose weights are the conductances of a memristive array (model name <c>crossbar</c>): source neuron i
/// drives row i, target neuron j sits on column j, and device (i, j) is synapse i → j.
/// </summary>
/// <remarks>
/// <para>A presynaptic spike is a read pulse on its row at its arrival time: each column j receives the charge
/// V_read g'_ij t_read, where g'_ij is the cell's conductance as the chosen circuit sees it with that row alone active
/// (the access transistor, and with <c>ir_drop: series</c> the wires' series path), plus read noise N(0, σ G_max) per
/// device and read; less, with <see cref="ReferenceColumn"/>, the charge of the row's reference device at G_min. It is
/// delivered as the weight w = W_max (g' − g'_ref)/(G_max − G_min) (a full-scale device delivers W_max), or
/// w = W_max g'/G_max without the reference. Every device read is counted with its energy V² g' t_read. Initial weights
/// are programmed into the devices with write-verify, so the devices' levels, range and faults show in the weights from
/// the start.</para>
/// <para>With <c>ir_drop: exact</c> (a static array) the read is the whole circuit's: the array's nodal solve
/// (<see cref="Circuit.NodalSolver"/>, wires of r per segment on both lines) with row i alone at V_read and every other
/// line at 0 V, so the other cells load the wires as they do; the reference devices are then a real column of G_min
/// devices at the array's far edge, solved with it. Column j's current I_ij is delivered as g' = I_ij / V_read. The
/// array is solved once per row (M solves of one factorisation) and again after weights are written.</para>
/// <para>Learning as programming (off while every amplitude is 0): the trace rule of Diehl and Cook 2015 / Pfister and
/// Gerstner 2006 with nearest-spike traces (each set to 1 at its spike): a presynaptic arrival asks Δw = −A− · post1, a
/// postsynaptic spike Δw = pre · (A2+ + A3+ · post2 from just before it); each change becomes whole programming
/// pulses of the device through the preset's update curve (its nonlinearity and asymmetry), with its cycle-to-cycle
/// noise, bounds, endurance and stuck faults, counted with their energy. Writes of weights
/// (<see cref="Running.Simulation.SetWeights"/>: normalisation) are programmed open loop on each device's own curve,
/// rounded stochastically between the two pulse counts that bracket the target (unbiased, no verify reads).</para>
/// <para>Drift (<see cref="Drift"/>, presets with a drift model: PCM): a read at t sees each device's programmed g as
/// g ((t − t_p)/1 s + t0)/t0)^(−ν), t_p its last programming pulse, ν drawn at that pulse by the preset's statistical model
/// (t0 = 20 s, aihwkit's); the reference devices, programmed to G_min at the start, drift with the mean ν at G_min. Weights
/// read back (<see cref="Running.Simulation.Weights"/>) are the programmed ones.</para>
/// <para>Every draw is keyed by the device (faults, spread, programming) or by (device, arrival time) (read noise), so
/// the results do not depend on partitions (exact reads need the whole array: they refuse runs that split its columns). The
/// engine's arrays are selected per device (1T1R or a floating scheme): programming one device does not disturb the
/// others, and reads are single-row: a read pulse lasts nanoseconds, so two rows are driven at once only when their
/// arrivals coincide exactly, and those are read one after the other.</para>
/// </remarks>
public sealed record ArraySynapse : SynapseModel
{
    /// <summary>The device technology.</summary>
    [Parameter]
    public ArrayPreset Preset { get; init; } = ArrayPreset.Table1Target;

    /// <summary>W_max: the weight a full-scale device (G_max) delivers, in the target receptor's unit.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double MaxWeight { get; init; } = 1;

    /// <summary>
    /// Whether each column's sense amplifier inverts (an inhibitory array): every delivery is −w instead of w, so that an
    /// array of non-negative conductances inhibits, as the negative half of a signed weight matrix does.
    /// </summary>
    [Parameter]
    public bool Inverting { get; init; }

    /// <summary>Whether the devices follow the preset's nonlinear update curve (false: the linear curve of the same range and pulse counts; an ablation).</summary>
    [Parameter]
    public bool Nonlinear { get; init; } = true;

    /// <summary>Whether pulses carry the preset's cycle-to-cycle noise (false: none; an ablation).</summary>
    [Parameter]
    public bool CycleToCycleNoise { get; init; } = true;

    /// <summary>Wire resistance per cell segment (used by <c>ir_drop: series</c>).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double LineResistanceOhm { get; init; }

    /// <summary>Access transistor resistance in series with each device (0: a passive cell).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double AccessResistanceOhm { get; init; }

    /// <summary>
    /// How reads account for the wires: <c>none</c>, <c>series</c>, or <c>exact</c> (the whole array's nodal solve with the
    /// spike's row alone driven and every other row and column held at 0 V; for arrays that do not learn).
    /// </summary>
    [Parameter]
    public IrDropModel IrDrop { get; init; } = IrDropModel.None;

    /// <summary>
    /// Whether every row also drives a reference device at G_min whose current each column's sense amplifier subtracts
    /// (a reference column, as arrays that map weights onto [G_min, G_max] use): a device at G_min then delivers 0 and
    /// w = W_max (g' − g'_ref)/(G_max − G_min). Without it the finite ON/OFF ratio leaves every synapse a floor of
    /// W_max G_min / G_max, w = W_max g'/G_max.
    /// </summary>
    [Parameter]
    public bool ReferenceColumn { get; init; } = true;

    /// <summary>σ of each device's read conductance as a fraction of G_max, per device and read.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double ReadNoise { get; init; }

    /// <summary>Whether devices of a preset that drifts (PCM) drift while the network runs (false: an ablation).</summary>
    [Parameter]
    public bool Drift { get; init; } = true;

    /// <summary>Fraction of devices stuck at G_max.</summary>
    [Parameter(ParameterCheck.NonNegative, Maximum = 1)]
    public double StuckAtMaxFraction { get; init; }

    /// <summary>Fraction of devices stuck at G_min.</summary>
    [Parameter(ParameterCheck.NonNegative, Maximum = 1)]
    public double StuckAtMinFraction { get; init; }

    /// <summary>Time constant of the presynaptic trace.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double TauPreMs { get; init; } = 20;

    /// <summary>Time constant of the postsynaptic trace post1 (depression).</summary>
    [Parameter(ParameterCheck.Positive)]
    public double TauPostMs { get; init; } = 20;

    /// <summary>Time constant of the slow postsynaptic trace post2 (triplet potentiation).</summary>
    [Parameter(ParameterCheck.Positive)]
    public double TauPost2Ms { get; init; } = 40;

    /// <summary>A−: depression per presynaptic arrival, times post1 (weight units).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double Depression { get; init; }

    /// <summary>A2+: potentiation per postsynaptic spike, times pre (weight units).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double Potentiation { get; init; }

    /// <summary>A3+: potentiation per postsynaptic spike, times pre and post2 from just before it (weight units).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double TripletPotentiation { get; init; }

    /// <summary>Whether a fraction of a pulse is rounded up with that probability (else down: small changes are lost).</summary>
    [Parameter]
    public bool StochasticRounding { get; init; } = true;

    /// <summary>
    /// Mixed-precision learning (Nandakumar et al. 2020): each synapse keeps the part of its asked changes that did not
    /// make a whole pulse in a digital accumulator and adds it to its next change, instead of rounding it away.
    /// </summary>
    [Parameter]
    public bool Accumulate { get; init; }

    /// <inheritdoc/>
    public override string Name => "crossbar";

    /// <summary>Whether any learning amplitude is non-zero.</summary>
    public bool Learns => Depression > 0 || Potentiation > 0 || TripletPotentiation > 0;

    /// <inheritdoc/>
    public override bool ChangesWeights => true;

    /// <inheritdoc/>
    public override bool LearnsFromPostSpikes => Learns;

    /// <inheritdoc/>
    public override (double Min, double Max)? WritableWeights => (0, MaxWeight);

    /// <summary>The device preset of <see cref="Preset"/>, with the ablations <see cref="Nonlinear"/> and <see cref="CycleToCycleNoise"/> applied.</summary>
    public DevicePreset Device
    {
        get
        {
            DevicePreset preset = Preset.Device();
            ConductanceDevice d = preset.Device;
            if (!Nonlinear)
            {
                d = SaturatingExponentialDevice.FromNonlinearity(d.MinConductanceUs, d.MaxConductanceUs, 0, d.PulsesAcrossRange(true), 0, d.PulsesAcrossRange(false))
                    with { CycleToCycleSigma = d.CycleToCycleSigma, DeviceToDeviceSigma = d.DeviceToDeviceSigma, Rounding = d.Rounding };
            }

            return preset with { Device = CycleToCycleNoise ? d : d with { CycleToCycleSigma = 0 } };
        }
    }

    /// <summary>The array's configuration: the preset, circuit and faults of this model.</summary>
    public ArrayConfig ArrayConfig => new()
    {
        Preset = Device,
        Circuit = new CircuitParameters(LineResistanceOhm, AccessResistanceOhm),
        IrDrop = IrDrop,
        ReadNoise = ReadNoise,
        StuckAtMaxFraction = StuckAtMaxFraction,
        StuckAtMinFraction = StuckAtMinFraction,
        WriteScheme = SelectScheme.Floating,
    };

    /// <inheritdoc/>
    protected override void ValidateRules(ICollection<string> errors, string path)
    {
        if (IrDrop is IrDropModel.Analytic)
        {
            errors.Add($"{path}.ir_drop: the engine reads one row per spike: 'none', 'series' or 'exact' (got 'analytic', an approximation for many rows at once)");
        }

        if (IrDrop is IrDropModel.Exact && !(LineResistanceOhm > 0))
        {
            errors.Add($"{path}.ir_drop: 'exact' needs line_resistance_ohm > 0 (got {LineResistanceOhm}; with 0 the ideal read is exact)");
        }

        if (IrDrop is IrDropModel.Exact && Learns)
        {
            errors.Add($"{path}.ir_drop: 'exact' is for arrays that do not learn (every programming pulse would need a new solve of the whole array); use 'series' when it learns");
        }

        if (IrDrop is IrDropModel.Exact && Drift && Preset.Device().Drift is not null)
        {
            errors.Add($"{path}.ir_drop: 'exact' with drifting devices would need a new solve at every read; set drift: false");
        }

        if (StuckAtMaxFraction + StuckAtMinFraction > 1)
        {
            errors.Add($"{path}: stuck-at fractions sum to more than 1 ({StuckAtMaxFraction} + {StuckAtMinFraction})");
        }
    }

    /// <inheritdoc/>
    public override SynapseRuntime CreateRuntime(SynapseLayout layout) => new ArraySynapseRuntime(this, layout);
}
