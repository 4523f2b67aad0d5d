using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using SpikeCore.Checkpoints;
using SpikeCore.Models.Numerics;
using SpikeCore.Running;
using SpikeCore.Runtimes;

namespace SpikeCore.Models.Neurons;

/// <summary>
/// State of a <see cref="LifExp"/> population and its event handling.
/// </summary>
/// <remarks>
/// <para>Representation: between resets V(t) = V∞ + A e^(−(t−T)/τm) + B e^(−(t−T)/τe) + C e^(−(t−T)/τi) with a
/// population-wide reference time T, so B = k_e I_e and C = k_i I_i scaled to T. An input of weight w at t adds
/// w k_e e^((t−T)/τe) to B and subtracts w k_e e^((t−T)/τm) from A (V stays continuous); the growth factors depend
/// only on t, so they are computed once per delivered block and each synapse costs two multiply-adds: no neuron is
/// ever "advanced", and no <c>exp</c> is taken per synapse. T moves forward on a fixed grid before the factors could
/// overflow, each neuron when it is next changed (<see cref="CatchUp"/>). A neuron's coefficients, key and flags sit
/// together.</para>
/// <para>Spike prediction: each neuron's emitter key is a time before which it certainly does not fire. An
/// inhibitory input can only delay the crossing, so it leaves the key alone. A key set after an input is certified
/// with a margin: V stays at least m below threshold until then; each later excitatory input subtracts its PSP peak
/// (w times the peak of the unit PSP; in windows less, see below) from that slack, and only when the slack is gone is a
/// new bound computed (<see cref="ExponentialSum"/>, a few flops) and the key lowered if it is earlier. A key that
/// reaches the top of the heap is refined by the certified bound again (inputs usually arrive before a far crossing, so
/// searching it to the end would be wasted) and, when that makes no progress, by the exact root search; an exact key
/// fires if nothing changes it first.</para>
/// <para>Spike times are canonical: whenever a crossing is found, its time is the first root of the trajectory searched
/// from the neuron's last change (input, end of refractoriness, new current: <see cref="CrossingMs"/>), never from
/// wherever the search happened to start. Keys only decide when to look, so event mode and windows, which keep
/// different keys, give the same spikes bit for bit.</para>
/// <para>In windows (<see cref="SchedulerMode.Windows"/>) a visit, or an input that used up the slack, proves the
/// trajectory below threshold from the window's start T over the longest horizon it can (<see cref="HorizonProof"/>:
/// terms from the window's own factors, no exp) and sets the key at that horizon's end; only a failed proof costs a
/// root search.</para>
/// <para>Sweeps (windows only): most neurons are far from threshold most of the time, and keeping a key for each cost
/// a proof every time an input used up its slack or its key came due (CUBA: 19.5 proofs per spike). Instead, every
/// <see cref="SweepWindows"/> windows one pass proves all swept neurons below threshold over those windows at once,
/// eight per register (<see cref="Sweep"/>, <see cref="WindowProof.UpperBounds"/>), and gives each as slack the distance
/// it proved. A swept neuron has no key (+∞); only an input that used its slack up, or a sweep that cannot prove it,
/// gives it a key again (<see cref="ProveWindow"/>), which it keeps until a proof reaches past the next sweep. So keys
/// are kept for the neurons near threshold and for refractory ones only (CUBA: 5.4 proofs per spike instead of 19.5,
/// 0.47 → 0.29 s per 10 simulated s). A sweep never fires a neuron and never changes its coefficients, so spikes stay canonical.</para>
/// <para>Charges in windows: an input of weight w at t in the window [T, E) raises V by at most w Q(S − t) ≤ w Q(S − T)
/// before the next sweep at S (Q(u) the most a unit PSP rises within u: <see cref="PspRise"/>), and every slack in
/// windows lasts until S at most (a swept neuron's until the sweep that proves it again, a keyed neuron's until its key,
/// which comes before S: a proof past S sweeps the neuron). So an input is charged w Q(S − T), from 0.69 of the PSP's
/// peak early in a sweep to almost nothing at its end on CUBA, instead of the peak (CUBA 10 s: proofs 1.25 M → 1.16 M,
/// 3% faster).</para>
/// </remarks>
internal sealed class LifExpRuntime : PopulationRuntime
{
    /// <summary>
    /// Search steps a visit in event mode may take before it settles for the certified bound. 0 measured fastest on CUBA (0.88 s per
    /// 5 s against 0.92 for 1 and 0.97 for 4): the quadratic envelope is tight, and most far crossings never happen.
    /// </summary>
    private const int RootStepBudget = 0;

    /// <summary>Flags: refractory (the key ends the clamp), keyed to the exact crossing, swept (no key: <see cref="Sweep"/>).</summary>
    private const byte Clamped = 1, Exact = 2, Swept = 4;

    /// <summary>
    /// Windows one sweep covers (<see cref="Sweep"/>; at least 2, so that a window a rounding longer than d_min still
    /// ends within it). CUBA, 10 s, three rounds: 16 windows 0.36 s, 32 and 48 0.34 s, 64 0.36 s.
    /// </summary>
    private const int SweepWindows = 32;

