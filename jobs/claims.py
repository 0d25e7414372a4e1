"""Taking rows off a job's queue, keeping them, giving them back. The only place that claims rows.

A claim is one short transaction: ``FOR UPDATE SKIP LOCKED`` lets any number of workers on any
number of machines claim at once without waiting on, or taking, each other's rows. SQLite
ignores row locks (it serialises writers), so there the candidates are a plain oldest-first read.
"""

import math
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from jobs.spec import Claim, JobSpec

# The groups (sites) a fair claim visits, found by skipping through the claim index: the cost is
# one index probe per group, whatever the length of the queue.
_GROUPS = """
WITH RECURSIVE groups(g) AS (
    (SELECT {fair} FROM {table} WHERE {status} = %(queued)s AND {fair} > %(after)s
     ORDER BY {fair} LIMIT 1)
  UNION ALL
    SELECT (SELECT {fair} FROM {table} WHERE {status} = %(queued)s AND {fair} > groups.g
            ORDER BY {fair} LIMIT 1)
    FROM groups WHERE groups.g IS NOT NULL
)
SELECT g FROM groups WHERE g IS NOT NULL LIMIT %(limit)s
"""
# The oldest queued rows of each group, locked; rows another worker holds are skipped.
_ROWS_OF_GROUPS = """
SELECT t.{pk} FROM unnest(%(groups)s::uuid[]) AS s(g)
CROSS JOIN LATERAL (
    SELECT {pk} FROM {table}
    WHERE {status} = %(queued)s AND {fair} = s.g AND NOT ({pk} = ANY(%(taken)s::uuid[]))
    ORDER BY {queued_at}, {pk} LIMIT %(per_group)s
    FOR UPDATE SKIP LOCKED
) t
"""
_ROWS_OLDEST_FIRST = """
SELECT {pk} FROM {table} WHERE {status} = %(queued)s {only}
ORDER BY {queued_at}, {pk} LIMIT %(limit)s FOR UPDATE SKIP LOCKED
"""
_LOWEST_UUID = uuid.UUID(int=0)


@dataclass(frozen=True)
class LeaseRecovery:
    requeued: int
    failed: int


def claim(spec: JobSpec, *, batch_size: int, ids: Iterable[Any] | None = None) -> list[Claim]:
    """Mark up to ``batch_size`` queued rows as processing; returns them with their token."""
    now = timezone.now()
    with transaction.atomic():
        candidates = _candidates(spec, batch_size=batch_size, ids=ids)
        if not candidates:
            return []
        rows = spec.model._default_manager.filter(pk__in=candidates)
        rows.update(
            **{
                spec.status_field: spec.processing,
                spec.token_field: now,
                spec.heartbeat_field: now,
                spec.attempts_field: F(spec.attempts_field) + 1,
            }
        )
        order = {pk: position for position, pk in enumerate(candidates)}
        found = sorted(rows.values("pk", *spec.claim_fields), key=lambda row: order[row["pk"]])
        return [Claim(id=row.pop("pk"), token=now, values=row) for row in found]


def _candidates(spec: JobSpec, *, batch_size: int, ids: Iterable[Any] | None) -> list[Any]:
    if connection.vendor != "postgresql":
        queued = spec.model._default_manager.filter(**{spec.status_field: spec.queued})
        if ids is not None:
            queued = queued.filter(pk__in=list(ids))
        ordered = queued.order_by(spec.queued_at_field, "pk")
        return list(ordered.values_list("pk", flat=True)[:batch_size])
    if ids is not None or spec.fair_field is None:
        return _oldest_first(spec, batch_size=batch_size, ids=ids)
    return _fair(spec, batch_size=batch_size)


def _sql(spec: JobSpec, template: str, **extra: str) -> str:
    names = {
        "table": spec.table,
        "pk": spec.model._meta.pk.column,
        "status": spec.column(spec.status_field),
        "queued_at": spec.column(spec.queued_at_field),
        "fair": spec.column(spec.fair_field) if spec.fair_field else "",
    }
    return template.format(**names, **extra)


def _fetch_column(sql: str, params: dict) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _oldest_first(spec: JobSpec, *, batch_size: int, ids: Iterable[Any] | None) -> list[Any]:
    only = "" if ids is None else f"AND {spec.model._meta.pk.column} = ANY(%(ids)s)"
    params = {"queued": spec.queued, "limit": batch_size, "ids": list(ids or [])}
    return _fetch_column(_sql(spec, _ROWS_OLDEST_FIRST, only=only), params)


