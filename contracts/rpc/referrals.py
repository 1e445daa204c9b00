"""转办咨询 (六.4) over RPC and HTTP: a question about an application referred to another
division or an outside unit, its answer, and what the party reads with their token."""

from marshmallow import Schema, fields, validate

from contracts import vocabulary
from contracts.fields import OfficeTime


def written(max_len, **kwargs):
    """Text with something in it (not only spaces)."""
    return fields.String(validate=[validate.Length(max=max_len), validate.Regexp(
        r"\S", error="write something")], **kwargs)


class ReferralIn(Schema):
    """Exactly one of ``division_id`` (another of our divisions) and ``external_unit``."""

    division_id = fields.String(load_default=None, allow_none=True,
                                validate=validate.Length(max=36))
    external_unit = fields.String(load_default=None, allow_none=True, validate=[
        validate.Length(max=200), validate.Regexp(r"\S", error="name the unit")])
    question = written(5000, required=True)


class ReferralAnswerIn(Schema):
    answer = written(5000, required=True)


class ReferralOut(Schema):
    id = fields.String()
    application_id = fields.String()
    division_id = fields.String(allow_none=True)
    external_unit = fields.String(allow_none=True)
    question = fields.String()
    status = fields.String(metadata={"enum": list(vocabulary.REFERRAL_STATUSES)})
    due_date = fields.Date(metadata={"description": "the next working day after referral"})
    referred_by = fields.String()
    referred_at = OfficeTime()
    answer = fields.String(allow_none=True)
    answered_by = fields.String(allow_none=True)
    answered_at = OfficeTime(allow_none=True)
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: answer"})


class PublicReferral(Schema):
    question = fields.String()
    answer = fields.String(allow_none=True, metadata={"description": "once answered"})


class PublicMatter(Schema):
    """A matter as one version published it."""

    id = fields.String(attribute="matter_id")
    name = fields.String()
    version = fields.Integer()
    time_limit_days = fields.Integer()


class PublicApplicationOut(Schema):
    """What the party reads with the application's token."""

    id = fields.String()
    status = fields.String(metadata={"enum": list(vocabulary.APPLICATION_STATUSES)})
    matter = fields.Nested(PublicMatter, metadata={
        "description": "the matter as the version the application was reviewed against"})
    due_date = fields.Date(allow_none=True)
    referrals = fields.Nested(PublicReferral, many=True)

