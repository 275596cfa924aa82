"""A synthetic clinic for demonstrations, screenshots and benchmarks. No real person in it."""
