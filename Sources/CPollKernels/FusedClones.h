// The clone pair of the kernels whose speed rests on fused multiply-adds written out as fma():
// on baseline x86-64 each is a library call that spills every register, on x86-64-v3 (AVX2 and
// FMA) one instruction. Both clones perform the same IEEE operations (contraction is off in the
// files that use this), so they give the same bits.
#ifndef POLLCOMPARE_FUSEDCLONES_H
#define POLLCOMPARE_FUSEDCLONES_H

#if defined(__x86_64__) && defined(__ELF__)
#define POLLKERNELS_FUSED_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define POLLKERNELS_FUSED_CLONES
#endif

#endif
