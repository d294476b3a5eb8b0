"""Numeric learning rules, one module per Lean file, written once for float, exact and torch arrays."""
