// Extraction module
