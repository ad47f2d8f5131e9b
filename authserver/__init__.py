"""The OAuth 2.0 authorization server other applications connect through (OB 3.0 API security)."""
