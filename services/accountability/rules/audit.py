"""The audit trail (审计): who wrote what, when — for admins to read."""

from chassis.errors import Forbidden
from office.acting import Acting


class NotAuditor(Forbidden):
    code = "wrong_role"


def check_auditor(actor: Acting) -> None:
    if actor.role != "admin":
        raise NotAuditor("only an admin reads the audit trail")
