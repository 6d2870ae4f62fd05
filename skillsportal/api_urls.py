"""The single DRF router: the whole API surface in one file."""

from rest_framework.routers import DefaultRouter

from agencies.api import AgencyViewSet, PersonVersionViewSet, PersonViewSet
from competencies.api import (
    AssessmentViewSet,
    CourseViewSet,
    FrameworkViewSet,
    ImportJobViewSet,
    TrainingRecordViewSet,
)
from reports.api import ComplianceRunViewSet, ComplianceViewSet, RolloutViewSet

router = DefaultRouter()
router.register("agencies", AgencyViewSet, basename="agency")
router.register("persons", PersonViewSet, basename="person")
router.register("person-versions", PersonVersionViewSet, basename="person-version")
router.register("frameworks", FrameworkViewSet, basename="framework")
router.register("courses", CourseViewSet, basename="course")
router.register("training-records", TrainingRecordViewSet, basename="training-record")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("reports/compliance", ComplianceViewSet, basename="compliance")
router.register("reports/rollout", RolloutViewSet, basename="rollout")
router.register("jobs/compliance", ComplianceRunViewSet, basename="compliance-run")
router.register("jobs/imports", ImportJobViewSet, basename="import-job")

urlpatterns = router.urls
