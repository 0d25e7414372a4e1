import factory

from pages.models import Domain, Page


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"site{n}.example.org")


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    domain = factory.SubFactory(DomainFactory)
    url = factory.LazyAttributeSequence(lambda page, n: f"https://{page.domain.name}/people/{n}")
