// Column kernels (see include/PollKernels.h). Written on 4-lane vectors of doubles (clang's
// ext_vector_type): the "avx2" clone keeps each in one ymm register, the "default" clone in two
// SSE2 registers. Branches of the scalar code become per-lane selects; the last count % 4 rows go
// through the same vector code on a padded copy, so every row takes one code path.

#include "PollKernels.h"

#include <stdint.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__ELF__)
#define POLLKERNELS_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define POLLKERNELS_CLONES
#endif

typedef double v4d __attribute__((ext_vector_type(4)));
// The lane mask a comparison of two v4d yields (all bits set where true).
typedef __typeof__((v4d){0, 0, 0, 0} < (v4d){0, 0, 0, 0}) v4l;

// Macros rather than functions: a v4d passed to or returned from a function that is not inlined
// would need the AVX calling convention, which the "default" clone does not have.
#define splat(x) ((v4d){(x), (x), (x), (x)})
#define load4(v, p) memcpy(&(v), (p), sizeof(v4d))
#define store4(p, v) memcpy((p), &(v), sizeof(v4d))

// One block of 4 Wilson rows, as ShareInterval.wilson(p:n:z:) in Swift:
//   inverseN = 1/n, t = z·z·inverseN, scale = 1/(1 + t), center = (p + 0.5t)·scale,
//   variance = p(1 − p)·inverseN + 0.25t·inverseN,
//   margin = variance ≥ tiny ? z·√variance·scale : z·√(n·p(1 − p) + 0.25z·z)·inverseN·scale,
//   lower = p == 0 ? 0 : max(0, center − margin), replaced by p·p/(p + 0.5t + margin/scale)
//   when p > 0 and margin > 0.5·center; upper = p == 1 ? 1 : min(1, center + margin);
//   NaN n gives NaN bounds. Swift's max(0, v) is v ≥ 0 ? v : 0 and min(1, v) is v < 1 ? v : 1.
static inline __attribute__((always_inline)) void wilson4(const double *share, const double *trials,
                                                          double z, double tiny, double *lower,
                                                          double *upper) {
    v4d p, n;
    load4(p, share);
    load4(n, trials);
    const v4d zero = splat(0), one = splat(1), half = splat(0.5), quarter = splat(0.25);
    v4d inverseN = one / n;
    v4d t = splat(z * z) * inverseN;
    v4d scale = one / (one + t);
    v4d center = (p + half * t) * scale;
    v4d oneMinusP = one - p;
    v4d variance = p * oneMinusP * inverseN + quarter * t * inverseN;
    v4l normal = variance >= splat(tiny);
    v4d radicand = normal ? variance : n * p * oneMinusP + splat(0.25 * z * z);
    v4d root = __builtin_elementwise_sqrt(radicand);
    v4d margin = normal ? splat(z) * root * scale : splat(z) * root * inverseN * scale;
    v4d difference = center - margin;
    v4d lo = difference >= zero ? difference : zero;
    lo = p == zero ? zero : lo;
    v4d cancelled = (p * p) / (p + half * t + margin / scale);
    lo = ((p > zero) & (margin > half * center)) ? cancelled : lo;
    v4d sum = center + margin;
    v4d up = sum < one ? sum : one;
    up = p == one ? one : up;
    v4l unknown = n != n;
    v4d nan = splat(__builtin_nan(""));
    lo = unknown ? nan : lo;
    up = unknown ? nan : up;
    store4(lower, lo);
    store4(upper, up);
}

POLLKERNELS_CLONES
void pollkernels_wilson(const double *share, const double *trials, double z, double tiny,
                        double *lower, double *upper, size_t count) {
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        wilson4(share + i, trials + i, z, tiny, lower + i, upper + i);
    }
    size_t rest = count - i;
    if (rest > 0) {
        double p[4] = {0.5, 0.5, 0.5, 0.5}, n[4] = {1, 1, 1, 1}, lo[4], up[4];
        memcpy(p, share + i, rest * sizeof(double));
        memcpy(n, trials + i, rest * sizeof(double));
        wilson4(p, n, z, tiny, lo, up);
        memcpy(lower + i, lo, rest * sizeof(double));
        memcpy(upper + i, up, rest * sizeof(double));
    }
}

// One block of 4 Wald leads, as LeadInterval's Wald case in Swift.
static inline __attribute__((always_inline)) void wald4(const double *pa, const double *pb,
                                                        const double *pn, double z, double *out[6],
                                                        size_t at) {
    v4d a, b, n;
    load4(a, pa);
    load4(b, pb);
    load4(n, pn);
    v4d d = a - b;
    v4d variance = a + b - d * d;
    v4d s = __builtin_elementwise_sqrt(variance / n);
    v4d zs = splat(z) * s;
    v4d lower = d - zs, upper = d + zs;
    v4d statistic = s > splat(0) ? d / s : splat(__builtin_nan(""));
    store4(out[0] + at, d);
    store4(out[1] + at, variance);
    store4(out[2] + at, s);
    store4(out[3] + at, lower);
    store4(out[4] + at, upper);
    store4(out[5] + at, statistic);
}

POLLKERNELS_CLONES
void pollkernels_wald_leads(const double *a, const double *b, const double *n, double z,
                            double *lead, double *unitVariance, double *se, double *lower,
                            double *upper, double *statistic, size_t count) {
    double *columns[6] = {lead, unitVariance, se, lower, upper, statistic};
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        wald4(a + i, b + i, n + i, z, columns, i);
    }
    size_t rest = count - i;
    if (rest > 0) {
        double pa[4] = {0, 0, 0, 0}, pb[4] = {0, 0, 0, 0}, pn[4] = {1, 1, 1, 1};
        memcpy(pa, a + i, rest * sizeof(double));
        memcpy(pb, b + i, rest * sizeof(double));
        memcpy(pn, n + i, rest * sizeof(double));
        double block[6][4];
        double *blocks[6] = {block[0], block[1], block[2], block[3], block[4], block[5]};
        wald4(pa, pb, pn, z, blocks, 0);
        for (int c = 0; c < 6; c++) memcpy(columns[c] + i, block[c], rest * sizeof(double));
    }
}

void pollkernels_prefer_huge_pages(void *start, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)1 << 21;
    if (bytes < 2 * huge) return;
    uintptr_t first = ((uintptr_t)start + huge - 1) & ~(huge - 1);
    uintptr_t end = ((uintptr_t)start + bytes) & ~(huge - 1);
    if (end > first) (void)madvise((void *)first, end - first, MADV_HUGEPAGE);
#else
    (void)start;
    (void)bytes;
#endif
}

const char *pollkernels_variant(void) {
#if defined(__x86_64__) && defined(__ELF__)
    return __builtin_cpu_supports("avx2") ? "avx2" : "default";
#else
    return "default";
#endif
}
