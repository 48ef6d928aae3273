// Reporting module
