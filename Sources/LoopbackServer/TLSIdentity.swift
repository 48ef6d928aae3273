internal import COpenSSL
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A certificate and key the loopback server presents in TLS mode, made in memory with OpenSSL
/// for tests: self-signed, or signed by a throwaway test authority that a client may be told to
/// trust (so that an expired certificate fails as expired, not as untrusted).
public final class TLSIdentity: @unchecked Sendable {
  // @unchecked: the OpenSSL objects are built in init and only read afterwards; OpenSSL allows
  // a certificate and key to be shared by contexts on several threads once made.

  /// Whether the certificate is valid now or already expired.
  public enum Validity: Sendable {
    case current, expired
  }

  let key: OpaquePointer
  let certificate: OpaquePointer
  private let authorityKey: OpaquePointer?
  private let authorityCertificate: OpaquePointer?
  /// PEM of what a client must trust to accept this identity: the authority, else the
  /// certificate itself.
  public let trustPEM: String

  /// A certificate for 127.0.0.1 that signs itself.
  public static func selfSigned(_ validity: Validity = .current) throws -> TLSIdentity {
    let key = try newKey()
    let cert = try makeCertificate(
      commonName: "127.0.0.1", key: key, issuer: nil, issuerKey: key, validity: validity,
      isAuthority: false)
    return try TLSIdentity(key: key, certificate: cert, authorityKey: nil, authorityCertificate: nil)
  }

  /// A certificate for 127.0.0.1 signed by a fresh test authority (itself valid).
  public static func signedByTestAuthority(_ validity: Validity = .current) throws -> TLSIdentity {
    let caKey = try newKey()
    let ca = try makeCertificate(
      commonName: "oitcheck test authority", key: caKey, issuer: nil, issuerKey: caKey,
      validity: .current, isAuthority: true)
    let key = try newKey()
    let cert = try makeCertificate(
      commonName: "127.0.0.1", key: key, issuer: ca, issuerKey: caKey, validity: validity,
      isAuthority: false)
    return try TLSIdentity(key: key, certificate: cert, authorityKey: caKey, authorityCertificate: ca)
  }

  private init(
    key: OpaquePointer, certificate: OpaquePointer, authorityKey: OpaquePointer?,
    authorityCertificate: OpaquePointer?
  ) throws {
    self.key = key
    self.certificate = certificate
    self.authorityKey = authorityKey
    self.authorityCertificate = authorityCertificate
    self.trustPEM = try pem(authorityCertificate ?? certificate)
  }

  deinit {
    X509_free(certificate)
    EVP_PKEY_free(key)
    if let authorityCertificate { X509_free(authorityCertificate) }
    if let authorityKey { EVP_PKEY_free(authorityKey) }
  }

  /// Writes `trustPEM` to a file, for a client's CA option.
  public func writeTrust(to path: String) throws {
    try trustPEM.write(toFile: path, atomically: true, encoding: .utf8)
  }
}

private func newKey() throws -> OpaquePointer {
  guard let key = copenssl_ec_p256_key() else { throw tlsError("EVP_EC_gen") }
  return key
}

private func makeCertificate(
  commonName: String, key: OpaquePointer, issuer: OpaquePointer?, issuerKey: OpaquePointer,
  validity: TLSIdentity.Validity, isAuthority: Bool
) throws -> OpaquePointer {
  guard let cert = X509_new() else { throw tlsError("X509_new") }
  let day = 86_400
  // Expired: valid for a month that ended yesterday, so any check of notAfter must fail.
  let (from, to) = validity == .expired ? (-31 * day, -day) : (-day, 30 * day)
  let subject = X509_get_subject_name(cert)
  guard X509_set_version(cert, 2) == 1,
    ASN1_INTEGER_set(X509_get_serialNumber(cert), Int.random(in: 1...Int(Int32.max))) == 1,
    X509_gmtime_adj(X509_getm_notBefore(cert), from) != nil,
    X509_gmtime_adj(X509_getm_notAfter(cert), to) != nil,
    X509_set_pubkey(cert, key) == 1,
    copenssl_name_add_text(subject, "CN", commonName) == 1,
    X509_set_issuer_name(cert, issuer.map { X509_get_subject_name($0) } ?? subject) == 1
  else {
    X509_free(cert)
    throw tlsError("X509 fields")
  }
  var ctx = X509V3_CTX()
  X509V3_set_ctx(&ctx, issuer ?? cert, cert, nil, nil, 0)
  var extensions: [(Int32, String)] = [(NID_subject_alt_name, "IP:127.0.0.1")]
  if isAuthority {
    extensions = [
      (NID_basic_constraints, "critical,CA:TRUE"), (NID_key_usage, "critical,keyCertSign,cRLSign"),
    ]
  }
  for (nid, value) in extensions {
    guard let ext = X509V3_EXT_conf_nid(nil, &ctx, nid, value) else {
      X509_free(cert)
      throw tlsError("X509V3_EXT_conf_nid(\(value))")
    }
    X509_add_ext(cert, ext, -1)
    X509_EXTENSION_free(ext)
  }
  guard X509_sign(cert, issuerKey, EVP_sha256()) > 0 else {
    X509_free(cert)
    throw tlsError("X509_sign")
  }
  return cert
}