    /// <summary>
    /// The least distance below threshold (mV) a sweep must prove over its windows to keep a neuron swept (CUBA: 0, 0.05
    /// and 0.1 measured alike).
    /// </summary>
    private const double SweepReserveMv = 0.05;

    /// <summary>
    /// Fraction of the present distance to threshold that a new key is certified to keep in reserve, so that the next
    /// excitatory inputs, whose PSP peaks fit in it, need no new bound (CUBA: 0.19 → 0.13 s per simulated second;
    /// 0.1 to 0.3 measured alike, 0.75 worse: the keys come too early).
    /// </summary>
    private const double MarginFraction = 0.25;

    /// <summary>
    /// The same in windows, where the neurons near threshold are the only ones keyed (the sweeps hold the others): a
    /// small margin lets their keys reach further (CUBA, 10 s, three rounds: 0.25 0.34-0.36 s, 0.1 0.33, 0.02-0.05 0.32).
    /// </summary>
    private const double WindowMarginFraction = 0.05;

    private readonly Coefficients[] _n;
    private readonly DecayRates _rates;
    private readonly double _ke, _ki, _threshold, _reset, _refractory, _rest, _rebaseAfterMs;

    /// <summary>Threshold, reset and refractory period per neuron when the network draws them so (null: the scalars hold).</summary>
    private readonly double[]? _thresholds, _resets, _refractories;
    private readonly double _tauM, _tauE, _tauI;

    /// <summary>
    /// What an excitatory (receptor 0) or inhibitory (receptor 1) input of unit weight is charged against its target's
    /// slack (only inputs of positive weight are charged): in event mode the unit PSP's peak, as a key may lie anywhere
    /// ahead; in windows the most it can rise before the next sweep (<see cref="BeginWindow"/>).
    /// </summary>
    private double _chargeE, _chargeI;
    private double _vInf;
    private double _startMs;

    /// <summary>The epoch of the factor time: reference time T = start + epoch · R (see <see cref="EpochOf"/>).</summary>
    private int _factorEpoch;
    private readonly double _rebaseDecayM, _rebaseDecayE, _rebaseDecayI;
    private double _factorsAtMs = double.NaN;
    private double _decayM, _decayE, _decayI, _growM, _growE, _growI;

    /// <summary>In windows: the proofs over the horizons 2^i d_min (null in event mode).</summary>
    private HorizonProof? _horizons;

    /// <summary>In windows: the proof over a sweep's windows.</summary>
    private WindowProof _sweep;

    /// <summary>The end of the last sweep's windows: the next window that ends after it starts with a sweep.</summary>
    private double _sweptUntilMs = double.NegativeInfinity;

    /// <summary>A swept neuron's slack, as a fraction of the distance below threshold proved (a reserve for the rounding of the charges).</summary>
    private const double SweptSlackFraction = 1 - 1e-9;

    /// <summary>In windows: how far a unit input can raise V within a time, on the grid of windows (up to a sweep's length).</summary>
    private PspRise? _riseE, _riseI;

    /// <summary>The current window [T, E) and its factors at T for the two epochs a neuron in it can be in.</summary>
    private double _windowStartMs = double.NaN, _windowEndMs;
    private WindowFactors _window, _windowBefore;

    /// <summary>The registers the sweeps run in.</summary>
    private readonly LaneWidth _sweepWidth;

    public LifExpRuntime(LifExp p, PopulationLayout layout)
        : base(layout)
    {
        int n = Count;
        _sweepWidth = p.SweepWidth ?? LaneWidths.Widest;
        _rates = new DecayRates(p.MembraneTauMs, p.ExcitatoryTauMs, p.InhibitoryTauMs);
        _ke = p.ExcitatoryTauMs / (p.ExcitatoryTauMs - p.MembraneTauMs);
        _ki = p.InhibitoryTauMs / (p.InhibitoryTauMs - p.MembraneTauMs);
        _threshold = p.ThresholdMv;
        _reset = p.ResetMv;
        _refractory = p.RefractoryMs;
        _thresholds = layout.ParameterValues("threshold_mv");
        _resets = layout.ParameterValues("reset_mv");
        _refractories = layout.ParameterValues("refractory_ms");
        _rest = p.RestMv;
        _vInf = p.RestMv;
        _rebaseAfterMs = 100 * Math.Min(p.MembraneTauMs, Math.Min(p.ExcitatoryTauMs, p.InhibitoryTauMs));
        _rates.Decays(_rebaseAfterMs, out _rebaseDecayM, out _rebaseDecayE, out _rebaseDecayI);
        (_tauM, _tauE, _tauI) = (p.MembraneTauMs, p.ExcitatoryTauMs, p.InhibitoryTauMs);
        _chargeE = PspRise.Within(p.ExcitatoryTauMs, p.MembraneTauMs);
        _chargeI = PspRise.Within(p.InhibitoryTauMs, p.MembraneTauMs);
        _n = new Coefficients[n];
        _sweepLater = new int[n];
        for (int j = 0; j < n; j++)
        {
            double v = layout.Initial[0]?[j] ?? p.RestMv;
            double b = _ke * (layout.Initial[1]?[j] ?? 0);
            double c = _ki * (layout.Initial[2]?[j] ?? 0);
            _n[j] = new Coefficients { A = v - _vInf - b - c, B = b, C = c, KeyMs = double.PositiveInfinity };
        }
    }

