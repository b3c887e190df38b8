#ifndef POLLCOMPARE_CBLAS_SHIM_H
#define POLLCOMPARE_CBLAS_SHIM_H

// The BLAS and LAPACK entry points PollNumerics uses, as C function pointer types.
//
// Nothing here is linked: PollNumerics opens the OpenBLAS shared library when a computation first
// needs it and looks these functions up by name (see Backend.swift). So the build needs no BLAS
// headers and no library, and commands that do no linear algebra never load one.
//
// The types follow the CBLAS interface (`cblas.h` of OpenBLAS and the reference CBLAS) in the LP64
// build that Linux distributions ship: every integer is a 32-bit `int`, the enumerations are passed
// as `int` with the values below. LAPACK comes through its Fortran symbols (`dpotrf_`, ...), which
// OpenBLAS exports: every argument by pointer, and one hidden length argument per CHARACTER
// argument at the end.

#include <stddef.h>

// CBLAS enumeration values (enum CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_UPLO).
#define POLLCOMPARE_CBLAS_COL_MAJOR 102
#define POLLCOMPARE_CBLAS_NO_TRANS 111
#define POLLCOMPARE_CBLAS_TRANS 112
#define POLLCOMPARE_CBLAS_UPPER 121

/// cblas_ddot: x·y.
typedef double (*pollcompare_ddot_fn)(int n, const double *x, int incx, const double *y, int incy);
/// cblas_daxpy: y ← αx + y.
typedef void (*pollcompare_daxpy_fn)(int n, double alpha, const double *x, int incx, double *y, int incy);
/// cblas_dscal: x ← αx.
typedef void (*pollcompare_dscal_fn)(int n, double alpha, double *x, int incx);
/// cblas_dnrm2: ‖x‖₂.
typedef double (*pollcompare_dnrm2_fn)(int n, const double *x, int incx);
/// cblas_dgemv: y ← α·op(A)·x + β·y.
typedef void (*pollcompare_dgemv_fn)(int order, int trans, int m, int n, double alpha, const double *a,
                                     int lda, const double *x, int incx, double beta, double *y, int incy);
/// cblas_dger: A ← α·x·yᵀ + A.
typedef void (*pollcompare_dger_fn)(int order, int m, int n, double alpha, const double *x, int incx,
                                    const double *y, int incy, double *a, int lda);
/// cblas_dgemm: C ← α·op(A)·op(B) + β·C.
typedef void (*pollcompare_dgemm_fn)(int order, int transa, int transb, int m, int n, int k, double alpha,
                                     const double *a, int lda, const double *b, int ldb, double beta,
                                     double *c, int ldc);
/// cblas_dsyrk: C ← α·op(A)·op(A)ᵀ + β·C on one triangle.
typedef void (*pollcompare_dsyrk_fn)(int order, int uplo, int trans, int n, int k, double alpha,
                                     const double *a, int lda, double beta, double *c, int ldc);

/// LAPACK DPOTRF: Cholesky factorisation of a symmetric positive definite matrix.
typedef void (*pollcompare_dpotrf_fn)(const char *uplo, const int *n, double *a, const int *lda, int *info,
                                      size_t uplo_len);
/// LAPACK DPOSV: solves A X = B for symmetric positive definite A by Cholesky.
typedef void (*pollcompare_dposv_fn)(const char *uplo, const int *n, const int *nrhs, double *a,
                                     const int *lda, double *b, const int *ldb, int *info, size_t uplo_len);
/// LAPACK DPBTRF: Cholesky factorisation of a symmetric positive definite band matrix.
typedef void (*pollcompare_dpbtrf_fn)(const char *uplo, const int *n, const int *kd, double *ab,
                                      const int *ldab, int *info, size_t uplo_len);
/// LAPACK DPBTRS: solves A X = B with the band Cholesky factor from DPBTRF.
typedef void (*pollcompare_dpbtrs_fn)(const char *uplo, const int *n, const int *kd, const int *nrhs,
                                      const double *ab, const int *ldab, double *b, const int *ldb, int *info,
                                      size_t uplo_len);
/// LAPACK DGELS: least squares or minimum-norm solution of A X = B by QR or LQ.
typedef void (*pollcompare_dgels_fn)(const char *trans, const int *m, const int *n, const int *nrhs,
                                     double *a, const int *lda, double *b, const int *ldb, double *work,
                                     const int *lwork, int *info, size_t trans_len);

/// openblas_set_num_threads.
typedef void (*pollcompare_set_threads_fn)(int count);
/// openblas_get_num_threads.
typedef int (*pollcompare_get_threads_fn)(void);

#endif
