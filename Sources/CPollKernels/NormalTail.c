// The normal tail ½·erfc(t/√2) of PollNumerics' Normal.cdf and Normal.survival (see
// include/PollKernels.h, and NormalDistribution.swift for the formula and its sources), in C so
// that its fused multiply-add is an instruction on x86-64-v3 (FusedClones.h), for the scalar API
// and the p-value columns of the batch API alike.

#include "FusedClones.h"
#include "PollKernels.h"

#include <math.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

// 1/√2 as a sum of two doubles.
static const double inverseSqrtTwoHi = 0.7071067811865476;
static const double inverseSqrtTwoLo = -4.833646656726457e-17;

static inline __attribute__((always_inline)) double pollkernels_tail(double t) {
    if (isnan(t)) return __builtin_nan("");
    if (isinf(t)) return t < 0 ? 1 : 0;
    double z = t * inverseSqrtTwoHi;
    // The exact t/√2 − z: the product's rounding error plus t·lo.
    double e = fma(t, inverseSqrtTwoHi, -z) + t * inverseSqrtTwoLo;
    double value = erfc(z);
    if (!(value > 0) || e == 0) return 0.5 * value;
    // erfc′(z) = −(2/√π)·exp(−z²).
    double slope = 1.1283791670955126 * exp(-z * z);
    return 0.5 * (value - e * slope);
}

POLLKERNELS_FUSED_CLONES
double pollkernels_half_erfc(double t) { return pollkernels_tail(t); }

POLLKERNELS_FUSED_CLONES
void pollkernels_two_sided_p(const double *statistic, double *p, size_t count) {
    for (size_t i = 0; i < count; i++) p[i] = 2 * pollkernels_tail(fabs(statistic[i]));
}

double pollkernels_half_erfc_baseline(double t) { return pollkernels_tail(t); }
