// History: what unattended (cron) runs of oitcheck remember and share.
//
// - `HistoryStore`: the SQLite history (GRDB, WAL, migrations). One transaction per run records
//   the run, its options and coverage, every item's verdict and evidence, and the fetch facts of
//   every URL (status, ETag, Last-Modified, content hash). It answers the history list and the
//   diff between two runs.
// - `RunLock`: one lock file per site and database, so that two runs never overlap.
// - `ReportFolders`: dated report folders published atomically, `latest` link, pruning.
//
// Callers: the `oitcheck` executable (`ScheduledRun`, `history`, `diff`). Nothing here reads the
// clock or the environment; dates and paths come in as values.
