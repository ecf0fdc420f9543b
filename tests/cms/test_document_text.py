"""A PDF uploaded in the admin is read in the background (the durable task queue): searchable as soon
as that is done, hits name its page and open it there, and editors are told when it is not accessible."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model

from accounts.constants import Role
from cms.models import DocumentText
from media.models import DocumentIndexPage, DocumentPage
from tests.accounts.factories import login, person, with_totp, work_off
from tests.admin_forms import form_values
from tests.pdfs import make_pdf

pytestmark = pytest.mark.django_db
PHRASE = "zorgbudgetregister"


@pytest.fixture
def editor(client, imported):
    admin = person("redactie@example.nl", roles=[Role.ADMINISTRATOR])
    login(client, admin, secret=with_totp(admin))
    return admin


def upload(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, "application/pdf"), "tags": ""},
    )


def publish_document_page(client, document) -> DocumentPage:
    url = f"/admin/pages/add/media/documentpage/{DocumentIndexPage.objects.get().pk}/"
    values = form_values(client.get(url).content.decode())
    values.update(
        {
            "title": "Register van zorgbudgetten",
            "slug": "register-zorgbudgetten",
            "summary": "Het register.",
            "body-count": "0",
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-document": str(document.pk),
            "attachments-0-title": "Register",
            "attachments-0-ORDER": "1",
            "attachments-0-id": "",
            "attachments-0-DELETE": "",
            "action-publish": "action-publish",
        }
    )
    response = client.post(url, values)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return DocumentPage.objects.get(slug="register-zorgbudgetten")


def test_an_uploaded_pdf_is_read_in_the_background_then_found_at_its_page(client, editor):
    response = upload(client, "register.pdf", make_pdf(["Inleiding", f"Het {PHRASE} per gemeente."]))
    assert response.status_code == 302
    document = get_document_model().objects.get(title="register.pdf")
    assert DocumentText.objects.get(document=document).status == DocumentText.Status.WAITING
    assert DBTaskResult.objects.filter(queue_name="documents").ready().count() == 1
    page = publish_document_page(client, document)
    assert client.get("/api/v1/search", {"q": PHRASE}).json()["results"] == []  # not read yet
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "wordt nog gelezen" in edit

    work_off("documents", backend="search")

    reading = DocumentText.objects.get(document=document)
    assert reading.status == DocumentText.Status.READ and reading.pages[-1][0] == 2
    html = client.get("/zoeken/", {"q": PHRASE}).content.decode()
    assert "Register van zorgbudgetten" in html and "Pagina 2 van het document" in html
    assert f'href="{document.url}#page=2"' in html and "Open Register op pagina 2" in html
    api = client.get("/api/v1/search", {"q": PHRASE}).json()["results"][0]
    assert api["page"] == 2 and api["page_url"].endswith(f"{document.url}#page=2")
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "is geen toegankelijke pdf" in edit and "niet getagd" in edit
    assert "geen taal" in edit and "geen titel" in edit


def test_an_accessible_pdf_gets_no_warning(client, editor):
    content = make_pdf([f"Het {PHRASE}."], tagged=True, language="nl-NL", title="Register van zorgbudgetten")
    upload(client, "toegankelijk.pdf", content)
    document = get_document_model().objects.get(title="toegankelijk.pdf")
    page = publish_document_page(client, document)
    work_off("documents", backend="search")
    assert DocumentText.objects.get(document=document).problems == []
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "toegankelijke pdf" not in edit and "wordt nog gelezen" not in edit
    assert "Register van zorgbudgetten" in client.get("/zoeken/", {"q": PHRASE}).content.decode()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"<html>Geen pdf</html>", "heet .pdf maar is geen pdf"),
        (b"%PDF-1.4\n1 0 obj kapot", "beschadigd"),
    ],
)
def test_a_file_named_pdf_that_is_no_readable_pdf_is_refused(client, editor, content, message):
    documents = get_document_model().objects.count()
    response = upload(client, "nep.pdf", content)
    assert response.status_code == 200 and message in response.content.decode()
    assert get_document_model().objects.count() == documents
    assert not DocumentText.objects.filter(document__title="nep.pdf").exists()
