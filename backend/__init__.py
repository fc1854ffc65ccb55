"""The 清廉协会 backend."""