    public override void Start(SimulationCore core, double timeMs)
    {
        base.Start(core, timeMs);
        _startMs = timeMs;
        _factorEpoch = 0;
        _factorsAtMs = double.NaN;
        if (core.WindowMs > 0)
        {
            _horizons = new HorizonProof(core.WindowMs, _rates);
            double sweepMs = SweepWindows * core.WindowMs;
            _sweep = new WindowProof(sweepMs, _rates);
            _sweptUntilMs = timeMs + sweepMs; // as if swept now: the keys below sweep whom they prove that far
            _riseE = new PspRise(_tauE, _tauM, core.WindowMs, SweepWindows + 1); // (+1: a window a rounding longer than d_min)
            _riseI = new PspRise(_tauI, _tauM, core.WindowMs, SweepWindows + 1);
            BeginWindow(timeMs, timeMs + core.WindowMs); // (no sweep: it ends before the first sweep's)
        }

        SetFactors(timeMs);
        for (int j = 0; j < Count; j++)
        {
            _n[j].LastMs = timeMs;
            LowerKey(j, timeMs); // keys start at +∞
        }
    }

    public override bool SchedulerBringsTargetsUp => false; // Deliver brings each target up, reading the key beside its state

    public override void BeginWindow(double startMs, double endMs)
    {
        if (startMs == _windowStartMs && endMs == _windowEndMs)
        {
            return;
        }

        (_windowStartMs, _windowEndMs) = (startMs, endMs);
        int epoch = EpochOf(endMs);
        _window = new WindowFactors(epoch, startMs, this);
        _windowBefore = epoch > 0 ? new WindowFactors(epoch - 1, startMs, this) : _window;
        if (endMs > _sweptUntilMs) // (windows only: the core calls this in windows)
        {
            Sweep(startMs);
        }

        // An input at t in [T, E) raises V by at most w Q(S − t) ≤ w Q(S − T) before the next sweep at S, when every swept
        // neuron is proved again; a keyed neuron's key comes before S (a proof past it sweeps the neuron).
        double toSweepMs = _sweptUntilMs - startMs;
        (_chargeE, _chargeI) = (_riseE!.AtMost(toSweepMs), _riseI!.AtMost(toSweepMs));
    }

    /// <summary>
    /// Proves every swept neuron below threshold over the sweep's windows from <paramref name="startMs"/> on, a register
    /// of neurons at a time (<see cref="WindowProof.UpperBounds"/>: eight where the CPU has AVX-512, four where it has
    /// AVX2, the same bits): one at least <see cref="SweepReserveMv"/> below stays swept with the distance proved as its
    /// slack (<see cref="SweptSlackFraction"/> of it); one that is not gets a key again (<see cref="ProveWindow"/>).
    /// Swept neurons not proved, or in the epoch before, are taken one by one after the loop, so that the loop makes no
    /// call.
    /// </summary>
    private void Sweep(double startMs)
    {
        _sweptUntilMs = startMs + _sweep.WindowMs;
        int[] later = _sweepLater;
        int count = 0;
        int j = _sweepWidth switch
        {
            LaneWidth.Bits512 => SweepLanes<Lanes512<double>>(ref count),
            LaneWidth.Bits256 => SweepLanes<Lanes256<double>>(ref count),
            _ => 0,
        };
        for (; j < _n.Length; j++)
        {
            later[count++] = j;
        }

        for (int k = 0; k < count; k++)
        {
            SweepOne(later[k]);
        }
    }

