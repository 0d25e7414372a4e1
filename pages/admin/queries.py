from django.db.models import Count, IntegerField, Model, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_of(model: type[Model], relation: str):
    """A correlated COUNT of the rows of a reverse relation (``count_of(Page, "contacts")``):
    the admin lists stay one query however many rows they show, with no GROUP BY over every
    column. Reached through the relation, so this app need not import the other one."""
    reverse = model._meta.get_field(relation)
    field = reverse.field.name
    rows = reverse.related_model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
    count = rows.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)
