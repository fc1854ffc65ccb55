"""Members: the people who use the mini-program."""
