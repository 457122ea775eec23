# Admin registrations live beside each shared part of ekonomi/; Django's autodiscovery looks here.
from ekonomi.jobs.admin import JobAdmin

__all__ = ["JobAdmin"]
