internal import CZlib

/// A valid gzip stream of zeros that inflates a thousand times over: a small head, one block
/// repeated, a tail. Served chunk by chunk, so the server never holds the whole thing.
///
/// Each block is 1 MiB of zeros deflated after `Z_FULL_FLUSH`, which resets the compressor:
/// every block after the first compresses to the same bytes, so repeating them is still one
/// valid deflate stream. The tail carries the right CRC-32 and length of the whole.
public struct GzipBomb: Sendable {
  public static let blockBytes = 1 << 20
  /// The gzip header and the first block.
  public let head: [UInt8]
  /// Every later block, byte-identical.
  public let block: [UInt8]
  /// The final deflate block, CRC-32 and length.
  public let tail: [UInt8]
  /// How many MiB of zeros it inflates to.
  public let blocks: Int

  public var decodedBytes: Int { blocks * GzipBomb.blockBytes }
  public var compressedBytes: Int { head.count + block.count * (blocks - 1) + tail.count }

  /// A bomb that inflates to `mebibytes` MiB (at least 3).
  public init(mebibytes: Int) throws {
    precondition(mebibytes >= 3)
    var stream = z_stream()
    guard czlib_deflate_init_gzip(&stream, 9) == Z_OK else { throw GzipBombError.zlib("deflateInit2") }
    defer { deflateEnd(&stream) }
    var zeros = [UInt8](repeating: 0, count: GzipBomb.blockBytes)
    func deflateStep(_ input: Int, _ flush: Int32) throws -> [UInt8] {
      var out: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 64 * 1024)
      try zeros.withUnsafeMutableBufferPointer { inBuf in
        stream.next_in = inBuf.baseAddress
        stream.avail_in = UInt32(input)
        repeat {
          let produced = try buffer.withUnsafeMutableBufferPointer { outBuf -> Int in
            stream.next_out = outBuf.baseAddress
            stream.avail_out = UInt32(outBuf.count)
            let r = deflate(&stream, flush)
            guard r == Z_OK || r == Z_STREAM_END || r == Z_BUF_ERROR else {
              throw GzipBombError.zlib("deflate: \(r)")
            }
            return outBuf.count - Int(stream.avail_out)
          }
          out.append(contentsOf: buffer[0..<produced])
        } while stream.avail_out == 0
      }
      return out
    }
    head = try deflateStep(GzipBomb.blockBytes, Z_FULL_FLUSH)
    block = try deflateStep(GzipBomb.blockBytes, Z_FULL_FLUSH)
    guard try deflateStep(GzipBomb.blockBytes, Z_FULL_FLUSH) == block else {
      throw GzipBombError.zlib("blocks after a full flush differ")
    }
    // Z_FINISH with no input: the final empty block, then CRC and length of 3 MiB, replaced below.
    let finish = try deflateStep(0, Z_FINISH)
    let crcBlock = zeros.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
    var crc: UInt = 0
    for _ in 0..<mebibytes {
      crc = crc32_combine(crc, crcBlock, off_t(GzipBomb.blockBytes))
    }
    let size = UInt32(truncatingIfNeeded: mebibytes * GzipBomb.blockBytes)
    var trailer: [UInt8] = []
    for value in [UInt32(truncatingIfNeeded: crc), size] {
      for shift in stride(from: 0, to: 32, by: 8) { trailer.append(UInt8((value >> shift) & 0xff)) }
    }
    tail = Array(finish.dropLast(8)) + trailer
    blocks = mebibytes
  }

  /// Chunk `i` of the stream (head, blocks, tail), nil past the end: for `LoopbackResponse.stream`.
  public func chunk(_ i: Int) -> [UInt8]? {
    switch i {
    case 0: head
    case 1..<blocks: block
    case blocks: tail
    default: nil
    }
  }
}

public enum GzipBombError: Error {
  case zlib(String)
}
