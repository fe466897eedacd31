"""The three stages in one call, for the command line, tests and benchmarks."""

from __future__ import annotations

from .compare import compare
from .extract import extract_many
from .types import ArticleText, Extraction, Finding


def extract_articles(articles: list[ArticleText]) -> list[Extraction]:
    return [
        Extraction(article.id, claims, article.published)
        for article, claims in zip(articles, extract_many(a.text for a in articles), strict=True)
    ]


def analyse(articles: list[ArticleText]) -> tuple[list[Extraction], list[Finding]]:
    extractions = extract_articles(articles)
    return extractions, compare(extractions)
