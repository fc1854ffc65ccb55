"""The audit log: an append-only record of what admins did."""
