using SpikeCore.Models.Neurons;

namespace SpikeCore.Models.Neurons.Channels;

/// <summary>
/// The numbers a Hodgkin-Huxley population runs on, in one consistent unit system chosen by the model
/// (µF/cm², mS/cm², µA/cm² for the squid axon; pF, nS, pA for Traub-Miles), with mV and ms; checked as the models' parameters.
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
    HhScheme Scheme);
