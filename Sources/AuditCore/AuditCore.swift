// AuditCore: everything oitcheck knows about OIT, independent of the network and of C libraries.
//
// Main types: `Checklist` (one assessment year's items, loaded from YAML by `ChecklistLoader`),
// `FiscalYear` and `Day` (Buddhist-era fiscal calendar), `ThaiText` and `ThaiDates` (matching keys
// and date mentions in Thai text), the snapshot records that the crawler writes (`PageFacts`,
// `SnapshotRecord`), and `AuditReport`, which the matcher produces and the renderers print.
// Callers: Extraction and Crawling fill snapshot records; the matcher and Reporting read them.

/// The version printed in reports, snapshots and the User-Agent.
public let oitcheckVersion = "0.1.0"
