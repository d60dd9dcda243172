"""What the OpenAPI document says in words that Schemathesis cannot read by itself.

Every text the API takes carries the format `nfc-text`: well-formed Unicode in normalisation form C
without control characters but tab, line feed and carriage return (apps/api/http/text-rule.ts). The
document's `pattern` says the character half; this strategy generates texts that are also in NFC.

A command's `Idempotency-Key` names one request: the same key with another body is refused (422), as the
header's description says. That is a relation between requests, which no schema can state, and
Schemathesis sends one generated key with many bodies; so each request it sends gets a key of its own.
Likewise an acceptance opinion's findings name each criterion once, which OpenAPI 3.0 cannot state.
"""

import hashlib
import re
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

# The form the API accepts (apps/api/idempotency/idempotency-key.ts); a key outside it is left as sent,
# for the API to refuse.
_IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}")


def _positive(case):
    """Data the document calls valid. Only such a case is touched: Schemathesis classifies a case again
    after a hook edits it, and an edited negative case (a missing Authorization header, say) would be
    sent as if it were positive."""
    return case.meta is not None and case.meta.generation.mode == "positive"


def _each_criterion_once(case):
    """An acceptance opinion gives each criterion of the pack once, as the `findings` description says
    (OpenAPI 3.0 cannot relate one item of a list to another): a criterion a generated list repeats
    becomes one it left out."""
    if not case.operation.path.endswith("/acceptance/opinion"):
        return
    findings = case.body.get("findings") if isinstance(case.body, dict) else None
    if not isinstance(findings, list):
        return
    schemas = case.operation.schema.raw_schema["components"]["schemas"]
    codes = schemas["AcceptanceFindingDto"]["properties"]["criterion"]["enum"]
    given = [finding.get("criterion") if isinstance(finding, dict) else None for finding in findings]
    unused = [code for code in codes if code not in given]
    seen = set()
    for finding, criterion in zip(findings, given):
        if isinstance(finding, dict) and criterion in seen and unused:
            finding["criterion"] = unused.pop(0)
        seen.add(finding.get("criterion") if isinstance(finding, dict) else None)


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    """What the document says in words, made true of each positive case before it is sent. Then a
    well-formed generated key becomes one derived from it and the request: the same request sent again
    keeps its key (and is answered from the first time), another request never shares it."""
    if not _positive(case):
        return
    _each_criterion_once(case)
    key = case.headers.get("Idempotency-Key") if case.headers else None
    if not isinstance(key, str) or not _IDEMPOTENCY_KEY.fullmatch(key):
        return
    request = repr((key, case.method, case.formatted_path, case.query, case.body))
    digest = hashlib.sha256(request.encode("utf-8", "surrogatepass")).hexdigest()
    case.headers["Idempotency-Key"] = f"fuzz-{digest}"
