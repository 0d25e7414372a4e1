from django.db import models


class DrainSlot(models.Model):
    """One of the drains of a job that may run at once, across every worker on every machine.

    A drain holds its slot by a lease (``expires_at``) rather than a database session, so a
    transaction-mode pooler is no trouble and a worker that dies frees its slot by itself.
    ``last_finished_at`` is when a drain last ran to its end: the job's sign of life."""

    job = models.CharField(max_length=64)
    index = models.PositiveIntegerField()
    holder = models.CharField(max_length=128, blank=True, default="")
    expires_at = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_holder = models.CharField(max_length=128, blank=True, default="")
    last_summary = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "index"], name="drain_slot_unique_index")
        ]

    def __str__(self) -> str:
        return f"{self.job} #{self.index}"
