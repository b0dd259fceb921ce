"""Shared by the importer's tests."""

from __future__ import annotations

import io

import pytest


@pytest.fixture
def blank_pdf() -> bytes:
    """An A4 page with no text layer, as a scan without OCR is."""
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    return bytes(buffer.getvalue())
