"""schema.org JSON-LD: Person, Organization, LocalBusiness (and their subtypes), ContactPoint."""

import json
import re
from dataclasses import dataclass

# Types whose "name" is a person's name.
PERSON_TYPES = frozenset({"person", "patient", "employee"})
_MAX_DEPTH = 12
_MAX_NODES = 5000
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA_RE = re.compile(r",\s*([\]}])")


@dataclass(frozen=True)
class Entity:
    """One JSON-LD object that carries an email or a telephone, or names a person."""

    emails: tuple[str, ...]
    phones: tuple[str, ...]
    name: str  # only for people
    is_person: bool


def entities(blocks: list[str]) -> list[Entity]:
    out: list[Entity] = []
    for block in blocks:
        data = _loads(block)
        if data is not None:
            _collect(data, out, depth=0, budget=[_MAX_NODES])
    return out


def _loads(block: str):
    block = block.strip()
    if not block:
        return None
    if block.startswith("<!--"):
        block = block.removeprefix("<!--").removesuffix("-->")
    for attempt in (block, _TRAILING_COMMA_RE.sub(r"\1", _CONTROL_RE.sub(" ", block))):
        try:
            return json.loads(attempt)
        except (ValueError, RecursionError):
            continue
    return None


def _types(obj: dict) -> set[str]:
    value = obj.get("@type", "")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _collect(data, out: list[Entity], depth: int, budget: list[int]) -> None:
    if depth > _MAX_DEPTH or budget[0] <= 0:
        return
    budget[0] -= 1
    if isinstance(data, list):
        for item in data:
            _collect(item, out, depth + 1, budget)
        return
    if not isinstance(data, dict):
        return
    emails = tuple(e.strip() for e in _strings(data.get("email")) if e.strip())
    phones = tuple(p.strip() for p in _strings(data.get("telephone")) if p.strip())
    is_person = bool(_types(data) & PERSON_TYPES)
    name = _person_name(data) if is_person else ""
    if emails or phones or name:
        out.append(Entity(emails=emails, phones=phones, name=name, is_person=is_person))
    for key, value in data.items():
        if isinstance(value, dict | list) and key not in ("email", "telephone"):
            _collect(value, out, depth + 1, budget)


def _person_name(data: dict) -> str:
    raw = data.get("name")
    if not isinstance(raw, str):
        given, family = data.get("givenName"), data.get("familyName")
        raw = " ".join(v for v in (given, family) if isinstance(v, str))
    return raw.strip()
