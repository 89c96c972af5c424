"""Tools for the people who build careerdash: benchmarks and screenshots."""
