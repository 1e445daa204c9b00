"""Letters to the sending unit (四.1, 四.3): 延期办理告知函 with the basis and the handling
opinion (处理意见), and 退文说明 with the reason a document goes back (templates/)."""

from chassis.printable import page


def extension_letter(document, extension, office):
    """The letter telling the sender of an approved extension."""
    return page(__package__, "extension_letter.html", "延期办理告知函", office,
                extension.decided_at or extension.requested_at, document=document,
                extension=extension)


def return_letter(document, office):
    return page(__package__, "return_letter.html", "退文说明", office, document.returned_at,
                document=document)
