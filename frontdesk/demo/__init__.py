"""Demo data, outside the services: imported only by the command line, the benchmarks and the tests."""
