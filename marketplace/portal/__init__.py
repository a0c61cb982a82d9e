"""The cooperative's own portal: dashboard, profile, listings, photos, stock, certificates."""
