"""The learner's backpack (StoredCredential, Collection, ShareLink): see issue "backpack"."""
