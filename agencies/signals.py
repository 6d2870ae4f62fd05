"""Signals for decoupled side concerns only (STYLE C2), never for domain flow.

`person_records_changed` tells the compliance engine (reports) that facts of these
people changed from `since` on, so it can mark their figures stale. Single saves
of versions, training records and assessments are caught by model signals in
`reports`; bulk writes (imports) must send this themselves:

    person_records_changed.send(sender=TrainingRecord, person_ids=ids, since=day)
"""

from django.dispatch import Signal

person_records_changed = Signal()

# `transfer_request_changed` tells whoever notifies people (competencies) that a
# transfer request was made, accepted or declined: send(sender=TransferRequest,
# request=…, event="requested" | "accepted" | "declined").
transfer_request_changed = Signal()

# `people_anonymised` tells apps that keep their own copies of personal data
# (xapi: the statements as sent) that retention anonymised these people, inside
# its transaction: send(sender=Person, people=<a queryset of their pks>).
people_anonymised = Signal()
