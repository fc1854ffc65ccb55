"""Problem reports, named or anonymous, with uploads, receipts, deadlines and follow-up."""
