"""Quizzes: the question bank, practice, the mistake book, competitions and their leaderboards."""
