"""Insignia's credential core: plain facts in, standard signed documents out, and back.

This package is pure Python and never imports Django (``tests/credentials/
test_no_django.py`` checks it). Its inputs are the frozen dataclasses in
``types``. Two parallel slices hold what is specific to one version of
Open Badges:

* ``ob2``: hosted documents (``build``), signed assertions (``sign``, JWS
  RS256) and ``verification``;
* ``ob3``: ``OpenBadgeCredential`` documents (``build``), the
  ``eddsa-rdfc-2022`` Data Integrity proof (``data_integrity``), the VC-JWT
  (``vc_jwt``), the Bitstring Status List (``status_list``) and
  ``verification``.

Shared by both: ``report`` (the one verification result: named checks with
codes), ``errors`` (one error family with codes), ``keys`` (generation,
sealing, the signer interface), ``did`` (did:web), ``loader`` (the offline
JSON-LD document loader and its shipped ``contexts/``), ``hashing``
(recipient identity hashes), ``baking`` (badges inside PNG and SVG), ``jws``
(reading a token before it is checked) and ``types``. Modules whose names
start with ``_`` are internals.
"""
