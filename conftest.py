import pytest
from django.core.cache import cache

pytest_plugins = [
    "extraction.tests.page_server",
    "extraction.tests.job_helpers",
    "extraction.tests.discovery_helpers",
    "extraction.tests.render_helpers",
    "wf7.tests.api_clients",
]


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The login throttle counts in the cache: each test starts with no attempts counted."""
    cache.clear()
