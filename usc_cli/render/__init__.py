"""Renderers: turn query results into documents, then into table, JSON, Markdown or CSV text."""