def _fair(spec: JobSpec, *, batch_size: int) -> list[Any]:
    """Up to ``batch_size`` rows spread over as many groups as possible, oldest first in each.

    The walk over the groups starts at a random point, so that workers claiming at the same
    moment start on different sites and no site is always last."""
    start = uuid.uuid4()
    groups = _fetch_column(
        _sql(spec, _GROUPS), {"queued": spec.queued, "after": start, "limit": batch_size}
    )
    if len(groups) < batch_size:
        more = _fetch_column(
            _sql(spec, _GROUPS),
            {"queued": spec.queued, "after": _LOWEST_UUID, "limit": batch_size},
        )
        seen = set(groups)
        groups += [group for group in more if group not in seen][: batch_size - len(groups)]
    taken: list[Any] = []
    while groups and len(taken) < batch_size:
        per_group = math.ceil((batch_size - len(taken)) / len(groups))
        found = _fetch_column(
            _sql(spec, _ROWS_OF_GROUPS),
            {"queued": spec.queued, "groups": groups, "taken": taken, "per_group": per_group},
        )
        taken += found
        if len(found) < per_group * len(groups):
            break  # some groups ran out: the others gave what they had
    return taken[:batch_size]


def still_claimed(spec: JobSpec, claims: Iterable[Claim]) -> Q:
    """Rows that still carry these claims: reset, re-selected or reclaimed rows do not."""
    by_token: dict[Any, list[Any]] = defaultdict(list)
    for item in claims:
        by_token[item.token].append(item.id)
    condition = Q(pk__in=[])
    for token, ids in by_token.items():
        condition |= Q(pk__in=ids, **{spec.token_field: token})
    return condition & Q(**{spec.status_field: spec.processing})


def renew(spec: JobSpec, claims: Iterable[Claim]) -> int:
    """The heartbeat: the worker is alive, its rows stay its own for another lease."""
    claims = list(claims)
    if not claims:
        return 0
    return (
        spec.model._default_manager.filter(still_claimed(spec, claims))
        .order_by()
        .update(**{spec.heartbeat_field: timezone.now()})
    )


def release(spec: JobSpec, claims: Iterable[Claim]) -> int:
    """Give rows back to the queue unprocessed (a deadline came first); the attempt is not
    counted, and the row keeps its place in the queue."""
    claims = list(claims)
    if not claims:
        return 0
    return (
        spec.model._default_manager.filter(still_claimed(spec, claims))
        .order_by()
        .update(
            **{
                spec.status_field: spec.queued,
                spec.token_field: None,
                spec.heartbeat_field: None,
                spec.attempts_field: F(spec.attempts_field) - 1,
            }
        )
    )


def expired(spec: JobSpec, *, lease_seconds: int | None = None) -> QuerySet:
    """Rows whose worker stopped heart-beating for longer than the lease."""
    lease = spec.lease_seconds() if lease_seconds is None else lease_seconds
    return spec.model._default_manager.filter(
        **{
            spec.status_field: spec.processing,
            f"{spec.heartbeat_field}__lt": timezone.now() - timedelta(seconds=lease),
        }
    )


def recover_expired(spec: JobSpec, *, lease_seconds: int | None = None) -> LeaseRecovery:
    """A dead worker's rows go back to the queue, or to the error status once they have used up
    their attempts (a row that kills its worker must not loop for ever)."""
    max_attempts = spec.max_attempts()
    with transaction.atomic():
        failed = (
            expired(spec, lease_seconds=lease_seconds)
            .filter(**{f"{spec.attempts_field}__gte": max_attempts})
            .update(
                **{
                    spec.status_field: spec.error,
                    spec.error_field: (
                        f"Lease expired: no result after {max_attempts} attempts "
                        "(the worker stopped or the item is too slow)"
                    ),
                    spec.finished_field: timezone.now(),
                    **spec.on_give_up,
                }
            )
        )
        requeued = expired(spec, lease_seconds=lease_seconds).update(
            **{spec.status_field: spec.queued, spec.token_field: None, spec.heartbeat_field: None}
        )
    return LeaseRecovery(requeued=requeued, failed=failed)
