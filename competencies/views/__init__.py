"""HR page views (server-rendered): people, training, assessments, verification.

They combine people (agencies) with development records (competencies), so they
live here, downstream of both (STYLE C1: agencies ← competencies ← reports).
Every view is the five steps of STYLE C6: scope → fetch → form → service → page.
"""
