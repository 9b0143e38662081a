"""Render the state machines as Mermaid diagrams, straight from the django-fsm transitions."""

from __future__ import annotations

from django.apps import apps

from .engine import all_transitions, state_field

START, END = "<!-- workflow-diagrams:start -->", "<!-- workflow-diagrams:end -->"


def workflow_models() -> list:
    found = []
    for model in apps.get_models():
        try:
            state_field(model)
        except TypeError:
            continue
        found.append(model)
    return sorted(found, key=lambda m: (m._meta.app_label != "cases", m._meta.app_label, m.__name__))


def mermaid(model) -> str:
    field = state_field(model)
    lines = ["stateDiagram-v2"]
    labels = dict(field.choices)
    for value, label in labels.items():
        lines.append(f'    {value}: {label}')
    lines.append(f"    [*] --> {field.default}")
    for t in all_transitions(model):
        roles = ", ".join(t.roles)
        for source in t.sources:
            lines.append(f"    {source} --> {t.target}: {t.label}" + (f" ({roles})" if roles else ""))
    return "\n".join(lines)


def markdown() -> str:
    parts = [START, "", "_Generated from the code by `python manage.py workflow_diagram --write`; "
             "the test suite fails when this is out of date._", ""]
    for model in workflow_models():
        parts += [f"### {model._meta.verbose_name.capitalize()} (`{model.__name__}`)", "", "```mermaid",
                  mermaid(model), "```", ""]
    parts.append(END)
    return "\n".join(parts)


def replace_in(text: str) -> str:
    if START not in text or END not in text:
        raise ValueError("README.md mangler markørene for arbeidsflytdiagrammene.")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + markdown() + tail
