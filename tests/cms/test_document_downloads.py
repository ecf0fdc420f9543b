"""Files are served as files (their own type, a download or an inline PDF, never run as a page) and only
to whoever may read a page that shows them."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from accounts.constants import Role
from cms.models import CasePage
from media.models import DocumentPage
from tests.accounts.factories import person
from tests.pdfs import make_pdf

pytestmark = pytest.mark.django_db


def download(client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_a_public_pages_file_is_a_safe_download(client, imported):
    document = DocumentPage.objects.get().attachments.get().document
    response, body = download(client, document.url)
    assert response.status_code == 200 and body.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")  # the browser's PDF viewer
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    text = get_document_model().objects.create(
        title="Tarieven", file=ContentFile(b"a;b\n1;2\n", name="t.csv")
    )
    case = CasePage.objects.live().first()
    case.attachments.create(document=text)
    case.save_revision().publish()
    response, body = download(client, text.url)
    assert response.status_code == 200 and body == b"a;b\n1;2\n"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_restricted_pages_file_is_served_only_to_those_who_may_read_the_page(client, imported):
    page = DocumentPage.objects.get()
    document = page.attachments.get().document
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(page.url).status_code == 302  # to the login page
    assert client.get(document.url).status_code == 404
    client.force_login(person("lid@gmail.com"))
    assert download(client, document.url)[0].status_code == 200


def test_a_file_on_no_live_page_is_only_for_people_who_work_in_the_admin(client, imported):
    page = DocumentPage.objects.get()
    document = page.attachments.get().document
    page.unpublish()
    assert client.get(document.url).status_code == 404
    unused = get_document_model().objects.create(
        title="Concept", file=ContentFile(make_pdf(["Nog niet gepubliceerd"]), name="concept.pdf")
    )
    assert client.get(unused.url).status_code == 404
    client.force_login(person("redactie@persaldo.nl", roles=[Role.EDITOR]))
    assert download(client, unused.url)[0].status_code == 200
    assert download(client, document.url)[0].status_code == 200


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def test_nobody_can_upload_an_svg_image_document_or_forum_attachment(imported):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.forms import get_document_form
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form

    from forum.services.attachments import attachments_check

    def upload(name="plaatje.svg"):
        return SimpleUploadedFile(name, SVG, content_type="image/svg+xml")

    editor = person("redactie@persaldo.nl", roles=[Role.EDITOR])
    image_form = get_image_form(get_image_model())({"title": "Logo"}, {"file": upload()}, user=editor)
    assert not image_form.is_valid() and "file" in image_form.errors
    document_model = get_document_model()
    document_form = get_document_form(document_model)({"title": "Logo"}, {"file": upload()}, user=editor)
    assert not document_form.is_valid() and "file" in document_form.errors
    with pytest.raises(ValidationError) as refused:
        attachments_check([upload(), upload("verkleed.png")])
    assert len(refused.value.message_dict["attachments"]) == 2
    assert not document_model.objects.filter(title="Logo").exists()
