"""Pages of the badges app, one module per subject: badge classes, awards, requests, public documents."""
