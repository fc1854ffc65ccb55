"""Statistics for admins: participation and outcomes, scoped like everything else."""
