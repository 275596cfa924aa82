"""Treatment courses and the next-booster decisions."""
