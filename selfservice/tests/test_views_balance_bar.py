"""Newcomer walk (issue 19): My skills draws the 70/30 bar as the reports do."""

from datetime import date

from django.urls import reverse

from reports import services
from reports.models import ComplianceMark


def test_my_70_30_bar_has_a_target_mark_and_a_legend(
    client, civil_servant, framework, train
):
    me = civil_servant.person
    train(me, 7, date(2026, 10, 20))
    train(me, 3, date(2026, 11, 2), horizon="future")
    services.compliance_recompute(fy=2570)
    ComplianceMark.objects.all().delete()
    client.force_login(civil_servant)
    body = client.get(reverse("me:skills")).content.decode()
    assert 'class="bar-target" style="left: 70.0%"' in body
    assert "bar-future" in body and "อนาคต 30.0 %" in body
    legend = body.split('id="bar-legend"')[1].split("</p>")[0]
    assert "งานปัจจุบัน" in legend and "เพื่ออนาคต" in legend
    assert "เป้าหมาย 70/30" in legend
