"""Auth and organisation (posts): divisions, staff, posts, handovers, signage."""

from marshmallow import Schema, fields

from contracts.fields import PageArgs
from contracts.rpc import posts
from contracts.todo import TodoEntry
from gateway import todo
from gateway.auth import issue_token
from gateway.dispatch import ANY, PUBLIC, Route
from gateway.routes.common import ADMIN, ORG_MANAGERS, forward


class TodoOut(Schema):
    items = fields.List(fields.Nested(TodoEntry))
    total = fields.Integer()
    missing = fields.List(fields.String())


class TokenOut(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
    staff_id = fields.String()
    role = fields.String()


def login(c):
    return issue_token(c.settings, c.call("posts", "authenticate", c.body, c.input("client")))


def revoking(method, *inputs):
    """A change that revokes tokens (leaving, a password): this gateway learns of it at
    once, the others from the event."""
    def handler(c):
        staff = forward("posts", method, *inputs)(c)
        c.revocations.learn(staff["id"], staff["active"], staff.get("token_version", 0))
        return {k: v for k, v in staff.items() if k != "token_version"}
    return handler


def change_password(c):
    """The caller's new password; older tokens stop, and a fresh token comes back."""
    staff = c.call("posts", "change_password", c.actor, c.body, c.input("client"))
    c.revocations.learn(staff["id"], staff["active"], staff["token_version"])
    return issue_token(c.settings, staff)


def posts_call(method, *inputs):
    return forward("posts", method, *inputs)


def post_handovers(c):
    return c.call("posts", "list_handovers", {**c.query, "post_id": c.params["id"]})


ROUTES = [
    Route("POST", "/auth/token", PUBLIC, login, "log in", posts.Login, TokenOut),
    Route("POST", "/divisions", ADMIN, posts_call("create_division", "actor", "body"),
          "create a division", posts.DivisionIn, posts.DivisionOut, status=201),
    Route("GET", "/divisions", ANY, posts_call("list_divisions", "query"), "list divisions",
          response=posts.DivisionOut, many=True, query=PageArgs),
    Route("GET", "/divisions/{id}", ANY, posts_call("get_division", "id"), "a division",
          response=posts.DivisionOut),
    Route("PUT", "/divisions/{id}", ADMIN, posts_call("update_division", "actor", "id", "body"),
          "change a division's name, head or supervising leader", posts.DivisionUpdate,
          posts.DivisionOut),
    Route("POST", "/staff", ADMIN, posts_call("create_staff", "actor", "body"),
          "create a staff account", posts.StaffIn, posts.StaffOut, status=201),
    Route("GET", "/staff/{id}", ANY, posts_call("get_staff", "id"), "a staff member",
          response=posts.StaffOut),
    Route("GET", "/staff", ANY, posts_call("list_staff", "query"), "the staff list",
          response=posts.StaffOut, many=True,
          query=posts.StaffQuery),
    Route("PUT", "/staff/{id}", ADMIN, revoking("update_staff", "actor", "id", "body"),
          "correct a staff record, move them or change their role (older tokens stop)",
          posts.StaffUpdate, posts.StaffOut),
    Route("POST", "/staff/{id}/deactivate", ADMIN,
          revoking("deactivate_staff", "actor", "id", "body"),
          "someone left (调离, 退休): no sign-in, no tokens, out of B lists, posts vacant",
          posts.DeactivationIn, posts.StaffOut),
    Route("PUT", "/staff/{id}/password", ADMIN,
          revoking("reset_password", "actor", "id", "body"),
          "reset a password (older tokens stop)", posts.PasswordReset, posts.StaffOut),
    Route("GET", "/me/todo", ANY,
          lambda c: todo.gather(c.call, c.actor, c.settings.services),
          "我的待办: what waits for the caller, most urgent first; `missing` names services "
          "that did not answer", response=TodoOut),
    Route("PUT", "/me/password", ANY, change_password,
          "change one's password: older tokens stop; a fresh token comes back",
          posts.PasswordChange, TokenOut),
    Route("GET", "/posts", ANY, posts_call("list_posts", "query"), "posts",
          response=posts.PostOut, many=True,
          query=posts.PostQuery),
    Route("PUT", "/posts/{id}", ORG_MANAGERS, posts_call("update_post", "actor", "id", "body"),
          "change a post: title, duties, special, or a new holder who takes over its work",
          posts.PostUpdate, posts.PostOut),
    Route("POST", "/posts", ORG_MANAGERS, posts_call("create_post", "actor", "body"),
          "create a post with its A holder and ordered B backups", posts.PostIn, posts.PostOut,
          status=201),
    Route("PUT", "/posts/{id}/backups", ORG_MANAGERS,
          posts_call("set_backups", "actor", "id", "body"),
          "replace a post's B backups (order = takeover order)", posts.BackupsIn, posts.PostOut),
    Route("GET", "/posts/{id}", ANY, posts_call("get_post", "id"), "a post",
          response=posts.PostOut),
    Route("GET", "/posts/{id}/handovers", ANY, post_handovers, "handovers of a post",
          response=posts.HandoverOut, many=True, query=posts.HandoverQuery(exclude=("post_id",))),
    Route("GET", "/handovers", ANY, posts_call("list_handovers", "query"), "handovers",
          response=posts.HandoverOut, many=True, query=posts.HandoverQuery),
    Route("GET", "/org/warnings", ORG_MANAGERS, posts_call("org_warnings", "actor", "query"),
          "what needs fixing: divisions without a head or leader, posts without a B",
          response=posts.OrgWarning, many=True, query=posts.WarningsQuery),
    Route("GET", "/public/signage", PUBLIC, posts_call("signage", "query"),
          "post signage (工作岗位标识牌)", response=posts.SignageCard, many=True,
          query=posts.SignageQuery),
]
