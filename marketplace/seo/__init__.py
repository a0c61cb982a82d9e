"""Findable and shareable: canonical and language links, Open Graph, JSON-LD, sitemap.xml and
robots.txt. Reads the public parts of every domain; no domain imports it."""
