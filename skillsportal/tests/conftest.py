"""The scope-leak battery's world, a fixture for its tests."""

from .scoping_world import world  # noqa: F401
