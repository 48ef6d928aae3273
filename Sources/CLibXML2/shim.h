// Swift 6 rejects libxml2's global `xmlFree` function pointer; this wrapper calls it. zlib comes
// along for gzip-compressed sitemaps (libxml2 links it already). No logic here.
#ifndef OITCHECK_CLIBXML2_SHIM_H
#define OITCHECK_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// libxml2 is built with ICU, and its encoding.h would pull in the system's ICU headers, which
// clash with the copy inside Foundation. We never touch the ICU parts of libxml2's structs.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <zlib.h>

static inline void cxml_free(void *p) { xmlFree(p); }

/// inflateInit2 is a macro; 15 + 32 accepts gzip and zlib headers.
static inline int cz_inflate_init_gzip(z_stream *s) { return inflateInit2(s, 15 + 32); }
#endif