    /// <summary>
    /// The sweep's whole registers of <typeparamref name="TLanes"/>: each neuron's tag (epoch and flags,
    /// <see cref="TagOf"/>) and coefficients read as lanes across the state's structs. Lists in <see cref="_sweepLater"/>
    /// (from <paramref name="count"/> on) the swept neurons it did not prove; returns the first neuron after its registers.
    /// </summary>
    private int SweepLanes<TLanes>(ref int count)
        where TLanes : struct, ILanes<TLanes, double>
    {
        Coefficients[] state = _n;
        int[] later = _sweepLater;
        int j = 0;
        nint stride = Unsafe.SizeOf<Coefficients>() / sizeof(double);
        WindowProof proof = _sweep;
        var (dm, de, di) = (TLanes.Create(_window.DecayM), TLanes.Create(_window.DecayE), TLanes.Create(_window.DecayI));
        var tagOnly = TLanes.Create(BitConverter.Int64BitsToDouble(0xFF_FFFF_FFFFL)); // (the word's upper bytes are padding)
        var flagsOnly = TLanes.Create(BitConverter.Int64BitsToDouble(0xFF_0000_0000L));
        var sweptTag = TLanes.Create(BitConverter.Int64BitsToDouble((long)Swept << 32));
        var here = TLanes.Create(BitConverter.Int64BitsToDouble(((long)Swept << 32) | (uint)_window.Epoch));
        var reserve = TLanes.Create(-SweepReserveMv);
        var kept = TLanes.Create(-SweptSlackFraction); // (of the bound's distance below threshold)
        double[]? thresholds = _thresholds;
        var vInf = TLanes.Create(_vInf);
        var c0 = TLanes.Create(_vInf - _threshold);
        for (; j + TLanes.Count <= state.Length; j += TLanes.Count)
        {
            ref Coefficients q = ref state[j];
            var tags = TLanes.Gather(ref TagOf(ref q), stride) & tagOnly;
            ulong swept = TLanes.Bits(TLanes.SameBits(tags & flagsOnly, sweptTag));
            if (swept == 0)
            {
                continue; // all keyed or refractory: their keys stand
            }

            var a = TLanes.Gather(ref q.A, stride) * dm;
            var b = TLanes.Gather(ref q.B, stride) * de;
            var c = TLanes.Gather(ref q.C, stride) * di;
            var bound = proof.UpperBounds(thresholds is null ? c0 : vInf - TLanes.Load(ref thresholds[0], (nuint)j), a, b, c);
            var stays = TLanes.LessThan(bound, reserve) & TLanes.SameBits(tags, here);
            ulong stay = TLanes.Bits(stays);
            TLanes.Select(stays, bound * kept, TLanes.Gather(ref q.SlackMv, stride)).Scatter(ref q.SlackMv, stride);
            for (ulong bits = swept & ~stay; bits != 0; bits &= bits - 1)
            {
                later[count++] = j + BitOperations.TrailingZeroCount(bits); // one by one after the loop (no call in it)
            }
        }

        return j;
    }

    /// <summary>Neurons a sweep takes one by one (swept, but not proved in their register or in the epoch before).</summary>
    private readonly int[] _sweepLater;

    /// <summary>
    /// A neuron's epoch and flags as the one little-endian word they share in memory, read as a double's bits: the epoch
    /// in bits 0-31, the flags in 32-39, then padding (masked off where read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double TagOf(ref Coefficients n) => ref Unsafe.As<int, double>(ref n.Epoch);

    /// <summary>The sweep of neuron j alone (the scalar bound, the same bits as a lane's).</summary>
    private void SweepOne(int j)
    {
        ref Coefficients n = ref _n[j];
        if (n.Flags != Swept)
        {
            return; // refractory, or keyed: its key stands
        }

        ref readonly WindowFactors w = ref n.Epoch == _window.Epoch ? ref _window : ref _windowBefore;
        double bound = n.Epoch != w.Epoch ? double.NaN : _sweep.UpperBound(_vInf - ThresholdOf(j), n.A * w.DecayM, n.B * w.DecayE, n.C * w.DecayI);
        if (bound < -SweepReserveMv)
        {
            n.SlackMv = -bound * SweptSlackFraction;
        }
        else
        {
            ProveWindow(j, double.NegativeInfinity, trySweep: false); // (its bound is the one that just failed)
        }
    }

    public override void Deliver(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor)
    {
        SetFactors(timeMs);
        if (receptor == 2)
        {
            DeliverVoltage(timeMs, targets, weights);
        }
        else if (receptor == 0)
        {
            DeliverCurrent(timeMs, targets, weights, 0, _ke * _growE, _ke * _growM, _chargeE);
        }
        else
        {
            DeliverCurrent(timeMs, targets, weights, 1, _ki * _growI, _ki * _growM, _chargeI);
        }
    }

    public override void OnEmitterDue(int j, double timeMs)
    {
        if ((_n[j].Flags & Clamped) != 0)
        {
            Unclamp(j, timeMs);
        }
        else if ((_n[j].Flags & Exact) != 0)
        {
            Fire(j, timeMs);
            return;
        }

        if (_horizons is not null)
        {
            ProveWindow(j, timeMs);
            return;
        }

        ExponentialSum trajectory = Trajectory(j, timeMs);
        double s = trajectory.FirstRootMs(RootStepBudget, out bool exact);
        if (!exact && timeMs + s <= timeMs)
        {
            s = trajectory.FirstRootMs(int.MaxValue, out exact); // the bound made no progress in time: finish the search
        }

        _n[j].SlackMv = 0; // this key is certified with no margin
        if (exact)
        {
            SetCrossing(j, timeMs);
            return;
        }

        _n[j].Flags = 0;
        SetKey(j, timeMs + s);
    }

