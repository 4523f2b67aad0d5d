using SpikeCore.Parameters;

namespace SpikeCore.Models.Neurons;

/// <summary>Floating-point format of a clocked population's state (its times stay double).</summary>
public enum Precision
{
    /// <summary>
    /// IEEE 754 binary64, double (JSON <c>float64</c>): the default, and what the golden hashes and closed-form tests pin.
    /// </summary>
    [ParameterValue("float64")]
    Binary64,

    /// <summary>
    /// IEEE 754 binary32, float (JSON <c>float32</c>; Auryn's choice): half the memory traffic and twice the lanes per
    /// register. V carries about 4e-6 mV of rounding at −60 mV, far below a 0.1 ms step's truncation error, so spike
    /// times move by ~1e-5 ms; a chaotic network's spike list still parts from the double one after a few hundred ms,
    /// as any change of rounding makes it. Same seed, same spikes, for any thread or partition count, as in double.
    /// </summary>
    [ParameterValue("float32")]
    Binary32,
}
