from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

from skillsportal import warmup


def _cached_loader() -> CachedLoader:
    loaders = list(engines["django"].engine.template_loaders)
    while loaders:  # template_partials wraps the cached loader
        loader = loaders.pop()
        if isinstance(loader, CachedLoader):
            return loader
        loaders += getattr(loader, "loaders", [])
    raise AssertionError("no cached template loader")


def test_every_template_is_compiled_before_the_first_request():
    loader = _cached_loader()
    loader.reset()
    warmup.warm_up()
    names = warmup._template_names()
    assert "competencies/person_list.html" in names
    assert "bootstrap5/field.html" in names
    assert set(names) <= set(loader.get_template_cache)
