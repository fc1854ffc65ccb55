"""Admin accounts of the city and district civil-affairs bureaus."""
