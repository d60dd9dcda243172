"""What the OpenAPI document says in words that Schemathesis cannot read by itself.

Every text the API takes carries the format `nfc-text`: well-formed Unicode in normalisation form C
without control characters but tab, line feed and carriage return (apps/api/http/text-rule.ts). The
document's `pattern` says the character half; this strategy generates texts that are also in NFC.
"""

import unicodedata

import schemathesis
from hypothesis import strategies as st

_BARRED = {chr(code) for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]}

_TEXT = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=sorted(_BARRED)))
    .map(lambda text: unicodedata.normalize("NFC", text))
    .filter(lambda text: not _BARRED.intersection(text))
)

schemathesis.openapi.format("nfc-text", _TEXT)
