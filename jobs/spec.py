"""What the job loop needs to know of a job's rows: which fields hold its state."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models


@dataclass(frozen=True)
class JobSpec:
    """A queue kept in a model's rows.

    ``token_field`` holds when the current claim began: it is the claim's token, so a worker
    writes a result only while the row still carries it. ``heartbeat_field`` is renewed while the
    worker lives; a row whose heartbeat is older than the lease belongs to a dead worker.
    ``fair_field`` (a UUID foreign key, e.g. the page's domain) spreads each claim over its
    values, so no batch is one site's rows while other sites wait."""

    name: str
    model: type[models.Model]
    status_field: str
    queued: str
    processing: str
    error: str
    token_field: str
    heartbeat_field: str
    attempts_field: str
    queued_at_field: str
    error_field: str
    finished_field: str
    lease_seconds: Callable[[], int]
    max_attempts: Callable[[], int]
    fair_field: str | None = None
    claim_fields: tuple[str, ...] = ()
    on_give_up: dict[str, Any] = field(default_factory=dict)

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    def column(self, name: str) -> str:
        field = self.model._meta.get_field(name)
        assert isinstance(field, models.Field) and field.column, f"{name} is not a column"
        return field.column


@dataclass(frozen=True)
class Claim:
    """One claimed row: its id, the claim's token, and the ``claim_fields`` the job asked for."""

    id: Any
    token: datetime
    values: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        if name == "values":
            raise AttributeError(name)
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None
