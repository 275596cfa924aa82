"""One module per rating scale, each holding a single declarative `Instrument`."""
