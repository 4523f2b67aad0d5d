using SpikeCore.Models.Devices;
using SpikeCore.Parameters;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Synapses;

/// <summary>
/// Simplified binary STDP for two-PCM synapses (Suri et al. 2011; Bichler et al. 2012), model name <c>stdp_binary_pcm</c>.
/// </summary>
/// <remarks>
/// Each weight is a differential pair, w = (G+ − G−) · W_max / G_max (<see cref="DifferentialPair"/>). When the
/// postsynaptic neuron fires at t_post, every incoming synapse whose last presynaptic arrival lies in
/// [t_post − T_LTP, t_post] gets one SET pulse on its LTP device G+; every other incoming synapse gets one SET pulse on
/// its LTD device G−. Presynaptic arrivals only deliver the weight. A device with no room left triggers a refresh of its
/// pair. With a drift exponent ν &gt; 0 the delivered weight drifts as (t/20 s)^(−ν) since each device's last SET.
/// </remarks>
public sealed record BinaryPcmStdp : SynapseModel
{
    /// <summary>T_LTP, how recent a presynaptic arrival must be to potentiate.</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double LtpWindowMs { get; init; } = 10;

    /// <summary>The weight of a pair with G+ = G_max and G− = 0.</summary>
    [Parameter(ParameterCheck.Positive)]
    public double MaxWeight { get; init; } = 1;

    /// <summary>The SET response of both devices of a pair (default: 50 gradual SET pulses across 0-10 µS, saturating).</summary>
    [Parameter]
    public ConductanceDevice Device { get; init; } = new SaturatingExponentialDevice { MinConductanceUs = 0, MaxConductanceUs = 10, MaxPulses = 50, PulseScale = 30 };

    /// <summary>ν of the PCM drift law (0: no drift).</summary>
    [Parameter(ParameterCheck.NonNegative)]
    public double DriftNu { get; init; }

    /// <inheritdoc/>
    public override string Name => "stdp_binary_pcm";

    /// <inheritdoc/>
    public override bool ChangesWeights => true;

    /// <inheritdoc/>
    public override bool LearnsFromPostSpikes => true;

    /// <inheritdoc/>
    protected override void ValidateRules(ICollection<string> errors, string path)
    {
        if (Device is null)
        {
            errors.Add($"{path}.device: missing");
        }
    }

    /// <inheritdoc/>
    public override SynapseRuntime CreateRuntime(SynapseLayout layout) => new BinaryPcmStdpRuntime(this, layout);
}
