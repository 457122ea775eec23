# Each shared part of ekonomi/ keeps its models beside its code; Django finds them here.
from ekonomi.jobs.models import Job

__all__ = ["Job"]
