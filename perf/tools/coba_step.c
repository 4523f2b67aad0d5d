/*
 * COBA's double step (LifCondExpRuntime.Step at 256 bits) written in C with AVX2 intrinsics, to see what the CPU does
 * with the same work when gcc compiles it: per register of four neurons, the same five loads, V's map, four conductance
 * products and the V store, the refractory compare and blend and the masks of the rare lanes. V's map is the step's
 * since the seventeenth session, V + (N − G V)/(C + G/2 + G²/(12 C)) (e^z by its (2,2) Padé approximant), or with the
 * argument `exp` the one before it: V∞ = N/G and V∞ + (V − V∞) e^z with e^z by the degree-9 Taylor polynomial of
 * e^(z/8) squared three times. 4,000 neurons held below threshold by their drive (V∞ = −58.9 mV), so no lane is rare,
 * 30,000 steps. On the project's AVX2 machine the exponential step took 1.72-1.85 ns per neuron-step here against
 * 2.2-2.3 ns in SpikeCore (../../README.md, "On a CPU without AVX-512"); the Padé step: perf/HISTORY.md, the seventeenth
 * session.
 *
 *     gcc -O3 -march=native perf/tools/coba_step.c -o /tmp/coba_step && taskset -c 1 /tmp/coba_step [exp]
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { Neurons = 4000, Steps = 30000 };
static double v[Neurons], endE[Neurons], integralE[Neurons], endI[Neurons], integralI[Neurons], refractoryUntil[Neurons];
static unsigned long long rareLanes;

/* e^z for −1 ≤ z ≤ 0 as FastMath.ExpSmallNonPositive computes it in double. */
static inline __m256d exp_small(__m256d z)
{
    __m256d r = _mm256_mul_pd(z, _mm256_set1_pd(0.125));
    __m256d p = _mm256_fmadd_pd(_mm256_set1_pd(1.0 / 362880), r, _mm256_set1_pd(1.0 / 40320));
    static const double c[] = { 1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5, 1.0, 1.0 };
    for (int k = 0; k < 8; k++)
        p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(c[k]));
    p = _mm256_mul_pd(p, p);
    p = _mm256_mul_pd(p, p);
    return _mm256_mul_pd(p, p);
}

/* One step from tn to tn1 (ms): C = 200 pF, g_L h = 1 nS ms, E_e = 0 mV, E_i = −80 mV, τ_e = 5 ms, τ_i = 10 ms, h = 0.1 ms. */
__attribute__((noinline)) static void step(double tn, double tn1, int exponential)
{
    const __m256d leakArea = _mm256_set1_pd(1.0), drive0 = _mm256_set1_pd(-58.9), reversalE = _mm256_setzero_pd();
    const __m256d reversalI = _mm256_set1_pd(-80), minusInverseC = _mm256_set1_pd(-1 / 200.0), capacitance = _mm256_set1_pd(200);
    const __m256d half = _mm256_set1_pd(0.5), inverseTwelveC = _mm256_set1_pd(1 / 2400.0), domain = _mm256_set1_pd(100);
    const __m256d decayE = _mm256_set1_pd(0.9801986733067553), decayI = _mm256_set1_pd(0.9900498337491681);
    const __m256d areaE = _mm256_set1_pd(0.09900663346622), areaI = _mm256_set1_pd(0.0995016625083);
    const __m256d start = _mm256_set1_pd(tn), end = _mm256_set1_pd(tn1), threshold = _mm256_set1_pd(-50), reset = _mm256_set1_pd(-60);
    unsigned long long rare = 0;
    for (int i = 0; i < Neurons; i += 4)
    {
        __m256d e = _mm256_loadu_pd(endE + i), in = _mm256_loadu_pd(endI + i);
        __m256d ye = _mm256_loadu_pd(integralE + i), yi = _mm256_loadu_pd(integralI + i);
        __m256d g = _mm256_add_pd(_mm256_add_pd(leakArea, ye), yi);
        __m256d drive = _mm256_fmadd_pd(yi, reversalI, _mm256_fmadd_pd(ye, reversalE, drive0));
        __m256d v0 = _mm256_loadu_pd(v + i), v1, outside;
        if (exponential)
        {
            __m256d vInf = _mm256_div_pd(drive, g), z = _mm256_mul_pd(g, minusInverseC);
            v1 = _mm256_fmadd_pd(_mm256_sub_pd(v0, vInf), exp_small(z), vInf);
            outside = _mm256_or_pd(_mm256_cmp_pd(z, _mm256_set1_pd(-1), _CMP_LT_OQ), _mm256_cmp_pd(z, _mm256_setzero_pd(), _CMP_GT_OQ));
        }
        else
        {
            __m256d denominator = _mm256_fmadd_pd(g, _mm256_fmadd_pd(g, inverseTwelveC, half), capacitance);
            v1 = _mm256_add_pd(v0, _mm256_div_pd(_mm256_fnmadd_pd(g, v0, drive), denominator));
            outside = _mm256_or_pd(_mm256_cmp_pd(g, _mm256_setzero_pd(), _CMP_LT_OQ), _mm256_cmp_pd(g, domain, _CMP_GT_OQ));
        }

        _mm256_storeu_pd(endE + i, _mm256_mul_pd(e, decayE));
        _mm256_storeu_pd(integralE + i, _mm256_mul_pd(e, areaE));
        _mm256_storeu_pd(endI + i, _mm256_mul_pd(in, decayI));
        _mm256_storeu_pd(integralI + i, _mm256_mul_pd(in, areaI));
        __m256d until = _mm256_loadu_pd(refractoryUntil + i), clamped = _mm256_cmp_pd(until, end, _CMP_GE_OQ);
        v1 = _mm256_blendv_pd(v1, reset, clamped);
        _mm256_storeu_pd(v + i, v1);
        __m256d lanes = _mm256_or_pd(_mm256_or_pd(_mm256_cmp_pd(v1, threshold, _CMP_GE_OQ), outside), _mm256_cmp_pd(until, start, _CMP_GT_OQ));
        rare += (unsigned)_mm256_movemask_pd(_mm256_andnot_pd(clamped, lanes));
    }
    rareLanes += rare;
}

int main(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && strcmp(argv[1], "exp") != 0))
    {
        fprintf(stderr, "coba_step: the only argument is `exp` (the step before the Padé map), not '%s'\n", argv[argc - 1]);
        return 2;
    }

    int exponential = argc == 2;
    srand(1);
    for (int i = 0; i < Neurons; i++)
    {
        v[i] = -60 + 10.0 * rand() / RAND_MAX;
        refractoryUntil[i] = -1e300;
    }

    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int s = 0; s < Steps; s++)
        step(s * 0.1, (s + 1) * 0.1, exponential);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double seconds = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9;
    printf("%s: %.3f s, %.2f ns per neuron-step (rare-lane masks: %llu)\n", exponential ? "exponential" : "Pade", seconds, seconds * 1e9 / ((double)Steps * Neurons), rareLanes);
    return 0;
}
