"""一次性告知书 and 不予受理告知书: the written notices of a review, printable Chinese pages
(templates/), each as the version of the matter the review read, naming the 经办人 — the
reviewer — and their office phone (二.2 亮明身份, 六.6 书面告知)."""

import sqlalchemy as sa

from chassis.errors import NotFound
from chassis.printable import page
from contracts.vocabulary import MATERIAL_PROBLEMS
from services.inquiries.models import MatterVersion, Notice, Review, StaffView


def latest_notice(session, application):
    """The one-time notice of the application's latest returned review, if any."""
    return session.scalar(sa.select(Notice).join(Review, Review.id == Notice.review_id)
                          .where(Notice.application_id == application.id)
                          .order_by(Review.seq.desc()).limit(1))


def handler(session, staff_id):
    """The 经办人 as inquiries' view of staff knows them: name and office phone."""
    staff = session.get(StaffView, staff_id)
    return {"name": staff.name if staff else "", "phone": (staff and staff.phone) or ""}


def letter(session, application, office_name):
    """The written notice of the application: 不予受理告知书 when refused, else its latest
    一次性告知书 (NotFound: none was issued)."""
    if application.status == "refused":
        version = session.get(MatterVersion, (application.matter_id,
                                              application.matter_version))
        return render_refusal(application, version, handler(session, application.reviewer_id),
                              office_name)
    notice = latest_notice(session, application)
    if notice is None:
        raise NotFound("the application has no written notice", code="no_notice")
    review = session.get(Review, notice.review_id)
    version = session.get(MatterVersion, (application.matter_id, review.matter_version))
    return render(notice, application, version, handler(session, notice.issued_by),
                  office_name)


def render(notice, application, matter, handler, office_name):
    """``matter``: the version the review read (its name and full list of materials)."""
    return page(__package__, "one_time_notice.html", "一次性告知书", office_name,
                notice.issued_at, notice=notice, application=application, matter=matter,
                problems=MATERIAL_PROBLEMS, handler=handler)


def render_refusal(application, matter, handler, office_name):
    """不予受理告知书 (六.1, 六.2): the reason an application is not taken up, in writing."""
    return page(__package__, "refusal_notice.html", "不予受理告知书", office_name,
                application.decided_at, application=application, matter=matter,
                handler=handler)
