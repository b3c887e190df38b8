// The continued fraction of the regularized incomplete beta function (see
// include/PollKernels.h and PollNumerics' IncompleteBeta for the formula and its sources).
// In C for two reasons that Swift, built for baseline x86-64, cannot serve: a clone for
// processors with AVX2 and fused multiply-add ("arch=x86-64-v3"), where the exact convergence
// test is one instruction instead of a library call that spills every register, and control of
// how the two convergence tests of a block of two pairs share vector instructions. Every
// arithmetic operation is the IEEE operation of the recurrence in the documented order, with
// contraction off, so both clones give the same bits.

#include "FusedClones.h"
#include "PollKernels.h"

#include <math.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

typedef double v2d __attribute__((ext_vector_type(2)));

// Whether the convergents A₁/B₁ (previous) and A₂/B₂ (current) agree to 2e-16 relative:
// |A₂B₁ − A₁B₂| ≤ 2e-16·|A₁B₂| with the cross product exact (a fused multiply-add), given the
// plain product A₁B₂ and the plain difference already formed.
static inline __attribute__((always_inline)) int pollkernels_agree(double currentA, double previousB,
                                                                   double product, double plain) {
    double bound = 2e-16 * fabs(product);
    return plain <= 2.25 * bound && fabs(fma(currentA, previousB, -product)) <= bound;
}

// The fraction itself, inlined into each entry point below (and so compiled for each clone).
static inline __attribute__((always_inline)) double pollkernels_fraction(double x, double a, double b,
                                                                         size_t maxPairs) {
    double previousA = 1, previousB = 0, currentA = 1, currentB = 1;
    // The factors a + m, a + b + m, a + 2m and b − m of the coefficients, stepped by ±1 and 2.
    double m = 0, negativeX = -x;
    double aPlusM = a, sumPlusM = a + b, aPlusTwoM = a, bMinusM = b;
    size_t pairs = 0;
    while (pairs < maxPairs) {
        // Two pairs: odd d_{2m+1} = −(a + m)(a + b + m)x/((a + 2m)(a + 2m + 1)), then even
        // d_{2m} = m(b − m)x/((a + 2m − 1)(a + 2m)) with m one more.
        double odd1 = aPlusM * sumPlusM * negativeX / (aPlusTwoM * (aPlusTwoM + 1));
        m += 1, bMinusM -= 1, aPlusTwoM += 2, aPlusM += 1, sumPlusM += 1;
        double even1 = m * bMinusM * x / ((aPlusTwoM - 1) * aPlusTwoM);
        double odd2 = aPlusM * sumPlusM * negativeX / (aPlusTwoM * (aPlusTwoM + 1));
        m += 1, bMinusM -= 1, aPlusTwoM += 2, aPlusM += 1, sumPlusM += 1;
        double even2 = m * bMinusM * x / ((aPlusTwoM - 1) * aPlusTwoM);
        double oddA1 = currentA + odd1 * previousA, oddB1 = currentB + odd1 * previousB;
        double evenA1 = oddA1 + even1 * currentA, evenB1 = oddB1 + even1 * currentB;
        double oddA2 = evenA1 + odd2 * oddA1, oddB2 = evenB1 + odd2 * oddB1;
        double evenA2 = oddA2 + even2 * evenA1, evenB2 = oddB2 + even2 * evenB1;
        pairs += 2;
        // Both pairs' plain tests in one pair of lanes; the exact test only where one passes,
        // the first pair's before the second's (the result is that of the first pair to agree).
        v2d product = (v2d){oddA1, oddA2} * (v2d){evenB1, evenB2};
        v2d plain = __builtin_elementwise_abs((v2d){evenA1, evenA2} * (v2d){oddB1, oddB2} - product);
        v2d bound = 2.25 * (2e-16 * __builtin_elementwise_abs(product));
        if (__builtin_expect((plain[0] <= bound[0]) | (plain[1] <= bound[1]), 0)) {
            if (pollkernels_agree(evenA1, oddB1, product[0], plain[0])) return evenB1 / evenA1;
            if (pollkernels_agree(evenA2, oddB2, product[1], plain[1])) return evenB2 / evenA2;
        }
        previousA = oddA2, previousB = oddB2, currentA = evenA2, currentB = evenB2;
        // Rescaling keeps B in [1e-100, 1e100] (each |d_k| is about 1 or less, so B moves by far
        // less than 10⁵⁰ in two pairs), and A·B clear of underflow.
        double scale = fabs(currentB);
        if (!(scale >= 1e-100 && scale <= 1e100)) {
            if (!(scale > 0 && scale <= 0x1.fffffffffffffp1023)) break;
            double r = 1 / scale;
            previousA *= r, previousB *= r, currentA *= r, currentB *= r;
        }
    }
    return currentB / currentA;
}

POLLKERNELS_FUSED_CLONES
double pollkernels_beta_fraction(double x, double a, double b, size_t maxPairs) {
    return pollkernels_fraction(x, a, b, maxPairs);
}

double pollkernels_beta_fraction_baseline(double x, double a, double b, size_t maxPairs) {
    return pollkernels_fraction(x, a, b, maxPairs);
}
