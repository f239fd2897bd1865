"""Tests of chipgraph.extract, mirroring its modules."""
