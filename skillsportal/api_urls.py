"""The single DRF router: the whole API surface in one file."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

urlpatterns = router.urls