    public override void SetCurrent(double amplitude, double timeMs)
    {
        SetFactors(timeMs);
        double newVInf = _rest + amplitude;
        double shift = (_vInf - newVInf) * _growM;
        for (int j = 0; j < Count; j++)
        {
            CatchUp(ref _n[j], _factorEpoch);
            _n[j].A += shift; // V stays continuous while V∞ moves
            _n[j].LastMs = timeMs;
        }

        _vInf = newVInf;
        for (int j = 0; j < Count; j++)
        {
            LowerKey(j, timeMs);
        }
    }

    public override void Checkpoint(StateArchive a)
    {
        a.Values(_n.AsSpan());
        a.Value(ref _vInf);
        a.Value(ref _startMs);
        a.Value(ref _factorEpoch);
        a.Value(ref _factorsAtMs);
        a.Value(ref _decayM);
        a.Value(ref _decayE);
        a.Value(ref _decayI);
        a.Value(ref _growM);
        a.Value(ref _growE);
        a.Value(ref _growI);
        a.Value(ref _sweptUntilMs);
    }

    public override int FirstNonFiniteNeuron()
    {
        for (int j = 0; j < _n.Length; j++)
        {
            if (!double.IsFinite(_n[j].A + _n[j].B + _n[j].C))
            {
                return j;
            }
        }

        return -1;
    }

    public override double Sample(int local, int variable, double timeMs)
    {
        int epoch = EpochOf(timeMs);
        _rates.Decays(timeMs - ReferenceOf(epoch), out double xm, out double xe, out double xi);
        Coefficients n = _n[local];
        for (; n.Epoch < epoch; n.Epoch++)
        {
            Rebase(ref n);
        }

        return variable switch
        {
            0 when (_n[local].Flags & Clamped) != 0 => ResetOf(local),
            0 => _vInf + n.A * xm + n.B * xe + n.C * xi,
            1 => n.B * xe / _ke,
            _ => n.C * xi / _ki,
        };
    }

    /// <summary>
    /// Current inputs: receptor 0 adds to B (excitatory current), 1 to C (inhibitory current). In windows the targets are
    /// taken in a loop without calls (<see cref="AddCurrents"/>) up to the first whose key is due before the input, and the
    /// proofs of those whose slack the input used up follow it (the calls made the JIT keep the loop's values in memory);
    /// from a due key on, the targets go one by one (<see cref="AddCurrentsInOrder"/>). An input never fires the neuron it
    /// reaches, so a proof may wait until the block's other targets have their input: each neuron's own operations stay
    /// in order, and keys only decide when to look.
    /// </summary>
    private void DeliverCurrent(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor, double toCurrent, double toMembrane, double charge)
    {
        int done = 0;
        if (_horizons is not null)
        {
            Span<int> used = _slackUsed.Length >= targets.Length ? _slackUsed : _slackUsed = new int[targets.Length];
            done = AddCurrents(timeMs, targets, weights, receptor == 0, toCurrent, toMembrane, charge, used, out int proofs);
            for (int k = 0; k < proofs; k++)
            {
                LowerKey(used[k], timeMs);
            }
        }

        if (done < targets.Length)
        {
            AddCurrentsInOrder(timeMs, targets[done..], weights[done..], receptor, toCurrent, toMembrane, charge);
        }
    }

    /// <summary>Targets whose slack an input used up, for the proofs after <see cref="AddCurrents"/>.</summary>
    private int[] _slackUsed = new int[64];

    /// <summary>
    /// The inputs of a block in windows, without calls, up to the first target whose key is due before
    /// <paramref name="timeMs"/> (returned: how many were taken); the targets whose slack is used up go to
    /// <paramref name="used"/> (<paramref name="proofs"/> of them) for a proof.
    /// </summary>
    private int AddCurrents(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, bool excitatory, double toCurrent, double toMembrane, double charge, Span<int> used, out int proofs)
    {
        Coefficients[] state = _n;
        int epoch = _factorEpoch, count = 0, i = 0;
        if (Core.PrefetchesAhead)
        {
            for (int k = 0; k < Math.Min(Prefetch.Distance, targets.Length); k++)
            {
                Prefetch.Read(ref state[targets[k]]); // the block's first targets, which the loop does not prefetch
            }
        }

        for (; i < targets.Length; i++)
        {
            if (i + Prefetch.Distance < targets.Length)
            {
                Prefetch.Read(ref state[targets[i + Prefetch.Distance]]); // out of cache, 3x the events per second
            }

            int j = targets[i];
            ref Coefficients n = ref state[j];
            if (n.KeyMs < timeMs || n.Epoch != epoch)
            {
                break; // its events before this input first, or its coefficients to this epoch: one by one from here
            }

            double w = FastMath.Widen(weights[i]);
            AddInput(ref n, timeMs, w, excitatory, toCurrent, toMembrane);
            if (w > 0)
            {
                n.SlackMv -= w * charge;
                if (n.SlackMv <= 0)
                {
                    used[count++] = j; // its slack is gone (always so for an exact key, which has none): a proof after the loop
                }

                continue; // excitatory: the flags stay (an exact key never gets here, its input is listed for a proof)
            }

            n.Flags &= Clamped | Swept; // inhibitory: the crossing can only come later, the key stays a lower bound
        }

        proofs = count;
        return i;
    }

