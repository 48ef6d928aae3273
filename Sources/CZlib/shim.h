// Typed wrappers for zlib macros, which Swift cannot call. No logic here.
// Used only by TestSupport, to build gzip bombs for the hostile-server tests.
#ifndef OITCHECK_CZLIB_SHIM_H
#define OITCHECK_CZLIB_SHIM_H
#include <zlib.h>

/// deflateInit2 is a macro over deflateInit2_ (it passes the library version and stream size).
static inline int czlib_deflate_init_gzip(z_stream *s, int level)
{ return deflateInit2(s, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY); }
#endif
