"""What the demo clinic needs for its letters to print: the letterhead and signatures, and
annual reviews for the patients the demo monitoring reaffirmed consent for."""

from db.database import Database
from db.demo.annual_reviews import generate_demo_annual_reviews
from db.demo.letterhead import generate_demo_letterhead


def generate_demo_letters(database: Database, seed: int) -> None:
    generate_demo_letterhead(database)
    generate_demo_annual_reviews(database, seed)
