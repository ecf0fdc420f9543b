"""Content images: alternative text required unless marked decorative, WebP renditions with a JPEG
fallback at the widths a screen needs."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.blocks import StructBlockValidationError
from wagtail.images import get_image_model

from cms.blocks import ImageBlock
from cms.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    data = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (11, 79, 92)).save(data, "PNG")
    image = get_image_model()(title="Keukentafelgesprek")
    image.file = ImageFile(data, name="keukentafel.png")
    image.save()
    return image


def test_an_image_needs_alternative_text_or_is_marked_decorative(photo):
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": photo.pk, "alt": "", "decorative": False}))
    assert "alt" in error.value.block_errors
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": photo.pk, "alt": "Twee mensen aan tafel", "decorative": True}))
    assert "decorative" in error.value.block_errors
    assert block.clean(block.to_python({"image": photo.pk, "alt": "", "decorative": True}))["decorative"]


def test_readers_get_webp_renditions_with_a_fallback_and_the_alternative_text(client, imported, photo):
    article = ArticlePage.objects.live().first()
    article.body = [
        (
            "image",
            {
                "image": photo,
                "alt": "Een consulent en een budgethouder aan de keukentafel",
                "caption": "Het gesprek",
            },
        ),
        ("image", {"image": photo, "alt": "", "decorative": True}),
    ]
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    figure = html[html.index('<figure class="pgb-figure">') :]
    assert 'type="image/webp"' in figure and ".webp 480w" in figure and ".webp 1200w" in figure
    assert 'alt="Een consulent en een budgethouder aan de keukentafel"' in figure
    assert ".jpg 800w" in figure or ".jpeg 800w" in figure  # the fallback for browsers without WebP
    assert "<figcaption" in figure and "Het gesprek" in figure
    second = figure[figure.index("</figure>") :]
    assert 'alt=""' in second  # decorative: screen readers skip it
