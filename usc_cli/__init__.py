"""uscn: compare how Washington and Beijing frame each contested issue, with verifiable quotes."""
