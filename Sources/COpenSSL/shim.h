// Typed wrappers for OpenSSL macros and variadic calls, which Swift cannot call. No logic here.
// Used only by LoopbackServer's TLS mode (tests serve self-signed and expired certificates).
#ifndef OITCHECK_COPENSSL_SHIM_H
#define OITCHECK_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/// EVP_EC_gen is a macro over the variadic EVP_PKEY_Q_keygen.
static inline EVP_PKEY *copenssl_ec_p256_key(void) { return EVP_EC_gen("P-256"); }

/// MBSTRING_ASC is a macro built from other macros.
static inline int copenssl_name_add_text(X509_NAME *name, const char *field, const char *value)
{ return X509_NAME_add_entry_by_txt(name, field, MBSTRING_ASC, (const unsigned char *)value, -1, -1, 0); }
#endif