    /// <summary>One current input of weight <paramref name="w"/> at <paramref name="timeMs"/>: B (or C) grows, A keeps V continuous.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddInput(ref Coefficients n, double timeMs, double w, bool excitatory, double toCurrent, double toMembrane)
    {
        n.LastMs = timeMs;
        if (excitatory)
        {
            n.B += w * toCurrent;
        }
        else
        {
            n.C += w * toCurrent;
        }

        n.A -= w * toMembrane;
    }

    /// <summary>The inputs of a block one target at a time, each brought up to the input and its key lowered at once.</summary>
    private void AddCurrentsInOrder(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int receptor, double toCurrent, double toMembrane, double charge)
    {
        Coefficients[] state = _n;
        for (int i = 0; i < targets.Length; i++)
        {
            if (i + Prefetch.Distance < targets.Length)
            {
                Prefetch.Read(ref state[targets[i + Prefetch.Distance]]);
            }

            int j = targets[i];
            double w = weights[i];
            ref Coefficients n = ref state[j];
            if (n.KeyMs < timeMs && _horizons is not null)
            {
                Core.BringUpTo(FirstId + j, timeMs); // in windows: its events before this input first
                SetFactors(timeMs); // (its visits moved the factors to their own times)
            }

            CatchUp(ref n, _factorEpoch);
            AddInput(ref n, timeMs, w, receptor == 0, toCurrent, toMembrane);
            if (w > 0)
            {
                n.SlackMv -= w * charge;
                if (n.SlackMv > 0)
                {
                    continue; // its whole PSP fits in the margin its key was certified with (an exact key has none)
                }

                LowerKey(j, timeMs);
            }
            else
            {
                n.Flags &= Clamped | Swept; // the crossing can only come later: the key stays a valid lower bound
            }
        }
    }

