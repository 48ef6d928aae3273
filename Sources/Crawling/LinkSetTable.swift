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

  private let ids = Mutex<[String: Int]>([:])

  /// Moves the page's nav, header, footer and aside links into shared sets, one per region, and
  /// returns the sets first seen on this page, to be written with it.
  func share(_ facts: inout PageFacts) -> [LinkSetFacts] {
    let template: [LinkRegion] = [.nav, .header, .footer, .aside]
    var groups: [LinkRegion: [PageLink]] = [:]
    for link in facts.links where template.contains(link.region) {
      groups[link.region, default: []].append(link)
    }
    var shared: Set<LinkRegion> = []
    var new: [LinkSetFacts] = []
    for region in template {
      guard let links = groups[region], links.count >= LinkSetTable.minimumLinks else { continue }
      let key = LinkSetTable.key(links)
      let (id, isNew) = ids.withLock { table -> (Int?, Bool) in
        if let id = table[key] { return (id, false) }
        guard table.count < LinkSetTable.maximumSets else { return (nil, false) }
        table[key] = table.count
        return (table.count - 1, true)
      }
      guard let id else { continue }
      facts.linkSets.append(id)
      shared.insert(region)
      if isNew { new.append(LinkSetFacts(id: id, links: links)) }
    }
    if !shared.isEmpty { facts.links.removeAll { shared.contains($0.region) } }
    return new
  }

  /// Every field of every link, so only identical lists share an id.
  static func key(_ links: [PageLink]) -> String {
    var k = ""
    for l in links {
      k += l.region.rawValue + "\u{1}" + l.url + "\u{1}" + l.text + "\u{1}"
      k += (l.rowText ?? "\u{3}") + "\u{1}" + (l.title ?? "\u{3}") + "\u{2}"
    }
    return k
  }
}

