"""The directory: Taizhou's districts and its associations and chambers of commerce."""
