"""Article text as HTML with conflicting values marked, built from offsets.

Every piece of article text is escaped; only our own tags are added. Marks
that overlap an earlier one are dropped rather than nested.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    discrepancy_id: int
    kind: str
    severity: str
    label: str
    href: str
    panel_url: str


ICONS = {"high": "!!", "medium": "!", "low": "?"}


@lru_cache(maxsize=4096)
def _tags(
    discrepancy_id: int, kind: str, severity: str, label: str, href: str, panel_url: str
) -> tuple[str, str]:
    """A mark's opening and closing tags: one conflict's are the same in every column."""
    opening = format_html(
        '<a class="hl kind-{} sev-{}" data-d="{}" href="{}" hx-get="{}" '
        'hx-target="#panel" hx-push-url="{}" aria-label="{} conflict ({}): {}">',
        kind,
        severity,
        discrepancy_id,
        href,
        panel_url,
        href,
        kind.capitalize(),
        severity,
        label,
    )
    closing = format_html(
        '<span class="hl-icon" aria-hidden="true">{}</span></a>', ICONS.get(severity, "")
    )
    return opening, closing


def highlight(body: str, marks: list[Mark]) -> SafeString:
    parts: list[str] = []
    cursor = 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        start = max(mark.start, 0)
        end = min(mark.end, len(body))
        if start < cursor or end <= start:
            continue
        opening, closing = _tags(
            mark.discrepancy_id, mark.kind, mark.severity, mark.label, mark.href, mark.panel_url
        )
        parts.extend((escape(body[cursor:start]), opening, escape(body[start:end]), closing))
        cursor = end
    parts.append(escape(body[cursor:]))
    return mark_safe("".join(parts))  # every part above is escaped or format_html
