"""Taxonomy snippets: the laws, themes and municipalities that every item is tagged with."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from cms.domains import DOMAIN, normalise

SLUG_HELP = _("Lower-case letters, digits and hyphens; used in addresses and in the exchange format.")


class Law(index.Indexed, models.Model):
    """A law under which a pgb is granted (Wmo 2015, Jeugdwet, Wlz, Zvw)."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True, help_text=SLUG_HELP)
    abbreviation = models.CharField(_("abbreviation"), max_length=40)
    name = models.CharField(_("official name"), max_length=200)
    short_description = models.TextField(_("short description"), blank=True)

    panels = [
        FieldPanel("abbreviation"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_description"),
    ]
    search_fields = [index.SearchField("abbreviation"), index.SearchField("name")]

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("law")
        verbose_name_plural = _("laws")

    def __str__(self) -> str:
        return self.abbreviation

    def get_absolute_url(self) -> str:
        return reverse("cms:law_detail", kwargs={"slug": self.slug})


class Theme(index.Indexed, models.Model):
    """A subject under which good practice is grouped (toegang, tarieven, trekkingsrecht, …)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True, help_text=SLUG_HELP)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cms:theme_detail", kwargs={"slug": self.slug})


cbs_code_validator = RegexValidator(r"^GM\d{4}$", _("A CBS code is GM followed by four digits."))


class Municipality(index.Indexed, models.Model):
    """A Dutch gemeente, identified by its CBS code."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True, validators=[cbs_code_validator])
    name = models.CharField(_("official name"), max_length=120)
    display_name = models.CharField(
        _("display name"),
        max_length=120,
        blank=True,
        help_text=_("Shown instead of the official name, e.g. Den Haag."),
    )
    province = models.CharField(_("province"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=SLUG_HELP)
    email_domains = models.TextField(
        _("e-mail domains"),
        blank=True,
        help_text=_("One domain per line (e.g. utrecht.nl); used to verify municipal officials."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("display_name"),
        FieldPanel("code"),
        FieldPanel("province"),
        FieldPanel("slug"),
        FieldPanel("email_domains"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("display_name"),
        index.FilterField("province"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("cms:municipality_detail", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return self.display_name or self.name

    @property
    def domains(self) -> list[str]:
        return [domain for domain in map(normalise, self.email_domains.splitlines()) if domain]

    def clean(self) -> None:
        if not self.slug:
            self.slug = slugify(self.name)
        for domain in self.domains:
            if not DOMAIN.match(domain):
                raise ValidationError(
                    {"email_domains": _("%(domain)s is not a domain name.") % {"domain": domain}}
                )
            others = Municipality.objects.exclude(pk=self.pk).filter(email_domains__icontains=domain)
            taken = next((other for other in others if domain in other.domains), None)
            if taken is not None:
                raise ValidationError(
                    {
                        "email_domains": _("%(domain)s already belongs to gemeente %(name)s.")
                        % {"domain": domain, "name": taken.label}
                    }
                )
