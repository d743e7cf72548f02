// The C interface to BLAS (OpenBLAS on Debian: libopenblas-dev), for descriptor distances by matrix products.
#include <cblas.h>
