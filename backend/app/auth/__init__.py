"""Logging in: members by WeChat code, admins by password."""
