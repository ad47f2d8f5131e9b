"""The backpack's connections to other Open Badges 3.0 hosts (the API's Service Consumer)."""
