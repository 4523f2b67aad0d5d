using SpikeCore.Models.Neurons;
using SpikeCore.Building;

namespace SpikeCore.Models.Neurons.Channels;

/// <summary>
/// The numbers a Hodgkin-Huxley population runs on, in one consistent unit system chosen by the model
/// (µF/cm², mS/cm², µA/cm² for the squid axon; pF, nS, pA for Traub-Miles), with mV and ms.
/// </summary>
internal readonly record struct HhConstants(
    double Capacitance,
    double SodiumConductance,
    double PotassiumConductance,
    double LeakConductance,
    double SodiumReversalMv,
    double PotassiumReversalMv,
    double LeakReversalMv,
    double ShiftMv,
    double ExcitatoryReversalMv,
    double InhibitoryReversalMv,
    double ExcitatoryTauMs,
    double InhibitoryTauMs,
    double DetectionMv,
    double RefractoryMs,
    double StepMs,
    double RestMv,
    HhScheme Scheme)
{
    /// <summary>Adds an error per invalid value; <paramref name="names"/> gives the JSON name of each field in declaration order.</summary>
    public void Validate(ICollection<string> errors, string path, string[] names)
    {
        ParameterChecks.Positive(errors, path, names[0], Capacitance);
        ParameterChecks.NonNegative(errors, path, names[1], SodiumConductance);
        ParameterChecks.NonNegative(errors, path, names[2], PotassiumConductance);
        ParameterChecks.NonNegative(errors, path, names[3], LeakConductance);
        ParameterChecks.Finite(errors, path, names[4], SodiumReversalMv);
        ParameterChecks.Finite(errors, path, names[5], PotassiumReversalMv);
        ParameterChecks.Finite(errors, path, names[6], LeakReversalMv);
        ParameterChecks.Finite(errors, path, names[7], ShiftMv);
        ParameterChecks.Finite(errors, path, names[8], ExcitatoryReversalMv);
        ParameterChecks.Finite(errors, path, names[9], InhibitoryReversalMv);
        ParameterChecks.Positive(errors, path, names[10], ExcitatoryTauMs);
        ParameterChecks.Positive(errors, path, names[11], InhibitoryTauMs);
        ParameterChecks.Finite(errors, path, names[12], DetectionMv);
        ParameterChecks.NonNegative(errors, path, names[13], RefractoryMs);
        ParameterChecks.Positive(errors, path, names[14], StepMs);
        ParameterChecks.Finite(errors, path, names[15], RestMv);
        if (StepMs > 1)
        {
            errors.Add($"{path}.{names[14]}: must be at most 1 ms for the gate dynamics (got {StepMs})");
        }

        if (!Enum.IsDefined(Scheme))
        {
            errors.Add($"{path}.scheme: unknown scheme {Scheme}");
        }
    }
}