private func pem(_ cert: OpaquePointer) throws -> String {
  guard let bio = BIO_new(BIO_s_mem()) else { throw tlsError("BIO_new") }
  defer { BIO_free(bio) }
  guard PEM_write_bio_X509(bio, cert) == 1 else { throw tlsError("PEM_write_bio_X509") }
  var out: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let n = BIO_read(bio, &buffer, Int32(buffer.count))
    if n <= 0 { break }
    out.append(contentsOf: buffer[0..<Int(n)])
  }
  return String(decoding: out, as: UTF8.self)
}

/// The oldest OpenSSL error as text, with the call that failed.
func tlsError(_ call: String) -> LoopbackServerError {
  let code = ERR_get_error()
  var text = [CChar](repeating: 0, count: 256)
  ERR_error_string_n(code, &text, text.count)
  let message = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  return .tls("\(call): \(message)")
}

/// An SSL_CTX serving one identity; shared by the server's connection threads.
final class TLSServerContext: @unchecked Sendable {
  // @unchecked: after init the context is only passed to SSL_new, which OpenSSL allows from
  // several threads at once.
  let raw: OpaquePointer
  private let identity: TLSIdentity

  init(_ identity: TLSIdentity) throws {
    guard let ctx = SSL_CTX_new(TLS_server_method()) else { throw tlsError("SSL_CTX_new") }
    guard SSL_CTX_use_certificate(ctx, identity.certificate) == 1,
      SSL_CTX_use_PrivateKey(ctx, identity.key) == 1
    else {
      SSL_CTX_free(ctx)
      throw tlsError("SSL_CTX_use_certificate")
    }
    self.raw = ctx
    self.identity = identity
  }

  deinit { SSL_CTX_free(raw) }
}

/// One accepted connection, plain or TLS. Confined to its connection thread.
final class LoopbackConnection {
  let fd: Int32
  private let ssl: OpaquePointer?

  /// Wraps `fd`; with a context, completes the TLS handshake first (nil when it fails: the
  /// client refused our certificate, which is what TLS tests look for).
  init?(fd: Int32, tls: TLSServerContext?) {
    self.fd = fd
    guard let tls else {
      ssl = nil
      return
    }
    guard let ssl = SSL_new(tls.raw) else { return nil }
    SSL_set_fd(ssl, fd)
    guard SSL_accept(ssl) == 1 else {
      SSL_free(ssl)
      return nil
    }
    self.ssl = ssl
  }

  deinit {
    if let ssl {
      SSL_shutdown(ssl)
      SSL_free(ssl)
    }
  }

  func read(_ buffer: inout [UInt8]) -> Int {
    let count = buffer.count
    return buffer.withUnsafeMutableBytes { raw in
      if let ssl { return Int(SSL_read(ssl, raw.baseAddress, Int32(count))) }
      return plainRead(fd, raw.baseAddress, count)
    }
  }

  /// Writes everything or returns false (the client went away).
  func write(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBufferPointer { part -> Int in
        if let ssl { return Int(SSL_write(ssl, part.baseAddress, Int32(part.count))) }
        return send(fd, part.baseAddress, part.count, Int32(MSG_NOSIGNAL))
      }
      if n <= 0 { return false }
      offset += n
    }
    return true
  }
}

private func plainRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}
