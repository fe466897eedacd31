"""Article text as HTML with conflicting values marked, built from offsets.

Every piece of article text is escaped; only our own tags are added. Marks
that overlap an earlier one are dropped rather than nested.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def highlight(body: str, marks: list[Mark]) -> SafeString:
    parts: list[str] = []
    cursor = 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        start = max(mark.start, 0)
        end = min(mark.end, len(body))
        if start < cursor or end <= start:
            continue
        parts.append(escape(body[cursor:start]))
        parts.append(
            format_html(
                '<a class="hl kind-{} sev-{}" data-d="{}" href="{}" hx-get="{}" '
                'hx-target="#panel" hx-push-url="{}" aria-label="{} conflict ({}): {}">{}'
                '<span class="hl-icon" aria-hidden="true">{}</span></a>',
                mark.kind,
                mark.severity,
                mark.discrepancy_id,
                mark.href,
                mark.panel_url,
                mark.href,
                mark.kind.capitalize(),
                mark.severity,
                mark.label,
                body[start:end],
                {"high": "!!", "medium": "!", "low": "?"}.get(mark.severity, ""),
            )
        )
        cursor = end
    parts.append(escape(body[cursor:]))
    return mark_safe("".join(parts))  # every part above is escaped or format_html
