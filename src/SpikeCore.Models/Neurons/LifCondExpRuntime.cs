using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SpikeCore.Checkpoints;
using SpikeCore.Models.Numerics;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons;

/// <summary>State of a <see cref="LifCondExp"/> population and its fused, vectorised step, in double or float (<typeparamref name="T"/>).</summary>
/// <remarks>
/// Each conductance is kept as two numbers about the current step [t_n, t_n+1): X, its value at the step end, and
/// Y, its integral over the step. A step starts with X = g(t_n) e^(−h/τ) and Y = g(t_n) τ(1 − e^(−h/τ)); an input of
/// weight w at t inside the step adds w f to X and w τ(1 − f) to Y with f = e^(−(t_n+1 − t)/τ): exact, one
/// <c>exp</c> per delivered block, two multiply-adds per synapse. The step reads X and Y and leaves X·e^(−h/τ) and
/// X·τ(1 − e^(−h/τ)) for the next one: six arrays read and five written per neuron and step, nothing to clear.
/// The step is one loop over <see cref="Lanes512{T}"/> (AVX-512) or <see cref="Lanes256{T}"/>, with the same rounding
/// at both widths; the arrays are padded to whole registers (lanes after the last neuron hold one that never fires), so
/// every neuron takes the same arithmetic in place. Times
/// (refractory ends) stay double at either precision. Every 256th step, conductance numbers below the smallest normal
/// number (about 10^−308 nS in double) are set to zero: they cannot change V in any bit, and left alone a silent
/// neuron's X would stop at the smallest subnormal (which e^(−h/τ) ≥ 1/2 rounds back to itself), costing a slow
/// subnormal multiply every step from then on. Long before a silent neuron's conductances reach zero they are too small
/// to move the step's coefficients in any bit (g_L h + Y rounds to g_L h, the drive to its value without them): from
/// then on every step is the same map of V towards V∞ and the same decay of each conductance. A register of such
/// neurons, below threshold (below the lowest an adaptive one relaxes to), is skipped until an input, a current or a read
/// reaches it, and then takes the skipped steps at once, the same operations in the same order, so the results are the
/// same to the bit (sparse layers such as Diehl and Cook's inhibitory one spend most steps there, its excitatory one
/// the end of each rest between images).
/// </remarks>
internal sealed class LifCondExpRuntime<T> : ClockedRuntime
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly AlignedArray<T> _v, _endE, _integralE, _endI, _integralI;
    private readonly AlignedArray<double> _refractoryUntilMs;
    private readonly double _h, _c, _gL, _eL, _eE, _eI, _tauE, _tauI, _decayE, _decayI;

    /// <summary>
    /// Threshold and reset per neuron when the network draws them per neuron; else one register's worth of the model's
    /// values, read at index i &amp; <see cref="_parameterMask"/> = 0 (a uniform population streams two arrays fewer).
    /// </summary>
    private readonly AlignedArray<T> _threshold, _reset;

    /// <summary>All ones when threshold and reset are per neuron, 0 when uniform.</summary>
    private readonly int _parameterMask;

    /// <summary>
    /// The adaptive threshold (null: fixed): each neuron's V_th without adaptation, and θ; <see cref="_threshold"/>
    /// holds V_th + θ, refreshed when θ changes.
    /// </summary>
    private readonly double[]? _thresholdBase, _theta;
    private readonly double _thetaIncrement, _thetaDecay;

    /// <summary>Refractory period per neuron.</summary>
    private readonly double[] _refractory;

    /// <summary>∫ over one step of a conductance that starts the step at 1 nS: τ(1 − e^(−h/τ)).</summary>
    private readonly double _areaE, _areaI;

    /// <summary>Whether the step runs on 512-bit registers (else 256-bit ones; the results are the same).</summary>
    private readonly bool _wide;

    /// <summary>Lanes of the population's last register that hold neurons (all ones when it is full).</summary>
    private readonly ulong _lastLanes;

    /// <summary>
    /// One bit per register of neurons (the last, partial one included; null with <see cref="NoRest"/>): set when a step
    /// found it at rest (<see cref="StepFindingRest"/>), so that steps skip it until an input reaches one of its neurons or
    /// a current changes (<see cref="Wake"/>), and a read or a checkpoint brings it up to date (<see cref="CatchUp"/>).
    /// Steps visit only the registers whose bit is clear.
    /// </summary>
    private readonly ulong[]? _atRest;

    /// <summary>Registers, and how many of them are at rest now.</summary>
    private readonly int _registers;
    private int _resting;

    /// <summary>
    /// Where thresholds adapt: per neuron (padded to whole registers with +∞), the lowest its threshold V_th + θ can reach
    /// without a spike, min(V_th, V_th + θ), θ relaxing to 0; a register rests only below it (fixed thresholds: their own).
    /// </summary>
    private readonly T[]? _restCeiling;

    /// <summary>Neuron <paramref name="j"/>'s <see cref="_restCeiling"/> from its V_th and its threshold now.</summary>
    private void SetRestCeiling(int j) => _restCeiling![j] = T.Min(T.CreateTruncating(_thresholdBase![j]), _threshold[j]);

    /// <summary>Turns rest skipping off for the runtimes this thread creates (tests: the reference to compare it with).</summary>
    [ThreadStatic]
    internal static bool NoRest;

    /// <summary>log2 of the lanes per register: neuron j is in register j &gt;&gt; this.</summary>
    private readonly int _laneShift;

    /// <summary>Per register at rest: the last step its state holds (<see cref="CatchUp"/> takes the ones after).</summary>
    private readonly long[]? _restStep;

    /// <summary>The step in which an input last reached the population (a population without input for 32 steps looks for rest as often as one with registers at rest).</summary>
    private long _lastInputStep;

    /// <summary>Whether any register was at rest after the last step (else steps take the plain loop until a search finds one).</summary>
    private bool _anyAtRest;
    private double _current;
    private double _currentCorrection;

    /// <summary>Creates the state; <paramref name="wide"/> null picks 512-bit registers where the CPU has them.</summary>
    public LifCondExpRuntime(LifCondExp p, PopulationLayout layout, bool? wide = null)
        : base(layout, p.StepMs)
    {
        _h = p.StepMs;
        _c = p.CapacitancePf;
        _gL = p.LeakConductanceNs;
        _eL = p.RestMv;
        _eE = p.Synapses.ExcitatoryReversalMv;
        _eI = p.Synapses.InhibitoryReversalMv;
        _tauE = p.Synapses.ExcitatoryTauMs;
        _tauI = p.Synapses.InhibitoryTauMs;
        _decayE = Math.Exp(-_h / _tauE);
        _decayI = Math.Exp(-_h / _tauI);
        _areaE = _tauE * (1 - _decayE);
        _areaI = _tauI * (1 - _decayI);
        double[]? threshold = layout.ParameterValues("threshold_mv"), reset = layout.ParameterValues("reset_mv");
        if (p.ThresholdIncrementMv > 0 || layout.Initial[3] is not null)
        {
            _thresholdBase = threshold ?? layout.ParameterValues("threshold_mv", p.ThresholdMv);
            _theta = layout.InitialValues(3, 0);
            _thetaIncrement = p.ThresholdIncrementMv;
            _thetaDecay = Math.Exp(-_h / p.ThresholdTauMs);
            threshold = [.. _thresholdBase.Zip(_theta, (b, t) => b + t)];
        }

        _wide = wide ?? Vector512.IsHardwareAccelerated;
        int lanes = _wide ? Lanes512<T>.Count : Lanes256<T>.Count;
        int registers = (Count + lanes - 1) / lanes, padded = registers * lanes;
        _registers = registers;
        _lastLanes = Count % lanes == 0 ? ulong.MaxValue : (1UL << (Count % lanes)) - 1;
        _parameterMask = threshold is null && reset is null ? 0 : -1;
        int length = _parameterMask == 0 ? Vector512<T>.Count : padded;
        _threshold = Cast(threshold ?? Enumerable.Repeat(p.ThresholdMv, Count), length, double.PositiveInfinity);
        _reset = Cast(reset ?? Enumerable.Repeat(p.ResetMv, Count), length, p.ResetMv);
        _refractory = layout.ParameterValues("refractory_ms", p.RefractoryMs);
        _v = Cast(layout.InitialValues(0, p.RestMv), padded, p.RestMv);
        double[] gE = layout.InitialValues(1, 0), gI = layout.InitialValues(2, 0);
        _endE = Cast(gE.Select(g => g * _decayE), padded, 0);
        _integralE = Cast(gE.Select(g => g * _areaE), padded, 0);
        _endI = Cast(gI.Select(g => g * _decayI), padded, 0);
        _integralI = Cast(gI.Select(g => g * _areaI), padded, 0);
        _refractoryUntilMs = new AlignedArray<double>(padded);
        _refractoryUntilMs.Span.Fill(double.NegativeInfinity);
        _atRest = NoRest ? null : new ulong[(registers + 63) >> 6];
        if (_thresholdBase is not null && !NoRest)
        {
            _restCeiling = new T[registers * lanes];
            _restCeiling.AsSpan().Fill(T.PositiveInfinity);
            for (int j = 0; j < Count; j++)
            {
                SetRestCeiling(j);
            }
        }

        _deferred = new DeferredLanes[registers];
        _deferredValues = new T[4 * padded];
        _laneShift = BitOperations.Log2((uint)lanes);
        _restStep = _atRest is null ? null : new long[registers];
    }

    /// <summary>
    /// The values as <typeparamref name="T"/>, padded with <paramref name="pad"/> to <paramref name="length"/>: the state
    /// arrays fill whole registers, the lanes after the last neuron holding one that never fires (threshold +∞, no
    /// conductance), so that every register takes the same loop in place; each register on a cache line of its own.
    /// </summary>
    private static AlignedArray<T> Cast(IEnumerable<double> values, int length, double pad) =>
        new([.. values.Concat(Enumerable.Repeat(pad, length)).Take(length).Select(T.CreateTruncating)]);

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        _lastInputStep = StepIndex;
        if (DenseRow.Is(targets))
        {
            DeliverDense(timeMs, targets[0], weights, receptor);
            return;
        }

        if (_anyAtRest)
        {
            foreach (int j in targets)
            {
                Wake(j >> _laneShift);
            }
        }

        (T left, T integral) = InputFactors(timeMs, receptor);
        Span<T> end = (receptor == 0 ? _endE : _endI).Span;
        Span<T> area = (receptor == 0 ? _integralE : _integralI).Span;
        for (int k = 0; k < targets.Length; k++)
        {
            int j = targets[k];
            T w = T.CreateTruncating(weights[k]);
            end[j] += w * left;
            area[j] += w * integral;
        }
    }

    public override void DeliverDense(double timeMs, int firstTarget, ReadOnlySpan<float> weights, int receptor)
    {
        _lastInputStep = StepIndex;
        if (_anyAtRest)
        {
            for (int r = firstTarget >> _laneShift; r <= (firstTarget + weights.Length - 1) >> _laneShift; r++)
            {
                Wake(r);
            }
        }

        (T left, T integral) = InputFactors(timeMs, receptor);
        Span<T> end = (receptor == 0 ? _endE : _endI).Span.Slice(firstTarget, weights.Length);
        Span<T> area = (receptor == 0 ? _integralE : _integralI).Span.Slice(firstTarget, weights.Length);
        AddDenseRow(end, area, weights, left, integral);
    }

    /// <summary>Register <paramref name="r"/> leaves rest (an input or a current reaches it): its state is brought up to date first.</summary>
    private void Wake(int r)
    {
        if (Resting(r))
        {
            CatchUp(r);
            _atRest![r >> 6] &= ~(1UL << r);
            _resting--;
        }
    }

    /// <summary>Whether register <paramref name="r"/> is at rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Resting(int r) => (_atRest![r >> 6] >> r & 1) != 0;

    /// <summary>
    /// Register <paramref name="r"/>, at rest, takes the steps it skipped: each lane the step's map of V (the vector
    /// step's <see cref="PadeStep"/>) and its two products per conductance, with the flush of every 256th step, in their
    /// order, so the same numbers as if stepped.
    /// </summary>
    private void CatchUp(int r)
    {
        long from = _restStep![r] + 1, last = StepIndex - 1; // the steps skipped so far
        if (from > last)
        {
            return; // up to date (read again in the same step)
        }

        _restStep[r] = last;
        var a = State;
        Replay(a, (nuint)(r << _laneShift), LanesOf(r), from, last);
    }

    /// <summary>The lanes of register <paramref name="r"/> that hold neurons.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong LanesOf(int r) => r == _registers - 1 ? _lastLanes : ulong.MaxValue;

    private void Replay(in Arrays a, nuint at, ulong lanes, long from, long last)
    {
        if (_wide)
        {
            Replay<Lanes512<T>>(a, at, lanes, from, last);
        }
        else
        {
            Replay<Lanes256<T>>(a, at, lanes, from, last);
        }
    }

    /// <summary>
    /// <see cref="CatchUp"/> for the register at <paramref name="at"/> in <paramref name="a"/>: in each lane the skipped
    /// steps' map of V (the vector step's <see cref="PadeStep"/> with G = g_L h and N its drive without conductances)
    /// and its two products per conductance, with the flush of every 256th step, in their order, so the same numbers as if
    /// stepped; until every lane of <paramref name="lanes"/> is at a fixed point of the step (a lane at one stays there:
    /// its map returns V and its conductances are +0, which the decays and the flush keep).
    /// </summary>
    private void Replay<TL>(in Arrays a, nuint at, ulong lanes, long from, long last)
        where TL : struct, ILanes<TL, T>
    {
        StepConstants<TL> k = Constants<TL>(_current * _h); // constant while any register rests: SetCurrent wakes them all first
        (TL v, TL e, TL ye, TL i, TL yi) = (TL.Load(ref a.V, at), TL.Load(ref a.EndE, at), TL.Load(ref a.IntegralE, at), TL.Load(ref a.EndI, at), TL.Load(ref a.IntegralI, at));
        (TL zero, TL smallest) = (TL.Create(T.Zero), TL.Create(SmallestNormal));
        for (long s = from; s <= last; s++)
        {
            if ((s & 255) == 255)
            {
                (e, ye, i, yi) = (Flushed(e, smallest), Flushed(ye, smallest), Flushed(i, smallest), Flushed(yi, smallest));
            }

            TL next = PadeStep(v, k.LeakArea, k.NegativeDrive0, k);
            if (((TL.DifferentBits(next, v) | TL.DifferentBits(e, zero) | TL.DifferentBits(ye, zero) | TL.DifferentBits(i, zero) | TL.DifferentBits(yi, zero)) & lanes) == 0)
            {
                break;
            }

            (v, e, ye, i, yi) = (next, e * k.DecayE, e * k.AreaE, i * k.DecayI, i * k.AreaI);
        }

        v.Store(ref a.V, at);
        e.Store(ref a.EndE, at);
        ye.Store(ref a.IntegralE, at);
        i.Store(ref a.EndI, at);
        yi.Store(ref a.IntegralI, at);
    }

    /// <summary>Conductance numbers as the flush leaves them: +0 where below the smallest normal number in magnitude.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TL Flushed<TL>(TL x, TL smallest)
        where TL : struct, ILanes<TL, T> => TL.AndNot(x, TL.SmallerThan(x, smallest));

    private static readonly T SmallestNormal = T.CreateTruncating(Math.Pow(2, typeof(T) == typeof(float) ? -126 : -1022));

    /// <summary>What an input of weight 1 at <paramref name="timeMs"/> adds to X and to Y: f = e^(−(t_n+1 − t)/τ) and τ(1 − f).</summary>
    private (T Left, T Integral) InputFactors(double timeMs, int receptor)
    {
        double tau = receptor == 0 ? _tauE : _tauI;
        double left = Math.Exp(-(StepEndMs - timeMs) / tau);
        return (T.CreateTruncating(left), T.CreateTruncating(tau * (1 - left)));
    }

    /// <summary>
    /// The scalar loop's X += w·f and Y += w·τ(1 − f) over a dense row, in registers (512-bit where the CPU has them; the
    /// same two roundings per neuron, no fused multiply-add, so the same numbers), the last partial register's synapses
    /// one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a call of its own: the scattered rows' loop compiles as it did without it
    private static void AddDenseRow(Span<T> end, Span<T> area, ReadOnlySpan<float> weights, T left, T integral)
    {
        int k = 0, n = weights.Length, width = Vector<float>.Count;
        ref float w = ref MemoryMarshal.GetReference(weights);
        if (typeof(T) == typeof(double))
        {
            ref double e = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(end));
            ref double a = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(area));
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<double> l512 = Vector512.Create(double.CreateTruncating(left)), g512 = Vector512.Create(double.CreateTruncating(integral));
                for (; k <= n - 16; k += 16)
                {
                    nuint i = (nuint)k;
                    (Vector512<double> low, Vector512<double> high) = Vector512.Widen(Vector512.LoadUnsafe(ref w, i));
                    (Vector512.LoadUnsafe(ref e, i) + (low * l512)).StoreUnsafe(ref e, i);
                    (Vector512.LoadUnsafe(ref e, i + 8) + (high * l512)).StoreUnsafe(ref e, i + 8);
                    (Vector512.LoadUnsafe(ref a, i) + (low * g512)).StoreUnsafe(ref a, i);
                    (Vector512.LoadUnsafe(ref a, i + 8) + (high * g512)).StoreUnsafe(ref a, i + 8);
                }
            }

            Vector<double> l = new(double.CreateTruncating(left)), g = new(double.CreateTruncating(integral));
            nuint half = (nuint)Vector<double>.Count;
            for (; k <= n - width; k += width)
            {
                nuint i = (nuint)k;
                Vector.Widen(Vector.LoadUnsafe(ref w, i), out Vector<double> low, out Vector<double> high);
                (Vector.LoadUnsafe(ref e, i) + (low * l)).StoreUnsafe(ref e, i);
                (Vector.LoadUnsafe(ref e, i + half) + (high * l)).StoreUnsafe(ref e, i + half);
                (Vector.LoadUnsafe(ref a, i) + (low * g)).StoreUnsafe(ref a, i);
                (Vector.LoadUnsafe(ref a, i + half) + (high * g)).StoreUnsafe(ref a, i + half);
            }
        }
        else if (typeof(T) == typeof(float))
        {
            ref float e = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(end));
            ref float a = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(area));
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<float> l512 = Vector512.Create(float.CreateTruncating(left)), g512 = Vector512.Create(float.CreateTruncating(integral));
                for (; k <= n - 16; k += 16)
                {
                    nuint i = (nuint)k;
                    Vector512<float> x = Vector512.LoadUnsafe(ref w, i);
                    (Vector512.LoadUnsafe(ref e, i) + (x * l512)).StoreUnsafe(ref e, i);
                    (Vector512.LoadUnsafe(ref a, i) + (x * g512)).StoreUnsafe(ref a, i);
                }
            }

            Vector<float> l = new(float.CreateTruncating(left)), g = new(float.CreateTruncating(integral));
            for (; k <= n - width; k += width)
            {
                nuint i = (nuint)k;
                Vector<float> x = Vector.LoadUnsafe(ref w, i);
                (Vector.LoadUnsafe(ref e, i) + (x * l)).StoreUnsafe(ref e, i);
                (Vector.LoadUnsafe(ref a, i) + (x * g)).StoreUnsafe(ref a, i);
            }
        }

        for (; k < n; k++)
        {
            T x = T.CreateTruncating(weights[k]);
            end[k] += x * left;
            area[k] += x * integral;
        }
    }

    public override void SetCurrent(double amplitude, double timeMs)
    {
        for (int r = 0; _atRest is not null && r < _registers; r++)
        {
            Wake(r); // V∞ moves: resting registers first take the steps they skipped under the old current
        }

        double stepStart = StepEndMs - _h;
        _currentCorrection += (_current - amplitude) * (timeMs - stepStart);
        _current = amplitude;
    }

    protected override void CheckpointState(StateArchive a)
    {
        for (int r = 0; _atRest is not null && r < _registers && !a.Loading; r++)
        {
            if (Resting(r))
            {
                CatchUp(r); // saved as stepped (a load starts with none at rest)
            }
        }

        foreach (AlignedArray<T> state in (AlignedArray<T>[])[_v, _endE, _integralE, _endI, _integralI])
        {
            a.Values(state.Span[..Count]); // the neurons, not the padding
        }

        a.Values(_refractoryUntilMs.Span[..Count]);
        a.Value(ref _current);
        a.Value(ref _currentCorrection);
        if (_theta is not null)
        {
            a.Arrays(_theta);
            for (int j = 0; j < _theta.Length && a.Loading; j++)
            {
                _threshold[j] = T.CreateTruncating(_thresholdBase![j] + _theta[j]);
                if (_restCeiling is not null)
                {
                    SetRestCeiling(j);
                }
            }
        }
    }

    /// <summary>Sets every conductance number (X and Y of both receptors) below the smallest normal number in magnitude to +0.</summary>
    private void FlushSubnormals()
    {
        if (_wide)
        {
            FlushSubnormals<Lanes512<T>>();
        }
        else
        {
            FlushSubnormals<Lanes256<T>>();
        }
    }

    private void FlushSubnormals<TL>()
        where TL : struct, ILanes<TL, T>
    {
        var a = State;
        TL bound = TL.Create(SmallestNormal);
        for (int j = 0; j < _v.Length; j += TL.Count)
        {
            nuint i = (nuint)j;
            Flush(ref a.EndE, i, bound);
            Flush(ref a.IntegralE, i, bound);
            Flush(ref a.EndI, i, bound);
            Flush(ref a.IntegralI, i, bound);
        }

        static void Flush(ref T at, nuint i, TL bound) => Flushed(TL.Load(ref at, i), bound).Store(ref at, i);
    }

    /// <remarks>A register at a time (the padding lanes are finite: never the first non-finite).</remarks>
    public override int FirstNonFiniteNeuron() => _wide ? FirstNonFiniteNeuron<Lanes512<T>>() : FirstNonFiniteNeuron<Lanes256<T>>();

    private int FirstNonFiniteNeuron<TL>()
        where TL : struct, ILanes<TL, T>
    {
        var a = State;
        for (int j = 0; j < _v.Length; j += TL.Count)
        {
            nuint i = (nuint)j;
            TL sum = TL.Load(ref a.V, i) + TL.Load(ref a.EndE, i) + TL.Load(ref a.IntegralE, i) + TL.Load(ref a.EndI, i) + TL.Load(ref a.IntegralI, i);
            ulong bad = TL.OutsideBits(sum - sum, T.Zero, T.Zero); // NaN unless finite
            if (bad != 0)
            {
                return j + BitOperations.TrailingZeroCount(bad);
            }
        }

        return -1;
    }

    /// <remarks>Between ticks the state of the last tick is returned (sample on multiples of the step).</remarks>
    public override double Sample(int local, int variable, double timeMs)
    {
        if (_atRest is not null && Resting(local >> _laneShift))
        {
            CatchUp(local >> _laneShift);
        }

        return SampleNow(local, variable);
    }

    private double SampleNow(int local, int variable) => variable switch
    {
        0 => double.CreateTruncating(_v[local]),
        1 => double.CreateTruncating(_endE[local]) / _decayE,
        2 => double.CreateTruncating(_endI[local]) / _decayI,
        _ => _theta?[local] ?? 0,
    };

    protected override void Integrate(double startMs, double endMs)
    {
        double currentIntegral = _current * _h + _currentCorrection;
        // Every 256th step, subnormal conductances to zero; rest looked for every 32nd step while some register is at rest
        // or no input has come for 32 steps (Diehl and Cook's rest between images), else every 256th (never in a step with
        // a current change: it is not the steps after it). Both cost a busy population like COBA's several percent when
        // done every step.
        if ((StepIndex & 255) == 255)
        {
            FlushSubnormals();
        }

        long every = _anyAtRest || StepIndex - _lastInputStep >= 32 ? 32 : 256;
        bool findRest = _atRest is not null && _currentCorrection == 0 && (StepIndex & (every - 1)) == every - 1;
        _currentCorrection = 0;
        if (_theta is not null)
        {
            DecayTheta();
        }

        if (findRest || _anyAtRest)
        {
            _anyAtRest = _wide
                ? IntegrateSkippingRest<Lanes512<T>>(startMs, endMs, currentIntegral, findRest)
                : IntegrateSkippingRest<Lanes256<T>>(startMs, endMs, currentIntegral, findRest);
        }
        else if (_wide)
        {
            Integrate<Lanes512<T>>(startMs, endMs, currentIntegral);
        }
        else
        {
            Integrate<Lanes256<T>>(startMs, endMs, currentIntegral);
        }

        ResolveDeferred(startMs, endMs);
    }

    /// <summary>
    /// θ ← θ e^(−h/τ_θ) and V_th + θ for every neuron, in registers (θ is double at either precision; a float threshold is
    /// the double sum rounded once, as <c>T.CreateTruncating</c> rounds it).
    /// </summary>
    private void DecayTheta()
    {
        double[] theta = _theta!, thresholdBase = _thresholdBase!;
        ref double t = ref MemoryMarshal.GetArrayDataReference(theta), b = ref MemoryMarshal.GetArrayDataReference(thresholdBase);
        int j = 0;
        if (Vector256.IsHardwareAccelerated) // (512-bit registers measured no faster on 100-400 neurons)
        {
            var decay = Vector256.Create(_thetaDecay);
            if (typeof(T) == typeof(double))
            {
                ref double threshold = ref Unsafe.As<T, double>(ref _threshold.First);
                for (; j <= theta.Length - 4; j += 4)
                {
                    Vector256<double> x = Vector256.LoadUnsafe(ref t, (nuint)j) * decay;
                    x.StoreUnsafe(ref t, (nuint)j);
                    (Vector256.LoadUnsafe(ref b, (nuint)j) + x).StoreUnsafe(ref threshold, (nuint)j);
                }
            }
            else if (typeof(T) == typeof(float))
            {
                ref float threshold = ref Unsafe.As<T, float>(ref _threshold.First);
                for (; j <= theta.Length - 8; j += 8)
                {
                    Vector256<double> low = Vector256.LoadUnsafe(ref t, (nuint)j) * decay, high = Vector256.LoadUnsafe(ref t, (nuint)j + 4) * decay;
                    low.StoreUnsafe(ref t, (nuint)j);
                    high.StoreUnsafe(ref t, (nuint)j + 4);
                    Vector256.Narrow(Vector256.LoadUnsafe(ref b, (nuint)j) + low, Vector256.LoadUnsafe(ref b, (nuint)j + 4) + high).StoreUnsafe(ref threshold, (nuint)j);
                }
            }
        }

        for (; j < theta.Length; j++)
        {
            theta[j] *= _thetaDecay;
            _threshold[j] = T.CreateTruncating(thresholdBase[j] + theta[j]);
        }
    }

    private void Integrate<TL>(double tn, double tn1, double currentIntegral)
        where TL : struct, ILanes<TL, T>
    {
        // The constants as a local (through the field, every store to the state arrays made the JIT load them again),
        // and no call in the loop (none of the vector registers holding them survives a call on this ABI): 23% off COBA.
        StepConstants<TL> k = Constants<TL>(currentIntegral);
        var whole = State;
        int last = (_registers - 1) * TL.Count;
        for (int i = 0; i < last; i += TL.Count)
        {
            Step(whole, (nuint)i, i, k, ulong.MaxValue, tn, tn1);
        }

        if (last >= 0)
        {
            Step(whole, (nuint)last, last, k, _lastLanes, tn, tn1); // (a partition may hold none of the population)
        }
    }

    /// <summary>
    /// The step where some register may be at rest (<see cref="_atRest"/>): those no input has reached since are
    /// skipped (the clear bits are visited, in order), the others stepped, and with <paramref name="findRest"/> each
    /// stepped one is tested for rest. A method of its own so that the plain loop above keeps its step constants in
    /// registers. Returns whether any register is at rest.
    /// </summary>
    private bool IntegrateSkippingRest<TL>(double tn, double tn1, double currentIntegral, bool findRest)
        where TL : struct, ILanes<TL, T>
    {
        ulong[] atRest = _atRest!;
        if (_resting == _registers && !findRest)
        {
            return true; // every register rests: nothing to step
        }

        StepConstants<TL> k = Constants<TL>(currentIntegral); // a local: see Integrate
        var a = State;
        for (int word = 0; word < atRest.Length; word++)
        {
            for (ulong awake = ~atRest[word]; awake != 0; awake &= awake - 1)
            {
                int r = (word << 6) + BitOperations.TrailingZeroCount(awake);
                if (r >= _registers)
                {
                    break;
                }

                int i = r * TL.Count;
                if (findRest)
                {
                    Settle(r, StepFindingRest(a, (nuint)i, i, k, LanesOf(r), tn, tn1));
                }
                else
                {
                    Step(a, (nuint)i, i, k, LanesOf(r), tn, tn1);
                }
            }
        }

        return _resting > 0;
    }

    /// <summary>Sets register <paramref name="r"/>'s at-rest flag after this step; a register found at rest now holds this step's conductances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Settle(int r, bool atRest)
    {
        if (atRest != Resting(r))
        {
            _atRest![r >> 6] ^= 1UL << r;
            _resting += atRest ? 1 : -1;
            if (atRest)
            {
                _restStep![r] = StepIndex;
            }
        }
    }

    /// <summary>
    /// One register of neurons, those at <paramref name="i"/> in <paramref name="a"/> (neurons
    /// <paramref name="first"/>, ...): V to the step end on the frozen-conductance solution, the conductances to the next
    /// step; the lanes (of <paramref name="lanes"/>) that fire, leave the refractory period inside the step or fall
    /// outside the polynomial's domain are finished one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step<TL>(in Arrays a, nuint i, int first, in StepConstants<TL> k, ulong lanes, double startMs, double endMs)
        where TL : struct, ILanes<TL, T>
    {
        // The integrals are read first, and each conductance's next values stored as soon as it is read, so that few
        // registers are live at once (AVX2 has sixteen, and the step's constants take most of them).
        TL intE = TL.Load(ref a.IntegralE, i), intI = TL.Load(ref a.IntegralI, i);
        TL g = k.LeakArea + intE + intI;
        TL negativeDrive = TL.MultiplyAdd(intI, k.NegativeReversalI, TL.MultiplyAdd(intE, k.NegativeReversalE, k.NegativeDrive0));
        TL eEnd = TL.Load(ref a.EndE, i);
        (eEnd * k.DecayE).Store(ref a.EndE, i);
        (eEnd * k.AreaE).Store(ref a.IntegralE, i);
        TL iEnd = TL.Load(ref a.EndI, i);
        (iEnd * k.DecayI).Store(ref a.EndI, i);
        (iEnd * k.AreaI).Store(ref a.IntegralI, i);
        TL v0 = TL.Load(ref a.V, i);
        TL v1 = PadeStep(v0, g, negativeDrive, k);

        // Neurons refractory through the whole step stay at reset (a blend); only those that fire or leave the
        // refractory period inside the step need the scalar treatment, and those outside the Padé map's domain
        // (G < 0: negative conductances; G > C/2: above 1,000 nS at C = 200 pF, h = 0.1 ms).
        // The masks are combined as bits (a compare and a move each; as registers each took a conversion each way).
        TL clamped = TL.AtOrAfter(ref a.RefractoryUntilMs, i, endMs);
        v1 = TL.Select(clamped, TL.Load(ref a.Reset, i & a.ParameterMask), v1);
        v1.Store(ref a.V, i);
        ulong outside = TL.OutsideBits(g, T.Zero, k.Domain);
        ulong bits = (TL.AtLeastBits(v1, TL.Load(ref a.Threshold, i & a.ParameterMask)) | outside | TL.AfterBits(ref a.RefractoryUntilMs, i, startMs))
            & ~TL.Bits(clamped) & lanes;
        if (bits != 0)
        {
            Defer(first, bits, outside, v0, negativeDrive, g, v1);
        }
    }

    /// <summary>
    /// V at the step end on the frozen-coefficient solution, V∞ + (V − V∞) e^z with z = −G/C and V∞ = N/G, with e^z
    /// by its (2,2) Padé approximant R(z) = (1 + z/2 + z²/12)/(1 − z/2 + z²/12). Since 1 − R(z) = −z/(1 − z/2 + z²/12),
    /// <code>
    /// V(t + h) = V + (N − G V) / (C + G/2 + G²/(12 C))
    /// </code>
    /// one division and no exponential, computed as V − (G V − N)/(...) from −N (the same bits: negation is exact, and
    /// fused multiply-adds round symmetrically; one instruction fewer than negating G). |e^z − R(z)| ≈ |z|⁵/720: 4.5e−8 at COBA's usual |z| ≈ 0.13 and at most 2.7e−5
    /// (6.8e−5 of the step's move) at the domain's edge |z| = 1/2; for z ≤ 0, 0 &lt; R(z) ≤ 1, so V moves monotonically
    /// towards V∞ and never past it. Source: the Padé table of e^z (Hairer and Wanner, Solving ODEs II, §IV.3).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TL PadeStep<TL>(TL v, TL g, TL negativeDrive, in StepConstants<TL> k)
        where TL : struct, ILanes<TL, T> =>
        v - (TL.MultiplyAdd(g, v, negativeDrive) / TL.MultiplyAdd(g, TL.MultiplyAdd(g, k.InverseTwelveC, k.Half), k.Capacitance));

    /// <summary>
    /// Keeps a register's rare lanes for <see cref="ResolveDeferred"/> after the loop: a call inside the loop made the JIT
    /// keep the step's constants and array references in memory (no vector register survives a call on this ABI) and
    /// reload them every register. Deferring changes nothing: a lane's resolution touches only its own neuron, and
    /// spikes reach other neurons through the queue, after the step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Defer<TL>(int first, ulong bits, ulong outside, TL v0, TL negativeDrive, TL g, TL v1)
        where TL : struct, ILanes<TL, T>
    {
        int n = _deferredCount++;
        _deferred[n] = new DeferredLanes(first, bits, outside);
        ref T at = ref _deferredValues[4 * n * TL.Count];
        v0.Store(ref at, 0);
        negativeDrive.Store(ref at, (nuint)TL.Count);
        g.Store(ref at, (nuint)(2 * TL.Count));
        v1.Store(ref at, (nuint)(3 * TL.Count));
    }

    /// <summary>Resolves the lanes <see cref="Defer"/> kept in this step, register by register in order, then forgets them.</summary>
    private void ResolveDeferred(double tn, double tn1)
    {
        int width = 1 << _laneShift;
        for (int n = 0; n < _deferredCount; n++)
        {
            DeferredLanes d = _deferred[n];
            ReadOnlySpan<T> spilled = _deferredValues.AsSpan(4 * n * width, 4 * width);
            for (ulong lanes = d.Lanes; lanes != 0; lanes &= lanes - 1)
            {
                int lane = BitOperations.TrailingZeroCount(lanes);
                double stepEnd = (d.Outside >> lane & 1) == 0 ? double.CreateTruncating(spilled[(3 * width) + lane]) : double.NaN;
                double vEnd = Resolve(d.First + lane, double.CreateTruncating(spilled[lane]), double.CreateTruncating(-spilled[width + lane] / spilled[(2 * width) + lane]), double.CreateTruncating(spilled[(2 * width) + lane]), stepEnd, tn, tn1);
                _v[d.First + lane] = T.CreateTruncating(vEnd);
            }
        }

        _deferredCount = 0;
    }

    /// <summary>
    /// The register of neurons <see cref="First"/>, ... whose lanes <see cref="Lanes"/> the step left to
    /// <see cref="Resolve"/> (those of <see cref="Outside"/> with no vector V).
    /// </summary>
    private readonly record struct DeferredLanes(int First, ulong Lanes, ulong Outside);

    /// <summary>The registers deferred in this step, and per register its V at the start, −N, G and V at the end (four registers' worth; V∞ = N/G).</summary>
    private readonly DeferredLanes[] _deferred;
    private readonly T[] _deferredValues;
    private int _deferredCount;

    /// <summary>
    /// <see cref="Step"/>, and whether it found the register at rest (<see cref="_atRest"/>): in every lane of
    /// <paramref name="lanes"/> not refractory, each conductance integral too small to move the step's coefficients in
    /// any bit (g_L h + Y == g_L h, and the drive with Y E added is the drive without), and V and V∞ below threshold by a
    /// margin (below the lowest an adaptive threshold relaxes to). Each of those sums is rounded from a value that only moves towards the one without Y as the conductances
    /// decay, so every later step until an input or a current comes is the same map of V, <see cref="PadeStep"/> with
    /// G = g_L h and the drive without conductances, which moves V towards V∞ and so keeps it below threshold:
    /// <see cref="CatchUp"/> replays it.
    /// </summary>
    private bool StepFindingRest<TL>(in Arrays a, nuint i, int first, in StepConstants<TL> k, ulong lanes, double startMs, double endMs)
        where TL : struct, ILanes<TL, T>
    {
        TL v0 = TL.Load(ref a.V, i), intE = TL.Load(ref a.IntegralE, i), intI = TL.Load(ref a.IntegralI, i);
        TL ceiling = _restCeiling is null ? TL.Load(ref a.Threshold, i & a.ParameterMask) : TL.Load(ref _restCeiling[0], (nuint)first);
        TL below = ceiling - TL.Create(RestMargin);
        ulong moved = TL.DifferentBits(k.LeakArea + intE, k.LeakArea) | TL.DifferentBits(k.LeakArea + intI, k.LeakArea)
            | TL.DifferentBits(TL.MultiplyAdd(intE, k.NegativeReversalE, k.NegativeDrive0), k.NegativeDrive0)
            | TL.DifferentBits(TL.MultiplyAdd(intI, k.NegativeReversalI, k.NegativeDrive0), k.NegativeDrive0)
            | TL.AtLeastBits(v0, below) | TL.AtLeastBits(-k.NegativeDrive0 / k.LeakArea, below) | TL.OutsideBits(k.LeakArea, T.Zero, k.Domain);
        Step(a, i, first, k, lanes, startMs, endMs);
        moved |= TL.AfterBits(ref a.RefractoryUntilMs, i, startMs);
        return (moved & lanes) == 0;
    }

    /// <summary>How far below threshold V and V∞ must be for a register to rest: 1 mV, far beyond any rounding of the map.</summary>
    private static readonly T RestMargin = T.One;

    /// <summary>
    /// The rare cases, on the step's frozen-coefficient solution: refractory clamp, threshold crossing, G outside the
    /// Padé map's domain. <paramref name="stepEnd"/> is the vector step's V at <paramref name="tn1"/> from
    /// <paramref name="tn"/> (NaN outside the domain, where the exact exponential takes its place); where it reaches
    /// threshold the crossing time is the frozen solution's, by a log, no later than the step end (the two maps differ
    /// by about |z|⁵/720 · |V − V∞|, so the exact crossing may fall just past it). Returns V at the step end.
    /// </summary>
    private double Resolve(int j, double v0, double vInf, double g, double stepEnd, double tn, double tn1)
    {
        double rate = g / (_c * _h); // 1/ms
        double start = tn, threshold = double.CreateTruncating(_threshold[j & _parameterMask]), reset = double.CreateTruncating(_reset[j & _parameterMask]);
        if (_refractoryUntilMs[j] > tn)
        {
            if (_refractoryUntilMs[j] >= tn1)
            {
                return reset;
            }

            start = _refractoryUntilMs[j];
            v0 = reset;
            stepEnd = double.NaN;
        }

        while (true)
        {
            double v1 = double.IsNaN(stepEnd) ? vInf + ((v0 - vInf) * Math.Exp(-rate * (tn1 - start))) : stepEnd;
            stepEnd = double.NaN; // from a reset on, V leaves the vector step's trajectory
            if (v1 < threshold)
            {
                return v1;
            }

            double spikeMs = v0 >= threshold ? start : Math.Min(start + (Math.Log((threshold - vInf) / (v0 - vInf)) / -rate), tn1);
            ReportSpike(j, spikeMs);
            if (_theta is not null)
            {
                _theta[j] += _thetaIncrement;
                _threshold[j] = T.CreateTruncating(_thresholdBase![j] + _theta[j]);
                threshold = double.CreateTruncating(_threshold[j]);
            }

            _refractoryUntilMs[j] = spikeMs + _refractory[j];
            if (_refractoryUntilMs[j] >= tn1)
            {
                return reset;
            }

            start = _refractoryUntilMs[j];
            v0 = reset;
        }
    }

    /// <summary>
    /// The step's constants as registers at the runtime's width: made again only when the current
    /// integral changes (a step's broadcasts and division were 2% of a digits presentation).
    /// </summary>
    private ref StepConstants<TL> Constants<TL>(double currentIntegral)
        where TL : struct, ILanes<TL, T>
    {
        ref StepConstants<TL> k = ref typeof(TL) == typeof(Lanes512<T>)
            ? ref Unsafe.As<StepConstants<Lanes512<T>>, StepConstants<TL>>(ref _constants512)
            : ref Unsafe.As<StepConstants<Lanes256<T>>, StepConstants<TL>>(ref _constants256);
        if (!k.Built || BitConverter.DoubleToInt64Bits(k.CurrentIntegral) != BitConverter.DoubleToInt64Bits(currentIntegral))
        {
            k = new StepConstants<TL>(this, currentIntegral);
        }

        return ref k;
    }

    private StepConstants<Lanes512<T>> _constants512;
    private StepConstants<Lanes256<T>> _constants256;

    /// <summary>The step's constants as registers (see <see cref="Constants"/>).</summary>
    private struct StepConstants<TL>
        where TL : struct, ILanes<TL, T>
    {
        public readonly TL LeakArea, DecayE, DecayI, AreaE, AreaI, Capacitance, Half, InverseTwelveC;

        /// <summary>
        /// −N without conductances (−(g_L E_L h + ∫I)), −E_e and −E_i: the step works with −N (see <see cref="PadeStep"/>;
        /// negation is exact, so these are the negated values' bits at either precision).
        /// </summary>
        public readonly TL NegativeDrive0, NegativeReversalE, NegativeReversalI;

        /// <summary>The largest G the vector step takes, C/2 (|z| ≤ 1/2).</summary>
        public readonly T Domain;

        /// <summary>The current's integral over the step that <see cref="NegativeDrive0"/> holds, and whether these were made at all.</summary>
        public readonly double CurrentIntegral;
        public readonly bool Built;

        public StepConstants(LifCondExpRuntime<T> r, double currentIntegral)
        {
            CurrentIntegral = currentIntegral;
            Built = true;
            LeakArea = Lanes(r._gL * r._h);
            NegativeDrive0 = Lanes(-((r._gL * r._eL * r._h) + currentIntegral));
            NegativeReversalE = Lanes(-r._eE);
            NegativeReversalI = Lanes(-r._eI);
            DecayE = Lanes(r._decayE);
            DecayI = Lanes(r._decayI);
            AreaE = Lanes(r._areaE);
            AreaI = Lanes(r._areaI);
            Capacitance = Lanes(r._c);
            Half = Lanes(0.5);
            InverseTwelveC = Lanes(1.0 / (12 * r._c));
            Domain = T.CreateTruncating(r._c / 2);
        }

        private static TL Lanes(double value) => TL.Create(T.CreateTruncating(value));
    }

    /// <summary>The population's state arrays, for the step.</summary>
    private Arrays State
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(_v, _endE, _integralE, _endI, _integralI, _refractoryUntilMs, _threshold, _reset, (nuint)(nint)_parameterMask);
    }

    /// <summary>References to the first element of each state array, for the step.</summary>
    private readonly ref struct Arrays(AlignedArray<T> v, AlignedArray<T> endE, AlignedArray<T> integralE, AlignedArray<T> endI, AlignedArray<T> integralI, AlignedArray<double> refractoryUntilMs, AlignedArray<T> threshold, AlignedArray<T> reset, nuint parameterMask)
    {
        /// <summary>ANDed with a neuron's index to read threshold and reset: all ones per neuron, 0 uniform.</summary>
        public readonly nuint ParameterMask = parameterMask;

        public readonly ref T V = ref v.First;
        public readonly ref T EndE = ref endE.First;
        public readonly ref T IntegralE = ref integralE.First;
        public readonly ref T EndI = ref endI.First;
        public readonly ref T IntegralI = ref integralI.First;
        public readonly ref double RefractoryUntilMs = ref refractoryUntilMs.First;
        public readonly ref T Threshold = ref threshold.First;
        public readonly ref T Reset = ref reset.First;
    }
}
