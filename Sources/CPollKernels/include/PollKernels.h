#ifndef POLLCOMPARE_POLLKERNELS_H
#define POLLCOMPARE_POLLKERNELS_H

// Column kernels of PollNumerics, in C so that one binary built for baseline x86-64 still runs
// them on 4-wide AVX2 vectors where the processor has them: each kernel is compiled twice
// (`target_clones("avx2", "default")`) and the dynamic loader picks the clone once, at start-up.
// Only PollNumerics imports this module (`internal import`); its Swift wrappers document the
// formulas. Every operation is the IEEE operation the scalar Swift code performs, in the same
// order, with floating-point contraction off, so each lane's result equals the scalar result
// bit for bit.

#include <stddef.h>

/// Wilson score bounds for `count` rows: share[i] = p, trials[i] = n (NaN: unknown, NaN bounds),
/// critical value z, `tiny` the variance below which the underflow-safe margin is used.
void pollkernels_wilson(const double *share, const double *trials, double z, double tiny,
                        double *lower, double *upper, size_t count);

/// Wald leads for `count` rows: lead = a − b, unitVariance = (a + b) − lead², se = √(unitVariance/n),
/// lower/upper = lead ∓ z·se, statistic = lead/se where se > 0 (else NaN); NaN n gives NaN se,
/// bounds and statistic.
void pollkernels_wald_leads(const double *a, const double *b, const double *n, double z,
                            double *lead, double *unitVariance, double *se, double *lower,
                            double *upper, double *statistic, size_t count);

/// Asks the kernel to back the whole 2 MiB pages inside [start, start + bytes) with transparent
/// huge pages (Linux `madvise(MADV_HUGEPAGE)`, as numpy does for its large arrays), before they are
/// first written: a 8 MB column then costs 4 page faults instead of 2 000. Advice only: it changes
/// no value, and does nothing elsewhere or for columns below 4 MiB.
void pollkernels_prefer_huge_pages(void *start, size_t bytes);

/// The work on rows [start, end) of a column, with the caller's context.
typedef void (*pollkernels_rows_body)(void *context, size_t start, size_t end);

/// Splits rows [0, count) into blocks of ⌈count/(32·threads)⌉ consecutive rows (the last one
/// shorter) and runs `body` on each, on the calling thread and `threads` − 1 threads of their own
/// (POSIX threads; at most 8), each taking the next block when it is done with one (an atomic
/// counter), and returns when all are done. Each row is computed once, by whichever thread takes
/// its block, so a body that computes rows independently gives the same results for any
/// `threads`; a thread slowed by other work on its core takes fewer blocks. A thread that cannot
/// be started takes none.
void pollkernels_parallel_rows(size_t count, size_t threads, pollkernels_rows_body body, void *context);

/// The continued fraction 1/(1 + d₁/(1 + d₂/(1 + …))) of I_x(a, b) (PollNumerics'
/// `IncompleteBeta`), by the forward recurrence of its convergents with rescaling, until two
/// consecutive convergents agree to 2e-16 relative or after `maxPairs` pairs (rounded up to even).
/// Compiled as two clones, "arch=x86-64-v3" (hardware fused multiply-add) and "default", which
/// give the same bits.
double pollkernels_beta_fraction(double x, double a, double b, size_t maxPairs);

/// ``pollkernels_beta_fraction`` compiled for baseline x86-64 only, whatever the processor (for
/// the test that both clones give the same bits).
double pollkernels_beta_fraction_baseline(double x, double a, double b, size_t maxPairs);

/// ½·erfc(t/√2) with the rounding of t/√2 compensated to first order (PollNumerics'
/// `Normal.survival(t)`, and `Normal.cdf(−t)`); NaN for NaN, 1 at −∞, 0 at +∞. Two clones,
/// "arch=x86-64-v3" and "default", with the same bits.
double pollkernels_half_erfc(double t);

/// p[i] = 2·pollkernels_half_erfc(|statistic[i]|), the two-sided normal p-values of `count` rows.
void pollkernels_two_sided_p(const double *statistic, double *p, size_t count);

/// ``pollkernels_half_erfc`` compiled for baseline x86-64 only (for the test that both clones
/// give the same bits).
double pollkernels_half_erfc_baseline(double t);

/// The clone the kernels run: "avx2" or "default" (baseline SSE2).
const char *pollkernels_variant(void);

#endif
