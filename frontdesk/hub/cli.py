"""The `frontdesk-hub` command: serve, add-desk, revoke-desk, recount.

`serve` upgrades the hub's schema (once, whichever process comes first) and runs the API under
uvicorn, with TLS when given a certificate and key. `add-desk` prints the new desk's token once.
The database URL comes from --db or FRONTDESK_HUB_DB (postgresql://user@host:port/name).
Errors of the project are printed as their message with exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys

from frontdesk.config import language_override
from frontdesk.domain.errors import FrontdeskError, ValidationError
from frontdesk.i18n import _, set_language


def _engine(args):
    from frontdesk.hub.database import engine_for

    url = args.db or os.environ.get("FRONTDESK_HUB_DB", "")
    if not url:
        raise ValidationError(_("Give the hub's database with --db or FRONTDESK_HUB_DB, "
                                "e.g. postgresql://postgres@127.0.0.1:5432/frontdesk_hub."))
    return engine_for(url)


def cmd_serve(args) -> int:
    import uvicorn

    from frontdesk.hub.app import create_app
    from frontdesk.hub.database import upgrade

    engine = _engine(args)
    upgrade(engine)
    uvicorn.run(create_app(engine, accept_demo=args.demo), host=args.host, port=args.port, log_level=args.log_level,
                ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile, ssl_ca_certs=args.ssl_ca_certs)
    return 0


def cmd_add_desk(args) -> int:
    from frontdesk.hub.database import upgrade
    from frontdesk.hub.desks import add_desk, parse_roles

    roles = parse_roles(args.roles)
    engine = _engine(args)
    upgrade(engine)
    token = add_desk(engine, code=args.code, roles=roles)
    print(_("Desk {code} registered. Its token, shown only now (keep it in the desk's settings):").format(
        code=args.code.strip().upper()))
    print(token)
    return 0


def cmd_revoke_desk(args) -> int:
    from frontdesk.hub.desks import revoke_desk

    revoke_desk(_engine(args), code=args.code)
    print(_("Desk {code} revoked: its token no longer works.").format(code=args.code.strip().upper()))
    return 0


def cmd_set_roles(args) -> int:
    from frontdesk.hub.desks import parse_roles, set_roles

    roles = parse_roles(args.roles)
    set_roles(_engine(args), code=args.code, roles=roles)
    print(_("Desk {code} now allows: {roles}.").format(code=args.code.strip().upper(),
                                                       roles=", ".join(sorted(r.value for r in roles))))
    return 0


def cmd_recount(args) -> int:
    from frontdesk.hub.checksums import recount
    from frontdesk.hub.database import upgrade

    engine = _engine(args)
    upgrade(engine)
    sums = recount(engine)
    print(_("Checksums rebuilt from the site's record: {tables} tables, {rows} rows.").format(
        tables=len(sums), rows=sum(c.rows for c in sums.values())))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontdesk-hub", description="The Point's sync hub")
    parser.add_argument("--db", help="PostgreSQL URL (default: FRONTDESK_HUB_DB)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the hub's HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470)
    serve.add_argument("--ssl-certfile", help="TLS certificate (PEM); with --ssl-keyfile the hub speaks HTTPS")
    serve.add_argument("--ssl-keyfile", help="TLS private key (PEM)")
    serve.add_argument("--ssl-ca-certs", help="CA bundle (PEM) passed to uvicorn")
    serve.add_argument("--log-level", default="warning")
    serve.add_argument("--demo", action="store_true",
                       help="accept desks whose database is a demo (for trials and benchmarks only)")
    serve.set_defaults(func=cmd_serve)
    add = sub.add_parser("add-desk", help="register a desk and print its token once")
    add.add_argument("code", help="the desk's code, e.g. R1")
    add.add_argument("--roles", required=True, help="staff roles allowed at the desk, comma-separated "
                                                     "(reception, lab_technician, lab_manager, admin)")
    add.set_defaults(func=cmd_add_desk)
    revoke = sub.add_parser("revoke-desk", help="revoke a desk's token")
    revoke.add_argument("code")
    revoke.set_defaults(func=cmd_revoke_desk)
    roles = sub.add_parser("set-roles", help="change the staff roles allowed at a desk")
    roles.add_argument("code")
    roles.add_argument("--roles", required=True, help="the roles allowed from now on, comma-separated")
    roles.set_defaults(func=cmd_set_roles)
    recount = sub.add_parser("recount", help="rebuild the tables' checksums (after the record was changed by hand)")
    recount.set_defaults(func=cmd_recount)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    set_language(language_override() or "it")
    try:
        return args.func(args)
    except FrontdeskError as exc:
        if args.debug:
            raise
        print(exc.message, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
