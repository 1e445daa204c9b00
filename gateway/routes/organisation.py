"""Auth and organisation (posts): divisions, staff, posts, handovers, signage."""

from marshmallow import Schema, fields

from gateway.auth import issue_token
from gateway.dispatch import ANY, PUBLIC, Route
from gateway.routes.common import ADMIN, ORG_MANAGERS, forward
from services.posts import schemas as posts


class TokenOut(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
    staff_id = fields.String()
    role = fields.String()


def login(c):
    return issue_token(c.settings, c.call("posts", "authenticate", c.body))


def posts_call(method, *inputs):
    return forward("posts", method, *inputs)


def post_handovers(c):
    return c.call("posts", "list_handovers", {**c.query, "post_id": c.params["id"]})


ROUTES = [
    Route("POST", "/auth/token", PUBLIC, login, "log in", posts.Login, TokenOut),
    Route("GET", "/me", ANY, lambda c: c.call("posts", "get_staff", c.actor["id"]),
          "the caller's staff record", response=posts.StaffOut),
    Route("POST", "/divisions", ADMIN, posts_call("create_division", "actor", "body"),
          "create a division", posts.DivisionIn, posts.DivisionOut, status=201),
    Route("GET", "/divisions", ANY, posts_call("list_divisions", "query"), "list divisions",
          response=posts.DivisionOut, many=True, query=("limit", "offset")),
    Route("GET", "/divisions/{id}", ANY, posts_call("get_division", "id"), "a division",
          response=posts.DivisionOut),
    Route("PUT", "/divisions/{id}", ADMIN, posts_call("update_division", "actor", "id", "body"),
          "change a division's name, head or supervising leader", posts.DivisionUpdate,
          posts.DivisionOut),
    Route("POST", "/staff", ADMIN, posts_call("create_staff", "actor", "body"),
          "create a staff account", posts.StaffIn, posts.StaffOut, status=201),
    Route("GET", "/staff/{id}", ANY, posts_call("get_staff", "id"), "a staff member",
          response=posts.StaffOut),
    Route("POST", "/posts", ORG_MANAGERS, posts_call("create_post", "actor", "body"),
          "create a post with its A holder and ordered B backups", posts.PostIn, posts.PostOut,
          status=201),
    Route("PUT", "/posts/{id}/backups", ORG_MANAGERS,
          posts_call("set_backups", "actor", "id", "body"),
          "replace a post's B backups (order = takeover order)", posts.BackupsIn, posts.PostOut),
    Route("GET", "/posts/{id}", ANY, posts_call("get_post", "id"), "a post",
          response=posts.PostOut),
    Route("GET", "/posts/{id}/handovers", ANY, post_handovers, "handovers of a post",
          response=posts.HandoverOut, many=True, query=("active", "limit", "offset")),
    Route("GET", "/handovers", ANY, posts_call("list_handovers", "query"), "handovers",
          response=posts.HandoverOut, many=True, query=("active", "post_id", "limit", "offset")),
    Route("GET", "/org/warnings", ORG_MANAGERS, posts_call("org_warnings", "actor", "query"),
          "what needs fixing: divisions without a head or leader, posts without a B",
          response=posts.OrgWarning, many=True, query=("division_id",)),
    Route("GET", "/public/signage", PUBLIC, posts_call("signage", "query"),
          "post signage (工作岗位标识牌)", response=posts.SignageCard, many=True,
          query=("division_id", "limit", "offset")),
]
