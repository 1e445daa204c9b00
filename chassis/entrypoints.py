"""RPC and timer entrypoints that know the chassis' errors and configuration."""

from marshmallow import ValidationError
from nameko.rpc import Rpc
from nameko.timer import Timer

from chassis.config import Settings
from chassis.errors import DomainError, ServiceError, validation_error


class ChassisRpc(Rpc):
    """An RPC method whose domain errors reach the caller as :class:`ServiceError`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("expected_exceptions", (DomainError, ValidationError, ServiceError))
        super().__init__(**kwargs)

    def handle_result(self, message, worker_ctx, result, exc_info):
        if exc_info is not None:
            error = exc_info[1]
            if isinstance(error, ValidationError):
                error = validation_error(error.messages)
            if isinstance(error, DomainError):
                wire = ServiceError.from_domain(error)
                exc_info = (ServiceError, wire, exc_info[2])
        return super().handle_result(message, worker_ctx, result, exc_info)


class Periodic(Timer):
    """A timer whose interval is a :class:`Settings` field, read when the service starts."""

    def __init__(self, setting, **kwargs):
        self.setting = setting
        super().__init__(interval=0, **kwargs)

    def setup(self):
        self.interval = getattr(Settings.from_mapping(self.container.config), self.setting)
        super().setup()


rpc = ChassisRpc.decorator
periodic = Periodic.decorator
