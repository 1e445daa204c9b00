"""The system as a whole: which services make it up, how to start them, their topology."""

from contracts import SERVICES

SERVICE_CLASSES = {name: f"services.{name}.service:{name.capitalize()}Service"
                   for name in SERVICES}
GATEWAY = "gateway.service:GatewayService"
