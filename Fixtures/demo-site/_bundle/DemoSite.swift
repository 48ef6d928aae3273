// DemoSite: the bundled demo municipality website that `oitcheck demo` serves on loopback.
// The files live in Fixtures/demo-site/www and are copied into the binary's resource bundle.
import Foundation

/// Where the demo site's files are on disk, inside the executable's resource bundle.
public enum DemoSite {
  public static var rootDirectory: String {
    Bundle.module.bundleURL.appendingPathComponent("www").path
  }
}
