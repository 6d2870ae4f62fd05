import pytest
from django.conf import settings

from skillsportal.cache import PooledRedisCache

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL, reason="needs Redis (REDIS_URL; CI requires it)"
)


@pytest.fixture
def cache():
    backend = PooledRedisCache(settings.REDIS_URL, {"KEY_PREFIX": "test-cache"})
    yield backend
    backend.clear()


def test_one_client_per_pool_serves_every_call(cache):
    assert cache._cache.get_client(write=True) is cache._cache.get_client()
    cache.set("answer", {"n": 42}, 30)
    assert cache.get("answer") == {"n": 42}
    assert cache.add("n", 0) and cache.incr("n") == 1
    cache.delete("answer")
    assert cache.get("answer", "gone") == "gone"
