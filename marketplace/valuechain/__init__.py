"""Value chains: distributor companies, sourcing requests, offers and partnerships."""
