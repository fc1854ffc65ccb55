"""Pieces shared by every feature: auth, roles, pagination, schemas, time."""
