"""``manage.py extract_contacts FILE``: what a curator reads, the position with the rest."""

import json

from django.core.management import call_command

PAGE = """<html><body><div class="card"><h3>Hanna Keller</h3><p>Kassiererin</p>
  <p><a href="mailto:hanna.keller@fv-arbon.de">E-Mail</a></p></div></body></html>"""
URL = "https://fv-arbon.de/"


def test_the_command_prints_the_position_in_json(tmp_path, capsys):
    page = tmp_path / "team.html"
    page.write_text(PAGE, encoding="utf-8")
    call_command("extract_contacts", str(page), "--json", "--url", URL)
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "email": "hanna.keller@fv-arbon.de",
            "phone": "",
            "name": "Hanna Keller",
            "position": "Kassiererin",
        }
    ]


def test_the_command_prints_the_position_in_its_listing(tmp_path, capsys):
    page = tmp_path / "team.html"
    page.write_text(PAGE, encoding="utf-8")
    call_command("extract_contacts", str(page), "--url", URL)
    line = "hanna.keller@fv-arbon.de  -  Hanna Keller  Kassiererin  (personal, mailto)"
    assert line in capsys.readouterr().out
