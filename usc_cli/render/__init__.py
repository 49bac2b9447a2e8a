"""Renderers: turn query results into documents, then into table, JSON, Markdown, CSV or HTML text."""
