"""The benchmark (run.py), a package so that the tests import it by its name."""
