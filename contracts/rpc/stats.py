"""RPC input and output of the statistics overview (统计分析, kept by accountability; also
the gateway's OpenAPI schemas). What each count means: services/accountability/rules/stats.py."""

from marshmallow import Schema, fields, validate

from contracts import vocabulary


class OverviewQuery(Schema):
    """``from`` and ``to`` (both days included; by default this year so far, the office's
    dates); ``division_id``: one division (a head's own by default)."""

    start = fields.Date(data_key="from", metadata={
        "description": "the first day; by default 1 January of the year of `to`"})
    end = fields.Date(data_key="to", metadata={
        "description": "the last day; by default today. At most 3 years after `from`"})
    division_id = fields.String(validate=validate.Length(min=1, max=36))


def count():
    return fields.Integer(required=True)


def tally(keys, what):
    return fields.Dict(keys=fields.String(validate=validate.OneOf(keys)),
                       values=fields.Integer(), required=True,
                       metadata={"description": f"{what}: every one, 0 where none"})


def counts(name, labels, **more):
    """A schema of one count per code of ``labels`` (the vocabulary's), and ``more``."""
    schema = Schema.from_dict({**{code: count() for code in labels}, **more}, name=name)
    schema.__module__ = __name__  # named in the OpenAPI document as this module's own
    return schema


DocumentCounts = counts("DocumentCounts", vocabulary.DOCUMENT_COUNTS)
AbsenceCounts = counts("AbsenceCounts", vocabulary.ABSENCE_COUNTS)
InquiryCounts = counts("InquiryCounts", vocabulary.INQUIRY_COUNTS)
ApplicationCounts = counts("ApplicationCounts", vocabulary.APPLICATION_COUNTS)
ComplaintCounts = counts("ComplaintCounts", vocabulary.COMPLAINT_COUNTS, by_category=tally(
    list(vocabulary.COMPLAINT_CATEGORIES), "complaints received by category"))
ViolationCounts = counts("ViolationCounts", {}, by_kind=tally(
    list(vocabulary.VIOLATION_KINDS), "violations by kind"))
CaseCounts = counts("CaseCounts", {}, by_severity=tally(
    list(vocabulary.SEVERITIES), "cases by severity"))


class Counts(Schema):
    documents = fields.Nested(DocumentCounts, required=True)
    absences = fields.Nested(AbsenceCounts, required=True)
    inquiries = fields.Nested(InquiryCounts, required=True)
    applications = fields.Nested(ApplicationCounts, required=True)
    complaints = fields.Nested(ComplaintCounts, required=True)
    violations = fields.Nested(ViolationCounts, required=True)
    cases = fields.Nested(CaseCounts, required=True)


class MonthCounts(Counts):
    month = fields.String(required=True, metadata={"pattern": r"^\d{4}-\d{2}$",
                                                   "description": "YYYY-MM"})


class DivisionCounts(Counts):
    division_id = fields.String(required=True)
    division_name = fields.String(allow_none=True)


class OverviewOut(Counts):
    start = fields.Date(data_key="from", required=True)
    end = fields.Date(data_key="to", required=True)
    monthly = fields.List(fields.Nested(MonthCounts), required=True, metadata={
        "description": "each month the period touches, its own days only"})
    by_division = fields.List(fields.Nested(DivisionCounts), required=True, metadata={
        "description": "each division read: a head's own, else every division of the "
                       "office (or the one asked for); counts held by no division are in "
                       "the totals and months only"})
