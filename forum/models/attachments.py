"""Files attached to a question or answer: PDF, PNG or JPEG, kept outside the public media folder."""

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from forum.models.targets import OnOnePost


class ForumStorage(LazyObject):
    """settings.STORAGES["forum"], looked up when first used (and again after the setting changes, as
    Django does for the default storage), so the field does not fix the folder at import."""

    def _setup(self):
        self._wrapped = storages["forum"]


forum_storage = ForumStorage()


def _forum_storage():
    return forum_storage


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        forum_storage._wrapped = empty


# The kinds of file a post may carry, by content type, with the extension they are stored and sent with.
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


def _stored_name(instance, filename: str) -> str:
    # Never the uploader's name on disk: a random one with the extension of the checked type.
    return f"{timezone.now():%Y/%m}/{secrets.token_hex(16)}{EXTENSIONS[instance.content_type]}"


class Attachment(OnOnePost):
    file = models.FileField(storage=_forum_storage, upload_to=_stored_name, max_length=200)
    name = models.CharField(_("file name"), max_length=120)  # as uploaded, cleaned; shown and sent
    content_type = models.CharField(max_length=40)  # from the content, never from the name
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(OnOnePost.Meta):
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:attachment", kwargs={"pk": self.pk, "name": self.name})

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
