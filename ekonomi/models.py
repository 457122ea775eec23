from ekonomi.tabular.models import ColumnProfile  # noqa: F401
