"""The models of indicators live with their areas; Django finds them all through this module."""

from indicators.assessment.models import (
    AreaSummary,
    Commitment,
    CommitmentAssessment,
    CommitmentMeasure,
    PrioritisedAction,
    Reopening,
    SelfAssessment,
)
from indicators.forecast.models import VolumePlan
from indicators.phone.models import PhoneImport, PhoneMonth, PhoneTraffic, TestCall
from indicators.sickleave.models import SickLeave
from indicators.staffing.models import Employee, FteAdjustment, ProcessShare
from indicators.surveys.models import CustomerSurveyResult, EmployeeSurvey
from indicators.targets.models import Target

__all__ = [
    "AreaSummary",
    "Commitment",
    "CommitmentAssessment",
    "CommitmentMeasure",
    "CustomerSurveyResult",
    "Employee",
    "EmployeeSurvey",
    "FteAdjustment",
    "PhoneImport",
    "PhoneMonth",
    "PhoneTraffic",
    "PrioritisedAction",
    "ProcessShare",
    "Reopening",
    "SelfAssessment",
    "SickLeave",
    "Target",
    "TestCall",
    "VolumePlan",
]
