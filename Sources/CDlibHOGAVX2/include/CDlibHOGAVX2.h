/* The AVX2 build's public interface: the C functions of fn_hog_avx2.h (in CDlibHeaders, shared with CDlib, which
 * loads this library at run time). */
#include "fn_hog_avx2.h"
