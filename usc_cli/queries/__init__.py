"""Pure functions over a loaded Dataset: name resolution, filters, comparisons."""
