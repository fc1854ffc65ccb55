"""Moderation: staff work through reports until each problem is closed (销号)."""
