"""`make bench`: throughput of the API's busiest endpoints against floors on the same stack."""
