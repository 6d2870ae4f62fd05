"""A synthetic Thai public sector for demos and load tests (`manage.py seed_demo`).

`country` plans the agency tree, `people` generates persons, versions, training
and assessments, `sink` streams them (COPY on PostgreSQL), `seed` orchestrates
and `users` makes the demo logins.
"""

from .seed import SeedOptions, SeedReport, demo_flush, demo_seed
from .users import DEMO_PASSWORD, DemoLogin, demo_users_create

__all__ = [
    "DEMO_PASSWORD",
    "DemoLogin",
    "SeedOptions",
    "SeedReport",
    "demo_flush",
    "demo_seed",
    "demo_users_create",
]
