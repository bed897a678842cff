"""The text of a PDF, as a reader would extract it (pypdf)."""

from io import BytesIO

from pypdf import PdfReader


def pdf_text(pdf, separator="\n"):
    return separator.join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
