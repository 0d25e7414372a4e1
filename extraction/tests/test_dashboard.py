import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.models import Task

from contacts.tests.factories import ContactFactory
from extraction.selectors import pipeline_summary
from pages.models import Page
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "pipeline_dashboard"


def status(page, **fields):
    Page.objects.filter(pk=page.pk).update(**fields)


@pytest.fixture
def pipeline():
    PageFactory.create_batch(2)
    PageFactory.create_batch(2, queued=True)
    PageFactory(stuck=True)
    for error in ["timeout: 70 s", "timeout: 71 s", "dns: no such host"]:
        PageFactory(failed=True, error=error)
    done = PageFactory(complete=True)
    ContactFactory.create_batch(4, page=done)


def card(content: str, name: str) -> str:
    match = re.search(rf'id="card-{name}".*?<span class="wf7-number">(\d+)</span>', content, re.S)
    return match.group(1)


def test_the_dashboard_shows_the_numbers_of_pipeline_summary(staff_client, pipeline):
    summary = pipeline_summary()
    content = staff_client.get(reverse(DASHBOARD)).content.decode()
    assert card(content, "pages") == "9" == str(summary["pages"])
    assert card(content, "queue") == "2" == str(summary["queue_depth"])
    assert card(content, "stuck") == "1" == str(summary["stuck"])
    assert card(content, "orphans") == "0"
    assert card(content, "contacts") == "4"
    assert 'id="card-stuck"' in content and "wf7-card wf7-alert" in content
    changelist = reverse("admin:pages_page_changelist")
    queued = urlencode({"page_processing_status__exact": "Queued"})
    assert f'<a href="{changelist}?{queued}"><span class="wf7-badge wf7-badge-queued">' in content
    assert re.search(
        r"wf7-badge-queued\">Queued</span></a></th><td class=\"wf7-count\">2<", content
    )
    assert re.search(r"wf7-badge-error\">Error</span></a></th><td class=\"wf7-count\">3<", content)
    assert re.search(r"wf7-badge-new\">New</span></a></th><td class=\"wf7-count\">2<", content)


def test_errors_are_grouped_by_reason_and_link_to_the_filtered_list(staff_client, pipeline):
    content = staff_client.get(reverse(DASHBOARD)).content.decode()
    changelist = reverse("admin:pages_page_changelist")
    assert f'<a href="{changelist}?error=timeout">timeout</a></td><td>2</td>' in content
    assert f'<a href="{changelist}?error=dns">dns</a></td><td>1</td>' in content
    listed = staff_client.get(f"{changelist}?error=timeout").context["cl"].result_list
    assert sorted(page.page_processing_error for page in listed) == [
        "timeout: 70 s",
        "timeout: 71 s",
    ]


def test_the_chart_and_the_last_runs(staff_client, pipeline):
    Task.objects.create(
        id="t1",
        name="tick",
        func="extraction.tasks.process_page_queue",
        group="process-page-queue",
        started=timezone.now() - timedelta(minutes=3),
        stopped=timezone.now() - timedelta(minutes=2),
        success=True,
        result="claimed 4, complete 4",
    )
    content = staff_client.get(reverse(DASHBOARD)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="wf7-chart" role="img"' in content
    assert "Contacts found per day (last 30 days: 4)" in content
    assert content.count('class="wf7-bar"') == 30
    assert f"{timezone.localdate().isoformat()}: 4 contacts" in content
    assert "succeeded: claimed 4, complete 4" in content
    last_processed = re.search(r'id="last-processed">(.*?)</td>', content, re.S).group(1)
    assert last_processed != "never"


def test_an_empty_pipeline(staff_client):
    content = staff_client.get(reverse(DASHBOARD)).content.decode()
    assert 'id="last-processed">never<' in content
    assert "no run recorded" in content
    assert "No errors." in content


def test_the_admin_index_links_to_the_dashboard(staff_client):
    content = staff_client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse(DASHBOARD)}"' in content


def test_view_site_opens_the_dashboard(staff_client):
    content = staff_client.get(reverse("admin:pages_page_changelist")).content.decode()

    assert f'<a href="{reverse(DASHBOARD)}">View site</a>' in content
    assert staff_client.get(reverse(DASHBOARD)).status_code == 200


def test_staff_only(client, django_user_model):
    url = reverse(DASHBOARD)
    assert client.get(url).status_code == 302
    user = django_user_model.objects.create_user("outsider", password="pw")
    client.force_login(user)
    assert client.get(url).status_code == 302
    user.is_staff = True
    user.save()
    assert client.get(url).status_code == 403
