# Each shared part of ekonomi/ keeps its models beside its code; Django finds them here.
from ekonomi.jobs.models import Job
from ekonomi.tabular.models import ColumnProfile

__all__ = ["ColumnProfile", "Job"]
