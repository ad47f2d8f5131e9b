"""The JSON parser of every API endpoint: DRF's, with nesting bounded.

DRF's ``JSONParser`` lets Python's ``RecursionError`` escape on deeply nested
input (50,000 ``[`` in a body answered 500); here such a body is a 400 like
any other malformed JSON, with the reason.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from credentials import jsontext
from credentials.errors import DecodeError


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return jsontext.loads(stream.read().decode(encoding))
        except (DecodeError, UnicodeDecodeError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
