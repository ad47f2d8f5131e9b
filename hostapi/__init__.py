"""The Open Badges 3.0 API this host serves under /ims/ob/v3p0/: discovery, credentials, profile."""
