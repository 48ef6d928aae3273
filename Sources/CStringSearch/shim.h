// glibc's memmem, which Swift's Glibc module hides behind _GNU_SOURCE. No logic here.
// Used by AuditCore to look for a few phrases in every crawled page's text.
#ifndef OITCHECK_CSTRINGSEARCH_SHIM_H
#define OITCHECK_CSTRINGSEARCH_SHIM_H
#include <stddef.h>

extern void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);

static inline const void *oit_memmem(const void *haystack, size_t haystacklen, const void *needle,
                                     size_t needlelen)
{ return memmem(haystack, haystacklen, needle, needlelen); }
#endif
