"""`field__in_array=[ids]`: membership in a list sent as ONE array parameter.

`field__in=[…425 ids…]` sends one placeholder per id; psycopg's client-side
binding then re-parses that long statement on every query (it caches only short
ones): 18 ms of Python per page for an HR officer of a 425-agency ministry.
`= ANY(%s)` with a single array keeps the statement short and cached, and
PostgreSQL plans it exactly as the IN list (it rewrites IN to = ANY). SQLite
(the demo) has no arrays and gets the plain IN list.
"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, ForeignObject, IntegerField, Lookup


class InArray(Lookup):
    lookup_name = "in_array"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[int]:
        return [int(v) for v in self.rhs]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*params, self.rhs)

    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, params = self.process_lhs(compiler, connection)
        if not self.rhs:
            return "1 = 0", tuple(params)
        marks = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({marks})", (*params, *self.rhs)


class TextInArray(InArray):
    """The same for text keys (e.g. the import's national ID hashes)."""

    def get_prep_lookup(self) -> list[str]:  # type: ignore[override]
        return [str(v) for v in self.rhs]


IntegerField.register_lookup(InArray)
ForeignObject.register_lookup(InArray)
CharField.register_lookup(TextInArray)
