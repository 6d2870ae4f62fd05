"""A synthetic Thai public sector for demos and load tests (`manage.py seed_demo`).

`country` plans the agency tree, `people` generates persons, versions, training
and assessments, `sink` streams them (COPY on PostgreSQL), `seed` orchestrates
and `users` makes the demo logins. A Django app of its own, above every
other (it seeds them all); nothing imports it.
"""
