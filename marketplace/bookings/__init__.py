"""Services sold as services (OCOP group 6): booking terms, capacity per day, and the rules of a booking."""
