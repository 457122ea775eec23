from tests.ekonomi.worker_process import worker_processes

__all__ = ["worker_processes"]
