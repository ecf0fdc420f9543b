"""Import and export of knowledge items in the JSON Lines exchange format (docs: FORMAT.md)."""