    private void DeliverVoltage(double timeMs, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if (i + Prefetch.Distance < targets.Length)
            {
                Prefetch.Read(ref _n[targets[i + Prefetch.Distance]]);
            }

            int j = targets[i];
            if (_n[j].KeyMs < timeMs && _horizons is not null)
            {
                Core.BringUpTo(FirstId + j, timeMs);
                SetFactors(timeMs);
            }

            if ((_n[j].Flags & Clamped) != 0)
            {
                continue; // dropped while refractory, as in NEST
            }

            CatchUp(ref _n[j], _factorEpoch);
            _n[j].LastMs = timeMs;
            _n[j].A += weights[i] * _growM;
            if (weights[i] > 0)
            {
                LowerKey(j, timeMs);
            }
            else
            {
                _n[j].Flags &= Swept;
            }
        }
    }

    private void Fire(int j, double timeMs)
    {
        Core.Spike(FirstId + j, timeMs);
        _n[j].Flags = Clamped;
        _n[j].SlackMv = double.PositiveInfinity; // refractory: the key ends the clamp whatever its inputs, which need no proof
        double refractory = _refractories?[j] ?? _refractory;
        if (refractory > 0)
        {
            SetKey(j, timeMs + refractory); // the clamp ends when this key comes up
            return;
        }

        Unclamp(j, timeMs);
        SetKey(j, double.PositiveInfinity);
        SetFactors(timeMs); // (event mode's bound reads them)
        LowerKey(j, timeMs);
    }

    /// <summary>End of the refractory clamp at <paramref name="timeMs"/>: V = V_reset with the currents as they are.</summary>
    private void Unclamp(int j, double timeMs)
    {
        int epoch = EpochOf(timeMs);
        _rates.Decays(timeMs - ReferenceOf(epoch), out double xm, out double xe, out double xi); // (not the delivery's factors: they stay)
        ref Coefficients n = ref _n[j];
        n.Flags = 0;
        CatchUp(ref n, epoch);
        n.A = (ResetOf(j) - _vInf - n.B * xe - n.C * xi) * (1 / xm);
        n.LastMs = timeMs;
    }

    /// <summary>
    /// The first time the present trajectory reaches threshold (+∞ if never), searched from the neuron's last change
    /// with the factors of that time: the one answer both schedulers give, whenever and from wherever they ask.
    /// </summary>
    private double CrossingMs(int j)
    {
        Core.Count(ProfileCount.RootSearches);
        double from = _n[j].LastMs;
        return from + Trajectory(j, from).FirstRootMs();
    }

    /// <summary>Sets neuron j's key to its crossing, exactly (firing now if that is not after <paramref name="timeMs"/>).</summary>
    private void SetCrossing(int j, double timeMs)
    {
        double crossing = CrossingMs(j);
        if (crossing <= timeMs)
        {
            Fire(j, crossing); // at most rounding before the present key: the canonical time stands
            return;
        }

        _n[j].Flags = double.IsPositiveInfinity(crossing) ? (byte)0 : Exact;
        _n[j].SlackMv = 0;
        SetKey(j, crossing);
    }

    /// <summary>
    /// In windows, at a visit or after an input that used up the slack (both in the window [T, E)): proves the trajectory
    /// below threshold from T over the longest horizon it can, with a margin the next inputs may use up, and sets the
    /// key at the horizon's end (≥ E); when not even [T, T + d_min] can be proved, sets the exact crossing (firing at it
    /// if it is not after <paramref name="fireUntilMs"/>: a visit's time; an input never fires the neuron it reaches).
    /// </summary>
    private void ProveWindow(int j, double fireUntilMs, bool trySweep = true)
    {
        ref Coefficients n = ref _n[j];
        ref readonly WindowFactors w = ref n.Epoch == _window.Epoch ? ref _window : ref _windowBefore;
        if (n.Epoch != w.Epoch)
        {
            SetCrossing(j, fireUntilMs); // last changed two epochs back: no window factors for it
            return;
        }

        Core.Count(ProfileCount.Proofs);
        double c0 = _vInf - ThresholdOf(j);
        double a = n.A * w.DecayM, b = n.B * w.DecayE, c = n.C * w.DecayI;
        if (trySweep && _sweep.EndsBelow(c0, a, b, c, -SweepReserveMv) && _sweep.UpperBound(c0, a, b, c) is double bound && bound < -SweepReserveMv)
        {
            SetSwept(j, -bound * SweptSlackFraction); // the sweep's bound from T covers past the next sweep: swept as if by it
            return;
        }

        double margin = Math.Max(-WindowMarginFraction * (c0 + a + b + c), 0);
        double safeMs = _horizons!.SafeForMs(c0 + margin, a, b, c);
        if (safeMs == 0)
        {
            margin = 0;
            safeMs = _horizons.PieceBound(0, c0, a, b, c) < 0 ? _horizons.WindowMs : 0;
        }

        if (safeMs == 0 || _windowStartMs + safeMs < _windowEndMs)
        {
            SetCrossing(j, fireUntilMs); // (the second: a window a rounding longer than d_min, on a grid)
            return;
        }

        if (_windowStartMs + safeMs >= _sweptUntilMs)
        {
            // Proved past the next sweep: off the calendar until then, its margin kept as a sweep's.
            SetSwept(j, margin * SweptSlackFraction);
            return;
        }

        n.Flags = 0;
        n.SlackMv = margin;
        bool never = safeMs == _horizons.LongestMs && c0 + margin + Math.Max(a, 0) + Math.Max(b, 0) + Math.Max(c, 0) < 0;
        SetKey(j, never ? double.PositiveInfinity : _windowStartMs + safeMs);
    }

    /// <summary>Takes neuron j off the calendar until the next sweep, with <paramref name="slack"/> (mV) for its inputs' charges.</summary>
    private void SetSwept(int j, double slack)
    {
        _n[j].Flags = Swept;
        _n[j].SlackMv = slack;
        SetKey(j, double.PositiveInfinity);
    }

    /// <summary>Sets neuron j's emitter key, keeping a copy beside its state (read with it on every input).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetKey(int j, double timeMs)
    {
        _n[j].KeyMs = timeMs;
        Core.SetEmitterTime(FirstId + j, timeMs);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ThresholdOf(int j) => _thresholds is null ? _threshold : _thresholds[j];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ResetOf(int j) => _resets is null ? _reset : _resets[j];

    /// <summary>Lowers neuron j's key to the earliest time its present trajectory could reach threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LowerKey(int j, double timeMs)
    {
        if ((_n[j].Flags & Clamped) != 0)
        {
            return; // the key is the end of the refractory period, a valid lower bound
        }

        if (_horizons is not null)
        {
            ProveWindow(j, double.NegativeInfinity); // an input never fires the neuron it reaches: its visit does
            return;
        }

        _n[j].Flags = 0;
        ref Coefficients n = ref _n[j];
        n.SlackMv = 0;
        double a = n.A * _decayM, b = n.B * _decayE, c = n.C * _decayI;
        double c0 = _vInf - ThresholdOf(j);
        if (c0 + Math.Max(a, 0) + Math.Max(b, 0) + Math.Max(c, 0) < 0)
        {
            return; // even the rising terms at their present size cannot reach threshold: no crossing ever
        }

        double f = c0 + a + b + c;
        double room = n.KeyMs - timeMs;
        double margin = f < 0 ? -MarginFraction * f : 0; // certify f ≤ −margin, so later small inputs need no new bound

        // Fast rejection: f rises no faster than its rising terms do now, so if that slope cannot close the gap
        // before the present key, the key stays valid (most inputs end here, with no division and no log).
        double slope = Math.Max(-a * _rates.RateM, 0) + Math.Max(-b * _rates.Rate1, 0) + Math.Max(-c * _rates.Rate2, 0);
        if (f + margin + slope * room < 0)
        {
            n.SlackMv = margin;
            return;
        }

        if (f >= 0)
        {
            SetCrossing(j, double.NegativeInfinity); // at threshold now (a voltage jump): the key is the crossing
            return;
        }

        double bound = new ExponentialSum(c0 + margin, a, b, c, _rates).NoCrossingBeforeMs(room);
        n.SlackMv = margin;
        if (bound < room)
        {
            SetKey(j, timeMs + bound);
        }
    }

    /// <summary>
    /// Distance to threshold of neuron j from <paramref name="timeMs"/> on (not before its last change), with the decays
    /// of that time in the neuron's own epoch (a visit does not move the neuron to a later epoch: only a change does).
    /// </summary>
    private ExponentialSum Trajectory(int j, double timeMs)
    {
        ref Coefficients n = ref _n[j];
        _rates.Decays(timeMs - ReferenceOf(n.Epoch), out double xm, out double xe, out double xi); // (not the delivery's factors: they stay)
        return new(_vInf - ThresholdOf(j), n.A * xm, n.B * xe, n.C * xi, _rates);
    }

    /// <summary>Makes the decay and growth factors those of <paramref name="timeMs"/>, relative to its epoch's reference time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetFactors(double timeMs)
    {
        if (timeMs == _factorsAtMs)
        {
            return;
        }

        _factorEpoch = EpochOf(timeMs);
        _rates.Decays(timeMs - ReferenceOf(_factorEpoch), out _decayM, out _decayE, out _decayI);
        _growM = 1 / _decayM;
        _growE = 1 / _decayE;
        _growI = 1 / _decayI;
        _factorsAtMs = timeMs;
    }

    /// <summary>
    /// The epoch of <paramref name="timeMs"/>: the smallest k ≥ 0 with t − T_k ≤ R, where T_k = start + k R is the
    /// reference time of the coefficients and R is short enough that the growth factors e^((t − T)/τ) stay finite.
    /// </summary>
    private int EpochOf(double timeMs)
    {
        int k = _factorEpoch;
        while (timeMs - ReferenceOf(k) > _rebaseAfterMs)
        {
            k++;
        }

        while (k > 0 && !(timeMs - ReferenceOf(k - 1) > _rebaseAfterMs))
        {
            k--; // an earlier time than the last (in windows, neurons are visited out of global order)
        }

        return k;
    }

    private double ReferenceOf(int epoch) => _startMs + ((long)epoch * _rebaseAfterMs);

    /// <summary>
    /// Moves a neuron's coefficients to <paramref name="epoch"/> (the factor time's, or its refractoriness's end), one
    /// epoch (fixed factors) at a time. Each neuron moves when it is next touched, so its coefficients undergo the same
    /// operations between two of its own events whatever other neurons do and in whatever order neurons are visited: the
    /// results do not depend on population neighbours, partitions or the scheduler to the last bit, and a long silence
    /// costs nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CatchUp(ref Coefficients n, int epoch)
    {
        Debug.Assert(n.Epoch <= epoch, "a neuron's events run in time order");
        for (; n.Epoch < epoch; n.Epoch++)
        {
            Rebase(ref n);
        }
    }

    private void Rebase(ref Coefficients n)
    {
        n.A *= _rebaseDecayM;
        n.B *= _rebaseDecayE;
        n.C *= _rebaseDecayI;
    }

    /// <summary>One neuron's trajectory coefficients, together in memory.</summary>
    private struct Coefficients
    {
        public double A;
        public double B;
        public double C;

        /// <summary>
        /// How much more rise (mV) from inputs the present key, or sweep, is certified to absorb (<see cref="_chargeE"/>):
        /// 0 with an exact key, so that every excitatory input to it leads to a new proof (an input itself clears the
        /// exact flag only when inhibitory: an excitatory one whose PSP fits in the slack cannot meet an exact key);
        /// +∞ while refractory, so that an input to a refractory neuron is not listed for a proof that would do nothing
        /// (CUBA: 437,000 of them per 10 simulated s; 0.962 at 4,000 neurons, 0.966 at 40,000).
        /// </summary>
        public double SlackMv;

        /// <summary>When the trajectory last changed (input, end of refractoriness, new current): where crossings are searched from.</summary>
        public double LastMs;

        /// <summary>The neuron's emitter key (a copy of the scheduler's, read with the state).</summary>
        public double KeyMs;

        /// <summary>The epoch whose reference time A, B and C are scaled to (that of <see cref="LastMs"/>).</summary>
        public int Epoch;

        /// <summary><see cref="Clamped"/> (refractory), <see cref="Exact"/> (the key is the crossing).</summary>
        public byte Flags;
    }

    /// <summary>The decays at a window's start relative to one epoch's reference time.</summary>
    private readonly struct WindowFactors
    {
        public WindowFactors(int epoch, double startMs, LifExpRuntime r)
        {
            Epoch = epoch;
            r._rates.Decays(startMs - r.ReferenceOf(epoch), out DecayM, out DecayE, out DecayI);
        }

        public int Epoch { get; }

        public readonly double DecayM, DecayE, DecayI;
    }
}
