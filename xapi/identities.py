"""Who and what a statement names, as the portal stores and filters them.

`content_digest` keys what tells two sendings of a statement apart;
`actor_identity` turns an Agent or identified Group into one key (a national ID
only as its blind index, SPEC §3); `masked` is a statement as the portal keeps
it, every national ID in an account masked; `statement_refs` lists every agent and
activity a statement names besides its actor and its object activity, for the
`agent`, `related_agents` and `related_activities` filters (xAPI
Communication §2.1.3).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings

from agencies.models.people import national_id_hash
from skillsportal.lib import national_id

from .models import RefKind

Ref = tuple[str, str, bool]  # (kind, value, related)
_VALUE = 600  # StatementRef.value
_IFIS = {"mbox", "mbox_sha1sum", "openid", "account"}


def content_digest(plain: str) -> str:
    """The stored digest of a statement's content: keyed (HMAC with the national
    ID key) over its plain SHA-256, which a national ID in the statement would
    otherwise let anyone brute-force from the masked body (SPEC §3)."""
    key = settings.NATIONAL_ID_KEY.encode()
    return hmac.new(key, plain.encode("ascii"), hashlib.sha256).hexdigest()


def actor_identity(actor: dict[str, Any], home_pages: set[str]) -> tuple[str, str]:
    """(identity key, label to show) of an Agent or identified Group."""
    label = str(actor.get("name", ""))[:300]
    if "account" in actor:
        home, name = actor["account"]["homePage"], actor["account"]["name"]
        if national_id.is_valid(name):  # never kept in clear, whatever the home
            digits = national_id.validate(name)
            blind, shown = national_id_hash(digits), national_id.mask(digits)
            if home.rstrip("/") in home_pages:  # the portal's: that person
                return "nid:" + blind, shown
            return f"account:{home}|nid:{blind}"[:600], label or shown
        return f"account:{home}|{name}"[:600], label or name
    if "mbox" in actor:
        return "mbox:" + actor["mbox"].lower(), label or actor["mbox"][7:]
    if "mbox_sha1sum" in actor:
        return "sha1:" + actor["mbox_sha1sum"].lower(), label
    if "openid" in actor:
        return "openid:" + actor["openid"], label or actor["openid"]
    return "group:anonymous", label


def masked(value: Any) -> Any:
    """`value` (a statement or any part of it) with every account name that is
    a national ID masked, wherever it stands (actor, group members, object,
    instructor, team, SubStatement) and whatever its home page (SPEC §3)."""
    if isinstance(value, list):
        return [masked(item) for item in value]
    if not isinstance(value, dict):
        return value
    copy = {key: masked(item) for key, item in value.items()}
    account = copy.get("account")
    if isinstance(account, dict) and isinstance(account.get("name"), str):
        if national_id.is_valid(account["name"]):
            digits = national_id.validate(account["name"])
            copy["account"] = {**account, "name": national_id.mask(digits)}
    return copy


def statement_refs(statement: dict[str, Any], home_pages: set[str]) -> set[Ref]:
    """The agents and activities of a (valid) statement beyond its actor and
    object activity: an agent as object (not related), then as related the
    authority, the context's instructor, team and activities, and the actor,
    object and context of a SubStatement."""
    refs: set[Ref] = set()

    def agent(value: Any, related: bool = True) -> None:
        if not isinstance(value, dict):
            return
        if value.get("objectType") == "Group" and not _IFIS & value.keys():
            return  # an anonymous group is nobody one can ask for
        refs.add((RefKind.AGENT, actor_identity(value, home_pages)[0], related))

    def activity(value: Any) -> None:
        if isinstance(value, dict) and value.get("id"):
            refs.add((RefKind.ACTIVITY, str(value["id"])[:_VALUE], True))

    def context(part: dict[str, Any]) -> None:
        ctx = part.get("context") or {}
        for name in ("instructor", "team"):
            if name in ctx:
                agent(ctx[name])
        for group in (ctx.get("contextActivities") or {}).values():
            for item in group if isinstance(group, list) else [group]:
                activity(item)

    target = statement.get("object") or {}
    kind = target.get("objectType", "Activity")
    if kind in ("Agent", "Group"):
        agent(target, related=False)
    elif kind == "SubStatement":
        agent(target.get("actor"))
        inner = target.get("object") or {}
        if inner.get("objectType", "Activity") == "Activity":
            activity(inner)
        else:
            agent(inner)
        context(target)
    context(statement)
    if "authority" in statement:
        agent(statement["authority"])
    return refs
