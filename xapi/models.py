"""Statements that learning systems sent (SPEC §9, xAPI 1.0.3)."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, ApiKey, Person
from agencies.scoping import AgencyScope
from skillsportal.lib.choices import ChoiceLabels


class Outcome(models.TextChoices):
    """What the portal made of a statement."""

    RECORDED = "recorded", _("บันทึกเป็นรายการฝึกอบรมแล้ว")
    UNMATCHED = "unmatched", _("ยังไม่พบบุคลากร")
    NOT_RECORDED = "not_recorded", _("ไม่ได้บันทึก")
    STORED = "stored", _("เก็บไว้เท่านั้น")
    VOIDING = "voiding", _("ยกเลิกคำสั่งอื่น")


class StatementQuerySet(models.QuerySet["Statement"]):
    def visible_to(self, scope: AgencyScope) -> StatementQuerySet:
        """Statements sent with keys of the scope's agencies."""
        if scope.national:
            return self
        return self.filter(scope.agency_q("agency", read=True))


class Statement(ChoiceLabels, models.Model):
    """One statement as stored: `body` is what GET returns (the actor's national
    ID masked, SPEC §3); the other columns are what the portal filters on."""

    id = models.UUIDField(primary_key=True)
    key = models.ForeignKey(
        ApiKey, verbose_name=_("ระบบ"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("หน่วยงาน"), on_delete=models.CASCADE, related_name="+"
    )
    verb = models.CharField(_("คำกริยา"), max_length=500)
    activity = models.CharField(_("กิจกรรม"), max_length=500, blank=True)
    # The actor's identity: "mbox:…", "sha1:…", "openid:…", "account:homePage|name"
    # or "nid:<blind index>" for a national ID (never the ID itself).
    actor = models.CharField(_("ผู้เรียน"), max_length=600)
    actor_label = models.CharField(_("ชื่อผู้เรียนที่ส่งมา"), max_length=300, blank=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("บุคลากร"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("ผล"), max_length=16, choices=Outcome)
    reason = models.CharField(_("เหตุผล"), max_length=300, blank=True)
    voided = models.BooleanField(_("ถูกยกเลิก"), default=False)
    registration = models.UUIDField(_("การลงทะเบียน"), null=True, blank=True)
    timestamp = models.DateTimeField(_("เวลาที่เกิด"))
    stored = models.DateTimeField(_("เวลาที่รับ"))
    # JSON text, never queried inside: a text column takes a batch of a hundred
    # in 6 ms where jsonb took 14 (scripts/bench_xapi.py).
    body = models.TextField(_("คำสั่ง"))
    # The statement as sent without the properties the LRS sets, hashed and keyed
    # (`identities.content_digest`): the same id with another digest is a
    # conflict (409).
    digest = models.CharField(max_length=64)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("คำสั่ง xAPI")
        verbose_name_plural = _("คำสั่ง xAPI")
        # Every read is by the key's or the officer's agencies: lists by time,
        # an agent's statements and the learners waiting for HR by actor.
        indexes = [
            models.Index(fields=["agency", "stored"], name="xapi_by_agency_stored"),
            models.Index(fields=["agency", "actor"], name="xapi_by_agency_actor"),
        ]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def document(self) -> dict[str, Any]:
        """The statement as stored, as GET returns it."""
        data: dict[str, Any] = json.loads(self.body)
        return data


class RefKind(models.TextChoices):
    ACTIVITY = "activity", _("กิจกรรม")
    AGENT = "agent", _("ผู้เกี่ยวข้อง")


class StatementRef(models.Model):
    """An activity or agent a statement names beyond its actor and its object
    activity (those are columns of the statement): what the `agent` filter and
    `related_activities` / `related_agents` search (xAPI Communication §2.1.3).

    `related` is False only for an agent that is the statement's object; agent
    values are identities as `actor` holds them (a national ID only hashed).
    """

    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="refs"
    )
    kind = models.CharField(max_length=8, choices=RefKind)
    value = models.CharField(max_length=600)
    related = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "value"], name="xapi_ref_by_value")]

    def __str__(self) -> str:
        return f"{self.kind} {self.value}"
