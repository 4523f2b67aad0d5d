namespace SpikeCore.Reservoir.Reservoirs;

/// <summary>
/// A leaky echo-state network (Jaeger 2001; the leaky form of Jaeger, Lukoševičius, Popovici and Siewert 2007), the
/// rate-based reference reservoir every spiking and device reservoir here is compared with (ReservoirPy's
/// <c>Reservoir</c>, PyRCN's ESN).
/// </summary>
/// <remarks>
/// x(k) = (1 − a) x(k − 1) + a tanh(W_in u(k) + W x(k − 1) + b), x(−1) = 0 (tanh replaced by the identity when
/// <see cref="Linear"/>). Each unit draws its input weights
/// U[−s_in, s_in] with probability <see cref="InputConnectivity"/> per input and its bias U[−s_b, s_b]; it has
/// <see cref="RecurrentLinks"/> incoming links from random units with weights U[−1, 1], and W is then scaled so that
/// its spectral radius (largest |eigenvalue|, computed exactly) is ρ. Defaults (a = 1, ρ = 1.244, s_in = 0.0432,
/// s_b = 0.680, every unit on the input): the best of 60 random configurations on NARMA10's validation split
/// (<c>narma --reservoir esn --search 60</c>, validation NMSE 0.0076).
/// </remarks>
public sealed record EchoStateOptions
{
    /// <summary>N, the units.</summary>
    public int Units { get; init; } = 400;

    /// <summary>a, the leak rate per input step (1: no leak, the classic ESN).</summary>
    public double Leak { get; init; } = 1;

    /// <summary>ρ, the spectral radius of W.</summary>
    public double SpectralRadius { get; init; } = 1.244;

    /// <summary>s_in, the input weights' half-range.</summary>
    public double InputScale { get; init; } = 0.04323;

    /// <summary>Probability that a unit listens to a given input.</summary>
    public double InputConnectivity { get; init; } = 1;

    /// <summary>s_b, the biases' half-range.</summary>
    public double BiasScale { get; init; } = 0.6802;

    /// <summary>Incoming recurrent links per unit (0: no recurrence).</summary>
    public int RecurrentLinks { get; init; } = 10;

    /// <summary>
    /// Whether tanh is replaced by the identity. With no recurrence this is a bank of leaky linear filters of random
    /// input mixtures, the control without nonlinearity (<see cref="FilterBankControl"/>).
    /// </summary>
    public bool Linear { get; init; }

    /// <summary>
    /// The control without recurrence of equal size: the same input weights and bias through tanh, no leak, no links (an
    /// extreme learning machine: a random non-recurrent projection of each step).
    /// </summary>
    public EchoStateOptions ProjectionControl => this with { RecurrentLinks = 0, Leak = 1, Linear = false };

    /// <summary>The control without nonlinearity of equal size: the same leak and input weights, no links, no tanh.</summary>
    public EchoStateOptions FilterBankControl => this with { RecurrentLinks = 0, Linear = true };

    /// <summary>
    /// The largest network whose spectral radius is computed: a dense eigen-decomposition, cubic in N (on a 2-core EPYC
    /// about 5 s at 1,000 units and 90 s at 2,000).
    /// </summary>
    public const int MaxUnits = 2000;

    /// <summary>Throws <see cref="ArgumentException"/> naming every impossible value.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Units is < 1 or > MaxUnits)
        {
            errors.Add($"units: need 1 to {MaxUnits} (got {Units})");
        }

        if (!(Leak > 0 && Leak <= 1))
        {
            errors.Add($"leak: need 0 < a <= 1 (got {Leak})");
        }

        if (!(SpectralRadius >= 0) || !double.IsFinite(SpectralRadius) || !(InputScale >= 0) || !double.IsFinite(InputScale)
            || !(BiasScale >= 0) || !double.IsFinite(BiasScale))
        {
            errors.Add($"spectral radius, input and bias scales: need finite values >= 0 (got {SpectralRadius}, {InputScale}, {BiasScale})");
        }

        if (!(InputConnectivity > 0 && InputConnectivity <= 1))
        {
            errors.Add($"input connectivity: need 0 < p <= 1 (got {InputConnectivity})");
        }

        if (RecurrentLinks < 0)
        {
            errors.Add($"recurrent links: need >= 0 (got {RecurrentLinks})");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("echo-state network: " + string.Join("; ", errors));
        }
    }
}
