"""The figure fixtures of the reports tests: self-service pages show those figures."""

from reports.tests.conftest import assess, framework, group6, train  # noqa: F401
