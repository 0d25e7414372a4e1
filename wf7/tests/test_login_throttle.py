"""The token endpoint and the admin's login form: they work, and both are throttled per address
(one shared ``login`` budget, 10 a minute by default)."""

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

TOKEN = "/api/v3/token"
RATE = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"].split("/")[0])


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("api", password="right-password", is_staff=True)


def ask_token(client, password):
    return client.post(TOKEN, {"username": "api", "password": password}, format="json")


def test_the_token_endpoint_gives_the_users_token(user):
    response = ask_token(APIClient(), "right-password")

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}
    assert ask_token(APIClient(), "right-password").json() == response.json()


def test_a_wrong_password_is_a_json_400(user):
    response = ask_token(APIClient(), "wrong")

    assert response.status_code == 400
    assert response.json() == {
        "errors": {"non_field_errors": ["Unable to log in with provided credentials."]}
    }
    assert not Token.objects.exists()


def test_the_token_endpoint_is_throttled(user):
    client = APIClient()
    for _ in range(RATE):
        assert ask_token(client, "wrong").status_code == 400

    response = ask_token(client, "right-password")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["errors"]["detail"][0]
    assert not Token.objects.exists()


def test_another_address_is_not_throttled(user):
    for _ in range(RATE):
        ask_token(APIClient(REMOTE_ADDR="10.0.0.1"), "wrong")

    assert ask_token(APIClient(REMOTE_ADDR="10.0.0.2"), "right-password").status_code == 200


def admin_login(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "api", "password": password})


def test_the_admin_login_works(client, user):
    response = admin_login(client, "right-password")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_admin_login_is_throttled(client, user):
    for _ in range(RATE):
        assert admin_login(client, "wrong").status_code == 200  # the form again, with the error

    response = admin_login(client, "right-password")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/login/").status_code == 200  # the form itself still shows


def test_token_and_admin_attempts_share_one_budget(client, user):
    for _ in range(RATE):
        ask_token(APIClient(), "wrong")

    assert admin_login(client, "right-password").status_code == 429
