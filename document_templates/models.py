"""Kommune templates, generated documents (the stored, checksummed output) and the jargon list."""

from __future__ import annotations

from django.conf import settings
from django.db import models

MAALFORM_CHOICES = [("nb", "Bokmål"), ("nn", "Nynorsk")]


class DocumentTemplate(models.Model):
    """A .docx uploaded by the kommune for one document kind and målform; the newest active one is used."""

    kind = models.CharField("dokumenttype", max_length=60)
    maalform = models.CharField("målform", max_length=2, choices=MAALFORM_CHOICES)
    version = models.PositiveIntegerField("versjon")
    filename = models.CharField("filnavn", max_length=200)
    content = models.BinaryField("innhold")
    checksum = models.CharField("sjekksum (SHA-256)", max_length=64)
    size = models.PositiveIntegerField("størrelse (byte)")
    is_active = models.BooleanField("i bruk", default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="lastet opp av")
    uploaded_at = models.DateTimeField("lastet opp", auto_now_add=True)

    class Meta:
        verbose_name = "dokumentmal"
        verbose_name_plural = "dokumentmaler"
        ordering = ["kind", "maalform", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "maalform", "version"], name="document_template_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.maalform}) v{self.version}"

    @classmethod
    def active_for(cls, kind: str, maalform: str) -> DocumentTemplate | None:
        return cls.objects.filter(kind=kind, maalform=maalform, is_active=True).order_by("-version").first()


class TemplateCounter(models.Model):
    """The last template version given per document kind and målform. Taking a version locks this row
    (select_for_update) until the template is saved, so simultaneous uploads get distinct versions."""

    kind = models.CharField("dokumenttype", max_length=60)
    maalform = models.CharField("målform", max_length=2, choices=MAALFORM_CHOICES)
    last_version = models.PositiveIntegerField("sist brukte versjon", default=0)

    class Meta:
        verbose_name = "malversjonsteller"
        verbose_name_plural = "malversjonstellere"
        constraints = [
            models.UniqueConstraint(fields=["kind", "maalform"], name="template_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.maalform}): {self.last_version}"


class GeneratedDocument(models.Model):
    """One generated .docx (the master), with its checksum, template and input versions; PDF made from it."""

    kind = models.CharField("dokumenttype", max_length=60)
    object_id = models.PositiveBigIntegerField("objekt-id")
    public = models.BooleanField("offentlig versjon", default=False)
    maalform = models.CharField("målform", max_length=2, choices=MAALFORM_CHOICES)
    filename = models.CharField("filnavn", max_length=200)
    content = models.BinaryField("innhold (.docx)")
    checksum = models.CharField("sjekksum (SHA-256)", max_length=64)
    size = models.PositiveIntegerField("størrelse (byte)")
    template_version = models.CharField("malversjon", max_length=40)
    input_version = models.CharField("inndataversjon", max_length=80)
    frozen = models.BooleanField("låst (godkjent)", default=False)
    pdf = models.BinaryField("PDF", null=True, blank=True)
    pdf_checksum = models.CharField("sjekksum PDF", max_length=64, blank=True)
    pdf_created_at = models.DateTimeField("PDF laget", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="laget av")
    created_at = models.DateTimeField("laget", auto_now_add=True)

    class Meta:
        verbose_name = "generert dokument"
        verbose_name_plural = "genererte dokumenter"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id", "public", "maalform"], name="gendoc_lookup")]

    def __str__(self) -> str:
        return self.filename

    @classmethod
    def latest_for(cls, kind: str, object_id, *, public: bool, maalform: str) -> GeneratedDocument | None:
        return (cls.objects.filter(kind=kind, object_id=object_id, public=public, maalform=maalform)
                .order_by("-created_at", "-pk").first())

    @property
    def pdf_filename(self) -> str:
        return self.filename.rsplit(".", 1)[0] + ".pdf"


class JargonTerm(models.Model):
    """The secretariat's additions to the klarspråk word list (data/klarsprak.tsv is the starter list)."""

    phrase = models.CharField("ord eller uttrykk", max_length=100, unique=True)
    suggestion = models.CharField("klarere alternativ", max_length=200, blank=True)
    is_active = models.BooleanField("i bruk", default=True)
    created_at = models.DateTimeField("lagt til", auto_now_add=True)

    class Meta:
        verbose_name = "ord i klarspråklista"
        verbose_name_plural = "klarspråkliste"
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase
