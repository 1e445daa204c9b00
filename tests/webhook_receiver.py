"""A group robot stand-in for the notification tests: ``python tests/webhook_receiver.py
PORT LOG``. Every POST's path and JSON body is appended to LOG (one JSON line each); the
answer is the robots' ``{"errcode": 0}``, or HTTP 500 for a path under ``/fail``."""

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Robot(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[2], "a", encoding="utf-8") as log:
            log.write(json.dumps({"path": self.path, "body": json.loads(body or b"null")},
                                 ensure_ascii=False) + "\n")
        failing = self.path.startswith("/fail")
        answer = json.dumps({"errcode": 0, "errmsg": "ok"}).encode()
        self.send_response(500 if failing else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Robot).serve_forever()
