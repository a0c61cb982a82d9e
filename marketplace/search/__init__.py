"""Search that understands Vietnamese: analysis, index backends, the query and suggest service,
index sync after commits, and its pages and CLI."""
