"""Uploaded templates are validated against sample data: the sample must have exactly the fields real data has,
or a template that passes validation could still fail on a real case or meeting."""

from document_templates import registry


def shape(value):
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value and isinstance(value[0], dict | list) else []
    return None


def merge_list_shapes(a, b):
    """Compare only the keys present in both shapes where one side has an empty list."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert set(a) == set(b), (set(a) ^ set(b))
        for k in a:
            merge_list_shapes(a[k], b[k])
    elif isinstance(a, list) and isinstance(b, list) and a and b:
        merge_list_shapes(a[0], b[0])


def test_sample_data_has_the_same_fields_as_real_data(held_meeting, plain_case):
    objects = {"saksframlegg": plain_case, "innkalling": held_meeting, "protokoll": held_meeting,
               "saerutskrift": held_meeting.agenda_items.get(consultation__case=plain_case)}
    for name, obj in objects.items():
        kind = registry.get_kind(name)
        for maalform in ("nb", "nn"):
            real = shape(kind.build_context(obj, public=False, maalform=maalform))
            sample = shape(kind.sample_context(maalform))
            merge_list_shapes(real, sample)
