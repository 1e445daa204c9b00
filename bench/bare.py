"""The baseline of bench/gateway.py: a bare nameko HTTP entrypoint making one RPC to a bare
echo service — nameko itself, with none of the gateway's work (tokens, routing, schemas).

    python -m bench.bare <amqp uri> <port>
"""

import eventlet

eventlet.monkey_patch()

import json  # noqa: E402
import sys  # noqa: E402

from nameko.rpc import RpcProxy, rpc  # noqa: E402
from nameko.runners import ServiceRunner  # noqa: E402
from nameko.web.handlers import http  # noqa: E402


class EchoService:
    name = "echo"

    @rpc
    def echo(self, value):
        return value


class BareHttp:
    name = "bare_http"
    echo = RpcProxy("echo")

    @http("GET", "/echo")
    def get(self, request):
        return json.dumps(self.echo.echo({"id": "x", "role": "staff"}))


def main():
    amqp_uri, port = sys.argv[1], sys.argv[2]
    runner = ServiceRunner({"AMQP_URI": amqp_uri, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
                            "max_workers": 10})
    runner.add_service(EchoService)
    runner.add_service(BareHttp)
    runner.start()
    print("ready", flush=True)
    runner.wait()


if __name__ == "__main__":
    main()
