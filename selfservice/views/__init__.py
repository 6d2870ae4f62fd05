"""Self-service pages (SPEC §1: the civil servant), mounted at /me/."""
