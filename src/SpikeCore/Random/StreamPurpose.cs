namespace SpikeCore.Random;

/// <summary>
/// Every purpose a random stream is keyed by (the second key of <see cref="KeyedRandom.Create"/>), in one table, so that
/// no two uses of one seed draw the same numbers unless they are meant to. Network construction and models key their
/// streams per projection or population (one purpose each, offset by its index) in blocks of 2^40; applications draw
/// in a block of their own. A model outside SpikeCore takes <see cref="External"/>.
/// </summary>
/// <remarks>
/// These values are part of every result: changing one changes the spikes of every network that uses it (and its
/// golden hash). <see cref="MottHopfieldOscillators"/> and <see cref="LyapunovNoise"/> share a number; they are never
/// drawn on one seed in one computation. (Applications used 21..93 until the table showed that these are also the
/// connectivity and delay purposes of projections 2..11: a liquid built on the experiment's seed drew some of the same
/// numbers as its readout split.)
/// </remarks>
public static class StreamPurpose
{
    private const ulong Block = 1UL << 40;

    /// <summary>The applications' block, above every network-construction and model purpose.</summary>
    private const ulong Applications = 32 * Block;

    /// <summary>Which partners a row of projection <paramref name="projection"/> connects to.</summary>
    public static ulong Connectivity(int projection) => (8UL * (ulong)projection) + 1;

    /// <summary>The drawn weights of a row of projection <paramref name="projection"/>.</summary>
    public static ulong Weights(int projection) => (8UL * (ulong)projection) + 2;

    /// <summary>The drawn delays of a row of projection <paramref name="projection"/>.</summary>
    public static ulong Delays(int projection) => (8UL * (ulong)projection) + 3;

    /// <summary>Initial values of population <paramref name="population"/>'s state variables (indexed by variable).</summary>
    public static ulong InitialValues(int population) => Block + (ulong)population;

    /// <summary>The spikes of Poisson source population <paramref name="population"/> (indexed by neuron).</summary>
    public static ulong PoissonSpikes(int population) => (2 * Block) + (ulong)population;

    /// <summary>Per-synapse parameters drawn for projection <paramref name="projection"/> (Tsodyks-Markram: four per projection).</summary>
    public static ulong SynapseParameters(int projection, int parameter) => (3 * Block) + (4UL * (ulong)projection) + (ulong)parameter;

    /// <summary>Device-to-device spread of conductance devices (indexed by device key).</summary>
    public const ulong DeviceSpread = 5 * Block;

    /// <summary>Cycle-to-cycle noise and stochastic rounding of the devices behind projection <paramref name="projection"/>.</summary>
    public static ulong DeviceNoise(int projection) => (6 * Block) + (ulong)projection;

    /// <summary>Programming noise of binary PCM synapse pairs of projection <paramref name="projection"/>.</summary>
    public static ulong PcmSynapseNoise(int projection) => (7 * Block) + (ulong)projection;

    /// <summary>Initial programming of binary PCM synapse pairs of projection <paramref name="projection"/>.</summary>
    public static ulong PcmSynapseInitial(int projection) => (7 * Block) + (Block / 2) + (ulong)projection;

    /// <summary>Stochastic switching delays of threshold-switch population <paramref name="population"/>.</summary>
    public static ulong SwitchingDelays(int population) => (8 * Block) + (ulong)population;

    /// <summary>Crystallisation noise of PCM neuron population <paramref name="population"/>.</summary>
    public static ulong PcmNeuronNoise(int population) => (9 * Block) + (ulong)population;

    /// <summary>Stochastic rupture of diffusive memristors of projection <paramref name="projection"/> (indexed by block).</summary>
    public static ulong Rupture(int projection) => (10 * Block) + (ulong)projection;

    /// <summary>Parameters drawn per neuron for population <paramref name="population"/> (indexed by the parameter's place in the model's declarations, then by neuron).</summary>
    public static ulong PerNeuronParameters(int population) => (11 * Block) + (ulong)population;

    /// <summary>
    /// A crossbar array's draws of kind <paramref name="kind"/> (<see cref="CrossbarKind"/>), indexed by
    /// (array key &lt;&lt; 32) + cell or + read, so that every device, tile and read has its own stream.
    /// </summary>
    public static ulong Crossbar(CrossbarKind kind) => (12 * Block) + (ulong)kind;

