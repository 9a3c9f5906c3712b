"""Forms of the test pages whose fields are not the answer itself (see `assessments.answers`)."""

from django import forms

from learners.ids import IdFormField


class FocusOutForm(forms.Form):
    """The beacon a focused question sends when the learner leaves the page."""

    challenge = IdFormField()
