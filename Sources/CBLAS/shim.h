#ifndef POLLCOMPARE_CBLAS_SHIM_H
#define POLLCOMPARE_CBLAS_SHIM_H

// BLAS through its C interface, as OpenBLAS ships it.
#include <cblas.h>
#include <stddef.h>

// OpenBLAS exports the Fortran LAPACK symbols but ships no header for them, so the routines this
// project calls are declared here (Fortran calling convention: every argument by pointer, 32-bit
// integers in the LP64 build, and one hidden length argument per CHARACTER argument at the end).

/// Cholesky factorisation of a symmetric positive definite matrix (LAPACK DPOTRF).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);

/// Solves A X = B for symmetric positive definite A by Cholesky (LAPACK DPOSV).
void dposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, int *info, size_t uplo_len);

/// Least squares or minimum-norm solution of A X = B by QR or LQ (LAPACK DGELS).
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a,
            const int *lda, double *b, const int *ldb, double *work, const int *lwork, int *info,
            size_t trans_len);

#endif
