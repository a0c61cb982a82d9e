"""The one base of every refusal a service raises.

A service says no by raising a `Refusal` (or a subclass named after its domain): `message` is a
translated sentence for the person who asked, `field` the form field it belongs next to (None:
above the form), `problems` every sentence when there are several (one per cart line, say).
Views show it with `marketplace.views.act` or `marketplace.forms.show_refusal`; the API turns
it into its JSON error.
"""


class Refusal(Exception):
    def __init__(self, message, field=None, problems=None):
        problems = [str(p) for p in (problems or [message])]
        super().__init__("; ".join(problems))
        self.message = message
        self.field = field
        self.problems = problems
