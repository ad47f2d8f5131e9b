"""Issuers' figures: awards over time, claim and accept rates, shares and verifications of shared links."""
