using SpikeCore.Parameters;

namespace SpikeCore.Models.Neurons;

/// <summary>How a Hodgkin-Huxley population integrates one step.</summary>
public enum HhScheme
{
    /// <summary>
    /// Exponential Euler (as Brian2's <c>exponential_euler</c>, Rush-Larsen for the gates): with every coefficient
    /// frozen at the step start, each gate relaxes exactly towards x∞ = α/(α+β) with rate α+β, and V exactly towards the
    /// conductance-weighted reversal; first order, unconditionally stable.
    /// </summary>
    ExponentialEuler,

    /// <summary>Classical fourth-order Runge-Kutta on (V, m, h, n), synaptic conductances taken from their exact trajectory.</summary>
    [ParameterValue("rk4")]
    RungeKutta4,
}
