from django.db.models import Count, ForeignObjectRel, IntegerField, Model, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_of(model: type[Model], relation: str):
    """A correlated COUNT of the rows of a reverse relation (``count_of(Page, "contacts")``):
    the admin lists stay one query however many rows they show, with no GROUP BY over every
    column. Reached through the relation, so this app need not import the other one."""
    reverse = model._meta.get_field(relation)
    assert isinstance(reverse, ForeignObjectRel), f"{relation} is not a reverse relation"
    field = reverse.field.name
    related = reverse.related_model._default_manager
    rows = related.filter(**{field: OuterRef("pk")}).order_by().values(field)
    count = rows.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)
