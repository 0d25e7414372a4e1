import factory

from contacts.models import Contact, SocialProfile
from pages.tests.factories import PageFactory


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    page = factory.SubFactory(PageFactory)
    domain = factory.SelfAttribute("page.domain")
    email = factory.Sequence(lambda n: f"person{n}@{'firm.example.org'}")
    source_url = factory.SelfAttribute("page.url")
    email_type = "personal"
    found_by = "text"


class SocialProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialProfile

    page = factory.SubFactory(PageFactory)
    domain = factory.SelfAttribute("page.domain")
    network = "linkedin"
    handle = factory.Sequence(lambda n: f"company/firm-{n}")
    url = factory.LazyAttribute(lambda profile: f"https://www.linkedin.com/{profile.handle}")