    /// <summary>For models outside SpikeCore: purpose <paramref name="index"/> of the model registered as <paramref name="model"/> (a number the model's author chooses).</summary>
    public static ulong External(int model, int index) => ((64UL + (ulong)model) * Block) + (ulong)index;

    /// <summary>The input series of a time-series task.</summary>
    public const ulong TimeSeriesInput = Applications + 21;

    /// <summary>Poisson rate encoding of an input channel.</summary>
    public const ulong RateEncoding = Applications + 23;

    /// <summary>The liquid's grid assignment of excitatory and inhibitory neurons.</summary>
    public const ulong LiquidLayout = Applications + 31;

    /// <summary>The device reservoir's input masks (per channel) and, one above, its device spread.</summary>
    public const ulong DeviceReservoirMasks = Applications + 41;

    /// <summary>The readout split of a time-series experiment.</summary>
    public const ulong TimeSeriesSplit = Applications + 43;

    /// <summary>A trial of the spoken-digit search.</summary>
    public const ulong DigitsSearchTrial = Applications + 47;

    /// <summary>A trial of the time-series search.</summary>
    public const ulong TimeSeriesSearchTrial = Applications + 53;

    /// <summary>A run of simulated annealing.</summary>
    public const ulong Annealing = Applications + 61;

    /// <summary>The thermal noise of a lone Mott oscillator.</summary>
    public const ulong MottOscillatorNoise = Applications + 67;

    /// <summary>A run of the Mott Hopfield solver (update order); one above: the noise control's η; two above: its oscillators.</summary>
    public const ulong MottHopfield = Applications + 71;

    /// <summary>The oscillator bank of a Mott Hopfield run.</summary>
    public const ulong MottHopfieldOscillators = MottHopfield + 2;

    /// <summary>The common noise of a Lyapunov estimate.</summary>
    public const ulong LyapunovNoise = Applications + 73;

    /// <summary>A run of simulated bifurcation.</summary>
    public const ulong Bifurcation = Applications + 81;

    /// <summary>The weights and inputs of a crossbar experiment (<c>spikecore crossbar vmm</c>, <c>sweep</c>).</summary>
    public const ulong CrossbarExperiment = Applications + 97;

    /// <summary>The patterns of an associative memory.</summary>
    public const ulong HopfieldPatterns = Applications + 91;

    /// <summary>A load and trial of the memory-capacity measurement.</summary>
    public const ulong HopfieldCapacity = Applications + 93;

    /// <summary>The device-to-device spread of the switching thresholds of a memristive Diehl and Cook layer (indexed by neuron).</summary>
    public const ulong DiehlCookThresholds = Applications + 101;

    /// <summary>The initial weights of a trained network's layer (indexed by layer).</summary>
    public const ulong TrainingWeights = Applications + 103;

    /// <summary>The sample order of a training epoch (indexed by epoch).</summary>
    public const ulong TrainingOrder = Applications + 107;

    /// <summary>The weight noise of hardware-aware training.</summary>
    public const ulong TrainingNoise = Applications + 109;

    /// <summary>The starting centroids of K-means (indexed by restart).</summary>
    public const ulong KMeansStarts = Applications + 113;

    /// <summary>The sample order of an online K-means epoch (indexed by restart · 2^20 + epoch).</summary>
    public const ulong KMeansOrder = Applications + 127;

    /// <summary>Stochastic rounding of pulse counts in computing on arrays (indexed by update).</summary>
    public const ulong PulseRounding = Applications + 131;

    /// <summary>The image patches and the dictionary's initial atoms of sparse coding.</summary>
    public const ulong SparseCoding = Applications + 137;

    /// <summary>Random test matrices and vectors of the linear solvers.</summary>
    public const ulong LinearSystems = Applications + 139;

    /// <summary>The ±1 input mask of a rotating device ring.</summary>
    public const ulong RingReservoirMask = Applications + 151;

    /// <summary>The input, bias and recurrent weights of an echo-state network.</summary>
    public const ulong EchoStateWeights = Applications + 157;
}
