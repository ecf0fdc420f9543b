"""Attachments: PDF, PNG and JPEG recognised by their content, a size cap, images without their metadata,
files served only to who may read the post, with a safe type, name and policy; bad files refused in Dutch
with nothing stored."""

import io

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from pypdf import PdfWriter

from accounts.constants import Role
from cms.models import Municipality
from forum import services
from forum.constants import Visibility
from forum.models import Attachment, Question
from tests.accounts.factories import login, person

pytestmark = pytest.mark.django_db

TITLE, BODY = (
    "Wie heeft een voorbeeld van een budgetplan?",
    "Wij zoeken een voorbeeld van een goed budgetplan.",
)


def pdf_bytes() -> bytes:
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return out.getvalue()


def image_bytes(kind: str, *, exif: bool = False) -> bytes:
    image, out = Image.new("RGB", (40, 30), (200, 30, 30)), io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "PhoneMaker"  # Make
        data[0x8825] = {2: (52.0, 5.0, 0.0)}  # GPS latitude
        image.save(out, kind, exif=data)
    else:
        image.save(out, kind)
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def people():
    utrecht = Municipality.objects.get(code="GM0344")
    people = {
        "asker": person("anna@utrecht.nl", first_name="Anna", municipality=utrecht),
        "colleague": person("bert@leiden.nl", municipality=Municipality.objects.get(code="GM0546")),
        "member": person("lid@gmail.com"),
        "moderator": person("mod@persaldo.nl", roles=[Role.MODERATOR]),
    }
    # Anna's first question was approved earlier, so her posts go online at once.
    first = services.question_ask(author=people["asker"], title="Een eerdere vraag over pgb", body=BODY)
    services.post_approve(post=first, by=people["moderator"])
    return people


def asked(client, **extra):
    data = {"title": TITLE, "body": BODY, "visibility": Visibility.PUBLIC, **extra}
    return client.post("/forum/vraag-stellen/", data)


def test_an_official_attaches_a_pdf_and_images_that_readers_open_safely(people):
    client = Client()
    login(client, people["asker"])
    files = [
        upload("Budgetplan voorbeeld.pdf", pdf_bytes()),
        upload("scan.png", image_bytes("PNG"), "image/png"),
        upload("foto.JPG", image_bytes("JPEG", exif=True), "image/jpeg"),
    ]
    response = asked(client, attachments=files)
    assert response.status_code == 302
    question = Question.objects.get(title=TITLE)
    names = list(question.attachments.values_list("name", "content_type"))
    assert names == [
        ("Budgetplan voorbeeld.pdf", "application/pdf"),
        ("scan.png", "image/png"),
        ("foto.jpg", "image/jpeg"),
    ]
    page = Client().get(question.get_absolute_url()).content.decode()
    assert "Budgetplan voorbeeld.pdf" in page and "Bijlagen" in page

    pdf, png, jpeg = question.attachments.all()
    response = Client().get(pdf.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "sandbox" in response["Content-Security-Policy"] and response["X-Content-Type-Options"] == "nosniff"
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    image = Client().get(png.get_absolute_url())
    assert image["Content-Type"] == "image/png" and image["Content-Disposition"].startswith("inline;")
    photo = Image.open(io.BytesIO(b"".join(Client().get(jpeg.get_absolute_url()).streaming_content)))
    assert photo.size == (40, 30) and not photo.getexif()  # the phone's make and location are gone
    assert storages["forum"].exists(jpeg.file.name) and "foto" not in jpeg.file.name  # a random name on disk


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("rapport.pdf", b"<html><script>alert(1)</script></html>", "is geen PDF-, PNG- of JPEG-bestand"),
        ("foto.png", b"MZ\x90\x00\x03" + b"\x00" * 200, "is geen PDF-, PNG- of JPEG-bestand"),
        ("setup.exe", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "is geen PDF-, PNG- of JPEG-bestand"),
        ("kapot.pdf", b"%PDF-1.7\n this is no pdf at all", "is geen leesbaar PDF-bestand"),
        ("kapot.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 20, "is geen leesbare PNG- of JPEG-afbeelding"),
    ],
)
def test_disguised_and_broken_files_are_refused_with_nothing_stored(people, name, data, message):
    client = Client()
    login(client, people["asker"])
    response = asked(client, attachments=[upload(name, data), upload("goed.pdf", pdf_bytes())])
    page = response.content.decode()
    assert response.status_code == 200 and message in page and name in page
    assert not Question.objects.filter(title=TITLE).exists() and not Attachment.objects.exists()


def test_oversized_files_and_too_many_files_are_refused(people, settings):
    settings.PGB_FORUM_ATTACHMENT_MAX_MB = 1
    client = Client()
    login(client, people["asker"])
    big = upload("groot.pdf", pdf_bytes() + b"%" * (1024 * 1024))
    page = asked(client, attachments=[big]).content.decode()
    assert "groot.pdf" in page and "kunnen worden bijgevoegd" in page
    many = [upload(f"b{i}.pdf", pdf_bytes()) for i in range(6)]
    assert "Voeg hoogstens 5 bestanden toe" in asked(client, attachments=many).content.decode()
    assert not Question.objects.filter(title=TITLE).exists() and not Attachment.objects.exists()


def test_a_hostile_file_name_is_cleaned_and_never_markup(people):
    question = services.question_ask(
        author=people["asker"],
        title=TITLE,
        body=BODY,
        attachments=[upload('../../<img src=x onerror="alert(1)">\r\n.exe', pdf_bytes())],
    )
    attachment = question.attachments.get()
    assert attachment.name == '<img src=x onerror="alert(1)">.exe.pdf'
    assert "/" not in attachment.file.name.split("/", 2)[-1] and attachment.file.name.endswith(".pdf")
    page = Client().get(question.get_absolute_url()).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.exe.pdf" in page
    response = Client().get(attachment.get_absolute_url())
    assert response.status_code == 200 and "\n" not in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_files_of_posts_a_visitor_may_not_read_do_not_exist_for_them(people):
    closed = services.question_ask(
        author=people["asker"],
        title=TITLE,
        body=BODY,
        visibility=Visibility.MEMBERS,
        attachments=[upload("intern.pdf", pdf_bytes())],
    )
    url = closed.attachments.get().get_absolute_url()
    member = Client()
    login(member, people["member"])
    assert Client().get(url).status_code == 404 and member.get(url).status_code == 404
    colleague = Client()
    login(colleague, people["colleague"])
    assert colleague.get(url).status_code == 200

    answer = services.answer_post(
        question=closed,
        author=people["asker"],
        body="Zie de bijlage.",
        attachments=[upload("a.pdf", pdf_bytes())],
    )
    answer_url = answer.attachments.get().get_absolute_url()
    assert colleague.get(answer_url).status_code == 200
    services.post_hide(post=answer, by=people["moderator"])
    assert colleague.get(answer_url).status_code == 404
    services.post_delete(post=closed, by=people["asker"])
    assert colleague.get(url).status_code == 404
    assert colleague.get(url.replace("intern.pdf", "ander.pdf")).status_code == 404
