import AuditCore
import Synchronization

/// The site-wide menus of a crawl, each written to the snapshot once (`PageFacts.linkSets`).
/// A LAO template repeats a menu of hundreds of links on every page; written per page it made
/// most of a snapshot's bytes and most of the matcher's reading time. Shared by the crawl's
/// child tasks.
final class LinkSetTable: Sendable {
  /// Smaller groups stay on their page: a set costs a record and an id.
  static let minimumLinks = 4
  /// Past this many distinct sets (menus that change on every page), links stay inline.
  static let maximumSets = 4096

  private struct Entry {
    var id: Int
    /// The shallowest page depth whose copy of the set went to the crawl loop, once one did.
    var handedAtDepth: Int?
  }

  private let entries = Mutex<[SetKey: Entry]>([:])

  /// What `share` did with a page's template links.
  struct Shared {
    /// Sets first seen on this page, to be written with it.
    var new: [LinkSetFacts] = []
    /// Regions whose links the crawl loop already has from a page no deeper than this one:
    /// following them again would only find URLs it has seen.
    var handed: Set<LinkRegion> = []
  }

  /// Moves the page's nav, header, footer and aside links into shared sets, one per region.
  /// `handingDepth` is the page's depth when its links go to the loop, nil when they do not
  /// (nofollow).
  func share(_ facts: inout PageFacts, handingDepth: Int?) -> Shared {
    let template: [LinkRegion] = [.nav, .header, .footer, .aside]
    var groups: [LinkRegion: [PageLink]] = [:]
    for link in facts.links where template.contains(link.region) {
      groups[link.region, default: []].append(link)
    }
    var out = Shared()
    var shared: Set<LinkRegion> = []
    for region in template {
      guard let links = groups[region], links.count >= LinkSetTable.minimumLinks else { continue }
      let key = SetKey(links)
      let (id, isNew, handed) = entries.withLock { table -> (Int?, Bool, Bool) in
        if var entry = table[key] {
          if let before = entry.handedAtDepth, let depth = handingDepth, before <= depth {
            return (entry.id, false, true)
          }
          if let depth = handingDepth {
            entry.handedAtDepth = depth
            table[key] = entry
          }
          return (entry.id, false, false)
        }
        guard table.count < LinkSetTable.maximumSets else { return (nil, false, false) }
        table[key] = Entry(id: table.count, handedAtDepth: handingDepth)
        return (table.count - 1, true, false)
      }
      guard let id else { continue }
      facts.linkSets.append(id)
      shared.insert(region)
      if handed { out.handed.insert(region) }
      if isNew { out.new.append(LinkSetFacts(id: id, links: links)) }
    }
    if !shared.isEmpty { facts.links.removeAll { shared.contains($0.region) } }
    return out
  }
}

/// Every field of every link as bytes, so only identical lists share an id. Bytes, not a
/// String: hashing a String normalises its Thai text first, which cost more than building it.
struct SetKey: Hashable {
  let bytes: [UInt8]

  init(_ links: [PageLink]) {
    var k: [UInt8] = []
    k.reserveCapacity(links.count * 64)
    // Each field is its length then its bytes (all ones for an absent field): no text a page
    // holds can make two different lists read the same.
    func add(_ s: String?) {
      let count = s.map { UInt32(truncatingIfNeeded: $0.utf8.count) } ?? .max
      withUnsafeBytes(of: count.littleEndian) { k.append(contentsOf: $0) }
      if let s { k.append(contentsOf: s.utf8) }
    }
    for l in links {
      add(l.region.rawValue)
      add(l.url)
      add(l.text)
      add(l.rowText)
      add(l.title)
    }
    bytes = k
  }

  func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}
