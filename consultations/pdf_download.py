"""A PDF as a download, or a clear page when it could not be made (never a 500)."""

from django.http import HttpResponse
from django.shortcuts import render

from education.pdf import RenderFailed


def pdf_filename(kind, day, public_id, language=""):
    """A download name without her name (it lands in a shared computer's download list):
    the document kind, the day, a short id of the record and the language if any."""
    parts = [kind, day.strftime("%Y-%m-%d"), str(public_id).replace("-", "")[:8]]
    return "-".join(parts + ([language] if language else []))


def pdf_download(request, make_pdf, filename, back):
    """`back`: the page to return to when no PDF could be made."""
    try:
        pdf = make_pdf()
    except RenderFailed as failure:
        response = render(request, "pdf_failed.html",
                          {"reason": failure.reason, "back": back}, status=503)
        response["Retry-After"] = "10"
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
