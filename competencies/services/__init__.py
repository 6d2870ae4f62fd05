"""Every write to frameworks, courses and development records goes through these.

Split by subdomain; import from here (`from competencies import services`).
"""

from .framework import framework_load

__all__ = ["framework_load"]
