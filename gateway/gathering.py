"""Asking several services at once, each with a short timeout: a service that does not
answer is named as missing rather than failing the whole answer (我的待办, GET /me)."""

from eventlet import GreenPool

TIMEOUT = 2  # seconds, per service


def ask_each(call, services, method, *args):
    """``({service: answer}, [services that did not answer])``, in ``services``' order."""
    def ask(service):
        try:
            return service, call(service, method, *args, timeout=TIMEOUT)
        except Exception:
            return service, None
    answers = dict(GreenPool().imap(ask, services))
    return ({s: a for s, a in answers.items() if a is not None},
            [s for s, a in answers.items() if a is None])
