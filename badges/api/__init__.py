"""The badges app's REST API, one module per resource: badge classes, awards, requests."""
