"""Start-up check: every transition whose guards and effects live in an app has a handler registered."""

from __future__ import annotations

from django.core.checks import Error, register

from .spec import all_workflows


@register()
def transition_handlers(app_configs=None, **kwargs):
    errors = []
    for workflow in all_workflows():
        for name in workflow.missing_handlers():
            errors.append(Error(
                f"The {workflow.name} workflow's transition «{name}» needs a handler and has none.",
                hint="Register one in the owning app's services with @WORKFLOW.handler(name).",
                id="workflows.E001",
            ))
    return errors
