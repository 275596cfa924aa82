"""Speed figures at stated scales: `make bench`. Tests stay fast; numbers live here."""
