"""The patient record as plain values: what a chart holds and the rules its entries obey."""
