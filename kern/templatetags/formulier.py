"""Render form inputs the NL Design System way, with the ARIA links screen readers need."""

from django import forms, template

register = template.Library()

KLASSEN = {
    forms.RadioSelect: "ob-keuzes",  # the browser's own radio buttons, in a fieldset
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}


@register.filter
def invoer(veld: forms.BoundField):
    """The field's widget with its Utrecht class, `aria-invalid` and `aria-describedby`
    pointing at the error message and help text that `includes/veld.html` renders."""
    widget = veld.field.widget
    klasse = next(
        (k for soort, k in KLASSEN.items() if isinstance(widget, soort)),
        "utrecht-textbox utrecht-textbox--html-input",
    )
    beschreven_door = []
    attrs = {"class": klasse}
    if veld.errors:
        attrs["aria-invalid"] = "true"
        beschreven_door.append(f"{veld.auto_id}_fout")
    if veld.help_text:
        beschreven_door.append(f"{veld.auto_id}_hulp")
    if beschreven_door:
        attrs["aria-describedby"] = " ".join(beschreven_door)
    return veld.as_widget(attrs=attrs)


@register.filter
def is_keuzegroep(veld: forms.BoundField) -> bool:
    """Radio buttons (and checkbox lists): a group that needs a fieldset and legend, where
    a single input has a label."""
    return isinstance(veld.field.widget, forms.RadioSelect)
