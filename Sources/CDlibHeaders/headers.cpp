// CDlibHeaders is header-only (include/): SwiftPM builds no target without a source file, so this one stands in.
