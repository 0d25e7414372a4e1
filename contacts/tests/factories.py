import factory

from contacts.models import Contact
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
